// Raw e-mail → Notice: the MIME is decoded (charsets, quoted-printable, base64) by mime-parts.ts where it is
// sure of the shape, else by postal-mime; then we pick the readable body, flatten HTML, and unwrap forwards
// (quoted or attached as message/rfc822) so the notice inside — its sender, date and body — is what gets read,
// not the forwarder.
import PostalMime, { type Email } from "postal-mime";
import { findDateTime } from "./dates";
import { unwrapForward } from "./forwarded";
import { htmlToText, normalizeLines } from "./html";
import { type MessageParts, messageParts } from "./mime-parts";
import type { Notice } from "./types";

// Extraction never needs more than the first part of a notice; this bounds CPU on huge bodies.
const MAX_TEXT_CHARS = 100_000;
const MAX_ATTACHED_DEPTH = 3;

export interface EmailContext {
  receivedAt: number;
  /** The user's timezone: forwarded dates written without a zone are in the forwarder's (their) zone. */
  timeZone: string;
}

export interface ReadEmail extends Notice {
  messageId?: string;
}

const FORWARD_SUBJECT = /^\s*(?:(?:fwd?|fw|tr|wg|rv|转发|轉寄|转寄)\s*[:：]\s*)+/i;

// White space after a table cell is no content, as a browser shows it: cells written one per source line
// ("<th>利用日</th>\n<th>利用店名</th>") stay one table row, so a header row still stands over its values.
const AFTER_CELL = /(<\/t[dh]\s*>)\s+/gi;

function bodyText(email: Pick<MessageParts, "text" | "html">): string {
  const html = email.html ? htmlToText(email.html.replace(AFTER_CELL, "$1")) : "";
  // Prefer the HTML when it says more: some providers' text parts are template junk or stubs.
  // normalizeLines never lengthens a text, so when the HTML beats the raw text part it beats the
  // normalised one too, and the text part need not be normalised at all.
  const raw = email.text ?? "";
  if (html.length > raw.length * 0.8) return capped(html);
  const text = raw ? normalizeLines(raw) : "";
  return capped(html.length > text.length * 0.8 ? html : text);
}

function capped(body: string): string {
  return body.length > MAX_TEXT_CHARS ? body.slice(0, MAX_TEXT_CHARS) : body;
}

/** The parts reading uses, from postal-mime: the first message/rfc822 it kept as an attachment is the attached one. */
export async function postalParts(raw: Uint8Array): Promise<MessageParts> {
  const email: Email = await PostalMime.parse(raw, { attachmentEncoding: "arraybuffer", forceRfc822Attachments: true });
  const part = email.attachments.find((attachment) => attachment.mimeType.toLowerCase() === "message/rfc822");
  const attached = part && typeof part.content !== "string" ? new Uint8Array(part.content) : undefined;
  const { from, subject, messageId, date, text, html } = email;
  return { subject, messageId, date, text, html, from, attached };
}

/** A date from a header or a forwarded header block: RFC 2822 with a zone, else read in the user's zone. */
// Instants outside these years would be written as "+099999-…" ISO strings: not the API's instant format,
// and they sort wrongly as text. A Date header that far off is garbage, not a date.
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const plausible = (instant: number) =>
  Number.isFinite(instant) && instant >= EARLIEST && instant <= LATEST ? instant : undefined;

export function parseMailDate(value: string | undefined, context: EmailContext): number | undefined {
  if (!value) return undefined;
  if (/[+-]\d{4}\b|\b(?:GMT|UTC)\b|Z$/.test(value)) {
    const parsed = Date.parse(value.replace(/\s+at\s+/i, " ").replace(/\([^)]*\)/g, ""));
    if (!Number.isNaN(parsed)) return plausible(parsed);
  }
  const found = findDateTime(value.replace(/\s+at\s+/i, " "), context);
  return found ? plausible(Date.parse(found)) : undefined;
}

export async function readEmail(raw: ArrayBuffer | Uint8Array, context: EmailContext, depth = 0): Promise<ReadEmail> {
  const bytes = raw instanceof Uint8Array ? raw : new Uint8Array(raw);
  const email = messageParts(bytes) ?? (await postalParts(bytes));
  const attached = email.attached;
  if (attached && depth < MAX_ATTACHED_DEPTH) {
    const inner = await readEmail(attached, context, depth + 1);
    if (inner.text.trim()) return { ...inner, messageId: email.messageId ?? inner.messageId };
  }
  const from = email.from && "address" in email.from ? email.from : undefined;
  const notice: ReadEmail = {
    text: bodyText(email),
    subject: email.subject?.replace(FORWARD_SUBJECT, "").trim() || undefined,
    sender: from?.address?.toLowerCase() || undefined,
    senderName: from?.name || undefined,
    sentAt: parseMailDate(email.date, context),
    receivedAt: context.receivedAt,
    timeZone: context.timeZone,
    source: "email",
    messageId: email.messageId,
  };
  const forward = unwrapForward(notice.text);
  if (!forward) return notice;
  return {
    ...notice,
    text: forward.text,
    subject: forward.subject?.replace(FORWARD_SUBJECT, "").trim() || notice.subject,
    sender: forward.sender,
    senderName: forward.senderName,
    sentAt: parseMailDate(forward.date, context) ?? notice.sentAt,
  };
}
