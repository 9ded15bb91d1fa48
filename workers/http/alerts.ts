// The user's alerts with the state of each delivery (GET /alerts), and resolving one (POST /alerts/{id}/resolve).
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  Alert,
  AlertList,
  type AlertOutput,
  AlertQuery,
  type AlertResolutionOutput,
  AlertResolve,
} from "../../schema/alerts";
import { IdParam } from "../../schema/common";
import type { USER_RESOLUTIONS } from "../../schema/tables";
import { inLocale } from "../alert-texts";
import { type AlertRow, type AlertWithDeliveries, alertOfUser, alertsOfUser, resolveAlertOfUser } from "../db/alerts";
import { linksFrom } from "../links";
import type { UserCtx } from "../services/context";
import { requireUser } from "./auth";
import { type AppEnv, newRouter } from "./context";
import { ApiError, notFound } from "./errors";
import { errorResponses, jsonBody, jsonContent } from "./openapi";

/** How an alert was resolved, or null while it is open. */
export function presentResolution(
  row: Pick<AlertRow, "state" | "resolution" | "resolvedBy" | "resolvedAt">,
): AlertResolutionOutput | null {
  if (row.state !== "resolved" || !row.resolution) return null;
  return { reason: row.resolution, by: row.resolvedBy ?? "user", resolved_at: row.resolvedAt ?? "" };
}

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

/** The alerts in the signed-in reader's current language (alert-texts.ts), for the API and the pages alike. */
export const forReader = (c: Context<AppEnv>, rows: AlertWithDeliveries[]) =>
  inLocale(rows, c.var.user.locale, linksFrom(c.env), c.var.now);

const alreadyResolved = (row: AlertRow) =>
  new ApiError(
    409,
    "already_resolved",
    `This alert was already resolved (${row.resolution ?? "resolved"}, ${row.resolvedAt ?? "earlier"}).`,
    { resolution: presentResolution(row) },
  );

type Actor = Pick<UserCtx, "db" | "user" | "now">;

/**
 * Resolves one of the actor's open alerts with their reason, withdrawing what it still had to send. Shared by the
 * API and the alerts page: another user's alert is a 404, an alert already resolved a 409; neither changes anything.
 */
export async function resolveAlert(
  actor: Actor,
  id: string,
  reason: (typeof USER_RESOLUTIONS)[number],
): Promise<AlertWithDeliveries> {
  const { db, user } = actor;
  const found = await alertOfUser(db, user.id, id);
  if (!found) throw notFound("Alert");
  if (found.state === "resolved") throw alreadyResolved(found);
  const at = new Date(actor.now).toISOString();
  const resolved = await resolveAlertOfUser(db, user.id, id, { reason, by: "user", at });
  const after = await alertOfUser(db, user.id, id);
  if (!after) throw notFound("Alert");
  // Resolved in between by another request (or by the system): say so rather than claim this reason.
  if (!resolved) throw alreadyResolved(after);
  return after;
}

const secured = { security: [{ Bearer: [] }], middleware: requireUser, tags: ["alerts"] };

export const alertsRouter = newRouter()
  .openapi(
    createRoute({
      ...secured,
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
    createRoute({
      ...secured,
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
      const resolved = await resolveAlert(c.var, id, reason);
      const [shown = resolved] = await forReader(c, [resolved]);
      return c.json(presentAlert(shown), 200);
    },
  );
