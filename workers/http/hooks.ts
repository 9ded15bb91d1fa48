// POST /hooks/{webhook_token}: SMS-forwarder apps, iOS Shortcuts and bank webhooks post here.
// The body is validated before anything is stored; a replay of the same message stores nothing new.
import { createRoute, z } from "@hono/zod-openapi";
import { EventInput, HookResult } from "../../schema/api";
import { userByWebhookTokenHash } from "../db/users";
import { deliverDue, providersFrom } from "../deliver/outbox";
import { ingest, webhookPayload } from "../inbound/process";
import { linksFrom } from "../links";
import { type SmsPost, smsFromFields } from "../read/sms";
import { sha256Hex } from "../tokens";
import { newRouter } from "./context";
import { ApiError, notFound } from "./errors";
import { presentEvent, unreadableBody } from "./events";
import { errorResponses, jsonContent } from "./openapi";

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
      "content/text/msg/body, sender in from, time in timestamp as seconds, milliseconds or ISO), or text/plain.",
    request: {
      params: z.object({ webhook_token: z.string().openapi({ param: { name: "webhook_token", in: "path" } }) }),
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
      201: jsonContent(HookResult, "Stored and read."),
      ...errorResponses(400, 404, 413),
    },
  }),
  async (c) => {
    const token = c.req.param("webhook_token");
    const user = TOKEN.test(token) ? await userByWebhookTokenHash(c.var.db, await sha256Hex(token)) : undefined;
    if (!user) throw notFound("Webhook");
    const contentType = c.req.header("content-type") ?? "text/plain";
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.byteLength === 0) throw new ApiError(400, "empty_body", "The webhook body is empty.");
    let payload: ReturnType<typeof webhookPayload>;
    try {
      payload = webhookPayload(contentType, bytes);
    } catch (error) {
      throw unreadableBody(error);
    }
    if (!payload)
      throw new ApiError(415, "unsupported_media_type", `Cannot read ${contentType}; send JSON, a form or text.`);
    const sms = payload.kind === "sms" ? smsFromFields(payload.fields) : null;
    if (payload.kind === "sms" && !sms) {
      throw new ApiError(400, "invalid_request", "No SMS text: put it in content, text, msg or body.", [
        { field: "content", message: "required" },
      ]);
    }
    const result = await ingest(
      { db: c.var.db, raw: c.env.RAW, links: linksFrom(c.env) },
      {
        user,
        source: "webhook",
        dedupeKey: await dedupeKey(c.req.header("webhook-id"), payload, sms),
        bytes,
        contentType,
        sender: sms?.sender ?? null,
        receivedAt: c.var.now,
      },
      c.var.now,
    );
    // Alerts this notice raised go out at once, after the answer; the sweep retries whatever does not.
    if (!result.duplicate) c.executionCtx.waitUntil(deliverDue(c.var.db, providersFrom(c.env), c.var.now, user.id));
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
