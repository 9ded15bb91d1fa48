// Events read from inbound messages (GET /events) and the dry run that reads without storing (POST /parse).
import { ZodError } from "zod";
import { IdParam } from "../../schema/common";
import { Event, EventList, EventQuery, EventUpdate, ParseResult } from "../../schema/events";
import type { EventRow } from "../db/events";
import { eventsOfUser } from "../db/events";
import { membershipsOfUser } from "../db/memberships";
import { interpretMessage, webhookPayload } from "../inbound/interpret";
import { matchEvent } from "../match";
import { eventOf, updateEvent } from "../services/events";
import { newRouter, userCtx } from "./context";
import { ApiError, validationError } from "./errors";
import { errorResponses, jsonBody, jsonContent, userRoute } from "./openapi";

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
    userRoute("events", {
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
    userRoute("events", {
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
    userRoute("events", {
      method: "get",
      path: "/events/{id}",
      summary: "One of your events, with where each of its fields was read in the notice (provenance).",
      request: { params: IdParam },
      responses: { 200: jsonContent(Event, "The event."), ...errorResponses(400, 401, 404) },
    }),
    async (c) => {
      return c.json(presentEvent(await eventOf(userCtx(c), c.req.valid("param").id)), 200);
    },
  )
  .openapi(
    userRoute("events", {
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
      return c.json(presentEvent(await updateEvent(userCtx(c), id, { membershipId, dismissed })), 200);
    },
  );
