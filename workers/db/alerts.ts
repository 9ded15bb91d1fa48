// Queries about the user's alerts and their deliveries, always scoped to the owner, and the statements that
// resolve alerts (by the user, or by the system when their cause is gone).
import { and, asc, desc, eq, inArray, isNotNull, isNull, notLike, or, type SQL } from "drizzle-orm";
import { alerts, deliveries, memberships, type SYSTEM_RESOLUTIONS } from "../../schema/tables";
import type { Db } from "./client";

export type AlertRow = typeof alerts.$inferSelect;
export type DeliveryRow = typeof deliveries.$inferSelect;
/** An alert with its deliveries and its membership's cancel steps, which its texts are rendered with. */
export type AlertWithDeliveries = AlertRow & { deliveries: DeliveryRow[]; cancelSteps: string | null };

/**
 * Marks an SMS whose send was started but never recorded (deliver/outbox.ts): it may have gone out, and Twilio has
 * no idempotency key, so it is never retried.
 */
export const SMS_IN_FLIGHT = "in flight since ";

export interface AlertFilter {
  membershipId?: string;
  kind?: AlertRow["kind"];
  state?: AlertRow["state"];
  limit: number;
}

/** The user's alerts, newest first, each with its deliveries and cancel steps: three statements in one round trip. */
export async function alertsOfUser(db: Db, userId: string, filter: AlertFilter): Promise<AlertWithDeliveries[]> {
  const where = and(
    eq(alerts.userId, userId),
    filter.membershipId ? eq(alerts.membershipId, filter.membershipId) : undefined,
    filter.kind ? eq(alerts.kind, filter.kind) : undefined,
    filter.state ? eq(alerts.state, filter.state) : undefined,
  );
  // The deliveries are selected by the same page of alerts as a subquery, so no id list has to be bound
  // (D1 allows at most 100 parameters per statement; a page holds up to 500 alerts).
  const page = db
    .select({ id: alerts.id })
    .from(alerts)
    .where(where)
    .orderBy(desc(alerts.createdAt), desc(alerts.id))
    .limit(filter.limit);
  const [rows, sent, steps] = await db.batch([
    db.select().from(alerts).where(where).orderBy(desc(alerts.createdAt), desc(alerts.id)).limit(filter.limit),
    db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.userId, userId), inArray(deliveries.alertId, page)))
      .orderBy(asc(deliveries.channel)),
    // A user has few memberships: their cancel steps are read whole, with no list of ids to bind.
    db
      .select({ id: memberships.id, cancelSteps: memberships.cancelSteps })
      .from(memberships)
      .where(and(eq(memberships.userId, userId), isNotNull(memberships.cancelSteps))),
  ]);
  const byAlert = new Map<string, DeliveryRow[]>();
  for (const delivery of sent) byAlert.set(delivery.alertId, [...(byAlert.get(delivery.alertId) ?? []), delivery]);
  const stepsOf = new Map(steps.map((membership) => [membership.id, membership.cancelSteps]));
  return rows.map((row) => ({
    ...row,
    deliveries: byAlert.get(row.id) ?? [],
    cancelSteps: (row.membershipId && stepsOf.get(row.membershipId)) || null,
  }));
}

/** One of the user's alerts with its deliveries; undefined when it is not theirs. */
export async function alertOfUser(db: Db, userId: string, id: string): Promise<AlertWithDeliveries | undefined> {
  const mine = and(eq(alerts.id, id), eq(alerts.userId, userId));
  const [rows, sent, steps] = await db.batch([
    db.select().from(alerts).where(mine),
    db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.alertId, id), eq(deliveries.userId, userId)))
      .orderBy(asc(deliveries.channel)),
    db
      .select({ cancelSteps: memberships.cancelSteps })
      .from(memberships)
      .where(inArray(memberships.id, db.select({ id: alerts.membershipId }).from(alerts).where(mine))),
  ]);
  const [row] = rows;
  return row && { ...row, deliveries: sent, cancelSteps: steps[0]?.cancelSteps ?? null };
}

export interface Resolution {
  reason: NonNullable<AlertRow["resolution"]>;
  by: NonNullable<AlertRow["resolvedBy"]>;
  /** ISO instant. */
  at: string;
}

/**
 * Resolves the user's open alerts that `which` selects, in two statements for the caller's batch: first their
 * deliveries still waiting to be sent are withdrawn (a resolved alert has nothing left to say), then the alerts
 * are resolved. An SMS already handed to Twilio with its outcome unknown is left for the outbox to settle.
 */
export function resolveStatements(db: Db, userId: string, which: SQL, resolution: Resolution) {
  const open = and(eq(alerts.userId, userId), eq(alerts.state, "open"), which);
  return [
    db
      .update(deliveries)
      .set({ status: "withdrawn" })
      .where(
        and(
          inArray(deliveries.alertId, db.select({ id: alerts.id }).from(alerts).where(open)),
          inArray(deliveries.status, ["pending", "failed"]),
          or(isNull(deliveries.lastError), notLike(deliveries.lastError, `${SMS_IN_FLIGHT}%`)),
        ),
      ),
    db
      .update(alerts)
      .set({ state: "resolved", resolution: resolution.reason, resolvedBy: resolution.by, resolvedAt: resolution.at })
      .where(open)
      .returning({ id: alerts.id }),
  ] as const;
}

/**
 * Resolves one of the user's open alerts, withdrawing what it still had to send, in one batch; false when it was not
 * open (resolved meanwhile by another request or by the system, or not theirs), and then nothing changed.
 */
export async function resolveAlertOfUser(db: Db, userId: string, id: string, resolution: Resolution): Promise<boolean> {
  const [withdraw, resolve] = resolveStatements(db, userId, eq(alerts.id, id), resolution);
  const [, resolved] = await db.batch([withdraw, resolve]);
  return resolved.length > 0;
}

type SystemResolution = (typeof SYSTEM_RESOLUTIONS)[number];

/** The unknown-subscription alert an event raised is resolved once the event is assigned or dismissed. */
export const resolveUnknownSubscription = (
  db: Db,
  userId: string,
  eventId: string,
  reason: SystemResolution,
  at: string,
) =>
  resolveStatements(db, userId, and(eq(alerts.eventId, eventId), eq(alerts.kind, "unknown_subscription")) as SQL, {
    reason,
    by: "system",
    at,
  });

/** A membership's half-cancelled alerts are resolved once its payment-channel cancellation is on record. */
export const resolveHalfCancelled = (db: Db, userId: string, membershipId: string, at: string) =>
  resolveStatements(db, userId, and(eq(alerts.membershipId, membershipId), eq(alerts.kind, "half_cancelled")) as SQL, {
    reason: "payment_channel_cancelled",
    by: "system",
    at,
  });
