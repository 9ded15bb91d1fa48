// Queries about memberships and their cancellations. Every read is scoped to its owner, so
// another user's id simply finds nothing (and the API answers 404).
import { and, asc, eq, gt, inArray, isNull, or, type SQLWrapper } from "drizzle-orm";
import {
  type CancellationRow,
  cancellations,
  type MembershipRow,
  memberships,
  type UserRow,
  users,
} from "../../schema/tables";
import { resolveHalfCancelled } from "./alerts";
import type { Db } from "./client";

export type MembershipWithCancellations = MembershipRow & { cancellations: CancellationRow[] };

const owned = (userId: string, id: string) =>
  and(eq(memberships.id, id), eq(memberships.userId, userId), isNull(memberships.deletedAt));

/**
 * The two reads behind membershipsOfUser, for a caller that puts them into a larger batch. `userId` is the id,
 * or a subquery that selects it (when the caller knows the user only by a token hash, in the same batch).
 */
export function membershipReads(db: Db, userId: string | SQLWrapper) {
  const ofUser = (column: typeof memberships.userId | typeof cancellations.userId) =>
    typeof userId === "string" ? eq(column, userId) : inArray(column, userId);
  return [
    db
      .select()
      .from(memberships)
      .where(and(ofUser(memberships.userId), isNull(memberships.deletedAt)))
      .orderBy(asc(memberships.nextRenewalOn), asc(memberships.createdAt)),
    db.select().from(cancellations).where(ofUser(cancellations.userId)).orderBy(asc(cancellations.cancelledAt)),
  ] as const;
}

/** Each membership with its own cancellations, from the two reads of membershipReads. */
export function withCancellations(rows: MembershipRow[], cancelled: CancellationRow[]): MembershipWithCancellations[] {
  return rows.map((row) => ({ ...row, cancellations: cancelled.filter((c) => c.membershipId === row.id) }));
}

export async function membershipsOfUser(db: Db, userId: string): Promise<MembershipWithCancellations[]> {
  const [rows, cancelled] = await db.batch(membershipReads(db, userId));
  return withCancellations(rows, cancelled);
}

export async function membershipOfUser(
  db: Db,
  userId: string,
  id: string,
): Promise<MembershipWithCancellations | undefined> {
  const [rows, cancelled] = await db.batch([
    db.select().from(memberships).where(owned(userId, id)).limit(1),
    db
      .select()
      .from(cancellations)
      .where(and(eq(cancellations.membershipId, id), eq(cancellations.userId, userId)))
      .orderBy(asc(cancellations.cancelledAt)),
  ]);
  const row = rows[0];
  return row && { ...row, cancellations: cancelled };
}

export async function insertMembership(db: Db, values: typeof memberships.$inferInsert): Promise<MembershipRow> {
  const row = await db.insert(memberships).values(values).returning().get();
  if (!row) throw new Error("membership insert returned no row");
  return row;
}

/** Applies `changes` to the user's membership; undefined when it is not theirs (or deleted). */
export async function updateMembership(
  db: Db,
  userId: string,
  id: string,
  changes: Partial<typeof memberships.$inferInsert>,
): Promise<MembershipRow | undefined> {
  return db.update(memberships).set(changes).where(owned(userId, id)).returning().get();
}

/**
 * Asks the sweep to look at all the user's live memberships again from `today` (their lead times changed, so a
 * reminder may now fall earlier than the day each was next due on).
 */
export async function dueAgainFrom(db: Db, userId: string, today: string): Promise<void> {
  await db
    .update(memberships)
    .set({ nextDueOn: today })
    .where(
      and(
        eq(memberships.userId, userId),
        isNull(memberships.deletedAt),
        or(isNull(memberships.nextDueOn), gt(memberships.nextDueOn, today)),
      ),
    );
}

/**
 * Records a cancellation and, in the same batch, marks the membership cancelled if it was active; the payment
 * channel's side also resolves the membership's half-cancelled alerts. The caller has already checked that the
 * membership is the user's.
 */
export async function insertCancellation(
  db: Db,
  userId: string,
  values: typeof cancellations.$inferInsert,
  now: string,
  today: string,
): Promise<CancellationRow> {
  const [inserted] = await db.batch([
    db.insert(cancellations).values(values).returning(),
    db
      .update(memberships)
      .set({ status: "cancelled", updatedAt: now })
      .where(and(owned(userId, values.membershipId), eq(memberships.status, "active"))),
    // The rules must look again: half_cancelled, charge_after_cancel and reminders all depend on it.
    db.update(memberships).set({ nextDueOn: today }).where(owned(userId, values.membershipId)),
    ...(values.side === "payment_channel" ? resolveHalfCancelled(db, userId, values.membershipId, now) : []),
  ]);
  const row = inserted[0];
  if (!row) throw new Error("cancellation insert returned no row");
  return row;
}

/** Who owns a membership (deleted or not): for pages opened by a signed link instead of a session. */
export async function ownerOfMembership(db: Db, id: string): Promise<UserRow | undefined> {
  const rows = await db
    .select({ user: users })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.id, id))
    .limit(1);
  return rows[0]?.user;
}
