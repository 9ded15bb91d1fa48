// Events read from inbound messages (GET /events) and the dry run that reads without storing (POST /parse).
import { createRoute } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import type { Context } from "hono";
import { ZodError } from "zod";
import { IdParam } from "../../schema/common";
import { Event, EventList, EventQuery, EventUpdate, ParseResult } from "../../schema/events";
import { events } from "../../schema/tables";
import { resolveUnknownSubscription } from "../db/alerts";
import type { EventRow } from "../db/events";
import { eventOfUser, eventsOfUser } from "../db/events";
import { membershipsOfUser } from "../db/memberships";
import { matchedEvents, membershipStateStatement } from "../db/watchdog";
import { deliverDue, providersFrom } from "../deliver/outbox";
import { interpretMessage, webhookPayload } from "../inbound/process";
import { linksFrom } from "../links";
import { matchEvent, normalizeMerchant } from "../match";
import { historySince, matchedStatements, ruleContext } from "../watchdog";
import { requireUser } from "./auth";
import { type AppEnv, newRouter } from "./context";
import { ApiError, notFound, validationError } from "./errors";
import { errorResponses, jsonBody, jsonContent } from "./openapi";

// The API accepts at most this many aliases; learning one more never pushes a membership past it.
const MAX_ALIASES = 50;

export function presentEvent(row: EventRow) {
  return {
    id: row.id,
    kind: row.kind,
    amount_minor: row.amountMinor,
    currency: row.currency,
    merchant: row.merchant,
    merchant_legal: row.merchantLegal,
    occurred_at: row.occurredAt,
    reference: row.reference,
    card_tail: row.cardTail,
    channel: row.channel,
    renews_at: row.renewsAt,
    membership_id: row.membershipId,
    match: row.match ?? null,
    provenance: row.provenance ?? null,
    inbound_message_id: row.inboundMessageId,
    dismissed_at: row.dismissedAt,
    created_at: row.createdAt,
  };
}

const secured = { security: [{ Bearer: [] }], middleware: requireUser, tags: ["events"] };

/** Maps a body that cannot be read to a 400 that says why, never a 500. */
export function unreadableBody(error: unknown): ApiError {
  if (error instanceof ZodError) return validationError(error, "json");
  if (error instanceof SyntaxError) return new ApiError(400, "malformed_json", `Malformed JSON: ${error.message}`);
  return new ApiError(
    400,
    "unreadable_message",
    error instanceof Error ? error.message : "The body could not be read.",
  );
}

export const eventsRouter = newRouter()
  .openapi(
    createRoute({
      ...secured,
      method: "get",
      path: "/events",
      summary: "Events read from your inbound messages, newest first.",
      request: { query: EventQuery },
      responses: { 200: jsonContent(EventList, "Your events."), ...errorResponses(400, 401) },
    }),
    async (c) => {
      const query = c.req.valid("query");
      const rows = await eventsOfUser(c.var.db, c.var.user.id, {
        membershipId: query.membership_id,
        kind: query.kind,
        unmatched: query.unmatched === undefined ? undefined : query.unmatched === "true",
        dismissed: query.dismissed === undefined ? undefined : query.dismissed === "true",
        limit: query.limit,
      });
      return c.json({ items: rows.map(presentEvent) }, 200);
    },
  )
  .openapi(
    createRoute({
      ...secured,
      method: "post",
      path: "/parse",
      summary:
        "Dry run: read a raw e-mail (message/rfc822), an SMS text (text/plain) or a webhook JSON body and return " +
        "the events it would produce. Stores nothing.",
      request: {
        body: {
          required: true,
          content: {
            "message/rfc822": { schema: { type: "string", format: "binary" } },
            "text/plain": { schema: { type: "string" } },
            "application/json": { schema: { type: "object" } },
            "application/x-www-form-urlencoded": { schema: { type: "object" } },
          },
        },
      },
      responses: { 200: jsonContent(ParseResult, "What the message would produce."), ...errorResponses(400, 401, 413) },
    }),
    async (c) => {
      const contentType = c.req.header("content-type") ?? "text/plain";
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.byteLength === 0)
        throw new ApiError(400, "empty_body", "Send the message to read as the request body.");
      const isEmail = /^message\/rfc822\b/i.test(contentType);
      const source = isEmail ? "email" : "webhook";
      if (!isEmail) {
        try {
          if (!webhookPayload(contentType, bytes)) {
            throw new ApiError(415, "unsupported_media_type", `Cannot read ${contentType}; see /docs.`);
          }
        } catch (error) {
          if (error instanceof ApiError) throw error;
          throw unreadableBody(error);
        }
      }
      try {
        const { event, noticeText } = await interpretMessage({
          user: c.var.user,
          source,
          dedupeKey: "dry-run",
          bytes,
          contentType,
          receivedAt: c.var.now,
        });
        const result = matchEvent(event, await membershipsOfUser(c.var.db, c.var.user.id), {
          timeZone: c.var.user.timezone,
          noticeText,
        });
        const matched = "match" in result;
        return c.json(
          {
            items: [
              {
                ...event,
                merchant_legal: event.merchant_legal ?? null,
                provenance: event.provenance ?? null,
                membership_id: matched ? result.membershipId : null,
                match: matched
                  ? { ...result.match }
                  : { score: 0, reason: result.reason, candidates: result.candidates },
              },
            ],
          },
          200,
        );
      } catch (error) {
        throw unreadableBody(error);
      }
    },
  )
  .openapi(
    createRoute({
      ...secured,
      method: "get",
      path: "/events/{id}",
      summary: "One of your events, with where each of its fields was read in the notice (provenance).",
      request: { params: IdParam },
      responses: { 200: jsonContent(Event, "The event."), ...errorResponses(400, 401, 404) },
    }),
    async (c) => {
      const event = await eventOfUser(c.var.db, c.var.user.id, c.req.valid("param").id);
      if (!event) throw notFound("Event");
      return c.json(presentEvent(event), 200);
    },
  )
  .openapi(
    createRoute({
      ...secured,
      method: "patch",
      path: "/events/{id}",
      summary: "Assign an event to one of your memberships by hand (or unassign it), or dismiss it as a one-off.",
      description:
        "membership_id: the membership learns the merchant's name as an alias and the watchdog re-evaluates the " +
        "event (e.g. charge after cancellation); null unassigns it. dismissed: true marks an event that belongs to " +
        "no membership as a one-off, not a subscription: it leaves the inbox, and both assigning and dismissing " +
        "resolve the unknown-subscription alert the event raised. Dismissing an event that belongs to a membership " +
        "is a 409 unless membership_id: null comes with it.",
      request: { params: IdParam, ...jsonBody(EventUpdate) },
      responses: { 200: jsonContent(Event, "The event as changed."), ...errorResponses(400, 401, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { membership_id: membershipId, dismissed } = c.req.valid("json");
      return c.json(presentEvent(await updateEvent(c, id, { membershipId, dismissed })), 200);
    },
  );

export interface EventChange {
  /** A membership id assigns, null unassigns, undefined leaves it. */
  membershipId?: string | null;
  dismissed?: boolean;
}

/**
 * Changes one of the signed-in user's events, shared by PATCH /events/{id} and the dashboard's inbox: assigns it
 * to one of their memberships by hand (see assignTo), unassigns it, or dismisses it as a one-off (or takes that
 * back). Another user's event or membership is a 404, dismissing an assigned event a 409; neither changes anything.
 */
export async function updateEvent(c: Context<AppEnv>, id: string, change: EventChange): Promise<EventRow> {
  const { db, user, now } = c.var;
  const event = await eventOfUser(db, user.id, id);
  if (!event) throw notFound("Event");
  if (typeof change.membershipId === "string") return assignTo(c, event, change.membershipId);
  const unassign = change.membershipId === null;
  if (change.dismissed === true && !unassign && event.membershipId !== null) {
    throw new ApiError(
      409,
      "event_matched",
      "This event belongs to a membership; send membership_id: null with dismissed: true to unassign and dismiss it.",
    );
  }
  const nowIso = new Date(now).toISOString();
  const dismissedAt =
    change.dismissed === undefined ? event.dismissedAt : change.dismissed ? (event.dismissedAt ?? nowIso) : null;
  const changed: EventRow = { ...event, ...(unassign && { membershipId: null, match: null }), dismissedAt };
  await db.batch([
    db
      .update(events)
      .set({ membershipId: changed.membershipId, match: changed.match, dismissedAt })
      .where(eq(events.id, id)),
    ...(change.dismissed ? resolveUnknownSubscription(db, user.id, id, "event_dismissed", nowIso) : []),
  ]);
  return changed;
}

/**
 * Assigns an event to one of the user's memberships by hand: the membership learns the merchant's name as an
 * alias, the watchdog re-evaluates the event, a dismissal is cleared and the event's unknown-subscription alert
 * is resolved. Another user's membership is a 404 and changes nothing.
 */
async function assignTo(c: Context<AppEnv>, event: EventRow, membershipId: string): Promise<EventRow> {
  const { db, user, now } = c.var;
  const membership = (await membershipsOfUser(db, user.id)).find((row) => row.id === membershipId);
  if (!membership) throw notFound("Membership");
  const nowIso = new Date(now).toISOString();
  const assigned: EventRow = {
    ...event,
    membershipId,
    match: { score: 1, reason: `assigned by hand to “${membership.name}”`, alias: event.merchant, by_hand: true },
    dismissedAt: null,
  };
  // Both names the notice gave (the service and the payee's legal name) are learned, so either matches next time.
  const known = new Set([membership.name, ...membership.merchantAliases].map(normalizeMerchant));
  const learned: string[] = [];
  for (const name of [event.merchant, event.merchantLegal]) {
    if (!name || known.has(normalizeMerchant(name))) continue;
    if (membership.merchantAliases.length + learned.length >= MAX_ALIASES) break;
    known.add(normalizeMerchant(name));
    learned.push(name);
  }
  const learns = learned.length > 0;
  const taught = learns ? { ...membership, merchantAliases: [...membership.merchantAliases, ...learned] } : membership;
  const earlier = (await matchedEvents(db, [membershipId], historySince(now))).get(membershipId) ?? [];
  const [first, ...rest] = [
    db.update(events).set({ membershipId, match: assigned.match, dismissedAt: null }).where(eq(events.id, event.id)),
    ...(learns
      ? [membershipStateStatement(db, membershipId, { merchantAliases: taught.merchantAliases }, nowIso)]
      : []),
    ...resolveUnknownSubscription(db, user.id, event.id, "event_assigned", nowIso),
    ...(await matchedStatements(db, user, taught, assigned, earlier, ruleContext(user, now), linksFrom(c.env)))
      .statements,
  ];
  await db.batch([first, ...rest]);
  c.executionCtx.waitUntil(deliverDue(db, providersFrom(c.env), now, user.id));
  return assigned;
}
