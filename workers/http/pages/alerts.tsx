// Dashboard: every alert the watchdog raised, newest first, with what happened to each delivery — the
// local outbox in dev (provider "outbox"), and the place to see a dead e-mail or SMS in production.
import { Hono } from "hono";
import { ALERT_KINDS } from "../../../schema/tables";
import { localDateTime } from "../../calendar";
import { alertsOfUser, type DeliveryRow } from "../../db/alerts";
import { PHONE_NOT_CONFIRMED } from "../../deliver/outbox";
import type { Locale } from "../../deliver/texts";
import type { PageEnv } from "../session";
import { Layout } from "./layout";

type Kind = (typeof ALERT_KINDS)[number];

const TEXT = {
  "zh-CN": {
    title: "提醒记录",
    intro: "看门狗发出的每条提醒，以及邮件/短信的投递情况。",
    empty: "还没有提醒。登记会员、设置好转发后，续费前和异常扣款时会在这里出现。",
    all: "全部",
    membership: "查看会员",
    inbox: "去认领",
    channel: { email: "邮件", sms: "短信" },
    status: { pending: "待发送", sent: "已发送", failed: "重试中", dead: "发送失败" } as Record<string, string>,
    outbox: "本地发件箱（未配置服务商）",
    attempts: (n: number) => `尝试 ${n} 次`,
    phoneNotConfirmed: "手机号未确认，短信没有发出：去设置里确认",
    kinds: {
      renewal_upcoming: "即将续费",
      cancel_deadline: "取消截止",
      trial_ending: "试用到期",
      charge_after_cancel: "取消后仍扣款",
      half_cancelled: "只取消了一半",
      price_changed: "价格变了",
      unknown_subscription: "未知扣款",
      renewal_unconfirmed: "未见续费扣款",
      refund_window_closing: "退款期将过",
    } satisfies Record<Kind, string>,
  },
  en: {
    title: "Alerts",
    intro: "Every alert the watchdog raised, and how its e-mail and SMS went.",
    empty: "No alerts yet. Once memberships are registered and forwarding is set up, they appear here.",
    all: "All",
    membership: "Open membership",
    inbox: "Assign it",
    channel: { email: "E-mail", sms: "SMS" },
    status: { pending: "pending", sent: "sent", failed: "retrying", dead: "failed" } as Record<string, string>,
    outbox: "local outbox (no provider configured)",
    attempts: (n: number) => `${n} attempt${n === 1 ? "" : "s"}`,
    phoneNotConfirmed: "phone not confirmed, so no text went out: confirm it in Settings",
    kinds: {
      renewal_upcoming: "Renewal coming",
      cancel_deadline: "Cancel-by date",
      trial_ending: "Trial ending",
      charge_after_cancel: "Charged after cancelling",
      half_cancelled: "Half cancelled",
      price_changed: "Price changed",
      unknown_subscription: "Unknown charge",
      renewal_unconfirmed: "Renewal not seen",
      refund_window_closing: "Refund window closing",
    } satisfies Record<Kind, string>,
  },
} as const;

const STYLE = `
.alert h2{margin:.2rem 0 .4rem;font-size:1.05rem}
.alert .body{white-space:pre-wrap;margin:.5rem 0}
.kinds{display:flex;flex-wrap:wrap;gap:.4rem;margin:0 0 1rem}
.kinds a{padding:.15rem .6rem;border:1px solid var(--line);border-radius:1rem;text-decoration:none;background:#fff}
.kinds a[aria-current=page]{border-color:var(--accent);font-weight:600}
.urgent{border-left:4px solid var(--danger)}
ul.deliveries{margin:.3rem 0 0;padding-left:1.1rem;font-size:.9rem}
`;

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

export const alertsPages = new Hono<PageEnv>();

alertsPages.get("/", async (c) => {
  const user = c.var.user;
  const locale = user.locale;
  const text = TEXT[locale];
  const requested = c.req.query("kind");
  const kind = ALERT_KINDS.find((known) => known === requested);
  const rows = await alertsOfUser(c.var.db, user.id, { kind, limit: 100 });
  return c.html(
    <Layout locale={locale} title={text.title} section="alerts" csrf={c.var.csrf} style={STYLE}>
      <h1>{text.title}</h1>
      <p class="muted">{text.intro}</p>
      <nav class="kinds" aria-label={text.title}>
        <a href="/app/alerts" aria-current={kind ? undefined : "page"}>
          {text.all}
        </a>
        {ALERT_KINDS.map((each) => (
          <a href={`/app/alerts?kind=${each}`} aria-current={kind === each ? "page" : undefined}>
            {text.kinds[each]}
          </a>
        ))}
      </nav>
      {rows.length === 0 && <p class="card">{text.empty}</p>}
      {rows.map((alert) => (
        <article class={URGENT.includes(alert.kind) ? "card alert urgent" : "card alert"} id={alert.id}>
          <p class="muted">
            <span class="badge">{text.kinds[alert.kind]}</span>{" "}
            {localDateTime(Date.parse(alert.createdAt), user.timezone)}
          </p>
          <h2>{alert.title}</h2>
          <p class="body">{alert.body}</p>
          {alert.membershipId ? (
            <a href={`/app/memberships/${alert.membershipId}`}>{text.membership}</a>
          ) : (
            alert.kind === "unknown_subscription" && <a href="/app/inbox">{text.inbox}</a>
          )}
          {alert.deliveries.length > 0 && (
            <ul class="deliveries">
              {alert.deliveries.map((delivery) => (
                <Delivery delivery={delivery} locale={locale} />
              ))}
            </ul>
          )}
        </article>
      ))}
    </Layout>,
  );
});
