// The shapes of /me/webhook-signing: whether posts to the user's webhook URL must be signed. See common.ts.
import { z } from "@hono/zod-openapi";

export const WebhookSigning = z
  .object({
    enabled: z.boolean().openapi({
      description:
        "Whether posts to your webhook URL must carry Standard Webhooks headers (webhook-id, webhook-timestamp, " +
        "webhook-signature); unsigned posts are refused while it is on.",
    }),
    since: z.string().nullable().openapi({
      description: "When signing was turned on (or its secret last replaced), ISO 8601; null when off.",
      example: "2026-11-20T02:00:00.000Z",
    }),
  })
  .openapi("WebhookSigning");

export const WebhookSigningSecret = WebhookSigning.extend({
  secret: z.string().openapi({
    description:
      "The signing secret, shown only this once: whsec_ followed by the base64 of the key bytes (the format " +
      "Standard Webhooks libraries accept as is). HMAC-SHA256 with the decoded bytes, not the text.",
    example: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  }),
}).openapi("WebhookSigningSecret");
