// Inbound e-mail: find the user by the token in the recipient address, refuse unknown tokens and
// oversized mail, then hand the message to the inbound pipeline (kept, recorded once, read).
import { decodeWords } from "postal-mime";
import { lookupInbound } from "../db/events";
import { sha256Hex } from "../secrets/tokens";
import { type Inbound, type IngestResult, ingest } from "../services/ingest";

// Notices are small; a bigger message is refused rather than half-read.
export const MAX_EMAIL_BYTES = 10 * 1024 * 1024;

/** `<token>@…` or `<anything>+<token>@…`; tokens are lower-case, mail systems may fold case. */
export function inboundToken(recipient: string): string | undefined {
  const local = recipient.trim().toLowerCase().split("@")[0] ?? "";
  const token = local.slice(local.lastIndexOf("+") + 1);
  return /^in[a-z2-7]{24}$/.test(token) ? token : undefined;
}

/** The Subject header as people read it: encoded words (=?GBK?B?…?=) decoded, folding undone. */
function subjectText(header: string | null): string | null {
  if (!header) return null;
  try {
    return decodeWords(header).replace(/\s+/g, " ").trim() || null;
  } catch {
    // An encoded word in a charset no decoder knows stays as it arrived rather than losing the message.
    return header;
  }
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
  const reject = (reason: "unknown_recipient" | "too_large") => {
    message.setReject(
      reason === "too_large"
        ? `Message too large: notices over ${MAX_EMAIL_BYTES} bytes are not accepted.`
        : "Unknown recipient: check the forwarding address renewal-watchdog gave you.",
    );
    return { outcome: "rejected", reason } as const;
  };
  if (!token) return reject("unknown_recipient");
  const tooLarge = message.rawSize > MAX_EMAIL_BYTES;
  const bytes = tooLarge ? null : new Uint8Array(await new Response(message.raw).arrayBuffer());
  const messageId = message.headers.get("message-id")?.trim();
  const dedupeKey = messageId ? `mid:${messageId}` : bytes ? `sha256:${await sha256Hex(bytes)}` : null;
  // Whose address, whether this message is already stored, and what to match it with: one round trip.
  const found = await lookupInbound(db, { via: "email", tokenHash: await sha256Hex(token) }, dedupeKey);
  if (!found) return reject("unknown_recipient");
  if (!bytes || !dedupeKey) return reject("too_large");
  const { user } = found;
  const result = await ingest(
    inbound,
    {
      user,
      source: "email",
      dedupeKey,
      bytes,
      contentType: "message/rfc822",
      sender: message.from,
      subject: subjectText(message.headers.get("subject")),
      receivedAt: now,
    },
    now,
    found,
  );
  return { outcome: "accepted", userId: user.id, result };
}
