// One alert in the list: what it says (its timeline link a link), where to act on it, how each delivery went, and
// how it was resolved or the form to resolve it.
import type { Child } from "hono/jsx";
import type { ALERT_KINDS } from "../../../schema/tables";
import type { AlertWithDeliveries, DeliveryRow } from "../../db/alerts";
import { PHONE_NOT_CONFIRMED } from "../../deliver/outbox";
import type { Locale } from "../../texts/alerts";
import { alertKindName } from "../../texts/kind-names";
import { localDateTime } from "../../time/zones";
import { presentResolution } from "../alerts";
import { type Filter, filterQuery } from "./alert-filter";
import { OFFERED_REASONS, RESOLUTION_NAMES, resolutionText } from "./alert-resolutions";
import { TEXT } from "./alerts-text";
import { Csrf } from "./layout";

type Kind = (typeof ALERT_KINDS)[number];

const URGENT: Kind[] = ["charge_after_cancel", "half_cancelled", "unknown_subscription"];

function Delivery(props: { delivery: DeliveryRow; locale: Locale }) {
  const text = TEXT[props.locale];
  const { delivery } = props;
  return (
    <li>
      {text.channel[delivery.channel]}: {text.status[delivery.status] ?? delivery.status}
      {delivery.providerId === "outbox" && ` — ${text.outbox}`} · {text.attempts(delivery.attempts)}
      {delivery.lastError === PHONE_NOT_CONFIRMED ? (
        <span class="muted">
          {" · "}
          <a href="/app/settings#phone">{text.phoneNotConfirmed}</a>
        </span>
      ) : (
        delivery.lastError && delivery.status !== "sent" && <span class="muted"> · {delivery.lastError}</span>
      )}
    </li>
  );
}

function ResolveForm(props: { alert: AlertWithDeliveries; filter: Filter; locale: Locale; csrf: string }) {
  const text = TEXT[props.locale];
  const names = RESOLUTION_NAMES[props.locale];
  return (
    <form
      method="post"
      action={`/app/alerts/${encodeURIComponent(props.alert.id)}/resolve${filterQuery(props.filter)}`}
      class="resolve"
    >
      <Csrf token={props.csrf} />
      <label>
        {text.reason}
        <span class="hint">{text.resolveHint}</span>
        <select name="reason" required>
          <option value="" selected>
            {text.chooseReason}
          </option>
          {OFFERED_REASONS.map((reason) => (
            <option value={reason}>{names[reason]}</option>
          ))}
        </select>
      </label>
      <button type="submit" class="secondary">
        {text.resolve}
      </button>
    </form>
  );
}

/** A signed link to one of our own membership timelines, as alert bodies carry it; nothing else is a link. */
function timelineLinkPattern(publicUrl: string): RegExp {
  const base = publicUrl.replace(/\/+$/, "").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`${base}/timeline/mem_[a-z2-7]{16}\\?exp=\\d+&sig=[A-Za-z0-9_-]+`, "g");
}

/** The body as text (escaped by JSX), its timeline link a link that opens the printable timeline. */
function AlertBody(props: { body: string; publicUrl: string }) {
  const parts: Child[] = [];
  let from = 0;
  for (const found of props.body.matchAll(timelineLinkPattern(props.publicUrl))) {
    parts.push(props.body.slice(from, found.index), <a href={found[0]}>{found[0]}</a>);
    from = found.index + found[0].length;
  }
  parts.push(props.body.slice(from));
  return <>{parts}</>;
}

export function AlertCard(props: {
  alert: AlertWithDeliveries;
  filter: Filter;
  locale: Locale;
  timeZone: string;
  csrf: string;
  publicUrl: string;
}) {
  const { alert, locale } = props;
  const text = TEXT[locale];
  const resolution = presentResolution(alert);
  const classes = ["card", "alert", resolution ? "resolved" : URGENT.includes(alert.kind) ? "urgent" : ""];
  return (
    <article class={classes.filter(Boolean).join(" ")} id={alert.id} data-state={alert.state}>
      <p class="muted">
        <span class="badge">{alertKindName(alert.kind, locale)}</span>{" "}
        {resolution && <span class="badge ended">{text.states.resolved}</span>}{" "}
        {localDateTime(Date.parse(alert.createdAt), props.timeZone)}
      </p>
      <h2>{alert.title}</h2>
      <p class="body">
        <AlertBody body={alert.body} publicUrl={props.publicUrl} />
      </p>
      {alert.membershipId ? (
        <a href={`/app/memberships/${alert.membershipId}`}>{text.membership}</a>
      ) : (
        alert.kind === "unknown_subscription" && !resolution && <a href="/app/inbox">{text.inbox}</a>
      )}
      {alert.deliveries.length > 0 && (
        <ul class="deliveries">
          {alert.deliveries.map((delivery) => (
            <Delivery delivery={delivery} locale={locale} />
          ))}
        </ul>
      )}
      {resolution ? (
        <p class="resolution">
          {resolutionText(resolution, locale, localDateTime(Date.parse(resolution.resolved_at), props.timeZone))}
        </p>
      ) : (
        <ResolveForm alert={alert} filter={props.filter} locale={locale} csrf={props.csrf} />
      )}
    </article>
  );
}
