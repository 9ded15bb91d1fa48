// Optional webhook signing: /me/webhook-signing turns it on (showing the secret once), off, or tells whether it
// is on; while it is on, /hooks/{token} accepts only posts signed the Standard Webhooks way, each webhook-id once.
import type { Context } from "hono";
import { ErrorEnvelope } from "../../schema/common";
import type { UserRow } from "../../schema/tables";
import { WebhookSigning, WebhookSigningSecret } from "../../schema/webhook-signing";
import { updateUser } from "../db/users";
import {
  formatSecret,
  newSigningNonce,
  signingSecret,
  TOLERANCE_SECONDS,
  verifyWebhook,
} from "../secrets/webhook-signature";
import { type AppEnv, newRouter } from "./context";
import { ApiError } from "./errors";
import { errorResponses, jsonContent, userRoute } from "./openapi";

/** What a sender must add, for the OpenAPI descriptions (the README has the same text). */
export const SIGNING_DOC = [
  "With signing on, every post to your webhook URL must carry three headers (Standard Webhooks, v1):",
  "- webhook-id: a unique id for this message (1-200 printable ASCII characters); a retry reuses it.",
  "- webhook-timestamp: when it was signed, in whole seconds since 1970 (UTC); accepted within " +
    `${TOLERANCE_SECONDS / 60} minutes of our clock either way.`,
  "- webhook-signature: v1,<base64 of HMAC-SHA256(key, webhook-id + '.' + webhook-timestamp + '.' + body)>, where key " +
    "is the base64-decoded part of the secret after whsec_ and body is the exact bytes sent. Several " +
    "space-separated signatures are allowed (for example while rotating); one valid v1 signature is enough.",
  "Refusals store nothing: 401 invalid_signature (a header missing or malformed, or no signature matches), " +
    "401 stale_timestamp (more than 5 minutes off), 409 replayed (that webhook-id was already accepted: a " +
    "sender that retries after a lost answer can treat 409 as delivered).",
  "Example (Node): const key = Buffer.from(secret.slice(6), 'base64'); const ts = Math.floor(Date.now() / 1000); " +
    "const sig = createHmac('sha256', key).update(id + '.' + ts + '.' + body).digest('base64'); " +
    "headers: { 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': 'v1,' + sig }.",
].join("\n");

/** The secret for this user's current nonce; null when the Worker cannot derive secrets (no LINK_SECRET). */
async function currentSecret(env: AppEnv["Bindings"], user: Pick<UserRow, "id" | "webhookSigningNonce">) {
  if (!env.LINK_SECRET || !user.webhookSigningNonce) return null;
  return signingSecret(env.LINK_SECRET, user.id, user.webhookSigningNonce);
}

/**
 * For /hooks/{token}: when the user has signing on, refuses an unsigned, wrongly signed, stale or replayed post
 * (before anything is stored) and returns its webhook-id; when signing is off, returns null and changes nothing.
 */
export async function requireSignedPost(c: Context<AppEnv>, user: UserRow, body: Uint8Array): Promise<string | null> {
  if (!user.webhookSigningNonce) return null;
  const secret = await currentSecret(c.env, user);
  // Signing is on but the Worker lost LINK_SECRET: refuse (never accept unsigned), as a retryable outage.
  if (!secret) throw new ApiError(503, "signing_unavailable", "Webhook signing is on but LINK_SECRET is not set.");
  const check = await verifyWebhook(
    secret,
    {
      id: c.req.header("webhook-id"),
      timestamp: c.req.header("webhook-timestamp"),
      signature: c.req.header("webhook-signature"),
    },
    body,
    c.var.now,
  );
  if (!check.ok) throw new ApiError(401, check.code, check.message);
  return check.webhookId;
}

export const replayed = () =>
  new ApiError(409, "replayed", "That webhook-id was already accepted for this webhook; nothing new was stored.");

const state = (user: Pick<UserRow, "webhookSigningNonce" | "webhookSigningSince">) => ({
  enabled: user.webhookSigningNonce !== null,
  since: user.webhookSigningNonce ? user.webhookSigningSince : null,
});

export const webhookSigningRouter = newRouter()
  .openapi(
    userRoute("inbound", {
      method: "get",
      path: "/me/webhook-signing",
      summary: "Whether posts to your webhook URL must be signed (Standard Webhooks). The secret is never shown again.",
      responses: { 200: jsonContent(WebhookSigning, "Signing on or off."), ...errorResponses(401) },
    }),
    async (c) => c.json(state(c.var.user), 200),
  )
  .openapi(
    userRoute("inbound", {
      method: "post",
      path: "/me/webhook-signing",
      summary:
        "Turn webhook signing on, or replace its secret: returns the secret once (whsec_…). From now on unsigned " +
        "posts to your webhook URL are refused; a previous secret stops working at once.",
      description: SIGNING_DOC,
      responses: {
        200: jsonContent(WebhookSigningSecret, "Signing is on; keep the secret, it is not shown again."),
        ...errorResponses(401),
        404: jsonContent(ErrorEnvelope, "Signing needs LINK_SECRET to be configured on this Worker."),
      },
    }),
    async (c) => {
      if (!c.env.LINK_SECRET) {
        throw new ApiError(404, "signing_unavailable", "Webhook signing needs LINK_SECRET to be configured.");
      }
      const since = new Date(c.var.now).toISOString();
      const user = await updateUser(c.var.db, c.var.user.id, {
        webhookSigningNonce: newSigningNonce(),
        webhookSigningSince: since,
        updatedAt: since,
      });
      const secret = await currentSecret(c.env, user);
      if (!secret) throw new Error("signing secret was not derived");
      return c.json({ ...state(user), secret: formatSecret(secret) }, 200);
    },
  )
  .openapi(
    userRoute("inbound", {
      method: "delete",
      path: "/me/webhook-signing",
      summary: "Turn webhook signing off: unsigned posts are accepted again and the secret stops existing.",
      responses: { 200: jsonContent(WebhookSigning, "Signing is off."), ...errorResponses(401) },
    }),
    async (c) => {
      const user = await updateUser(c.var.db, c.var.user.id, {
        webhookSigningNonce: null,
        webhookSigningSince: null,
        updatedAt: new Date(c.var.now).toISOString(),
      });
      return c.json(state(user), 200);
    },
  );
