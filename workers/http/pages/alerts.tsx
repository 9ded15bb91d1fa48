// Dashboard: every alert the watchdog raised, newest first, with what happened to each delivery — the
// local outbox in dev (provider "outbox"), and the place to see a dead e-mail or SMS in production. Open alerts
// can be resolved here with a reason; resolved ones stay listed with how they were resolved.
import { type Context, Hono } from "hono";
import { type AlertWithDeliveries, alertsOfUser } from "../../db/alerts";
import { resolveAlert } from "../../services/alerts";
import { DomainError } from "../../services/errors";
import { forReader } from "../alerts";
import { userCtx } from "../context";
import type { PageEnv } from "../session";
import { AlertCard } from "./alert-card";
import { type Filter, FilterLinks, filterOf, filterQuery } from "./alert-filter";
import { OFFERED_REASONS } from "./alert-resolutions";
import { TEXT } from "./alerts-text";
import { Flash, type Frame, frameOf, Layout } from "./layout";

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

interface AlertsProps {
  frame: Frame;
  timeZone: string;
  publicUrl: string;
  filter: Filter;
  /** The newest alerts that pass the filter, in the reader's language. */
  alerts: AlertWithDeliveries[];
  /** The change just made (?done=…). */
  done: string | undefined;
  /** Why the form just posted was refused. */
  error?: string;
}

async function alertsPageData(c: Context<PageEnv>): Promise<AlertsProps> {
  const filter = filterOf(c);
  return {
    frame: frameOf(c),
    timeZone: c.var.user.timezone,
    publicUrl: c.env.PUBLIC_URL,
    filter,
    alerts: await forReader(c, await alertsOfUser(c.var.db, c.var.user.id, { ...filter, limit: 100 })),
    done: c.req.query("done"),
  };
}

function AlertsPage(props: AlertsProps) {
  const { frame, filter, done } = props;
  const { locale } = frame;
  const text = TEXT[locale];
  const filtered = Boolean(filter.kind || filter.state);
  return (
    <Layout {...frame} title={text.title} section="alerts" style={STYLE}>
      <h1>{text.title}</h1>
      <p class="muted">{text.intro}</p>
      {done && text.done[done] && <Flash>{text.done[done]}</Flash>}
      {props.error && <Flash kind="error">{props.error}</Flash>}
      <FilterLinks filter={filter} locale={locale} />
      {props.alerts.length === 0 &&
        (filtered ? (
          <p class="card">
            {text.noMatch} <a href="/app/alerts">{text.clearFilter}</a>
          </p>
        ) : (
          <p class="card">{text.empty}</p>
        ))}
      {props.alerts.map((alert) => (
        <AlertCard
          alert={alert}
          filter={filter}
          locale={locale}
          timeZone={props.timeZone}
          csrf={frame.csrf}
          publicUrl={props.publicUrl}
        />
      ))}
    </Layout>
  );
}

export const alertsPages = new Hono<PageEnv>();

alertsPages.get("/", async (c) => c.html(<AlertsPage {...(await alertsPageData(c))} />));

alertsPages.post("/:id/resolve", async (c) => {
  const text = TEXT[c.var.user.locale];
  const refused = async (error: string, status: 400 | 409) =>
    c.html(<AlertsPage {...(await alertsPageData(c))} error={error} />, status);
  const form = await c.req.parseBody();
  const reason = OFFERED_REASONS.find((offered) => offered === form.reason);
  if (!reason) return refused(text.reasonMissing, 400);
  const id = c.req.param("id");
  try {
    await resolveAlert(userCtx(c), id, reason);
  } catch (error) {
    // A second tab, or the watchdog itself, got there first: show the list as it is now.
    if (error instanceof DomainError && error.code === "already_resolved") return refused(text.alreadyResolved, 409);
    throw error;
  }
  return c.redirect(`/app/alerts${filterQuery(filterOf(c), { done: "resolved" })}#${encodeURIComponent(id)}`, 303);
});
