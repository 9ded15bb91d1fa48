// Reading an inbound message into one event, without storing anything: the e-mail handler, the webhook and
// the sweep (through services/ingest.ts), the dry run and the fixtures' score all read through here.
import { EventInput } from "../../schema/events";
import type { UserRow } from "../../schema/tables";
import { extractEvent, noticeText } from "../read";
import { readEmail } from "../read/mime";
import { smsFromFields, smsNotice } from "../read/sms";
import type { ExtractedEvent, Notice } from "../read/types";

export interface InboundMessage {
  user: UserRow;
  source: "email" | "webhook";
  dedupeKey: string;
  bytes: Uint8Array;
  contentType: string;
  sender?: string | null;
  subject?: string | null;
  receivedAt: number;
}

/** A webhook body in one of the accepted shapes, or null when it carries nothing we can read. */
export type WebhookPayload =
  | { kind: "event"; event: ExtractedEvent }
  | { kind: "sms"; fields: Record<string, unknown> };

export function webhookPayload(contentType: string, bytes: Uint8Array): WebhookPayload | null {
  const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  const text = new TextDecoder().decode(bytes);
  if (type === "application/json" || type.endsWith("+json")) {
    const body: unknown = JSON.parse(text);
    if (typeof body !== "object" || body === null || Array.isArray(body)) return null;
    if ("kind" in body) {
      const event = EventInput.parse(body);
      return {
        kind: "event",
        event: {
          kind: event.kind,
          amount_minor: event.amount_minor ?? null,
          currency: event.currency ?? null,
          merchant: event.merchant ?? null,
          merchant_legal: event.merchant_legal ?? null,
          occurred_at: new Date(event.occurred_at).toISOString(),
          reference: event.reference ?? null,
          card_tail: event.card_tail ?? null,
          channel: event.channel ?? null,
          renews_at: event.renews_at ?? null,
        },
      };
    }
    return { kind: "sms", fields: body as Record<string, unknown> };
  }
  if (type === "application/x-www-form-urlencoded") {
    return { kind: "sms", fields: Object.fromEntries(new URLSearchParams(text)) };
  }
  if (type === "text/plain" || type === "") return { kind: "sms", fields: { text } };
  return null;
}

/** A message's event, and what its notice said as a person reads it (for matching a membership named in it). */
export interface Interpretation {
  event: ExtractedEvent;
  /** Subject, sender and text of the notice; empty for an event posted as JSON. */
  noticeText: string;
}

/** Reads a message into one event (only the owner's timezone matters). Throws when it cannot be read at all. */
export async function interpretMessage(
  message: Omit<InboundMessage, "user"> & { user: Pick<UserRow, "timezone"> },
): Promise<Interpretation> {
  const context = { receivedAt: message.receivedAt, timeZone: message.user.timezone };
  if (message.source === "email") return readNotice(await readEmail(message.bytes, context));
  const payload = webhookPayload(message.contentType, message.bytes);
  if (!payload) throw new Error(`unreadable webhook body (${message.contentType})`);
  if (payload.kind === "event") return { event: payload.event, noticeText: "" };
  const sms = smsFromFields(payload.fields);
  if (!sms) throw new Error("webhook body has no SMS text field");
  return readNotice(smsNotice(sms, message.receivedAt, message.user.timezone));
}

function readNotice(notice: Notice): Interpretation {
  return { event: extractEvent(notice), noticeText: noticeText(notice) };
}

/** The event alone (the dry run's and the fixtures' view). */
export async function interpret(
  message: Omit<InboundMessage, "user"> & { user: Pick<UserRow, "timezone"> },
): Promise<ExtractedEvent> {
  return (await interpretMessage(message)).event;
}
