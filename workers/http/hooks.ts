// POST /hooks/{webhook_token}: SMS-forwarder apps, iOS Shortcuts and bank webhooks post here.
// The body is validated before anything is stored; a replay of the same message stores nothing new. A post
// must pass the user's webhook signing (when on) and the per-webhook rate limit before its body is parsed.
import { createRoute, z } from "@hono/zod-openapi";
import { ErrorEnvelope } from "../../schema/common";
import { EventInput, HookResult } from "../../schema/events";
import { lookupInbound } from "../db/events";
import { deliverDue } from "../deliver/outbox";
import { webhookPayload } from "../inbound/interpret";
import { type SmsPost, smsFromFields } from "../read/sms";
import { sha256Hex } from "../secrets/tokens";
import { ingest } from "../services/ingest";
import { newRouter } from "./context";
import { ApiError, notFound } from "./errors";
import { presentEvent, unreadableBody } from "./events";
import { errorResponses, jsonContent } from "./openapi";
import { enforceLimit, RATE_LIMITS } from "./rate-limit";
import { replayed, requireSignedPost, SIGNING_DOC } from "./webhook-signing";

const TOKEN = /^wh[a-z2-7]{32}$/;

const SmsForwarderPost = z
  .object({
    from: z.string().optional(),
    content: z.string().optional().openapi({ description: "The SMS (or text/msg/body)." }),
    timestamp: z
      .union([z.string(), z.number()])
      .optional()
      .openapi({ description: "Seconds, milliseconds or ISO 8601." }),
  })
  .openapi("SmsForwarderPost");

/** Which stored message this post is: the sender's id when given, else what the post says. */
async function dedupeKey(
  webhookId: string | undefined,
  payload: NonNullable<ReturnType<typeof webhookPayload>>,
  sms: SmsPost | null,
) {
  if (webhookId) return `whid:${webhookId}`;
  if (payload.kind === "event") {
    const { event } = payload;
    return event.reference ? `ref:${event.kind}:${event.reference}` : `event:${await sha256Hex(JSON.stringify(event))}`;
  }
  // Volatile extras (signatures, receive stamps) do not make a retry a new message.
  return `sms:${await sha256Hex(JSON.stringify([sms?.sender ?? null, sms?.text ?? null, sms?.sentAt ?? null]))}`;
}

type Body = { ok: true; sms: SmsPost | null; dedupeKey: string } | { ok: false; error: ApiError };

/** The post's body read as a notice (with the key that recognises it when sent again), or the 4xx that refuses it. */
async function readBody(contentType: string, bytes: Uint8Array, webhookId: string | undefined): Promise<Body> {
  if (bytes.byteLength === 0)
    return { ok: false, error: new ApiError(400, "empty_body", "The webhook body is empty.") };
  let payload: ReturnType<typeof webhookPayload>;
  try {
    payload = webhookPayload(contentType, bytes);
  } catch (error) {
    return { ok: false, error: unreadableBody(error) };
  }
  if (!payload) {
    const error = new ApiError(415, "unsupported_media_type", `Cannot read ${contentType}; send JSON, a form or text.`);
    return { ok: false, error };
  }
  const sms = payload.kind === "sms" ? smsFromFields(payload.fields) : null;
  if (payload.kind === "sms" && !sms) {
    const error = new ApiError(400, "invalid_request", "No SMS text: put it in content, text, msg or body.", [
      { field: "content", message: "required" },
    ]);
    return { ok: false, error };
  }
  return { ok: true, sms, dedupeKey: await dedupeKey(webhookId, payload, sms) };
}

export const hooksRouter = newRouter();
hooksRouter.openAPIRegistry.register("EventInput", EventInput);
hooksRouter.openAPIRegistry.register("SmsForwarderPost", SmsForwarderPost);
hooksRouter.openapi(
  createRoute({
    method: "post",
    path: "/hooks/{webhook_token}",
    tags: ["inbound"],
    summary:
      "Deliver a payment notice: the project's event JSON, or an SMS-forwarder post (JSON or form: text in " +
      "content/text/msg/body, sender in from, time in timestamp as seconds, milliseconds or ISO), or text/plain. " +
      "With webhook signing on (/api/v1/me/webhook-signing), add the Standard Webhooks headers webhook-id, " +
      "webhook-timestamp and webhook-signature.",
    description:
      `${SIGNING_DOC}\nRate limit: ${RATE_LIMITS.HOOK_RATE_LIMIT.limit} posts per ` +
      `${RATE_LIMITS.HOOK_RATE_LIMIT.period} seconds per webhook; over it, 429 rate_limited with Retry-After (seconds).`,
    request: {
      params: z.object({ webhook_token: z.string().openapi({ param: { name: "webhook_token", in: "path" } }) }),
      headers: z.object({
        "webhook-id": z.string().optional().openapi({ description: "Unique message id; required when signing is on." }),
        "webhook-timestamp": z
          .string()
          .optional()
          .openapi({ description: "Signing time, whole seconds since 1970; required when signing is on." }),
        "webhook-signature": z.string().optional().openapi({
          description: "v1,<base64 HMAC-SHA256>, space-separated if several; required when signing is on.",
        }),
      }),
      // Documented with plain references, not zod schemas: a zod body would be parsed by the validator
      // before the handler, and the handler must keep the original bytes exactly as they were sent.
      body: {
        required: true,
        content: {
          "application/json": {
            schema: {
              oneOf: [{ $ref: "#/components/schemas/EventInput" }, { $ref: "#/components/schemas/SmsForwarderPost" }],
            },
          },
          "application/x-www-form-urlencoded": { schema: { $ref: "#/components/schemas/SmsForwarderPost" } },
          "text/plain": { schema: { type: "string" } },
        },
      },
    },
    responses: {
      200: jsonContent(HookResult, "Already received: nothing new was stored."),
      201: jsonContent(
        HookResult,
        "Stored. `status` says whether it was read (processed) or is kept for the sweep to read again (failed/pending).",
      ),
      ...errorResponses(400, 404, 413),
      401: jsonContent(
        ErrorEnvelope,
        "Signing is on and the post is unsigned, wrongly signed (invalid_signature) or more than 5 minutes off (stale_timestamp).",
      ),
      409: jsonContent(ErrorEnvelope, "Signing is on and this webhook-id was already accepted (replayed)."),
      429: jsonContent(ErrorEnvelope, "Too many posts to this webhook (rate_limited); see Retry-After."),
      503: jsonContent(
        ErrorEnvelope,
        "Signing is on but the Worker lost LINK_SECRET (signing_unavailable); retry later.",
      ),
    },
  }),
  async (c) => {
    const token = c.req.param("webhook_token");
    if (!TOKEN.test(token)) throw notFound("Webhook");
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const contentType = c.req.header("content-type") ?? "text/plain";
    // Read before the lookup, so that one round trip also says whether this message is a replay; a body that
    // cannot be read is refused only after the checks on who sent it.
    const webhookId = c.req.header("webhook-id");
    const body = await readBody(contentType, bytes, webhookId);
    const key = body.ok ? body.dedupeKey : webhookId ? `whid:${webhookId}` : null;
    const found = await lookupInbound(c.var.db, { via: "webhook", tokenHash: await sha256Hex(token) }, key);
    if (!found) throw notFound("Webhook");
    const { user } = found;
    // The signature first: without the secret, a leaked URL cannot use up the sender's rate limit either.
    const signedId = await requireSignedPost(c, user, bytes);
    await enforceLimit(c, "HOOK_RATE_LIMIT", user.webhookTokenHash, "to this webhook");
    // A signed message's key is its webhook-id: stored already means a replay.
    if (signedId && found.stored) throw replayed();
    if (!body.ok) throw body.error;
    const { ctx } = c.var;
    const result = await ingest(
      ctx,
      {
        user,
        source: "webhook",
        dedupeKey: body.dedupeKey,
        bytes,
        contentType,
        sender: body.sms?.sender ?? null,
        receivedAt: c.var.now,
      },
      c.var.now,
      found,
    );
    // Two deliveries of one signed message at once: the loser is the replay.
    if (signedId && result.duplicate) throw replayed();
    // Alerts this notice raised go out at once, after the answer; the sweep retries whatever does not.
    if (result.alerts > 0) ctx.later(deliverDue(ctx.db, ctx.providers, ctx.now, user.id));
    return c.json(
      {
        inbound_message_id: result.messageId,
        duplicate: result.duplicate,
        status: result.status,
        events: result.events.map(presentEvent),
      },
      result.duplicate ? 200 : 201,
    );
  },
);
