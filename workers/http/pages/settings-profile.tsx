// The settings page's profile form: the values as typed, their conversion to the API's UserUpdate body, the
// schema's refusals as messages on their fields, and the form card itself.
import type { Child } from "hono/jsx";
import type { UserRow } from "../../../schema/tables";
import type { Locale } from "../../texts/alerts";
import { Csrf } from "./layout";
import { type Field, TEXT } from "./settings-text";

// The zones most users pick; the user's own zone is added when it is not among them.
const TIME_ZONES = [
  "Asia/Shanghai",
  "Asia/Hong_Kong",
  "Asia/Macau",
  "Asia/Taipei",
  "Asia/Tokyo",
  "Asia/Seoul",
  "Asia/Singapore",
  "Asia/Kuala_Lumpur",
  "Asia/Bangkok",
  "Asia/Kolkata",
  "Asia/Dubai",
  "Australia/Sydney",
  "Pacific/Auckland",
  "Europe/London",
  "Europe/Paris",
  "Europe/Berlin",
  "Europe/Moscow",
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
  "America/Toronto",
  "America/Vancouver",
  "UTC",
];

/** The form as typed: strings, kept as they were when the form comes back with errors. */
export interface ProfileForm {
  email: string;
  phone: string;
  channels: string[];
  quiet_start: string;
  quiet_end: string;
  timezone: string;
  locale: string;
  lead_days: string;
  renewal_grace_days: string;
}

export function formOf(user: UserRow): ProfileForm {
  return {
    email: user.email,
    phone: user.phone ?? "",
    channels: user.channels,
    quiet_start: user.quietHoursStart ?? "",
    quiet_end: user.quietHoursEnd ?? "",
    timezone: user.timezone,
    locale: user.locale,
    lead_days: String(user.leadDays),
    renewal_grace_days: String(user.renewalGraceDays),
  };
}

export function formFromBody(body: Record<string, string | File | (string | File)[]>): ProfileForm {
  const one = (key: string) => {
    const value = body[key];
    return typeof value === "string" ? value.trim() : "";
  };
  const channels = body.channels;
  return {
    email: one("email"),
    phone: one("phone"),
    channels: (Array.isArray(channels) ? channels : [channels]).filter(
      (value): value is string => typeof value === "string",
    ),
    quiet_start: one("quiet_start"),
    quiet_end: one("quiet_end"),
    timezone: one("timezone"),
    locale: one("locale"),
    lead_days: one("lead_days"),
    renewal_grace_days: one("renewal_grace_days"),
  };
}

// Numbers stay strings when they are not whole numbers, so the schema names the field instead of guessing.
const integer = (value: string) => (/^-?\d{1,4}$/.test(value) ? Number(value) : value);

/** The form as the API's UserUpdate body: spaces in a phone number are typing, not content. */
export function updateOf(form: ProfileForm) {
  const phone = form.phone.replace(/[\s-]/g, "");
  return {
    email: form.email,
    phone: phone === "" ? null : phone,
    channels: form.channels,
    quiet_hours:
      form.quiet_start === "" && form.quiet_end === "" ? null : { start: form.quiet_start, end: form.quiet_end },
    timezone: form.timezone,
    locale: form.locale,
    lead_days: integer(form.lead_days),
    renewal_grace_days: integer(form.renewal_grace_days),
  };
}

export type FieldErrors = Partial<Record<Field, string>>;

const FIELDS = new Set<string>([
  "email",
  "phone",
  "channels",
  "quiet_hours",
  "timezone",
  "locale",
  "lead_days",
  "renewal_grace_days",
]);

/** The schema's refusals as one message per field, in the page's language. */
export function profileErrors(issues: { path: PropertyKey[] }[], locale: Locale): FieldErrors {
  const text = TEXT[locale];
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? "");
    if (FIELDS.has(field)) errors[field as Field] ??= text.errors[field as Field];
  }
  return errors;
}

const FieldError = (props: { message?: string }) =>
  props.message ? <span class="field-error">{props.message}</span> : null;

/** A label with its hint, the control, and what is wrong with the value. */
const Labelled = (props: { label: Child; hint?: string; error?: string; children: Child }) => (
  // biome-ignore lint/a11y/noLabelWithoutControl: the control comes in as children
  <label>
    {props.label}
    {props.hint && <span class="hint">{props.hint}</span>}
    {props.children}
    <FieldError message={props.error} />
  </label>
);

export function ProfileFormCard(props: {
  locale: Locale;
  csrf: string;
  form: ProfileForm;
  errors: FieldErrors;
  /** Whether the stored phone is confirmed; null when none is stored. */
  phoneConfirmed: boolean | null;
}) {
  const text = TEXT[props.locale];
  const { form, errors } = props;
  const zones = TIME_ZONES.includes(form.timezone) || !form.timezone ? TIME_ZONES : [form.timezone, ...TIME_ZONES];
  const phoneLabel = (
    <span>
      {text.phone}{" "}
      {props.phoneConfirmed !== null && (
        <span
          class={props.phoneConfirmed ? "badge active" : "badge cancelled"}
          data-phone-state={props.phoneConfirmed ? "confirmed" : "unconfirmed"}
        >
          {props.phoneConfirmed ? text.phoneConfirmed : text.phoneUnconfirmed}
        </span>
      )}
    </span>
  );
  return (
    <section class="card">
      <h2>{text.profile}</h2>
      <form method="post" action="/app/settings" class="stack">
        <Csrf token={props.csrf} />
        <Labelled label={text.email} hint={text.emailHint} error={errors.email}>
          <input
            type="email"
            name="email"
            value={form.email}
            required
            autocomplete="email"
            aria-invalid={errors.email ? "true" : undefined}
          />
        </Labelled>
        <Labelled label={phoneLabel} hint={text.phoneHint} error={errors.phone}>
          <input
            type="tel"
            name="phone"
            value={form.phone}
            autocomplete="tel"
            inputmode="tel"
            aria-invalid={errors.phone ? "true" : undefined}
          />
        </Labelled>
        <fieldset>
          <legend>{text.channels}</legend>
          {(["email", "sms"] as const).map((channel) => (
            <label>
              <input type="checkbox" name="channels" value={channel} checked={form.channels.includes(channel)} />
              {text.channelNames[channel]}
            </label>
          ))}
          <div>
            <FieldError message={errors.channels} />
          </div>
        </fieldset>
        <div class="row">
          <Labelled label={text.quietStart}>
            <input type="time" name="quiet_start" value={form.quiet_start} />
          </Labelled>
          <Labelled label={text.quietEnd}>
            <input type="time" name="quiet_end" value={form.quiet_end} />
          </Labelled>
        </div>
        <p class="hint muted">{text.quietHint}</p>
        <FieldError message={errors.quiet_hours} />
        <div class="row">
          <Labelled label={text.timezone} hint={text.timezoneHint} error={errors.timezone}>
            <select name="timezone">
              {zones.map((zone) => (
                <option value={zone} selected={zone === form.timezone}>
                  {zone}
                </option>
              ))}
            </select>
          </Labelled>
          <Labelled label={text.locale} error={errors.locale}>
            <select name="locale">
              <option value="zh-CN" selected={form.locale === "zh-CN"}>
                简体中文
              </option>
              <option value="en" selected={form.locale === "en"}>
                English
              </option>
            </select>
          </Labelled>
        </div>
        <div class="row">
          <Labelled label={text.leadDays} hint={text.leadDaysHint} error={errors.lead_days}>
            <input type="number" name="lead_days" value={form.lead_days} min="0" max="90" inputmode="numeric" />
          </Labelled>
          <Labelled label={text.graceDays} hint={text.graceDaysHint} error={errors.renewal_grace_days}>
            <input
              type="number"
              name="renewal_grace_days"
              value={form.renewal_grace_days}
              min="1"
              max="14"
              inputmode="numeric"
            />
          </Labelled>
        </div>
        <div>
          <button type="submit">{text.save}</button>
        </div>
      </form>
    </section>
  );
}
