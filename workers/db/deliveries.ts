// What the outbox (deliver/outbox.ts) reads and writes: the deliveries due, the lease that takes one for an attempt,
// and the outcome of each attempt.
import { and, eq, inArray, lte } from "drizzle-orm";
import { alerts, deliveries, memberships, type UserRow, users } from "../../schema/tables";
import type { AlertRow, DeliveryRow } from "./alerts";
import type { Db } from "./client";

export type DueDelivery = {
  delivery: DeliveryRow;
  alert: AlertRow;
  user: UserRow;
};

/** Deliveries still to be sent whose time has come, oldest first, with their alert and owner (one owner's, or all). */
export async function dueDeliveries(db: Db, now: string, limit: number, userId?: string): Promise<DueDelivery[]> {
  return db
    .select({ delivery: deliveries, alert: alerts, user: users })
    .from(deliveries)
    .innerJoin(alerts, eq(alerts.id, deliveries.alertId))
    .innerJoin(users, eq(users.id, deliveries.userId))
    .where(
      and(
        inArray(deliveries.status, ["pending", "failed"]),
        lte(deliveries.nextAttemptAt, now),
        userId ? eq(deliveries.userId, userId) : undefined,
      ),
    )
    .orderBy(deliveries.nextAttemptAt)
    .limit(limit);
}

export async function updateDelivery(db: Db, id: string, changes: Partial<typeof deliveries.$inferInsert>) {
  await db.update(deliveries).set(changes).where(eq(deliveries.id, id));
}

/**
 * Takes `delivery` for one attempt with `lease` (its attempt counted, its next try pushed out); false when it is not
 * taken. Only a delivery still as it was read is taken: one that another run took meanwhile (its attempts moved on),
 * or that was withdrawn (its alert was resolved since it was read as due), is not.
 */
export async function leaseDelivery(
  db: Db,
  delivery: Pick<DeliveryRow, "id" | "attempts">,
  lease: Pick<Partial<typeof deliveries.$inferInsert>, "attempts" | "nextAttemptAt" | "lastError">,
): Promise<boolean> {
  const taken = await db
    .update(deliveries)
    .set(lease)
    .where(
      and(
        eq(deliveries.id, delivery.id),
        eq(deliveries.attempts, delivery.attempts),
        inArray(deliveries.status, ["pending", "failed"]),
      ),
    )
    .returning({ id: deliveries.id });
  return taken.length > 0;
}

/** The cancel steps of an alert's membership as they are now, which its SMS is rendered with. */
export async function cancelStepsOf(db: Db, membershipId: string): Promise<string | null> {
  const row = await db
    .select({ cancelSteps: memberships.cancelSteps })
    .from(memberships)
    .where(eq(memberships.id, membershipId))
    .get();
  return row?.cancelSteps ?? null;
}
