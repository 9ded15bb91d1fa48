// The add/edit membership form itself, posting the API's field names (see membership-form-fields.ts for the
// fields, -values.ts for what fills them in and -check.ts for how a post is validated).
import type { Child } from "hono/jsx";
import { CYCLE_UNITS, PAYMENT_CHANNELS } from "../../../schema/tables";
import { CURRENCIES } from "../../../schema/vocabulary";
import { channelName, type Locale } from "../../texts/alerts";
import { Csrf } from "./layout";
import {
  FIELDS,
  type FieldErrors,
  FORM_FIELDS,
  type FormField,
  fieldLabel,
  type MembershipFormValues,
} from "./membership-form-fields";
import { CYCLE_UNIT_NAMES } from "./membership-terms";

export { FORM_FIELDS } from "./membership-form-fields";

const TEXT = {
  "zh-CN": { check: "请检查：", save: "保存", priceNote: "预设金额是常见价格，请按你的账单核对。" },
  en: {
    check: "Please check: ",
    save: "Save",
    priceNote: "Preset amounts are typical prices; check them against your bill.",
  },
} as const;

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
  /** A whole number from `min` to `max`. */
  const numberField = (field: FormField, min: number, max: number) => (
    <Field field={field} locale={locale} errors={errors}>
      <input name={field} type="number" min={min} max={max} value={values[field]} {...invalid(field)} />
    </Field>
  );
  const textArea = (field: FormField, rows: number) => (
    <Field field={field} locale={locale} errors={errors}>
      <textarea name={field} rows={rows} {...invalid(field)}>
        {values[field]}
      </textarea>
    </Field>
  );
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
      {textArea("merchant_aliases", 3)}
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
        {numberField("cycle_count", 1, 120)}
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
        {numberField("cancel_notice_days", 0, 365)}
        {numberField("refund_window_days", 0, 365)}
        {numberField("lead_days", 0, 90)}
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
      {textArea("cancel_steps", 5)}
      <Field field="support_contact" locale={locale} errors={errors}>
        <input name="support_contact" value={values.support_contact} {...invalid("support_contact")} />
      </Field>
      {textArea("notes", 3)}
      <div>
        <button type="submit">{text.save}</button>
      </div>
    </form>
  );
}
