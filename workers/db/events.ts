// Queries about inbound messages and the events read from them.
import { and, desc, eq, inArray, isNotNull, isNull, lt, ne, or, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { events, inboundMessages, users } from "../../schema/tables";
import { chunks } from "./chunks";
import type { Db } from "./client";

export type InboundMessageRow = typeof inboundMessages.$inferSelect;
export type EventRow = typeof events.$inferSelect;

export async function inboundMessageByDedupeKey(db: Db, userId: string, dedupeKey: string) {
  return db
    .select()
    .from(inboundMessages)
    .where(and(eq(inboundMessages.userId, userId), eq(inboundMessages.dedupeKey, dedupeKey)))
    .get();
}

/** Inserts the message row; undefined when the same message (user + dedupe key) is already stored. */
export async function insertInboundMessage(db: Db, values: typeof inboundMessages.$inferInsert) {
  return db.insert(inboundMessages).values(values).onConflictDoNothing().returning().get();
}

export async function eventsOfMessage(db: Db, inboundMessageId: string): Promise<EventRow[]> {
  return db.select().from(events).where(eq(events.inboundMessageId, inboundMessageId));
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

export async function inboundMessageById(db: Db, id: string) {
  return db.select().from(inboundMessages).where(eq(inboundMessages.id, id)).get();
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
  unmatched?: boolean;
  limit: number;
}

export async function eventsOfUser(db: Db, userId: string, filter: EventFilter): Promise<EventRow[]> {
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
