// The inbound pipeline shared by the email handler, the webhook and the sweep: keep the original,
// record the message, then interpret it. A message that fails to interpret, or whose matching or storing
// meets a D1 error, stays recorded (pending or failed) with its original in RAW, and the sweep tries it
// again; a replay creates nothing new. Only a failure before it is recorded reaches the sender.
import { EventInput } from "../../schema/api";
import type { UserRow } from "../../schema/tables";
import type { Db } from "../db/client";
import {
  type EventRow,
  eventsOfMessage,
  type InboundMessageRow,
  inboundMessageByDedupeKey,
  inboundMessageById,
  insertInboundMessage,
  recordFailure,
  storeInterpretation,
} from "../db/events";
import type { Links } from "../links";
import { extractEvent } from "../read";
import { readEmail } from "../read/mime";
import { smsFromFields, smsNotice } from "../read/sms";
import type { ExtractedEvent } from "../read/types";
import { newId } from "../tokens";
import { watchEvent } from "../watchdog";

export interface Inbound {
  db: Db;
  raw: R2Bucket;
  /** Signs the timeline links in the alerts a message raises (null: no links). */
  links: Links | null;
}

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

export interface IngestResult {
  messageId: string;
  duplicate: boolean;
  status: InboundMessageRow["status"];
  events: EventRow[];
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

/** Reads a message into one event (only the owner's timezone matters). Throws when it cannot be read at all. */
export async function interpret(
  message: Omit<InboundMessage, "user"> & { user: Pick<UserRow, "timezone"> },
): Promise<ExtractedEvent> {
  const context = { receivedAt: message.receivedAt, timeZone: message.user.timezone };
  if (message.source === "email") return extractEvent(await readEmail(message.bytes, context));
  const payload = webhookPayload(message.contentType, message.bytes);
  if (!payload) throw new Error(`unreadable webhook body (${message.contentType})`);
  if (payload.kind === "event") return payload.event;
  const sms = smsFromFields(payload.fields);
  if (!sms) throw new Error("webhook body has no SMS text field");
  return extractEvent(smsNotice(sms, message.receivedAt));
}

function eventRow(event: ExtractedEvent, message: InboundMessageRow, now: string): EventRow {
  return {
    id: newId("evt"),
    userId: message.userId,
    inboundMessageId: message.id,
    kind: event.kind,
    amountMinor: event.amount_minor,
    currency: event.currency,
    merchant: event.merchant,
    occurredAt: event.occurred_at,
    reference: event.reference,
    cardTail: event.card_tail,
    channel: event.channel,
    renewsAt: event.renews_at,
    membershipId: null,
    match: null,
    createdAt: now,
  };
}

function describe(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 500);
}

/** Interprets a recorded message and stores its event; failures are recorded for the sweep. */
export async function interpretAndStore(
  { db, links }: Inbound,
  row: InboundMessageRow,
  message: InboundMessage,
  now: number,
): Promise<IngestResult> {
  let event: ExtractedEvent;
  try {
    event = await interpret(message);
  } catch (error) {
    return keptForRetry(db, row.id, describe(error));
  }
  const nowIso = new Date(now).toISOString();
  try {
    const watched = await watchEvent(db, message.user, eventRow(event, row, nowIso), now, links);
    // The event, its match, the alerts it raises and the membership's new state: one batch, all or nothing.
    await storeInterpretation(db, row.id, watched.event, nowIso, watched.statements);
    return { messageId: row.id, duplicate: false, status: "processed", events: await eventsOfMessage(db, row.id) };
  } catch (error) {
    // Matching or storing failed (D1, as a rule). The message is recorded and its original kept, so the
    // sweep reads it again; the sender must not be told to retry a message we already hold.
    console.error("inbound: reading failed after the message was recorded", row.id, error);
    return keptForRetry(db, row.id, describe(error));
  }
}

/** After a failed reading: record the failure if D1 lets us, and say where the message stands. */
async function keptForRetry(db: Db, messageId: string, error: string): Promise<IngestResult> {
  const result: IngestResult = { messageId, duplicate: false, status: "pending", events: [] };
  try {
    await recordFailure(db, messageId, error);
    result.status = "failed";
    // The batch may have been committed with only its answer lost: then the message is processed.
    const current = await inboundMessageById(db, messageId);
    if (current) result.status = current.status;
    if (current?.status === "processed") result.events = await eventsOfMessage(db, messageId);
  } catch {
    // D1 is still failing: the row says pending or failed, and the sweep picks it up either way.
  }
  return result;
}

/** Keeps the original, records the message once, and interprets it. */
export async function ingest(inbound: Inbound, message: InboundMessage, now: number): Promise<IngestResult> {
  const { db } = inbound;
  const existing = await inboundMessageByDedupeKey(db, message.user.id, message.dedupeKey);
  if (existing) return replay(inbound, existing);
  const id = newId("msg");
  const rawKey = `raw/${message.user.id}/${id}`;
  // The original goes to storage first: if that fails the handler fails and nothing half-exists.
  await inbound.raw.put(rawKey, message.bytes, { httpMetadata: { contentType: message.contentType } });
  const row = await insertInboundMessage(db, {
    id,
    userId: message.user.id,
    source: message.source,
    dedupeKey: message.dedupeKey,
    receivedAt: new Date(message.receivedAt).toISOString(),
    sender: message.sender ?? null,
    subject: message.subject ?? null,
    contentType: message.contentType,
    rawSize: message.bytes.byteLength,
    rawKey,
  });
  if (!row) {
    // Lost a race with the same message arriving at once: the other delivery owns it.
    await inbound.raw.delete(rawKey);
    const winner = await inboundMessageByDedupeKey(db, message.user.id, message.dedupeKey);
    if (!winner) throw new Error("inbound message vanished after a dedupe conflict");
    return replay(inbound, winner);
  }
  return interpretAndStore(inbound, row, message, now);
}

async function replay({ db }: Inbound, row: InboundMessageRow): Promise<IngestResult> {
  return { messageId: row.id, duplicate: true, status: row.status, events: await eventsOfMessage(db, row.id) };
}

/** The sweep's retry of a message that is still pending or failed, from its kept original. */
export async function retryMessage(
  inbound: Inbound,
  row: InboundMessageRow,
  user: UserRow,
  now: number,
): Promise<IngestResult> {
  const object = row.rawKey ? await inbound.raw.get(row.rawKey) : null;
  if (!object) {
    await recordFailure(inbound.db, row.id, "original message missing from storage");
    return { messageId: row.id, duplicate: false, status: "failed", events: [] };
  }
  const message: InboundMessage = {
    user,
    source: row.source,
    dedupeKey: row.dedupeKey,
    bytes: new Uint8Array(await object.arrayBuffer()),
    contentType: row.contentType ?? "",
    sender: row.sender,
    subject: row.subject,
    receivedAt: Date.parse(row.receivedAt),
  };
  return interpretAndStore(inbound, row, message, now);
}
