// Queries behind SMS replies to alerts: who sent the reply and which alert it answers, and what each answer
// changes (holding an alert's deliveries, stopping a user's SMS).
import { and, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { alerts, cancellations, deliveries, memberships, type UserRow, users } from "../../schema/tables";
import type { Db } from "./client";

/** The alert a reply acts on, with the membership it is about. */
export interface ReplyTarget {
  alertId: string;
  userId: string;
  membershipId: string;
  name: string;
  status: string;
  channel: string;
}

/**
 * The account a reply is from — the one that confirmed the number (at most one: a unique index), never one that
 * merely typed it — and the alert it is about: its latest with a membership sent (or due) by SMS, else its latest
 * with a membership.
 */
export async function replySender(db: Db, phone: string): Promise<{ user?: UserRow; alert?: ReplyTarget }> {
  const target = {
    alertId: alerts.id,
    userId: alerts.userId,
    // Distinct column names only: D1 batches return rows keyed by name, so a second "id" would shift the fields.
    membershipId: alerts.membershipId,
    name: memberships.name,
    status: memberships.status,
    channel: memberships.channel,
  };
  const confirmedBy = and(eq(users.phone, phone), isNotNull(users.phoneVerifiedAt));
  const newestFirst = [desc(alerts.createdAt), desc(alerts.id)] as const;
  const [senders, bySms, anyAlert] = await db.batch([
    db.select().from(users).where(confirmedBy).limit(1),
    db
      .select(target)
      .from(alerts)
      .innerJoin(users, eq(users.id, alerts.userId))
      .innerJoin(memberships, and(eq(memberships.id, alerts.membershipId), isNull(memberships.deletedAt)))
      .innerJoin(
        deliveries,
        and(
          eq(deliveries.alertId, alerts.id),
          eq(deliveries.channel, "sms"),
          inArray(deliveries.status, ["sent", "pending"]),
        ),
      )
      .where(confirmedBy)
      .orderBy(...newestFirst)
      .limit(1),
    db
      .select(target)
      .from(alerts)
      .innerJoin(users, eq(users.id, alerts.userId))
      .innerJoin(memberships, and(eq(memberships.id, alerts.membershipId), isNull(memberships.deletedAt)))
      .where(and(confirmedBy, isNotNull(alerts.membershipId)))
      .orderBy(...newestFirst)
      .limit(1),
  ]);
  const row = bySms[0] ?? anyAlert[0];
  const alert: ReplyTarget | undefined = row?.membershipId ? { ...row, membershipId: row.membershipId } : undefined;
  const user = senders[0];
  return { user, alert: alert?.userId === user?.id ? alert : undefined };
}

/** True once the platform side's cancellation of the membership is on record. */
export async function hasPlatformCancellation(db: Db, membershipId: string): Promise<boolean> {
  const platform = await db
    .select({ id: cancellations.id })
    .from(cancellations)
    .where(and(eq(cancellations.membershipId, membershipId), eq(cancellations.side, "platform")))
    .limit(1);
  return platform.length > 0;
}

/** Holds the alert's undelivered messages until `until`, or later if already held longer; how many it held. */
export async function holdDeliveries(db: Db, alertId: string, until: string): Promise<number> {
  const held = await db
    .update(deliveries)
    .set({ nextAttemptAt: sql`max(coalesce(${deliveries.nextAttemptAt}, ''), ${until})` })
    .where(and(eq(deliveries.alertId, alertId), inArray(deliveries.status, ["pending", "failed"])))
    .returning({ id: deliveries.id });
  return held.length;
}

/** STOP: the channels become `channels`, no SMS goes to the user any more (not even a ladder's) and their
 * undelivered SMS are dead, in one batch. */
export async function stopSms(db: Db, userId: string, channels: UserRow["channels"], now: string): Promise<void> {
  await db.batch([
    db.update(users).set({ channels, smsStoppedAt: now, updatedAt: now }).where(eq(users.id, userId)),
    undeliveredSmsDead(db, userId, "SMS stopped by the user's reply"),
  ]);
}

/** The user's SMS not sent yet become dead with `why`: a statement for the caller's batch. */
export function undeliveredSmsDead(db: Db, userId: string, why: string) {
  return db
    .update(deliveries)
    .set({ status: "dead", lastError: why })
    .where(
      and(
        eq(deliveries.userId, userId),
        eq(deliveries.channel, "sms"),
        inArray(deliveries.status, ["pending", "failed"]),
      ),
    );
}
