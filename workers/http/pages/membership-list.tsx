// The memberships list: each with its status, price, channel, next renewal and last day to cancel, and a warning
// where only the platform side of a cancellation is recorded.
import type { MembershipWithCancellations } from "../../db/memberships";
import { channelName, type Locale } from "../../texts/alerts";
import { missingSides } from "./cancellation-sides";
import { Flash, type Frame, Layout } from "./layout";
import { aside, cancelByDate, dayText, labelled, priceText, relativeDays, statusText } from "./membership-terms";
import { TEXT } from "./memberships-text";

export const LIST_STYLE = `
ul.plain{list-style:none;padding:0;margin:0;display:grid;gap:.6rem}
ul.plain li.card{margin:0}
.choices{display:flex;flex-wrap:wrap;gap:.5rem;margin:0 0 1rem}
.choices a{display:inline-block;padding:.45rem .7rem;border:1px solid var(--line);border-radius:.4rem;background:var(--card);text-decoration:none}
.choices a[aria-current=true]{border-color:var(--accent);font-weight:600}
`;

export interface MembershipListProps {
  frame: Frame;
  /** Today in the user's zone (YYYY-MM-DD), for "in 3 days". */
  today: string;
  memberships: MembershipWithCancellations[];
  /** Whether a membership was just deleted. */
  deleted: boolean;
}

function MembershipItem(props: { membership: MembershipWithCancellations; locale: Locale; today: string }) {
  const { membership: m, locale, today } = props;
  const text = TEXT[locale];
  const cancelBy = cancelByDate(m);
  const renews = m.status === "active" && m.autoRenew;
  return (
    <li class="card">
      <a href={`/app/memberships/${m.id}`}>
        <strong>{m.name}</strong>
      </a>{" "}
      <span class={`badge ${m.status}`}>{statusText(m.status, locale)}</span>{" "}
      {m.cancellations.length > 0 && missingSides(m).includes("payment_channel") && (
        <span class="badge cancelled">{text.halfCancelled}</span>
      )}
      <div>
        {priceText(m, locale)} · {channelName(m.channel, locale)}
      </div>
      <div>
        {labelled(text.nextRenewal, locale)}
        {renews ? (
          <>
            {dayText(m.nextRenewalOn, locale)}{" "}
            <span class="muted">{aside(relativeDays(today, m.nextRenewalOn, locale), locale)}</span>
          </>
        ) : (
          <span class="muted">{text.noRenewal}</span>
        )}
      </div>
      {cancelBy && (
        <div>
          {labelled(text.cancelBy, locale)}
          <strong>{dayText(cancelBy, locale)}</strong>{" "}
          <span class="muted">{aside(relativeDays(today, cancelBy, locale), locale)}</span>
        </div>
      )}
    </li>
  );
}

export function MembershipListPage(props: MembershipListProps) {
  const { frame, memberships } = props;
  const { locale } = frame;
  const text = TEXT[locale];
  return (
    <Layout {...frame} title={text.title} section="memberships" style={LIST_STYLE}>
      <h1>{text.title}</h1>
      {props.deleted && <Flash>{text.deleted}</Flash>}
      <p>
        <a class="button" href="/app/memberships/new">
          {text.add}
        </a>
      </p>
      {memberships.length === 0 ? (
        <div class="card">
          <p>{text.empty}</p>
        </div>
      ) : (
        <ul class="plain">
          {memberships.map((m) => (
            <MembershipItem membership={m} locale={locale} today={props.today} />
          ))}
        </ul>
      )}
    </Layout>
  );
}
