// Signed, expiring links to a membership's printable timeline, for alert e-mails and SMS: the link is its
// own credential (HMAC-SHA256 with LINK_SECRET), so the evidence opens from a phone without signing in.
import type { Env } from "../env";

// Long enough to see a dispute through with the bank or the platform; a later alert brings a fresh link.
export const LINK_DAYS = 90;

export interface Links {
  publicUrl: string;
  secret: string;
}

/** Link settings from the environment; null (no links in alerts) until LINK_SECRET is configured. */
export function linksFrom(env: Pick<Env, "PUBLIC_URL" | "LINK_SECRET">): Links | null {
  return env.LINK_SECRET ? { publicUrl: env.PUBLIC_URL.replace(/\/+$/, ""), secret: env.LINK_SECRET } : null;
}

/** An HMAC-SHA256 key for signing links. */
export async function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
    "verify",
  ]);
}

const message = (membershipId: string, expires: number) =>
  new TextEncoder().encode(`timeline\n${membershipId}\n${expires}`);

export const toBase64Url = (bytes: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(text)) return null;
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

export async function timelineLink(links: Links, membershipId: string, now: number): Promise<string> {
  const expires = Math.floor(now / 1000) + LINK_DAYS * 86_400;
  const signature = await crypto.subtle.sign("HMAC", await hmacKey(links.secret), message(membershipId, expires));
  return `${links.publicUrl}/timeline/${membershipId}?exp=${expires}&sig=${toBase64Url(signature)}`;
}

/** True for an unexpired link signed for exactly this membership (HMAC verify compares in constant time). */
export async function verifyTimelineLink(
  secret: string,
  membershipId: string,
  exp: string | undefined,
  sig: string | undefined,
  now: number,
): Promise<boolean> {
  const expires = Number(exp);
  const signature = sig ? fromBase64Url(sig) : null;
  if (!Number.isInteger(expires) || expires * 1000 < now || !signature) return false;
  return crypto.subtle.verify("HMAC", await hmacKey(secret), signature, message(membershipId, expires));
}
