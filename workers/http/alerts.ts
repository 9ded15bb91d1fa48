// The user's alerts with the state of each delivery (GET /alerts).
import { createRoute } from "@hono/zod-openapi";
import { AlertList, type AlertOutput, AlertQuery } from "../../schema/alerts";
import { type AlertWithDeliveries, alertsOfUser } from "../db/alerts";
import { requireUser } from "./auth";
import { newRouter } from "./context";
import { errorResponses, jsonContent } from "./openapi";

export function presentAlert(row: AlertWithDeliveries): AlertOutput {
  return {
    id: row.id,
    kind: row.kind,
    membership_id: row.membershipId,
    event_id: row.eventId,
    created_at: row.createdAt,
    title: row.title,
    body: row.body,
    deliveries: row.deliveries.map((delivery) => ({
      channel: delivery.channel,
      status: delivery.status,
      attempts: delivery.attempts,
      sent_at: delivery.sentAt,
      last_error: delivery.lastError,
    })),
  };
}

const secured = { security: [{ Bearer: [] }], middleware: requireUser, tags: ["alerts"] };

export const alertsRouter = newRouter().openapi(
  createRoute({
    ...secured,
    method: "get",
    path: "/alerts",
    summary: "Your alerts, newest first, each with its deliveries (pending, sent, failed or dead).",
    request: { query: AlertQuery },
    responses: { 200: jsonContent(AlertList, "Your alerts."), ...errorResponses(400, 401) },
  }),
  async (c) => {
    const query = c.req.valid("query");
    const rows = await alertsOfUser(c.var.db, c.var.user.id, {
      membershipId: query.membership_id,
      kind: query.kind,
      limit: query.limit,
    });
    return c.json({ items: rows.map(presentAlert) }, 200);
  },
);
