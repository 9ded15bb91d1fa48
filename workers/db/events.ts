// Queries about inbound messages and the events read from them.
import { and, desc, eq, inArray, isNotNull, isNull, lt, ne, or, type SQLWrapper, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { events, inboundMessages, inboundOriginals, type UserRow, users } from "../../schema/tables";
import { chunks } from "./chunks";
import type { Db } from "./client";
import { type MembershipWithCancellations, membershipReads, withCancellations } from "./memberships";

export type InboundMessageRow = typeof inboundMessages.$inferSelect;
export type EventRow = typeof events.$inferSelect;

/** A message already stored, with what was read from it: the answer to a replay. */
export interface StoredMessage {
  row: InboundMessageRow;
  events: EventRow[];
}

/** The reads for the message a user stored under `dedupeKey` and its events (null key: none). */
function storedMessageReads(db: Db, userId: string | SQLWrapper, dedupeKey: string | null) {
  const ofUser =
    typeof userId === "string" ? eq(inboundMessages.userId, userId) : inArray(inboundMessages.userId, userId);
  const keyed = dedupeKey === null ? sql`0` : and(ofUser, eq(inboundMessages.dedupeKey, dedupeKey));
  return [
    db.select().from(inboundMessages).where(keyed),
    db
      .select({ event: events })
      .from(events)
      .innerJoin(inboundMessages, eq(inboundMessages.id, events.inboundMessageId))
      .where(keyed),
  ] as const;
}

function storedMessage(rows: InboundMessageRow[], eventRows: { event: EventRow }[]): StoredMessage | null {
  const [row] = rows;
  return row ? { row, events: eventRows.map(({ event }) => event) } : null;
}

export async function storedMessageByDedupeKey(db: Db, userId: string, dedupeKey: string) {
  const [rows, eventRows] = await db.batch(storedMessageReads(db, userId, dedupeKey));
  return storedMessage(rows, eventRows);
}

/** Which address a notice came to: a user's inbound e-mail address or webhook URL, by its token's hash. */
export interface Recipient {
  via: "email" | "webhook";
  tokenHash: string;
}

export interface InboundLookup {
  user: UserRow;
  /** The same message stored before (a replay), or null. */
  stored: StoredMessage | null;
  /** The user's memberships with their cancellations: what a new notice is matched against. */
  memberships: MembershipWithCancellations[];
}

/**
 * Everything a notice needs before it is read, in one round trip: whose it is, whether it is a replay (with the
 * events to answer it with), and the memberships to match it to. Undefined when the token belongs to nobody.
 * `dedupeKey` is null when the notice has none (its body is unreadable): then nothing counts as stored.
 */
export async function lookupInbound(
  db: Db,
  recipient: Recipient,
  dedupeKey: string | null,
): Promise<InboundLookup | undefined> {
  const token = recipient.via === "email" ? users.inboundTokenHash : users.webhookTokenHash;
  const userId = db.select({ id: users.id }).from(users).where(eq(token, recipient.tokenHash));
  const [userRows, messageRows, eventRows, membershipRows, cancellationRows] = await db.batch([
    db.select().from(users).where(eq(token, recipient.tokenHash)),
    ...storedMessageReads(db, userId, dedupeKey),
    ...membershipReads(db, userId),
  ]);
  const [user] = userRows;
  if (!user) return undefined;
  return {
    user,
    stored: storedMessage(messageRows, eventRows),
    memberships: withCancellations(membershipRows, cancellationRows),
  };
}

/**
 * A new message with its original (a webhook post's; null for an e-mail, kept in RAW), its event and what the
 * event sets off: one batch, all or nothing. No "on conflict do nothing": a second delivery of the same message
 * fails this whole batch on the dedupe index instead of adding its event and alerts again.
 */
export async function storeNewMessage(
  db: Db,
  message: typeof inboundMessages.$inferInsert,
  original: Uint8Array | null,
  event: typeof events.$inferInsert,
  consequences: BatchItem<"sqlite">[] = [],
): Promise<void> {
  await db.batch([
    db.insert(inboundMessages).values(message),
    ...(original ? [db.insert(inboundOriginals).values({ messageId: message.id, body: original })] : []),
    // After the message: the event refers to it, and the alerts to the event.
    db.insert(events).values(event),
    ...consequences,
  ]);
}

/** Inserts the message row (and its original, if kept in D1); undefined when the same message is already stored. */
export async function insertInboundMessage(
  db: Db,
  values: typeof inboundMessages.$inferInsert,
  original: Uint8Array | null,
) {
  const inserted = db.insert(inboundMessages).values(values).onConflictDoNothing().returning();
  if (!original) return (await inserted)[0];
  // Only when the row went in: an original for a message another delivery stored would point at nothing.
  const [rows] = await db.batch([
    inserted,
    db
      .insert(inboundOriginals)
      .select(
        db
          .select({ messageId: inboundMessages.id, body: sql`${original.slice().buffer}`.as("body") })
          .from(inboundMessages)
          .where(eq(inboundMessages.id, values.id)),
      )
      .onConflictDoNothing(),
  ]);
  return rows[0];
}

/** The original bytes of a webhook post kept in D1; undefined for e-mails (those are in RAW). */
export async function originalInD1(db: Db, messageId: string): Promise<Uint8Array | undefined> {
  const row = await db.select().from(inboundOriginals).where(eq(inboundOriginals.messageId, messageId)).get();
  return row?.body;
}

/** The event and the message's new state, written together: never an event without a processed message. */
export async function storeInterpretation(
  db: Db,
  messageId: string,
  event: typeof events.$inferInsert,
  now: string,
  consequences: BatchItem<"sqlite">[] = [],
): Promise<void> {
  await db.batch([
    // No "on conflict do nothing": a second reading of the same message (a sweep racing a slow handler)
    // must fail whole on the one-event-per-message index, not add its alerts and state changes again.
    db.insert(events).values(event),
    // After the event: alerts reference it.
    ...consequences,
    db
      .update(inboundMessages)
      .set({ status: "processed", processedAt: now, lastError: null, attempts: sql`${inboundMessages.attempts} + 1` })
      .where(eq(inboundMessages.id, messageId)),
  ]);
}

/** Marks a reading failed. A message already processed stays so: its batch may have committed with only the answer lost. */
export async function recordFailure(db: Db, messageId: string, error: string): Promise<void> {
  await db
    .update(inboundMessages)
    .set({ status: "failed", lastError: error, attempts: sql`${inboundMessages.attempts} + 1` })
    .where(and(eq(inboundMessages.id, messageId), ne(inboundMessages.status, "processed")));
}

/**
 * Messages the sweep should (re)interpret, with their owner's timezone: pending or failed, received
 * before `before` (so a handler still at work is left alone), under the attempt cap. Uses the status index.
 */
export async function messagesToRetry(db: Db, before: string, maxAttempts: number, limit: number) {
  return db
    .select({ message: inboundMessages, user: users })
    .from(inboundMessages)
    .innerJoin(users, eq(users.id, inboundMessages.userId))
    .where(
      and(
        or(eq(inboundMessages.status, "pending"), eq(inboundMessages.status, "failed")),
        lt(inboundMessages.receivedAt, before),
        lt(inboundMessages.attempts, maxAttempts),
      ),
    )
    .orderBy(inboundMessages.receivedAt)
    .limit(limit);
}

export interface EventFilter {
  membershipId?: string;
  kind?: EventRow["kind"];
  /** true: matched to no membership; unless `dismissed` says otherwise, dismissed events are left out too. */
  unmatched?: boolean;
  dismissed?: boolean;
  limit: number;
}

export async function eventsOfUser(db: Db, userId: string, filter: EventFilter): Promise<EventRow[]> {
  // "Unmatched" asks what is left to sort out: an event dismissed as a one-off is sorted.
  const dismissed = filter.dismissed ?? (filter.unmatched ? false : undefined);
  return db
    .select()
    .from(events)
    .where(
      and(
        eq(events.userId, userId),
        filter.membershipId ? eq(events.membershipId, filter.membershipId) : undefined,
        filter.kind ? eq(events.kind, filter.kind) : undefined,
        filter.unmatched === undefined
          ? undefined
          : filter.unmatched
            ? isNull(events.membershipId)
            : isNotNull(events.membershipId),
        dismissed === undefined ? undefined : dismissed ? isNotNull(events.dismissedAt) : isNull(events.dismissedAt),
      ),
    )
    .orderBy(desc(events.occurredAt), desc(events.createdAt))
    .limit(filter.limit);
}

export async function eventOfUser(db: Db, userId: string, id: string): Promise<EventRow | undefined> {
  return db
    .select()
    .from(events)
    .where(and(eq(events.id, id), eq(events.userId, userId)))
    .get();
}

/** The user's inbound messages by id (sender and subject for the inbox), in IN lists that fit D1's limit. */
export async function inboundMessagesOfUser(
  db: Db,
  userId: string,
  ids: string[],
): Promise<Map<string, InboundMessageRow>> {
  const found = new Map<string, InboundMessageRow>();
  for (const part of chunks([...new Set(ids)])) {
    const rows = await db
      .select()
      .from(inboundMessages)
      .where(and(eq(inboundMessages.userId, userId), inArray(inboundMessages.id, part)));
    for (const row of rows) found.set(row.id, row);
  }
  return found;
}

/** Who an event belongs to, how it was matched and whether it is dismissed: a statement for the caller's batch. */
export function eventAssignmentStatement(
  db: Db,
  id: string,
  set: Pick<EventRow, "membershipId" | "match" | "dismissedAt">,
) {
  return db.update(events).set(set).where(eq(events.id, id));
}
