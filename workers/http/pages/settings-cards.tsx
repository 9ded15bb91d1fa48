// The settings page's other cards: confirming the stored phone with the code texted to it, and the calendar feed
// with its rotate button.
import type { DomainError } from "../../services/errors";
import type { Locale } from "../../texts/alerts";
import { Csrf, Flash } from "./layout";
import { TEXT } from "./settings-text";

/** A form that is one secondary button (send a new code, rotate the feed URL). */
const ButtonForm = (props: { action: string; csrf: string; label: string }) => (
  <form method="post" action={props.action}>
    <Csrf token={props.csrf} />
    <p>
      <button type="submit" class="secondary">
        {props.label}
      </button>
    </p>
  </form>
);

/** Confirming the stored phone: shown while it is not confirmed. */
export function PhoneCard(props: {
  locale: Locale;
  csrf: string;
  phone: string;
  /** When the waiting code expires, in the user's zone; null when none waits. */
  codeUntil: string | null;
  smsChosen: boolean;
  error?: string;
}) {
  const text = TEXT[props.locale];
  return (
    <section class="card" id="phone">
      <h2>{text.confirmTitle}</h2>
      <p>{text.confirmIntro(props.phone)}</p>
      {props.smsChosen && <p class="muted">{text.smsHeld}</p>}
      {props.error && <Flash kind="error">{props.error}</Flash>}
      <p class="muted">{props.codeUntil ? text.codeWaiting(props.codeUntil) : text.noCodeWaiting}</p>
      <form method="post" action="/app/settings/phone/confirm" class="stack">
        <Csrf token={props.csrf} />
        <label>
          {text.code}
          <input
            type="text"
            name="code"
            inputmode="numeric"
            autocomplete="one-time-code"
            maxlength={12}
            required
            aria-invalid={props.error ? "true" : undefined}
          />
        </label>
        <div>
          <button type="submit">{text.confirm}</button>
        </div>
      </form>
      <ButtonForm action="/app/settings/phone/code" csrf={props.csrf} label={text.resend} />
    </section>
  );
}

export function CalendarCard(props: { locale: Locale; csrf: string; url: string | null }) {
  const text = TEXT[props.locale];
  return (
    <section class="card" id="calendar">
      <h2>{text.calendar}</h2>
      <p>{text.calendarIntro}</p>
      {props.url ? (
        <>
          <label>
            {text.calendarUrl}
            <input type="url" readonly value={props.url} name="calendar_url" />
          </label>
          <p>
            <a class="button secondary" href={props.url.replace(/^https?:/, "webcal:")}>
              {text.calendarSubscribe}
            </a>
          </p>
          <ol>
            {text.calendarSteps.map((step) => (
              <li>{step}</li>
            ))}
          </ol>
          <ButtonForm action="/app/settings/calendar/rotate" csrf={props.csrf} label={text.rotate} />
        </>
      ) : (
        <p class="muted">{text.calendarOff}</p>
      )}
    </section>
  );
}

/** A refused code, in the page's language: the tries left follow a wrong code. */
export function codeErrorText(locale: Locale, error: DomainError): string {
  const text = TEXT[locale];
  const message = text.codeErrors[error.code] ?? error.message;
  const left = error.extra.details?.attempts_left as number | undefined;
  return left === undefined ? message : `${message} ${text.triesLeft(left)}`;
}
