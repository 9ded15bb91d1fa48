// Dashboard inbox: events that belong to no membership yet, each assignable in one form post, or dismissed as a
// one-off. Both run the same code as PATCH /api/v1/events/{id}: assigning teaches the membership the merchant's
// name and the watchdog re-evaluates the event; either resolves the event's unknown-subscription alert. Notices
// that were not payment notices at all are listed apart, collapsed.
import { type Context, Hono } from "hono";
import { isCurrency } from "../../../schema/vocabulary";
import { type EventRow, eventsOfUser, type InboundMessageRow, inboundMessagesOfUser } from "../../db/events";
import { type MembershipWithCancellations, membershipsOfUser } from "../../db/memberships";
import { matchEvent } from "../../match";
import { formatMoney } from "../../money/format";
import { updateEvent } from "../../services/events";
import { amountText, channelName, type Locale } from "../../texts/alerts";
import { userCtx } from "../context";
import type { PageEnv } from "../session";
import { Csrf, Flash, Layout } from "./layout";
import { pageAddress } from "./return-path";

// More than this many unassigned notices is a backlog to clear, not to scroll; the newest come first.
const INBOX_LIMIT = 200;

type PaymentKind = "charge" | "refund" | "renewal_notice" | "cancellation" | "signup";

const TEXT = {
  "zh-CN": {
    title: "待认领",
    intro: "这些通知没能自动对应到你的会员。选好会员后点「归入」，以后同一商户名的通知会自动归入。",
    kinds: {
      charge: "扣款",
      refund: "退款",
      renewal_notice: "续费通知",
      cancellation: "取消确认",
      signup: "签约/开通",
    } as Record<PaymentKind, string>,
    merchantUnknown: "（未识别商户）",
    cardTail: (tail: string) => `尾号 ${tail}`,
    assignTo: "归入会员",
    choose: "请选择会员…",
    inactive: "已取消/已结束",
    assign: "归入",
    newMembership: "新建会员",
    dismiss: "一次性消费，不是订阅",
    noMemberships: "你还没有会员可归入。",
    done: {
      assigned: "已归入。这个会员以后会自动认出这个商户名。",
      dismissed: "已作为一次性消费忽略，不再出现在这里，相关提醒也已处理。同一商户再次扣款时仍会提醒你。",
    } as Record<string, string>,
    chooseFirst: "请先选择要归入的会员。",
    emptyTitle: "没有待认领的通知",
    empty:
      "扣款短信、续费邮件到达后，能自动对应到会员的会直接归入；对应不上的会出现在这里。通知来源：把支付邮件自动转发到你的专属收件地址，或让短信转发 App / iOS 快捷指令把银行短信发到你的 Webhook 地址。",
    emptyLink: "在设置里查看你的地址和设置步骤",
    other: (count: number) => `未识别的通知（${count}）`,
    otherIntro:
      "这些消息不是付款通知（例如验证邮件、广告）。Gmail 等邮箱的转发确认邮件也会出现在这里，确认码在主题里。",
    from: "发件人",
    subject: "主题",
    noHeadline: "（没有发件人或主题）",
    received: "收到于",
  },
  en: {
    title: "Inbox",
    intro:
      "These notices could not be matched to a membership. Pick one and press Assign: notices from the same merchant name will then match by themselves.",
    kinds: {
      charge: "Charge",
      refund: "Refund",
      renewal_notice: "Renewal notice",
      cancellation: "Cancellation",
      signup: "Sign-up",
    } as Record<PaymentKind, string>,
    merchantUnknown: "(merchant not recognised)",
    cardTail: (tail: string) => `card ••${tail}`,
    assignTo: "Membership",
    choose: "Choose a membership…",
    inactive: "Cancelled / ended",
    assign: "Assign",
    newMembership: "New membership",
    dismiss: "One-off, not a subscription",
    noMemberships: "You have no memberships to assign to yet.",
    done: {
      assigned: "Assigned. This membership will recognise the merchant's name from now on.",
      dismissed:
        "Dismissed as a one-off: it leaves the inbox and any alert about it is resolved. Should the merchant charge again, you will be warned again.",
    } as Record<string, string>,
    chooseFirst: "Choose the membership to assign the notice to first.",
    emptyTitle: "Nothing to sort out",
    empty:
      "Charge texts and renewal e-mails that match a membership are filed automatically; those that do not show up here. Notices arrive when your mail rule forwards payment e-mails to your own inbound address, or an SMS-forwarder app or iOS Shortcut posts bank texts to your webhook URL.",
    emptyLink: "See your address and the setup steps in Settings",
    other: (count: number) => `Not understood (${count})`,
    otherIntro:
      "These messages were not payment notices (sign-up codes, newsletters…). Gmail's forwarding confirmation lands here too, with the code in its subject.",
    from: "From",
    subject: "Subject",
    noHeadline: "(no sender or subject)",
    received: "Received",
  },
} as const;

type Text = (typeof TEXT)[Locale];

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

function when(iso: string, locale: Locale, timeZone: string): string {
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return iso;
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: "medium", timeStyle: "short" }).format(instant);
}

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

function MembershipOption(props: { membership: MembershipWithCancellations; selected: boolean; locale: Locale }) {
  const { membership } = props;
  const price = amountText(membership.amountMinor, membership.currency, props.locale);
  return (
    <option value={membership.id} selected={props.selected}>
      {price ? `${membership.name} · ${price}` : membership.name}
    </option>
  );
}

function EventCard(props: {
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
    when(event.occurredAt, locale, props.timeZone),
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
        <form method="post" action={`/app/inbox/${encodeURIComponent(event.id)}/dismiss`}>
          <Csrf token={props.csrf} />
          <button type="submit" class="secondary">
            {text.dismiss}
          </button>
        </form>
      </div>
    </article>
  );
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
              <span class="muted">{when(message?.receivedAt ?? event.occurredAt, props.locale, props.timeZone)}</span>
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

async function InboxPage(props: { c: Context<PageEnv>; error?: string }) {
  const { c } = props;
  const { db, user } = c.var;
  const locale = user.locale;
  const text: Text = TEXT[locale];
  const [unmatched, all] = await Promise.all([
    eventsOfUser(db, user.id, { unmatched: true, limit: INBOX_LIMIT }),
    membershipsOfUser(db, user.id),
  ]);
  const memberships = [...all].sort((a, b) => a.name.localeCompare(b.name, locale));
  const payments = unmatched.filter((event) => event.kind !== "other");
  const others = unmatched.filter((event) => event.kind === "other");
  const messages = await inboundMessagesOfUser(
    db,
    user.id,
    others.map((event) => event.inboundMessageId).filter((id): id is string => Boolean(id)),
  );
  const done = c.req.query("done");
  return (
    <Layout locale={locale} title={text.title} section="inbox" csrf={c.var.csrf} here={pageAddress(c)} style={STYLE}>
      <h1>{text.title}</h1>
      {done && text.done[done] && <Flash>{text.done[done]}</Flash>}
      {props.error && <Flash kind="error">{props.error}</Flash>}
      {payments.length > 0 ? (
        <>
          <p class="muted">{text.intro}</p>
          {payments.map((event) => (
            <EventCard
              event={event}
              memberships={memberships}
              best={bestCandidate(event, memberships, user.timezone)}
              locale={locale}
              timeZone={user.timezone}
              csrf={c.var.csrf}
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
        <OtherNotices events={others} messages={messages} locale={locale} timeZone={user.timezone} />
      )}
    </Layout>
  );
}

export const inboxPages = new Hono<PageEnv>();

inboxPages.get("/", (c) => c.html(<InboxPage c={c} />));

inboxPages.post("/:eventId/assign", async (c) => {
  const form = await c.req.parseBody();
  const membershipId = typeof form.membership_id === "string" ? form.membership_id.trim() : "";
  if (!membershipId) return c.html(<InboxPage c={c} error={TEXT[c.var.user.locale].chooseFirst} />, 400);
  await updateEvent(userCtx(c), c.req.param("eventId"), { membershipId });
  return c.redirect("/app/inbox?done=assigned", 303);
});

inboxPages.post("/:eventId/dismiss", async (c) => {
  await updateEvent(userCtx(c), c.req.param("eventId"), { dismissed: true });
  return c.redirect("/app/inbox?done=dismissed", 303);
});
