// The add/edit membership form's values as the API's input, validated by the API's own zod schemas (so the page
// accepts exactly what the API accepts), and the schemas' refusals as messages on the form's fields.
import type { z } from "@hono/zod-openapi";
import { MembershipCreate, MembershipUpdate } from "../../../schema/memberships";
import { currencyExponent, isCurrency } from "../../../schema/vocabulary";
import type { Locale } from "../../texts/alerts";
import {
  FIELDS,
  type FieldErrors,
  FORM_FIELDS,
  type FormField,
  type MembershipFormValues,
} from "./membership-form-fields";

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
