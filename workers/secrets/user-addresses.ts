// A user's inbound address and webhook URL. With LINK_SECRET configured they are derived from it
// (HMAC over the user id), so the settings page can show them again while only their hashes are stored
// and looked up; without it they are random and shown once, at creation.
import { hmacKey } from "./links";
import { newInboundToken, newWebhookToken, sha256Hex } from "./tokens";

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

async function derive(secret: string, purpose: string, userId: string, length: number): Promise<string> {
  const bytes = new Uint8Array(
    await crypto.subtle.sign("HMAC", await hmacKey(secret), new TextEncoder().encode(`${purpose}\n${userId}`)),
  );
  // 32 bytes → up to 32 base32 characters of 5 bits each (160 bits for the webhook, 120 for inbound).
  return [...bytes.slice(0, length)].map((byte) => BASE32[byte & 31]).join("");
}

export interface UserSecrets {
  inboundToken: string;
  webhookToken: string;
}

export async function userSecrets(secret: string | undefined, userId: string): Promise<UserSecrets> {
  if (!secret) return { inboundToken: newInboundToken(), webhookToken: newWebhookToken() };
  return {
    inboundToken: `in${await derive(secret, "inbound", userId, 24)}`,
    webhookToken: `wh${await derive(secret, "webhook", userId, 32)}`,
  };
}

export const inboundAddress = (token: string, domain: string) => `${token}@${domain}`;
export const webhookUrl = (token: string, publicUrl: string) => `${publicUrl.replace(/\/+$/, "")}/hooks/${token}`;

/** The user's address and URL when they can be shown again (derived ones still in use), else null each. */
export async function shownAgain(
  secret: string | undefined,
  user: { id: string; inboundTokenHash: string; webhookTokenHash: string },
): Promise<{ inboundToken: string | null; webhookToken: string | null }> {
  if (!secret) return { inboundToken: null, webhookToken: null };
  const derived = await userSecrets(secret, user.id);
  const [inboundHash, webhookHash] = await Promise.all([
    sha256Hex(derived.inboundToken),
    sha256Hex(derived.webhookToken),
  ]);
  return {
    inboundToken: inboundHash === user.inboundTokenHash ? derived.inboundToken : null,
    webhookToken: webhookHash === user.webhookTokenHash ? derived.webhookToken : null,
  };
}
