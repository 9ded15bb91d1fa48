// What the watchdog reads (memberships with their history, what is due) and the statements it writes
// (alerts with their deliveries, cancellations, membership state), returned unexecuted so callers put them in
// one batch; runBatched runs the sweep's many in batches of a bounded size.
import { and, desc, eq, gt, inArray, isNotNull, isNull, lte } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { alerts, cancellations, deliveries, events, memberships, type UserRow, users } from "../../schema/tables";
import type { AlertDraft, EventRow } from "../rules";
import { newId, sha256Hex } from "../secrets/tokens";
import { chunks } from "./chunks";
import type { Db } from "./client";

export type Statement = BatchItem<"sqlite">;

// Matched history older than this cannot affect any rule (refund windows and renewal checks are shorter).
export const HISTORY_DAYS = 400;

export interface StoredAlert extends AlertDraft {
  title: string;
  body: string;
}

/** The channels a user's alerts go out on: e-mail always, SMS when chosen and a phone is set. */
export function deliveryChannels(user: Pick<UserRow, "channels" | "phone">): Array<"email" | "sms"> {
  return user.channels.filter((channel) => channel === "email" || (channel === "sms" && Boolean(user.phone)));
}

/**
 * An alert's id follows from its owner and dedupe key, so the same alert raised again (another sweep, a
 * replayed message) is the same row: its insert and its deliveries' inserts all do nothing.
 */
async function alertId(userId: string, dedupeKey: string): Promise<string> {
  return `alr_${(await sha256Hex(`${userId}\n${dedupeKey}`)).slice(0, 24)}`;
}

/** Each alert at most once per user and dedupe key, with one pending delivery per channel (the user's, and its own). */
export async function alertStatements(db: Db, user: UserRow, drafts: StoredAlert[], now: string): Promise<Statement[]> {
  const statements: Statement[] = [];
  for (const draft of drafts) {
    // A rung of a ladder may add channels (SMS on the last day); SMS still needs a phone, and never after STOP.
    const added = user.smsStoppedAt ? [] : (draft.channels ?? []);
    const channels = deliveryChannels({ ...user, channels: [...new Set([...user.channels, ...added])] });
    const id = await alertId(user.id, draft.dedupeKey);
    statements.push(
      db
        .insert(alerts)
        .values({
          id,
          userId: user.id,
          membershipId: draft.membershipId,
          eventId: draft.eventId,
          kind: draft.kind,
          dedupeKey: draft.dedupeKey,
          title: draft.title,
          body: draft.body,
          facts: draft.facts,
          createdAt: now,
        })
        .onConflictDoNothing(),
      ...channels.map((channel) =>
        db
          .insert(deliveries)
          .values({ id: newId("dlv"), alertId: id, userId: user.id, channel, nextAttemptAt: now, createdAt: now })
          .onConflictDoNothing(),
      ),
    );
  }
  return statements;
}

/** Events matched to these memberships since `since` (ISO), grouped by membership; IN lists chunked for D1. */
export async function matchedEvents(db: Db, membershipIds: string[], since: string): Promise<Map<string, EventRow[]>> {
  const byMembership = new Map<string, EventRow[]>();
  for (const part of chunks(membershipIds)) {
    const rows = await db
      .select()
      .from(events)
      .where(and(inArray(events.membershipId, part), gt(events.occurredAt, since)));
    for (const row of rows) {
      const key = row.membershipId as string;
      byMembership.set(key, [...(byMembership.get(key) ?? []), row]);
    }
  }
  return byMembership;
}

export async function cancellationsOf(db: Db, membershipIds: string[]) {
  const byMembership = new Map<string, (typeof cancellations.$inferSelect)[]>();
  for (const part of chunks(membershipIds)) {
    const rows = await db.select().from(cancellations).where(inArray(cancellations.membershipId, part));
    for (const row of rows) byMembership.set(row.membershipId, [...(byMembership.get(row.membershipId) ?? []), row]);
  }
  return byMembership;
}

/** The user's charges and signups that matched nothing, since `since`: evidence of an unknown subscription. */
export async function unmatchedPayments(db: Db, userId: string, since: string): Promise<EventRow[]> {
  return db
    .select()
    .from(events)
    .where(
      and(
        eq(events.userId, userId),
        isNull(events.membershipId),
        inArray(events.kind, ["charge", "signup"]),
        gt(events.occurredAt, since),
      ),
    )
    .orderBy(desc(events.occurredAt))
    .limit(200);
}

/**
 * Memberships due for the sweep by `latestDate` (the latest calendar date anywhere at the sweep's instant),
 * with their owners, through the next_due_on index. The caller compares with each owner's own date.
 */
export async function dueMemberships(db: Db, latestDate: string, limit: number) {
  return db
    .select({ membership: memberships, user: users })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(isNotNull(memberships.nextDueOn), lte(memberships.nextDueOn, latestDate), isNull(memberships.deletedAt)))
    .orderBy(memberships.nextDueOn)
    .limit(limit);
}

/** A cancellation on record, for the batch of the event that is its evidence. */
export function cancellationStatement(db: Db, values: typeof cancellations.$inferInsert): Statement {
  return db.insert(cancellations).values(values);
}

export function membershipStateStatement(
  db: Db,
  id: string,
  state: Partial<Pick<typeof memberships.$inferInsert, "nextRenewalOn" | "status" | "nextDueOn" | "merchantAliases">>,
  now: string,
): Statement {
  return db
    .update(memberships)
    .set({ ...state, updatedAt: now })
    .where(eq(memberships.id, id));
}

/** Runs `statements` in order, `size` to a D1 batch: each batch is atomic, and one failing leaves those before it. */
export async function runBatched(db: Db, statements: Statement[], size: number): Promise<void> {
  for (const part of chunks(statements, size)) {
    const [first, ...rest] = part;
    if (first) await db.batch([first, ...rest]);
  }
}
