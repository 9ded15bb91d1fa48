// Inbound e-mail: find the user by the token in the recipient address, refuse unknown tokens and
// oversized mail, then hand the message to the inbound pipeline (kept, recorded once, read).
import { userByInboundTokenHash } from "../db/users";
import { sha256Hex } from "../tokens";
import { type Inbound, type IngestResult, ingest } from "./process";

// Notices are small; a bigger message is refused rather than half-read.
export const MAX_EMAIL_BYTES = 10 * 1024 * 1024;

/** `<token>@…` or `<anything>+<token>@…`; tokens are lower-case, mail systems may fold case. */
export function inboundToken(recipient: string): string | undefined {
  const local = recipient.trim().toLowerCase().split("@")[0] ?? "";
  const token = local.slice(local.lastIndexOf("+") + 1);
  return /^in[a-z2-7]{24}$/.test(token) ? token : undefined;
}

export type EmailOutcome =
  | { outcome: "rejected"; reason: string }
  | { outcome: "accepted"; userId: string; result: IngestResult };

export async function receiveEmail(
  inbound: Inbound,
  message: ForwardableEmailMessage,
  now: number,
): Promise<EmailOutcome> {
  const { db } = inbound;
  const token = inboundToken(message.to);
  const user = token && (await userByInboundTokenHash(db, await sha256Hex(token)));
  if (!user) {
    message.setReject("Unknown recipient: check the forwarding address renewal-watchdog gave you.");
    return { outcome: "rejected", reason: "unknown_recipient" };
  }
  if (message.rawSize > MAX_EMAIL_BYTES) {
    message.setReject(`Message too large: notices over ${MAX_EMAIL_BYTES} bytes are not accepted.`);
    return { outcome: "rejected", reason: "too_large" };
  }
  const bytes = new Uint8Array(await new Response(message.raw).arrayBuffer());
  const messageId = message.headers.get("message-id")?.trim();
  const result = await ingest(
    inbound,
    {
      user,
      source: "email",
      dedupeKey: messageId ? `mid:${messageId}` : `sha256:${await sha256Hex(bytes)}`,
      bytes,
      contentType: "message/rfc822",
      sender: message.from,
      subject: message.headers.get("subject"),
      receivedAt: now,
    },
    now,
  );
  return { outcome: "accepted", userId: user.id, result };
}
