// Dashboard: every alert the watchdog raised, newest first, with what happened to each delivery — the
// local outbox in dev (provider "outbox"), and the place to see a dead e-mail or SMS in production. Open alerts
// can be resolved here with a reason; resolved ones stay listed with how they were resolved.
import { type Context, Hono } from "hono";
import type { Child } from "hono/jsx";
import { ALERT_KINDS, ALERT_STATES } from "../../../schema/tables";
import { type AlertWithDeliveries, alertsOfUser, type DeliveryRow } from "../../db/alerts";
import { PHONE_NOT_CONFIRMED } from "../../deliver/outbox";
import { resolveAlert } from "../../services/alerts";
import { DomainError } from "../../services/errors";
import type { Locale } from "../../texts/alerts";
import { alertKindName } from "../../texts/kind-names";
import { localDateTime } from "../../time/zones";
import { forReader, presentResolution } from "../alerts";
import { userCtx } from "../context";
import type { PageEnv } from "../session";
import { OFFERED_REASONS, RESOLUTION_NAMES, resolutionText } from "./alert-resolutions";
import { Csrf, Flash, Layout } from "./layout";
import { pageAddress } from "./return-path";

type Kind = (typeof ALERT_KINDS)[number];
type State = (typeof ALERT_STATES)[number];

const TEXT = {
  "zh-CN": {
    title: "提醒记录",
    intro: "看门狗发出的每条提醒，以及邮件/短信的投递情况。",
    empty: "还没有提醒。登记会员、设置好转发后，续费前和异常扣款时会在这里出现。",
    noMatch: "没有符合这个筛选条件的提醒。",
    clearFilter: "查看全部提醒",
    all: "全部",
    states: { open: "待处理", resolved: "已处理" } satisfies Record<State, string>,
    stateFilter: "处理状态",
    reason: "处理结果",
    chooseReason: "请选择…",
    resolve: "标为已处理",
    resolveHint: "处理后不再提醒，记录仍保留在这里和会员时间线上。",
    done: { resolved: "已标为已处理；还没发出的邮件/短信不会再发。" } as Record<string, string>,
    reasonMissing: "请先选择处理结果。",
    alreadyResolved: "这条提醒已经处理过了。",
    membership: "查看会员",
    inbox: "去认领",
    channel: { email: "邮件", sms: "短信" },
    status: { pending: "待发送", sent: "已发送", failed: "重试中", dead: "发送失败" } as Record<string, string>,
    outbox: "本地发件箱（未配置服务商）",
    attempts: (n: number) => `尝试 ${n} 次`,
    phoneNotConfirmed: "手机号未确认，短信没有发出：去设置里确认",
  },
  en: {
    title: "Alerts",
    intro: "Every alert the watchdog raised, and how its e-mail and SMS went.",
    empty: "No alerts yet. Once memberships are registered and forwarding is set up, they appear here.",
    noMatch: "No alerts match this filter.",
    clearFilter: "Show all alerts",
    all: "All",
    states: { open: "Open", resolved: "Resolved" } satisfies Record<State, string>,
    stateFilter: "State",
    reason: "Outcome",
    chooseReason: "Choose…",
    resolve: "Mark resolved",
    resolveHint: "It stops asking for action and stays listed here and on the membership's timeline.",
    done: {
      resolved: "Marked resolved; any e-mail or SMS not sent yet will not be sent.",
    } as Record<string, string>,
    reasonMissing: "Choose an outcome first.",
    alreadyResolved: "This alert was already resolved.",
    membership: "Open membership",
    inbox: "Assign it",
    channel: { email: "E-mail", sms: "SMS" },
    status: { pending: "pending", sent: "sent", failed: "retrying", dead: "failed" } as Record<string, string>,
    outbox: "local outbox (no provider configured)",
    attempts: (n: number) => `${n} attempt${n === 1 ? "" : "s"}`,
    phoneNotConfirmed: "phone not confirmed, so no text went out: confirm it in Settings",
  },
} as const;

const STYLE = `
.alert h2{margin:.2rem 0 .4rem;font-size:1.05rem}
.alert .body{white-space:pre-wrap;margin:.5rem 0}
.kinds{display:flex;flex-wrap:wrap;gap:.4rem;margin:0 0 1rem}
.kinds a{padding:.15rem .6rem;border:1px solid var(--line);border-radius:1rem;text-decoration:none;background:#fff}
.kinds a[aria-current=page]{border-color:var(--accent);font-weight:600}
.urgent{border-left:4px solid var(--danger)}
.alert.resolved{opacity:.85}
.alert .resolution{font-weight:600;margin:.5rem 0 0}
ul.deliveries{margin:.3rem 0 0;padding-left:1.1rem;font-size:.9rem}
form.resolve{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:.75rem 0 0}
form.resolve label{flex:1 1 12rem}
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

interface Filter {
  kind?: Kind;
  state?: State;
}

/** The list's filter from the query; unknown values are no filter. */
function filterOf(c: Context<PageEnv>): Filter {
  return {
    kind: ALERT_KINDS.find((known) => known === c.req.query("kind")),
    state: ALERT_STATES.find((known) => known === c.req.query("state")),
  };
}

/** The query for a filter (kind first, so the kind links stay /app/alerts?kind=…), with extras such as done. */
function filterQuery(filter: Filter, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams();
  if (filter.kind) query.set("kind", filter.kind);
  if (filter.state) query.set("state", filter.state);
  for (const [key, value] of Object.entries(extra)) query.set(key, value);
  const text = query.toString();
  return text ? `?${text}` : "";
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

function AlertCard(props: {
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

function FilterLinks(props: { filter: Filter; locale: Locale }) {
  const text = TEXT[props.locale];
  const { filter } = props;
  return (
    <>
      <nav class="kinds" aria-label={text.stateFilter}>
        <a href={`/app/alerts${filterQuery({ kind: filter.kind })}`} aria-current={filter.state ? undefined : "page"}>
          {text.all}
        </a>
        {ALERT_STATES.map((state) => (
          <a
            href={`/app/alerts${filterQuery({ ...filter, state })}`}
            aria-current={filter.state === state ? "page" : undefined}
          >
            {text.states[state]}
          </a>
        ))}
      </nav>
      <nav class="kinds" aria-label={text.title}>
        <a href={`/app/alerts${filterQuery({ state: filter.state })}`} aria-current={filter.kind ? undefined : "page"}>
          {text.all}
        </a>
        {ALERT_KINDS.map((each) => (
          <a
            href={`/app/alerts${filterQuery({ ...filter, kind: each })}`}
            aria-current={filter.kind === each ? "page" : undefined}
          >
            {alertKindName(each, props.locale)}
          </a>
        ))}
      </nav>
    </>
  );
}

async function AlertsPage(props: { c: Context<PageEnv>; error?: string }) {
  const { c } = props;
  const user = c.var.user;
  const locale = user.locale;
  const text = TEXT[locale];
  const filter = filterOf(c);
  const rows = await forReader(c, await alertsOfUser(c.var.db, user.id, { ...filter, limit: 100 }));
  const done = c.req.query("done");
  const filtered = Boolean(filter.kind || filter.state);
  return (
    <Layout locale={locale} title={text.title} section="alerts" csrf={c.var.csrf} here={pageAddress(c)} style={STYLE}>
      <h1>{text.title}</h1>
      <p class="muted">{text.intro}</p>
      {done && text.done[done] && <Flash>{text.done[done]}</Flash>}
      {props.error && <Flash kind="error">{props.error}</Flash>}
      <FilterLinks filter={filter} locale={locale} />
      {rows.length === 0 &&
        (filtered ? (
          <p class="card">
            {text.noMatch} <a href="/app/alerts">{text.clearFilter}</a>
          </p>
        ) : (
          <p class="card">{text.empty}</p>
        ))}
      {rows.map((alert) => (
        <AlertCard
          alert={alert}
          filter={filter}
          locale={locale}
          timeZone={user.timezone}
          csrf={c.var.csrf}
          publicUrl={c.env.PUBLIC_URL}
        />
      ))}
    </Layout>
  );
}

export const alertsPages = new Hono<PageEnv>();

alertsPages.get("/", (c) => c.html(<AlertsPage c={c} />));

alertsPages.post("/:id/resolve", async (c) => {
  const text = TEXT[c.var.user.locale];
  const form = await c.req.parseBody();
  const reason = OFFERED_REASONS.find((offered) => offered === form.reason);
  if (!reason) return c.html(<AlertsPage c={c} error={text.reasonMissing} />, 400);
  const id = c.req.param("id");
  try {
    await resolveAlert(userCtx(c), id, reason);
  } catch (error) {
    // A second tab, or the watchdog itself, got there first: show the list as it is now.
    if (error instanceof DomainError && error.code === "already_resolved") {
      return c.html(<AlertsPage c={c} error={text.alreadyResolved} />, 409);
    }
    throw error;
  }
  return c.redirect(`/app/alerts${filterQuery(filterOf(c), { done: "resolved" })}#${encodeURIComponent(id)}`, 303);
});
