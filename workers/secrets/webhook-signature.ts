// Standard Webhooks signatures (https://www.standardwebhooks.com/) for a user's webhook URL: the signing secret
// is derived from LINK_SECRET and a per-user nonce, so nothing secret is stored, and a post is accepted only with
// a v1 HMAC-SHA256 signature over `${webhook-id}.${webhook-timestamp}.${body}` made within 5 minutes of now.
import { hmacKey } from "./links";

/** How far webhook-timestamp may be from our clock, either way (the spec's recommendation). */
export const TOLERANCE_SECONDS = 5 * 60;
// More than a key rotation's worth of signatures is not a sender being careful but a request to make us hash.
const MAX_SIGNATURES = 8;
// webhook-id becomes part of the stored dedupe key; senders use short ids (msg_…, UUIDs).
const WEBHOOK_ID = /^[\x21-\x7e]{1,200}$/;
const TIMESTAMP = /^\d{1,12}$/;

const encoder = new TextEncoder();

const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

function fromBase64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]{40,100}={0,2}$/.test(text)) return null;
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

/**
 * The user's signing secret: HMAC(LINK_SECRET, user id + nonce), 32 bytes. Deriving it rather than storing it
 * means a copy of the database alone cannot forge posts, and a new nonce revokes the old secret at once.
 */
export async function signingSecret(linkSecret: string, userId: string, nonce: string): Promise<Uint8Array> {
  const message = encoder.encode(`webhook-signing\n${userId}\n${nonce}`);
  return new Uint8Array(await crypto.subtle.sign("HMAC", await hmacKey(linkSecret), message));
}

/** The secret as Standard Webhooks libraries take it: whsec_ + base64 of its bytes. */
export const formatSecret = (secret: Uint8Array) => `whsec_${base64(secret)}`;

/** A fresh salt for the secret: a new one revokes the previous secret. */
export const newSigningNonce = () => base64(crypto.getRandomValues(new Uint8Array(16)));

function signedContent(webhookId: string, timestamp: string, body: Uint8Array): Uint8Array {
  const prefix = encoder.encode(`${webhookId}.${timestamp}.`);
  const content = new Uint8Array(prefix.byteLength + body.byteLength);
  content.set(prefix);
  content.set(body, prefix.byteLength);
  return content;
}

const signingKey = (secret: Uint8Array) =>
  crypto.subtle.importKey("raw", secret, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);

/** The webhook-signature header value a sender puts on this post (used by the docs' example and the tests). */
export async function signWebhook(secret: Uint8Array, webhookId: string, timestamp: number, body: Uint8Array) {
  const signature = await crypto.subtle.sign(
    "HMAC",
    await signingKey(secret),
    signedContent(webhookId, String(timestamp), body),
  );
  return `v1,${base64(new Uint8Array(signature))}`;
}

export interface SignatureHeaders {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

export type SignatureCheck =
  | { ok: true; webhookId: string }
  | { ok: false; code: "invalid_signature" | "stale_timestamp"; message: string };

const invalid = (message: string): SignatureCheck => ({ ok: false, code: "invalid_signature", message });

/**
 * Checks a post against the user's secret: one valid v1 signature among the space-separated ones (others, and
 * other versions, are ignored), then the timestamp. HMAC verify compares in constant time.
 */
export async function verifyWebhook(
  secret: Uint8Array,
  headers: SignatureHeaders,
  body: Uint8Array,
  now: number,
): Promise<SignatureCheck> {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) {
    return invalid("Signing is on for this webhook: send webhook-id, webhook-timestamp and webhook-signature.");
  }
  if (!WEBHOOK_ID.test(id)) return invalid("webhook-id must be 1 to 200 printable ASCII characters.");
  if (!TIMESTAMP.test(timestamp)) return invalid("webhook-timestamp must be whole seconds since 1970 (UTC).");
  const candidates = signature
    .split(" ")
    .filter((entry) => entry.startsWith("v1,"))
    .slice(0, MAX_SIGNATURES)
    .map((entry) => fromBase64(entry.slice(3)))
    .filter((bytes): bytes is Uint8Array => bytes !== null);
  const key = await signingKey(secret);
  const content = signedContent(id, timestamp, body);
  let valid = false;
  for (const candidate of candidates) {
    if (await crypto.subtle.verify("HMAC", key, candidate, content)) valid = true;
  }
  if (!valid) return invalid("No webhook-signature matches this body with your signing secret.");
  // Checked after the signature, so only the secret's holder learns that their clock is off.
  const skew = Number(timestamp) - Math.floor(now / 1000);
  if (Math.abs(skew) > TOLERANCE_SECONDS) {
    return {
      ok: false,
      code: "stale_timestamp",
      message: `webhook-timestamp is ${Math.abs(skew)} seconds ${skew < 0 ? "old" : "in the future"}; at most ${TOLERANCE_SECONDS} is accepted.`,
    };
  }
  return { ok: true, webhookId: id };
}
