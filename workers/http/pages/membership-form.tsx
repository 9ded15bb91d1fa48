// The add/edit membership form: its values as typed, their conversion to the API's input (validated by the
// API's own zod schemas, so the page accepts exactly what the API accepts) and the form itself.
import type { z } from "@hono/zod-openapi";
import type { Child } from "hono/jsx";
import { MembershipCreate, MembershipUpdate } from "../../../schema/memberships";
import { CYCLE_UNITS, type MembershipRow, PAYMENT_CHANNELS } from "../../../schema/tables";
import { CURRENCIES, currencyExponent, isCurrency } from "../../../schema/vocabulary";
import { normalizeMerchant } from "../../match";
import { formatMoney } from "../../money/format";
import { channelName, type Locale } from "../../texts/alerts";
import { Csrf } from "./layout";
import { presetCancelSteps, type ServicePreset } from "./membership-presets";
import { CYCLE_UNIT_NAMES } from "./membership-terms";

export const FORM_FIELDS = [
  "name",
  "merchant_aliases",
  "amount",
  "currency",
  "cycle_count",
  "cycle_unit",
  "next_renewal_on",
  "auto_renew",
  "channel",
  "cancel_notice_days",
  "refund_window_days",
  "trial_ends_on",
  "lead_days",
  "cancel_url",
  "cancel_steps",
  "support_contact",
  "notes",
] as const;

export type FormField = (typeof FORM_FIELDS)[number];
/** The form exactly as typed (a checkbox is "on" or ""), so a refused form comes back unchanged. */
export type MembershipFormValues = Record<FormField, string>;
export type FieldErrors = Partial<Record<FormField, string>>;

interface FieldText {
  label: string;
  hint?: string;
  /** What a valid value looks like: shown when the value was refused. */
  invalid: string;
}

const FIELDS: Record<Locale, Record<FormField, FieldText>> = {
  "zh-CN": {
    name: { label: "名称", invalid: "请填写名称（不超过 100 字）" },
    merchant_aliases: {
      label: "账单上的商户名",
      hint: "扣款短信、支付宝/微信账单里出现的名字，用逗号或换行分隔",
      invalid: "最多 50 个，每个不超过 100 字",
    },
    amount: { label: "每期金额", hint: "例如 25.00", invalid: "请填写金额，例如 25.00（小数位不超过该币种的位数）" },
    currency: { label: "币种", hint: "CNY、USD、HKD…", invalid: "请填写支持的三位币种代码，例如 CNY、USD" },
    cycle_count: { label: "每几个周期扣一次", invalid: "请填写 1 到 120 的整数" },
    cycle_unit: { label: "周期", invalid: "请选择周期" },
    next_renewal_on: { label: "下次续费日", invalid: "请选择下次续费的日期" },
    auto_renew: { label: "自动续费（到期自动扣款）", invalid: "请选择是否自动续费" },
    channel: { label: "付款渠道", invalid: "请选择付款渠道" },
    cancel_notice_days: {
      label: "须提前几天取消",
      hint: "有的平台要求续费前若干天关闭自动续费",
      invalid: "请填写 0 到 365 的整数",
    },
    refund_window_days: {
      label: "退款期限（天）",
      hint: "扣款后几天内可以申请退款，不清楚就填 0",
      invalid: "请填写 0 到 365 的整数",
    },
    trial_ends_on: { label: "试用结束日", hint: "没有试用就留空", invalid: "请选择日期，或留空" },
    lead_days: {
      label: "提前几天提醒",
      hint: "留空则用设置里的默认值",
      invalid: "请填写 0 到 90 的整数，或留空",
    },
    cancel_url: { label: "取消网址", invalid: "请填写以 https:// 或 http:// 开头的网址，或留空" },
    cancel_steps: {
      label: "取消步骤",
      hint: "平台关闭自动续费的路径，以及付款渠道解除免密/自动扣款协议的路径",
      invalid: "不超过 2000 字",
    },
    support_contact: { label: "客服联系方式", invalid: "不超过 500 字" },
    notes: { label: "备注", invalid: "不超过 2000 字" },
  },
  en: {
    name: { label: "Name", invalid: "Enter a name (up to 100 characters)" },
    merchant_aliases: {
      label: "Merchant names on bills",
      hint: "How it appears in charge SMS, Alipay/WeChat bills or card statements; separate with commas or new lines",
      invalid: "Up to 50 names of at most 100 characters each",
    },
    amount: {
      label: "Amount per cycle",
      hint: "e.g. 25.00",
      invalid: "Enter an amount such as 25.00 (no more decimals than the currency has)",
    },
    currency: {
      label: "Currency",
      hint: "CNY, USD, EUR…",
      invalid: "Enter a supported 3-letter currency code such as CNY or USD",
    },
    cycle_count: { label: "Every how many periods", invalid: "Enter a whole number from 1 to 120" },
    cycle_unit: { label: "Period", invalid: "Choose a billing period" },
    next_renewal_on: { label: "Next renewal", invalid: "Choose the next renewal date" },
    auto_renew: { label: "Renews automatically (charged when due)", invalid: "Choose whether it renews" },
    channel: { label: "Payment channel", invalid: "Choose how you pay" },
    cancel_notice_days: {
      label: "Cancel at least (days before renewal)",
      hint: "Some services need renewal switched off days ahead",
      invalid: "Enter a whole number of days from 0 to 365",
    },
    refund_window_days: {
      label: "Refund window (days)",
      hint: "Days after a charge in which you can ask for a refund; 0 if unsure",
      invalid: "Enter a whole number of days from 0 to 365",
    },
    trial_ends_on: {
      label: "Trial ends on",
      hint: "Leave empty when there is no trial",
      invalid: "Choose a date or leave it empty",
    },
    lead_days: {
      label: "Warn me (days before)",
      hint: "Empty: your default from Settings",
      invalid: "Enter a whole number from 0 to 90, or leave it empty",
    },
    cancel_url: {
      label: "Cancel URL",
      invalid: "Enter a web address starting with https:// or http://, or leave it empty",
    },
    cancel_steps: {
      label: "How to cancel",
      hint: "Where the service's auto-renewal is switched off, and where the payment channel's auto-deduct agreement is closed",
      invalid: "At most 2000 characters",
    },
    support_contact: { label: "Customer service", invalid: "At most 500 characters" },
    notes: { label: "Notes", invalid: "At most 2000 characters" },
  },
};

export const fieldLabel = (field: FormField, locale: Locale) => FIELDS[locale][field].label;

const TEXT = {
  "zh-CN": { check: "请检查：", save: "保存", priceNote: "预设金额是常见价格，请按你的账单核对。" },
  en: {
    check: "Please check: ",
    save: "Save",
    priceNote: "Preset amounts are typical prices; check them against your bill.",
  },
} as const;

// ---- values ----

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

// ---- values → API input ----

/** "25", "25.5", "25.00" → minor units with the currency's exponent; null when it is not such a number. */
export function amountMinorOf(text: string, currency: string): number | null {
  const parts = /^(\d{1,12})(?:\.(\d*))?$/.exec(text.trim());
  if (!parts) return null;
  // An unknown currency is refused on its own field; reading the amount as cents keeps that the only error.
  const exponent = isCurrency(currency) ? currencyExponent(currency) : 2;
  const fraction = parts[2] ?? "";
  if (fraction.length > exponent) return null;
  return Number(parts[1]) * 10 ** exponent + Number(fraction.padEnd(exponent, "0") || "0");
}

/** Bill names typed one per line or separated by commas (ASCII, full-width or 、). */
export const splitAliases = (text: string) =>
  text
    .split(/[\n,，、;；]+/)
    .map((alias) => alias.trim())
    .filter(Boolean);

/** A whole number as typed; anything else goes to zod as text, which refuses it on the right field. */
const wholeNumber = (text: string): number | string => (/^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : text);

const orNull = (text: string) => (text.trim() === "" ? null : text.trim());

/** The API's field names and types; empty optional fields become null so an edit can clear them. */
function apiInput(values: MembershipFormValues): Record<string, unknown> {
  const currency = values.currency.trim().toUpperCase();
  const amount = values.amount.trim();
  return {
    name: values.name,
    merchant_aliases: splitAliases(values.merchant_aliases),
    amount_minor: amountMinorOf(amount, currency) ?? amount,
    currency,
    cycle_unit: values.cycle_unit,
    cycle_count: values.cycle_count.trim() === "" ? 1 : wholeNumber(values.cycle_count),
    next_renewal_on: values.next_renewal_on.trim(),
    auto_renew: values.auto_renew !== "",
    channel: values.channel,
    cancel_notice_days: values.cancel_notice_days.trim() === "" ? 0 : wholeNumber(values.cancel_notice_days),
    refund_window_days: values.refund_window_days.trim() === "" ? 0 : wholeNumber(values.refund_window_days),
    trial_ends_on: orNull(values.trial_ends_on),
    lead_days: values.lead_days.trim() === "" ? null : wholeNumber(values.lead_days),
    cancel_url: orNull(values.cancel_url),
    cancel_steps: orNull(values.cancel_steps),
    support_contact: orNull(values.support_contact),
    notes: orNull(values.notes),
  };
}

// API field → form field: the amount is typed as a decimal, not in minor units.
const FORM_FIELD_OF: Record<string, FormField> = { amount_minor: "amount" };

export type Checked<T> = { ok: true; input: T } | { ok: false; errors: FieldErrors };

/** Per-field messages in the user's language for the fields zod refused. */
export function fieldErrors(issues: { path: PropertyKey[] }[], locale: Locale): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? "");
    const field = FORM_FIELD_OF[key] ?? FORM_FIELDS.find((name) => name === key);
    if (field && !errors[field]) errors[field] = FIELDS[locale][field].invalid;
  }
  return errors;
}

function check<T>(schema: z.ZodType<T>, values: MembershipFormValues, locale: Locale): Checked<T> {
  const result = schema.safeParse(apiInput(values));
  if (result.success) return { ok: true, input: result.data };
  const errors = fieldErrors(result.error.issues, locale);
  // A refusal that names no form field still must not pass silently.
  if (Object.keys(errors).length === 0) errors.name = result.error.issues[0]?.message ?? "invalid";
  return { ok: false, errors };
}

export const checkNewMembership = (values: MembershipFormValues, locale: Locale) =>
  check(MembershipCreate, values, locale);
export const checkMembershipChanges = (values: MembershipFormValues, locale: Locale) =>
  check(MembershipUpdate, values, locale);

// ---- the form ----

export const FORM_STYLE = `
.field-error{color:var(--danger);font-weight:600;font-size:.9rem}
label.check{display:flex;gap:.5rem;align-items:center}
[aria-invalid=true]{border-color:var(--danger)}
`;

function Field(props: { field: FormField; locale: Locale; errors: FieldErrors; children?: Child }) {
  const text = FIELDS[props.locale][props.field];
  const error = props.errors[props.field];
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control comes in as children
    <label>
      {text.label}
      {text.hint && <span class="hint">{text.hint}</span>}
      {props.children}
      {error && (
        <span class="field-error" id={`${props.field}-error`}>
          {text.label}
          {props.locale === "zh-CN" ? "：" : ": "}
          {error}
        </span>
      )}
    </label>
  );
}

/** The add/edit form, posting the API's field names (the amount as a decimal). */
export function MembershipForm(props: {
  locale: Locale;
  csrf: string;
  action: string;
  values: MembershipFormValues;
  errors: FieldErrors;
  showPriceNote?: boolean;
}) {
  const { locale, values, errors } = props;
  const text = TEXT[locale];
  const invalid = (field: FormField) =>
    errors[field] ? { "aria-invalid": "true", "aria-describedby": `${field}-error` } : {};
  const wrong = FORM_FIELDS.filter((field) => errors[field]);
  return (
    <form method="post" action={props.action} class="stack card">
      <Csrf token={props.csrf} />
      {wrong.length > 0 && (
        <p class="flash error" role="alert">
          {text.check}
          {wrong.map((field) => fieldLabel(field, locale)).join(locale === "zh-CN" ? "、" : ", ")}
        </p>
      )}
      <Field field="name" locale={locale} errors={errors}>
        <input name="name" value={values.name} required maxlength={100} {...invalid("name")} />
      </Field>
      <Field field="merchant_aliases" locale={locale} errors={errors}>
        <textarea name="merchant_aliases" rows={3} {...invalid("merchant_aliases")}>
          {values.merchant_aliases}
        </textarea>
      </Field>
      <div class="row">
        <Field field="amount" locale={locale} errors={errors}>
          <input name="amount" value={values.amount} inputmode="decimal" required {...invalid("amount")} />
        </Field>
        <Field field="currency" locale={locale} errors={errors}>
          <input
            name="currency"
            value={values.currency}
            list="currency-codes"
            maxlength={3}
            autocapitalize="characters"
            required
            {...invalid("currency")}
          />
        </Field>
      </div>
      <datalist id="currency-codes">
        {CURRENCIES.map((code) => (
          <option value={code} />
        ))}
      </datalist>
      {props.showPriceNote && <p class="muted">{text.priceNote}</p>}
      <div class="row">
        <Field field="cycle_count" locale={locale} errors={errors}>
          <input
            name="cycle_count"
            type="number"
            min={1}
            max={120}
            value={values.cycle_count}
            {...invalid("cycle_count")}
          />
        </Field>
        <Field field="cycle_unit" locale={locale} errors={errors}>
          <select name="cycle_unit" {...invalid("cycle_unit")}>
            {CYCLE_UNITS.map((unit) => (
              <option value={unit} selected={values.cycle_unit === unit}>
                {CYCLE_UNIT_NAMES[locale][unit]}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field field="next_renewal_on" locale={locale} errors={errors}>
        <input
          name="next_renewal_on"
          type="date"
          value={values.next_renewal_on}
          required
          {...invalid("next_renewal_on")}
        />
      </Field>
      <label class="check">
        <input type="checkbox" name="auto_renew" value="on" checked={values.auto_renew !== ""} />
        {FIELDS[locale].auto_renew.label}
      </label>
      <Field field="channel" locale={locale} errors={errors}>
        <select name="channel" {...invalid("channel")}>
          {PAYMENT_CHANNELS.map((channel) => (
            <option value={channel} selected={values.channel === channel}>
              {channelName(channel, locale)}
            </option>
          ))}
        </select>
      </Field>
      <div class="row">
        <Field field="cancel_notice_days" locale={locale} errors={errors}>
          <input
            name="cancel_notice_days"
            type="number"
            min={0}
            max={365}
            value={values.cancel_notice_days}
            {...invalid("cancel_notice_days")}
          />
        </Field>
        <Field field="refund_window_days" locale={locale} errors={errors}>
          <input
            name="refund_window_days"
            type="number"
            min={0}
            max={365}
            value={values.refund_window_days}
            {...invalid("refund_window_days")}
          />
        </Field>
        <Field field="lead_days" locale={locale} errors={errors}>
          <input name="lead_days" type="number" min={0} max={90} value={values.lead_days} {...invalid("lead_days")} />
        </Field>
      </div>
      <Field field="trial_ends_on" locale={locale} errors={errors}>
        <input name="trial_ends_on" type="date" value={values.trial_ends_on} {...invalid("trial_ends_on")} />
      </Field>
      <Field field="cancel_url" locale={locale} errors={errors}>
        <input
          name="cancel_url"
          type="url"
          inputmode="url"
          value={values.cancel_url}
          placeholder="https://"
          {...invalid("cancel_url")}
        />
      </Field>
      <Field field="cancel_steps" locale={locale} errors={errors}>
        <textarea name="cancel_steps" rows={5} {...invalid("cancel_steps")}>
          {values.cancel_steps}
        </textarea>
      </Field>
      <Field field="support_contact" locale={locale} errors={errors}>
        <input name="support_contact" value={values.support_contact} {...invalid("support_contact")} />
      </Field>
      <Field field="notes" locale={locale} errors={errors}>
        <textarea name="notes" rows={3} {...invalid("notes")}>
          {values.notes}
        </textarea>
      </Field>
      <div>
        <button type="submit">{text.save}</button>
      </div>
    </form>
  );
}
