// The form that records one cancellation on a membership's page: its values as typed, their check against the
// API's CancellationCreate schema (a wall-clock time read in the user's zone), and the form itself.
import { CancellationCreate, type CancellationCreateInput } from "../../../schema/memberships";
import { CANCELLATION_SIDES } from "../../../schema/tables";
import { realInstant } from "../../../schema/vocabulary";
import type { MembershipWithCancellations } from "../../db/memberships";
import type { Locale } from "../../texts/alerts";
import { localDateTime, zonedInstant } from "../../time/zones";
import { missingSides, sideText } from "./cancellation-sides";
import { Csrf } from "./layout";
import { TEXT } from "./membership-detail-text";

export type CancellationFormValues = Record<"side" | "cancelled_at" | "reference" | "evidence", string>;
export type CancellationErrors = Partial<Record<keyof CancellationFormValues, string>>;

/** The value of a datetime-local input: "2026-11-26T09:47" on the user's wall clock. */
export const datetimeLocal = (instant: number, timeZone: string) => localDateTime(instant, timeZone).replace(" ", "T");

/** Now, and the first side still missing (the platform when all are recorded). */
export function blankCancellation(
  membership: MembershipWithCancellations,
  now: number,
  timeZone: string,
): CancellationFormValues {
  return {
    side: missingSides(membership)[0] ?? "platform",
    cancelled_at: datetimeLocal(now, timeZone),
    reference: "",
    evidence: "",
  };
}

export function postedCancellation(body: Record<string, unknown>): CancellationFormValues {
  const text = (key: string) => (typeof body[key] === "string" ? (body[key] as string) : "");
  return {
    side: text("side"),
    cancelled_at: text("cancelled_at"),
    reference: text("reference"),
    evidence: text("evidence"),
  };
}

/** A datetime-local value read on the user's wall clock as an ISO instant; other text is left for zod to refuse. */
function instantOf(local: string, timeZone: string): string {
  const parts = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  // 2026-02-30T10:00 is no time at all: Date.UTC would move it to March 2, so it is left for zod to refuse.
  if (!parts || realInstant(`${local.trim()}Z`) === undefined) return local;
  const [year, month, day, hour, minute, second] = parts.slice(1).map((part) => Number(part ?? 0)) as number[];
  const utc = Date.UTC(year as number, (month as number) - 1, day, hour, minute, second);
  return new Date(zonedInstant(utc, timeZone)).toISOString();
}

export const cancellationErrors = (fields: (string | null | undefined)[], locale: Locale): CancellationErrors => {
  const errors: CancellationErrors = {};
  for (const field of fields) {
    const key = (field ?? "").split(".")[0] as keyof CancellationFormValues;
    const message = TEXT[locale].invalid[key];
    if (message && !errors[key]) errors[key] = message;
  }
  if (Object.keys(errors).length === 0) errors.side = TEXT[locale].invalid.side;
  return errors;
};

/** The form as the API's CancellationCreate, validated by the same schema. */
export function checkCancellation(
  values: CancellationFormValues,
  timeZone: string,
  locale: Locale,
): { ok: true; input: CancellationCreateInput } | { ok: false; errors: CancellationErrors } {
  const result = CancellationCreate.safeParse({
    side: values.side,
    cancelled_at: values.cancelled_at.trim() === "" ? undefined : instantOf(values.cancelled_at, timeZone),
    reference: values.reference.trim() === "" ? null : values.reference,
    evidence: values.evidence.trim() === "" ? null : values.evidence,
  });
  if (result.success) return { ok: true, input: result.data };
  return {
    ok: false,
    errors: cancellationErrors(
      result.error.issues.map((issue) => String(issue.path[0] ?? "")),
      locale,
    ),
  };
}

export function CancellationForm(props: {
  locale: Locale;
  csrf: string;
  membershipId: string;
  values: CancellationFormValues;
  errors: CancellationErrors;
}) {
  const { locale, values, errors } = props;
  const text = TEXT[locale];
  const error = (field: keyof CancellationFormValues) =>
    errors[field] && <span class="field-error">{errors[field]}</span>;
  return (
    <form method="post" action={`/app/memberships/${props.membershipId}/cancellations`} class="stack card">
      <Csrf token={props.csrf} />
      <p class="muted">{text.recordHint}</p>
      {Object.keys(errors).length > 0 && (
        <p class="flash error" role="alert">
          {Object.values(errors).join(locale === "zh-CN" ? "；" : "; ")}
        </p>
      )}
      <fieldset>
        <legend>{text.side}</legend>
        {CANCELLATION_SIDES.map((side) => (
          <label class="check">
            <input type="radio" name="side" value={side} checked={values.side === side} required />
            {sideText(side, locale)}
          </label>
        ))}
        {error("side")}
      </fieldset>
      <label>
        {text.cancelledAt}
        <input
          type="datetime-local"
          name="cancelled_at"
          value={values.cancelled_at}
          aria-invalid={errors.cancelled_at ? "true" : undefined}
        />
        {error("cancelled_at")}
      </label>
      <label>
        {text.reference}
        <span class="hint">{text.referenceHint}</span>
        <input name="reference" value={values.reference} maxlength={200} />
        {error("reference")}
      </label>
      <label>
        {text.evidence}
        <span class="hint">{text.evidenceHint}</span>
        <textarea name="evidence" rows={4} maxlength={2000}>
          {values.evidence}
        </textarea>
        {error("evidence")}
      </label>
      <div>
        <button type="submit">{text.save}</button>
      </div>
    </form>
  );
}
