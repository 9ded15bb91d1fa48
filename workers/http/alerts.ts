// The user's alerts with the state of each delivery (GET /alerts), and resolving one (POST /alerts/{id}/resolve).
import type { Context } from "hono";
import { Alert, AlertList, type AlertOutput, AlertQuery, AlertResolve } from "../../schema/alerts";
import { IdParam } from "../../schema/common";
import { type AlertWithDeliveries, alertsOfUser } from "../db/alerts";
import { resolutionOf, resolveAlert } from "../services/alerts";
import { inLocale } from "../texts/in-locale";
import { type AppEnv, newRouter, userCtx } from "./context";
import { errorResponses, jsonBody, jsonContent, userRoute } from "./openapi";

export const presentResolution = resolutionOf;

export function presentAlert(row: AlertWithDeliveries): AlertOutput {
  return {
    id: row.id,
    kind: row.kind,
    membership_id: row.membershipId,
    event_id: row.eventId,
    created_at: row.createdAt,
    title: row.title,
    body: row.body,
    state: row.state,
    resolution: presentResolution(row),
    deliveries: row.deliveries.map((delivery) => ({
      channel: delivery.channel,
      status: delivery.status,
      attempts: delivery.attempts,
      sent_at: delivery.sentAt,
      last_error: delivery.lastError,
    })),
  };
}

/** The alerts in the signed-in reader's current language (texts/in-locale.ts), for the API and the pages alike. */
export const forReader = (c: Context<AppEnv>, rows: AlertWithDeliveries[]) =>
  inLocale(rows, c.var.user.locale, c.var.ctx.links, c.var.now);

export const alertsRouter = newRouter()
  .openapi(
    userRoute("alerts", {
      method: "get",
      path: "/alerts",
      summary:
        "Your alerts, newest first, each with its state (open or resolved, and how) and its deliveries (pending, " +
        "sent, failed, dead or withdrawn).",
      description:
        "title and body are in your current locale (PATCH /me), rendered from what the alert found: switching " +
        "language switches every alert, old ones too. The body carries the membership's cancel steps as they are " +
        "now and a fresh link to its timeline. Alerts stored before their facts were kept keep the text they were " +
        "sent with.",
      request: { query: AlertQuery },
      responses: { 200: jsonContent(AlertList, "Your alerts."), ...errorResponses(400, 401) },
    }),
    async (c) => {
      const query = c.req.valid("query");
      const rows = await alertsOfUser(c.var.db, c.var.user.id, {
        membershipId: query.membership_id,
        kind: query.kind,
        state: query.state,
        limit: query.limit,
      });
      return c.json({ items: (await forReader(c, rows)).map(presentAlert) }, 200);
    },
  )
  .openapi(
    userRoute("alerts", {
      method: "post",
      path: "/alerts/{id}/resolve",
      summary: "Resolve an open alert with a reason; what it had not sent yet is withdrawn.",
      description:
        "The alert stays in your history and on the membership's timeline with its resolution. The watchdog " +
        "resolves some alerts itself when their cause is gone: an unknown subscription once its event is " +
        "assigned to a membership or dismissed (PATCH /events/{id}), a half cancellation once the payment " +
        "channel's cancellation is recorded. An alert already resolved answers 409 with its resolution.",
      request: { params: IdParam, ...jsonBody(AlertResolve) },
      responses: {
        200: jsonContent(Alert, "The resolved alert."),
        ...errorResponses(400, 401, 404, 409),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { reason } = c.req.valid("json");
      const resolved = await resolveAlert(userCtx(c), id, reason);
      const [shown = resolved] = await forReader(c, [resolved]);
      return c.json(presentAlert(shown), 200);
    },
  );
