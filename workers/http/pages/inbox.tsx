// Dashboard inbox: events that belong to no membership yet, each assignable in one form post, or dismissed as a
// one-off. Both run the same code as PATCH /api/v1/events/{id}: assigning teaches the membership the merchant's
// name and the watchdog re-evaluates the event; either resolves the event's unknown-subscription alert. Notices
// that were not payment notices at all are listed apart, collapsed.
import { type Context, Hono } from "hono";
import { type EventRow, eventsOfUser, type InboundMessageRow, inboundMessagesOfUser } from "../../db/events";
import { type MembershipWithCancellations, membershipsOfUser } from "../../db/memberships";
import { matchEvent } from "../../match";
import { updateEvent } from "../../services/events";
import type { Locale } from "../../texts/alerts";
import { userCtx } from "../context";
import type { PageEnv } from "../session";
import { EventCard } from "./inbox-event";
import { TEXT, type Text } from "./inbox-text";
import { Flash, type Frame, frameOf, Layout } from "./layout";
import { instantText } from "./membership-terms";

// More than this many unassigned notices is a backlog to clear, not to scroll; the newest come first.
const INBOX_LIMIT = 200;

const STYLE = `
.event h2{margin:0 0 .25rem;font-size:1.05rem}
.event .facts{margin:0 0 .75rem}
.event form.assign{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:0 0 .5rem}
.event form.assign label{flex:1 1 12rem}
.event .other-actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.event .other-actions form{margin:0}
details.other summary{cursor:pointer;font-weight:600;padding:.25rem 0}
details.other ul{padding-left:1.2rem}
`;

/** The membership the matcher ranks first for this event (a near tie still has a best one), if any. */
function bestCandidate(event: EventRow, memberships: MembershipWithCancellations[], timeZone: string) {
  const result = matchEvent(
    {
      kind: event.kind,
      amount_minor: event.amountMinor,
      currency: event.currency,
      merchant: event.merchant,
      occurred_at: event.occurredAt,
      channel: event.channel,
    },
    memberships,
    { timeZone },
  );
  return result.membershipId ?? result.candidates[0]?.membershipId ?? null;
}

function OtherNotices(props: {
  events: EventRow[];
  messages: Map<string, InboundMessageRow>;
  locale: Locale;
  timeZone: string;
}) {
  const text: Text = TEXT[props.locale];
  return (
    <details class="card other">
      <summary>{text.other(props.events.length)}</summary>
      <p class="muted">{text.otherIntro}</p>
      <ul>
        {props.events.map((event) => {
          const message = event.inboundMessageId ? props.messages.get(event.inboundMessageId) : undefined;
          return (
            <li>
              <span class="muted">
                {instantText(message?.receivedAt ?? event.occurredAt, props.locale, props.timeZone)}
              </span>
              {message?.sender && (
                <div>
                  {text.from}: {message.sender}
                </div>
              )}
              {message?.subject && (
                <div>
                  {text.subject}: {message.subject}
                </div>
              )}
              {!message?.sender && !message?.subject && <div class="muted">{text.noHeadline}</div>}
            </li>
          );
        })}
      </ul>
    </details>
  );
}

interface InboxProps {
  frame: Frame;
  timeZone: string;
  /** The payment notices no membership claims, each with the membership the matcher ranks first. */
  payments: { event: EventRow; best: string | null }[];
  /** The memberships to assign to, by name. */
  memberships: MembershipWithCancellations[];
  /** The notices that were no payment notice, with the messages they came in. */
  others: EventRow[];
  messages: Map<string, InboundMessageRow>;
  /** The change just made (?done=…). */
  done: string | undefined;
  /** Why the form just posted was refused. */
  error?: string;
}

async function inboxPageData(c: Context<PageEnv>): Promise<InboxProps> {
  const { db, user } = c.var;
  const [unmatched, all] = await Promise.all([
    eventsOfUser(db, user.id, { unmatched: true, limit: INBOX_LIMIT }),
    membershipsOfUser(db, user.id),
  ]);
  const memberships = [...all].sort((a, b) => a.name.localeCompare(b.name, user.locale));
  const others = unmatched.filter((event) => event.kind === "other");
  const messages = await inboundMessagesOfUser(
    db,
    user.id,
    others.map((event) => event.inboundMessageId).filter((id): id is string => Boolean(id)),
  );
  return {
    frame: frameOf(c),
    timeZone: user.timezone,
    payments: unmatched
      .filter((event) => event.kind !== "other")
      .map((event) => ({ event, best: bestCandidate(event, memberships, user.timezone) })),
    memberships,
    others,
    messages,
    done: c.req.query("done"),
  };
}

function InboxPage(props: InboxProps) {
  const { frame, payments, others, done } = props;
  const { locale } = frame;
  const text: Text = TEXT[locale];
  return (
    <Layout {...frame} title={text.title} section="inbox" style={STYLE}>
      <h1>{text.title}</h1>
      {done && text.done[done] && <Flash>{text.done[done]}</Flash>}
      {props.error && <Flash kind="error">{props.error}</Flash>}
      {payments.length > 0 ? (
        <>
          <p class="muted">{text.intro}</p>
          {payments.map(({ event, best }) => (
            <EventCard
              event={event}
              memberships={props.memberships}
              best={best}
              locale={locale}
              timeZone={props.timeZone}
              csrf={frame.csrf}
            />
          ))}
        </>
      ) : (
        <section class="card">
          <h2>{text.emptyTitle}</h2>
          <p>{text.empty}</p>
          <p>
            <a href="/app/settings">{text.emptyLink}</a>
          </p>
        </section>
      )}
      {others.length > 0 && (
        <OtherNotices events={others} messages={props.messages} locale={locale} timeZone={props.timeZone} />
      )}
    </Layout>
  );
}

export const inboxPages = new Hono<PageEnv>();

inboxPages.get("/", async (c) => c.html(<InboxPage {...(await inboxPageData(c))} />));

inboxPages.post("/:eventId/assign", async (c) => {
  const form = await c.req.parseBody();
  const membershipId = typeof form.membership_id === "string" ? form.membership_id.trim() : "";
  if (!membershipId) {
    return c.html(<InboxPage {...(await inboxPageData(c))} error={TEXT[c.var.user.locale].chooseFirst} />, 400);
  }
  await updateEvent(userCtx(c), c.req.param("eventId"), { membershipId });
  return c.redirect("/app/inbox?done=assigned", 303);
});

inboxPages.post("/:eventId/dismiss", async (c) => {
  await updateEvent(userCtx(c), c.req.param("eventId"), { dismissed: true });
  return c.redirect("/app/inbox?done=dismissed", 303);
});
