// Secrets handed to users (API tokens, inbound-mail and webhook tokens): made here, shown once,
// stored only as SHA-256 hashes. Lookups go by hash, so a stored row never reveals a token.

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

function randomBase32(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let out = "";
  for (const byte of bytes) out += BASE32[byte & 31];
  return out;
}

/** Opaque ids with a type prefix, e.g. mem_k2m9q4x8w3n5p6r7 (80 random bits). */
export function newId(prefix: "usr" | "tok" | "mem" | "can" | "msg" | "evt" | "alr" | "dlv" | "lnk" | "ses"): string {
  return `${prefix}_${randomBase32(16)}`;
}

/** Bearer token for the API: 160 random bits. */
export const newApiToken = () => `rw_${randomBase32(32)}`;
/** Local part of the inbound address: lower-case only, because mail systems may fold case. */
export const newInboundToken = () => `in${randomBase32(24)}`;
/** Path segment of the webhook URL. */
export const newWebhookToken = () => `wh${randomBase32(32)}`;

/** The secret in a one-time sign-in link and in a dashboard session cookie: 160 random bits each. */
export const newLoginToken = () => `ln${randomBase32(32)}`;
export const newSessionToken = () => `se${randomBase32(32)}`;

export async function sha256Hex(value: string | Uint8Array): Promise<string> {
  const bytes = typeof value === "string" ? new TextEncoder().encode(value) : value;
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Constant-time equality of two secrets: compares their digests, so lengths leak nothing either. */
export async function secretsEqual(given: string, expected: string): Promise<boolean> {
  const encoder = new TextEncoder();
  const [a, b] = await Promise.all([
    crypto.subtle.digest("SHA-256", encoder.encode(given)),
    crypto.subtle.digest("SHA-256", encoder.encode(expected)),
  ]);
  return crypto.subtle.timingSafeEqual(a, b);
}
