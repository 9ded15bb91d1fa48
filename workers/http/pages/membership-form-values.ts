// The add/edit membership form's values: blank, from a service or channel preset, with what an inbox notice said,
// from a stored membership for editing, and as posted.
import type { MembershipRow } from "../../../schema/tables";
import { isCurrency } from "../../../schema/vocabulary";
import { normalizeMerchant } from "../../match";
import { formatMoney } from "../../money/format";
import type { Locale } from "../../texts/alerts";
import { splitAliases } from "./membership-form-check";
import { FORM_FIELDS, type MembershipFormValues } from "./membership-form-fields";
import { presetCancelSteps, type ServicePreset } from "./membership-presets";

const empty = Object.fromEntries(FORM_FIELDS.map((field) => [field, ""])) as MembershipFormValues;

/** A blank form: monthly, auto-renewing, in the currency the user most likely pays in. */
export function blankValues(locale: Locale): MembershipFormValues {
  return {
    ...empty,
    currency: locale === "zh-CN" ? "CNY" : "USD",
    cycle_count: "1",
    cycle_unit: "month",
    auto_renew: "on",
    channel: "other",
    cancel_notice_days: "0",
    refund_window_days: "0",
  };
}

/** A blank form paid through `channel`, its cancel path already in the steps. */
export function channelValues(channel: MembershipRow["channel"], locale: Locale): MembershipFormValues {
  return { ...blankValues(locale), channel, cancel_steps: presetCancelSteps(null, channel, locale) };
}

/** The form filled from a service preset, optionally paid through another channel than its usual one. */
export function presetValues(
  preset: ServicePreset,
  locale: Locale,
  channel: MembershipRow["channel"] = preset.channel,
): MembershipFormValues {
  return {
    ...blankValues(locale),
    name: preset.name[locale],
    merchant_aliases: preset.merchantAliases.join("\n"),
    amount: preset.amount,
    currency: preset.currency,
    cycle_count: String(preset.cycleCount),
    cycle_unit: preset.cycleUnit,
    channel,
    cancel_notice_days: String(preset.cancelNoticeDays ?? 0),
    refund_window_days: String(preset.refundWindowDays ?? 0),
    cancel_url: preset.cancelUrl ?? "",
    cancel_steps: presetCancelSteps(preset.platformSteps[locale], channel, locale),
    support_contact: preset.supportContact?.[locale] ?? "",
  };
}

/** What a notice in the inbox tells a new membership's form: the merchant as the bill shows it, the amount. */
export interface NoticePrefill {
  merchant?: string;
  amount?: string;
  currency?: string;
}

const NOTICE_FIELDS = ["merchant", "amount", "currency"] as const;

/** The notice's facts from a query (`?merchant=…&amount=25.00&currency=CNY`), each only if it looks right; null when none. */
export function noticePrefill(query: (name: string) => string | undefined): NoticePrefill | null {
  const merchant = query("merchant")?.trim().slice(0, 100);
  const amount = query("amount")?.trim();
  const currency = query("currency")?.trim().toUpperCase();
  const notice: NoticePrefill = {
    merchant: merchant || undefined,
    amount: amount && /^\d{1,12}(\.\d{1,4})?$/.test(amount) ? amount : undefined,
    currency: currency && isCurrency(currency) ? currency : undefined,
  };
  return NOTICE_FIELDS.some((field) => notice[field] !== undefined) ? notice : null;
}

/** A query that starts the form from `base` (preset, channel) and keeps the notice's facts. */
export function noticeQuery(notice: NoticePrefill | null, base: Record<string, string>): string {
  const query = new URLSearchParams(base);
  for (const field of NOTICE_FIELDS) {
    const value = notice?.[field];
    if (value) query.set(field, value);
  }
  return query.toString();
}

/**
 * The form with the notice's facts on top: its merchant becomes a bill name (unless one already matches it) and,
 * for a form not started from a preset, the name; its amount and currency replace the usual ones.
 */
export function withNotice(
  values: MembershipFormValues,
  notice: NoticePrefill | null,
  options: { name: boolean },
): MembershipFormValues {
  if (!notice) return values;
  const aliases = splitAliases(values.merchant_aliases);
  const merchant = notice.merchant;
  const known = aliases.map(normalizeMerchant);
  const learns = merchant && !known.includes(normalizeMerchant(merchant));
  return {
    ...values,
    name: options.name && merchant ? merchant : values.name,
    merchant_aliases: learns ? [...aliases, merchant].join("\n") : values.merchant_aliases,
    amount: notice.amount ?? values.amount,
    currency: notice.currency ?? values.currency,
  };
}

/** The form showing a stored membership, for editing. */
export function recordValues(row: MembershipRow): MembershipFormValues {
  let amount: string;
  try {
    amount = formatMoney(row.amountMinor, row.currency).split(" ")[0] ?? "";
  } catch {
    amount = String(row.amountMinor);
  }
  return {
    name: row.name,
    merchant_aliases: row.merchantAliases.join("\n"),
    amount,
    currency: row.currency,
    cycle_count: String(row.cycleCount),
    cycle_unit: row.cycleUnit,
    next_renewal_on: row.nextRenewalOn,
    auto_renew: row.autoRenew ? "on" : "",
    channel: row.channel,
    cancel_notice_days: String(row.cancelNoticeDays),
    refund_window_days: String(row.refundWindowDays),
    trial_ends_on: row.trialEndsOn ?? "",
    lead_days: row.leadDays === null ? "" : String(row.leadDays),
    cancel_url: row.cancelUrl ?? "",
    cancel_steps: row.cancelSteps ?? "",
    support_contact: row.supportContact ?? "",
    notes: row.notes ?? "",
  };
}

/** The posted form's fields (anything else in the body is ignored). */
export function postedValues(body: Record<string, unknown>): MembershipFormValues {
  const values = { ...empty };
  for (const field of FORM_FIELDS) {
    const value = body[field];
    if (typeof value === "string") values[field] = value;
  }
  return values;
}
