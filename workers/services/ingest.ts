// Ingest, the story of one notice: keep the original (RAW for e-mail; a webhook post goes into D1 with its
// row), read it (inbound/interpret.ts), match it and decide what it sets off (services/watchdog.ts, pure
// rules between two reads), and store the message, its event and its alerts in one D1 batch; delivery follows
// after the answer. A message that fails to read, or whose matching or storing meets a D1 error, is still
// recorded (failed) with its original, and the sweep tries it again; a replay creates nothing new. Only when
// nothing could be recorded does the error reach the sender, who delivers it again.
import type { UserRow } from "../../schema/tables";
import type { Db } from "../db/client";
import {
  type EventRow,
  type InboundLookup,
  type InboundMessageRow,
  insertInboundMessage,
  originalInD1,
  recordFailure,
  type StoredMessage,
  storedMessageByDedupeKey,
  storeInterpretation,
  storeNewMessage,
} from "../db/events";
import type { MembershipWithCancellations } from "../db/memberships";
import type { Statement } from "../db/watchdog";
import { type InboundMessage, type Interpretation, interpretMessage } from "../inbound/interpret";
import type { ExtractedEvent } from "../read/types";
import { newId } from "../secrets/tokens";
import type { Ctx } from "./context";
import { watchEvent } from "./watchdog";

/** What ingest needs of the invocation's context. */
export type Inbound = Pick<Ctx, "db" | "raw" | "links">;

export interface IngestResult {
  messageId: string;
  duplicate: boolean;
  status: InboundMessageRow["status"];
  events: EventRow[];
  /** Alerts this reading raised: when there are none, there is nothing to deliver at once. */
  alerts: number;
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
    merchantLegal: event.merchant_legal ?? null,
    occurredAt: event.occurred_at,
    reference: event.reference,
    cardTail: event.card_tail,
    channel: event.channel,
    renewsAt: event.renews_at,
    membershipId: null,
    provenance: event.provenance ?? null,
    match: null,
    dismissedAt: null,
    createdAt: now,
  };
}

function describe(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 500);
}

/** What reading a new notice decided: the event (matched or not) and the statements for what it sets off. */
type Reading = { ok: true; event: EventRow; statements: Statement[]; alerts: number } | { ok: false; error: string };

/** Reads a message and runs the watchdog on its event. Never throws: a failure is the reason it is kept for retry. */
async function read(
  { db, links }: Inbound,
  row: InboundMessageRow,
  message: InboundMessage,
  now: number,
  memberships?: MembershipWithCancellations[],
): Promise<Reading> {
  let interpretation: Interpretation;
  try {
    interpretation = await interpretMessage(message);
  } catch (error) {
    return { ok: false, error: describe(error) };
  }
  try {
    const nowIso = new Date(now).toISOString();
    const event = eventRow(interpretation.event, row, nowIso);
    return {
      ok: true,
      ...(await watchEvent({ db, links, now, user: message.user }, event, {
        memberships,
        noticeText: interpretation.noticeText,
      })),
    };
  } catch (error) {
    // Matching failed (a D1 read, as a rule): the message is kept and the sweep reads it again.
    console.error("inbound: matching failed", row.id, error);
    return { ok: false, error: describe(error) };
  }
}

/**
 * Keeps the original, stores the message once, and reads it. A new message costs one write: the message, its
 * event and everything the event sets off go into D1 in one batch, all or nothing. When that batch fails the
 * message is still kept (failed, for the sweep) if D1 lets us; only when nothing could be recorded
 * does this throw, and the sender (SMTP, the webhook's caller) tries again. `known` is what the caller already
 * looked up in the same round trip as the user (lookupInbound); without it, this looks it up.
 */
export async function ingest(
  inbound: Inbound,
  message: InboundMessage,
  now: number,
  known?: Pick<InboundLookup, "stored" | "memberships">,
): Promise<IngestResult> {
  const { db } = inbound;
  const stored = known ? known.stored : await storedMessageByDedupeKey(db, message.user.id, message.dedupeKey);
  if (stored) return replay(stored);
  const id = newId("msg");
  // E-mails go to RAW before anything refers to them (if that fails the handler fails and nothing half-exists);
  // a webhook post (at most 64 KiB) is written with its message row instead.
  const inRaw = message.source === "email";
  const rawKey = inRaw ? `raw/${message.user.id}/${id}` : null;
  if (rawKey) await inbound.raw.put(rawKey, message.bytes, { httpMetadata: { contentType: message.contentType } });
  const original = inRaw ? null : message.bytes;
  const nowIso = new Date(now).toISOString();
  const row: InboundMessageRow = {
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
    status: "pending",
    attempts: 0,
    lastError: null,
    processedAt: null,
  };
  const reading = await read(inbound, row, message, now, known?.memberships);
  if (!reading.ok) return keepForRetry(inbound, row, original, reading.error);
  const processed = { ...row, status: "processed" as const, attempts: 1, processedAt: nowIso };
  try {
    await storeNewMessage(db, processed, original, reading.event, reading.statements);
    return { messageId: id, duplicate: false, status: "processed", events: [reading.event], alerts: reading.alerts };
  } catch (error) {
    // Either the same message arrived twice at once and the other delivery stored it first (the dedupe index
    // failed this batch), or D1 failed: it may even have committed the batch with only the answer lost.
    // If this lookup fails too, nothing is known to be recorded: the error reaches the sender, who tries again.
    const current = await storedMessageByDedupeKey(db, message.user.id, message.dedupeKey);
    if (current?.row.id === id) {
      return {
        messageId: id,
        duplicate: false,
        status: current.row.status,
        events: current.events,
        alerts: reading.alerts,
      };
    }
    if (current) {
      await dropOriginal(inbound, rawKey);
      return replay(current);
    }
    console.error("inbound: storing the reading failed; keeping the message for the sweep", id, error);
    return keepForRetry(inbound, row, original, describe(error));
  }
}

/** Records a message that could not be read (or stored with its reading) as failed, for the sweep to retry. */
async function keepForRetry(
  inbound: Inbound,
  row: InboundMessageRow,
  original: Uint8Array | null,
  error: string,
): Promise<IngestResult> {
  const kept = await insertInboundMessage(
    inbound.db,
    { ...row, status: "failed", attempts: 1, lastError: error },
    original,
  );
  if (kept) return { messageId: row.id, duplicate: false, status: "failed", events: [], alerts: 0 };
  // Lost a race with the same message arriving at once: the other delivery owns it.
  await dropOriginal(inbound, row.rawKey);
  const winner = await storedMessageByDedupeKey(inbound.db, row.userId, row.dedupeKey);
  if (!winner) throw new Error("inbound message vanished after a dedupe conflict");
  return replay(winner);
}

/** An original in RAW that no message refers to (another delivery stored the message): not worth keeping. */
async function dropOriginal({ raw }: Inbound, rawKey: string | null): Promise<void> {
  if (!rawKey) return;
  try {
    await raw.delete(rawKey);
  } catch (error) {
    console.error("inbound: could not delete an unused original", rawKey, error);
  }
}

function replay({ row, events }: StoredMessage): IngestResult {
  return { messageId: row.id, duplicate: true, status: row.status, events, alerts: 0 };
}

/** The sweep's reading of a recorded message: the event and its consequences with the message's new state. */
async function readRecorded(inbound: Inbound, row: InboundMessageRow, message: InboundMessage, now: number) {
  const { db } = inbound;
  const reading = await read(inbound, row, message, now);
  if (reading.ok) {
    try {
      await storeInterpretation(db, row.id, reading.event, new Date(now).toISOString(), reading.statements);
      return {
        messageId: row.id,
        duplicate: false,
        status: "processed",
        events: [reading.event],
        alerts: reading.alerts,
      } satisfies IngestResult;
    } catch (error) {
      console.error("inbound: storing the reading failed after the message was recorded", row.id, error);
      return failedAgain(db, row, describe(error));
    }
  }
  return failedAgain(db, row, reading.error);
}

/** After a failed reading of a recorded message: record the failure if D1 lets us, and say where it stands. */
async function failedAgain(db: Db, row: InboundMessageRow, error: string): Promise<IngestResult> {
  const result: IngestResult = { messageId: row.id, duplicate: false, status: "pending", events: [], alerts: 0 };
  try {
    await recordFailure(db, row.id, error);
    result.status = "failed";
    // The batch may have been committed with only its answer lost: then the message is processed.
    const current = await storedMessageByDedupeKey(db, row.userId, row.dedupeKey);
    if (current) result.status = current.row.status;
    if (current?.row.status === "processed") result.events = current.events;
  } catch {
    // D1 is still failing: the row says pending or failed, and the sweep picks it up either way.
  }
  return result;
}

/** The sweep's retry of a message that is still pending or failed, from its kept original. */
export async function retryMessage(
  inbound: Inbound,
  row: InboundMessageRow,
  user: UserRow,
  now: number,
): Promise<IngestResult> {
  const bytes = row.rawKey ? await originalInRaw(inbound.raw, row.rawKey) : await originalInD1(inbound.db, row.id);
  if (!bytes) {
    await recordFailure(inbound.db, row.id, "original message missing from storage");
    return { messageId: row.id, duplicate: false, status: "failed", events: [], alerts: 0 };
  }
  const message: InboundMessage = {
    user,
    source: row.source,
    dedupeKey: row.dedupeKey,
    bytes,
    contentType: row.contentType ?? "",
    sender: row.sender,
    subject: row.subject,
    receivedAt: Date.parse(row.receivedAt),
  };
  return readRecorded(inbound, row, message, now);
}

async function originalInRaw(raw: R2Bucket, key: string): Promise<Uint8Array | undefined> {
  const object = await raw.get(key);
  return object ? new Uint8Array(await object.arrayBuffer()) : undefined;
}
