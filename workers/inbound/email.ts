// Inbound e-mail: find the user by the token in the recipient address, refuse unknown tokens,
// and record every accepted message (deduplicated) before anything interprets it.
import { inboundMessages } from "../../schema/tables";
import type { Db } from "../db/client";
import { userByInboundTokenHash } from "../db/users";
import { newId, sha256Hex } from "../tokens";

// Notices are small; a bigger message is refused rather than half-read.
export const MAX_EMAIL_BYTES = 10 * 1024 * 1024;

/** `<token>@…` or `<anything>+<token>@…`; tokens are lower-case, mail systems may fold case. */
export function inboundToken(recipient: string): string | undefined {
  const local = recipient.trim().toLowerCase().split("@")[0] ?? "";
  const token = local.slice(local.lastIndexOf("+") + 1);
  return /^in[a-z2-7]{24}$/.test(token) ? token : undefined;
}

export type EmailOutcome =
  | { status: "rejected"; reason: string }
  | { status: "recorded" | "duplicate"; messageId: string };

export async function receiveEmail(db: Db, message: ForwardableEmailMessage, now: number): Promise<EmailOutcome> {
  const token = inboundToken(message.to);
  const user = token && (await userByInboundTokenHash(db, await sha256Hex(token)));
  if (!user) {
    message.setReject("Unknown recipient: check the forwarding address renewal-watchdog gave you.");
    return { status: "rejected", reason: "unknown_recipient" };
  }
  if (message.rawSize > MAX_EMAIL_BYTES) {
    message.setReject(`Message too large: notices over ${MAX_EMAIL_BYTES} bytes are not accepted.`);
    return { status: "rejected", reason: "too_large" };
  }
  const raw = new Uint8Array(await new Response(message.raw).arrayBuffer());
  const messageId = message.headers.get("message-id")?.trim();
  const dedupeKey = messageId ? `mid:${messageId}` : `sha256:${await sha256Hex(raw)}`;
  const inserted = await db
    .insert(inboundMessages)
    .values({
      id: newId("msg"),
      userId: user.id,
      source: "email",
      dedupeKey,
      receivedAt: new Date(now).toISOString(),
      sender: message.from,
      subject: message.headers.get("subject"),
      contentType: message.headers.get("content-type"),
      rawSize: raw.byteLength,
    })
    .onConflictDoNothing()
    .returning({ id: inboundMessages.id })
    .get();
  return inserted ? { status: "recorded", messageId: inserted.id } : { status: "duplicate", messageId: dedupeKey };
}
