// One unassigned payment notice in the inbox: what it says, the form that assigns it to a membership (the
// matcher's best guess chosen), a new membership started from it, and dismissing it as a one-off.
import { isCurrency } from "../../../schema/vocabulary";
import type { EventRow } from "../../db/events";
import type { MembershipWithCancellations } from "../../db/memberships";
import { formatMoney } from "../../money/format";
import { amountText, channelName, type Locale } from "../../texts/alerts";
import { type PaymentKind, TEXT, type Text } from "./inbox-text";
import { Csrf, PostButton } from "./layout";
import { instantText } from "./membership-terms";

/** The amount as a plain decimal for a form field ("25.00"); refunds sometimes arrive signed. */
function decimalAmount(event: EventRow): string | null {
  if (event.amountMinor === null || !event.currency || !isCurrency(event.currency)) return null;
  return formatMoney(Math.abs(event.amountMinor), event.currency).split(" ")[0] ?? null;
}

/** The memberships page's new-membership form, prefilled from what the notice says (name, bill name, amount). */
function newMembershipHref(event: EventRow): string {
  const query = new URLSearchParams();
  if (event.merchant) query.set("merchant", event.merchant);
  const amount = decimalAmount(event);
  if (amount && event.currency) {
    query.set("amount", amount);
    query.set("currency", event.currency);
  }
  if (event.channel) query.set("channel", event.channel);
  const search = query.toString();
  return search ? `/app/memberships/new?${search}` : "/app/memberships/new";
}

function MembershipOption(props: { membership: MembershipWithCancellations; selected: boolean; locale: Locale }) {
  const { membership } = props;
  const price = amountText(membership.amountMinor, membership.currency, props.locale);
  return (
    <option value={membership.id} selected={props.selected}>
      {price ? `${membership.name} · ${price}` : membership.name}
    </option>
  );
}

export function EventCard(props: {
  event: EventRow;
  memberships: MembershipWithCancellations[];
  best: string | null;
  locale: Locale;
  timeZone: string;
  csrf: string;
}) {
  const { event, locale } = props;
  const text: Text = TEXT[locale];
  const amount = amountText(event.amountMinor, event.currency, locale);
  const active = props.memberships.filter((membership) => membership.status === "active");
  const inactive = props.memberships.filter((membership) => membership.status !== "active");
  const facts = [
    instantText(event.occurredAt, locale, props.timeZone),
    event.channel ? channelName(event.channel, locale) : null,
    event.cardTail ? text.cardTail(event.cardTail) : null,
  ].filter((fact): fact is string => Boolean(fact));
  return (
    <article class="card event">
      <h2>
        {event.merchant ?? text.merchantUnknown}
        {amount && ` · ${amount}`}
      </h2>
      <p class="facts muted">
        <span class="badge">{text.kinds[event.kind as PaymentKind] ?? event.kind}</span> {facts.join(" · ")}
      </p>
      {props.memberships.length > 0 ? (
        <form method="post" action={`/app/inbox/${encodeURIComponent(event.id)}/assign`} class="assign">
          <Csrf token={props.csrf} />
          <label>
            {text.assignTo}
            <select name="membership_id" required>
              {!props.best && (
                <option value="" selected>
                  {text.choose}
                </option>
              )}
              {active.map((membership) => (
                <MembershipOption membership={membership} selected={membership.id === props.best} locale={locale} />
              ))}
              {inactive.length > 0 && (
                <optgroup label={text.inactive}>
                  {inactive.map((membership) => (
                    <MembershipOption membership={membership} selected={membership.id === props.best} locale={locale} />
                  ))}
                </optgroup>
              )}
            </select>
          </label>
          <button type="submit">{text.assign}</button>
        </form>
      ) : (
        <p class="muted">{text.noMemberships}</p>
      )}
      <div class="other-actions">
        <a class="button secondary" href={newMembershipHref(event)}>
          {text.newMembership}
        </a>
        <PostButton action={`/app/inbox/${encodeURIComponent(event.id)}/dismiss`} csrf={props.csrf} class="secondary">
          {text.dismiss}
        </PostButton>
      </div>
    </article>
  );
}
