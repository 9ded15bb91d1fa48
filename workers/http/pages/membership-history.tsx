// What a membership's page lists as having happened: the cancellations recorded on each side, with their
// references and evidence, and the most recent charges and notices matched to it.
import type { EventRow } from "../../db/events";
import type { MembershipWithCancellations } from "../../db/memberships";
import { amountText, type Locale } from "../../texts/alerts";
import { sideText } from "./cancellation-sides";
import { TEXT } from "./membership-detail-text";
import { instantText, labelled } from "./membership-terms";

export function Cancellations(props: { membership: MembershipWithCancellations; locale: Locale; timeZone: string }) {
  const { membership: m, locale } = props;
  const text = TEXT[locale];
  return (
    <>
      <h2>{text.cancellations}</h2>
      {m.cancellations.length === 0 ? (
        <p class="muted">{text.noCancellations}</p>
      ) : (
        <ul class="plain">
          {m.cancellations.map((cancellation) => (
            <li class="card">
              <strong>{sideText(cancellation.side, locale)}</strong>
              <div class="muted">{instantText(cancellation.cancelledAt, locale, props.timeZone)}</div>
              {cancellation.reference && (
                <div>
                  {labelled(text.reference, locale)}
                  <code>{cancellation.reference}</code>
                </div>
              )}
              {cancellation.evidence && (
                <div class="prewrap">
                  {labelled(text.evidence, locale)}
                  {cancellation.evidence}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function RecentEvents(props: { events: EventRow[]; locale: Locale; timeZone: string }) {
  const { events, locale } = props;
  const text = TEXT[locale];
  return (
    <>
      <h2>{text.events}</h2>
      {events.length === 0 ? (
        <p class="muted">{text.noEvents}</p>
      ) : (
        <div class="table-wrap card">
          <table>
            <thead>
              <tr>
                <th>{text.at}</th>
                <th>{text.kind}</th>
                <th>{text.price}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr>
                  <td>{instantText(event.occurredAt, locale, props.timeZone)}</td>
                  <td>
                    {text.eventKinds[event.kind] ?? event.kind}
                    {event.merchant && <div class="muted">{event.merchant}</div>}
                  </td>
                  <td>{amountText(event.amountMinor, event.currency, locale) ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
