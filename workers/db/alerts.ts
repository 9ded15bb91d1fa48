// Queries about the user's alerts and their deliveries, always scoped to the owner.
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { alerts, deliveries } from "../../schema/tables";
import type { Db } from "./client";

export type AlertRow = typeof alerts.$inferSelect;
export type DeliveryRow = typeof deliveries.$inferSelect;
export type AlertWithDeliveries = AlertRow & { deliveries: DeliveryRow[] };

export interface AlertFilter {
  membershipId?: string;
  kind?: AlertRow["kind"];
  limit: number;
}

/** The user's alerts, newest first, each with its deliveries: two statements in one round trip. */
export async function alertsOfUser(db: Db, userId: string, filter: AlertFilter): Promise<AlertWithDeliveries[]> {
  const where = and(
    eq(alerts.userId, userId),
    filter.membershipId ? eq(alerts.membershipId, filter.membershipId) : undefined,
    filter.kind ? eq(alerts.kind, filter.kind) : undefined,
  );
  // The deliveries are selected by the same page of alerts as a subquery, so no id list has to be bound
  // (D1 allows at most 100 parameters per statement; a page holds up to 500 alerts).
  const page = db
    .select({ id: alerts.id })
    .from(alerts)
    .where(where)
    .orderBy(desc(alerts.createdAt), desc(alerts.id))
    .limit(filter.limit);
  const [rows, sent] = await db.batch([
    db.select().from(alerts).where(where).orderBy(desc(alerts.createdAt), desc(alerts.id)).limit(filter.limit),
    db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.userId, userId), inArray(deliveries.alertId, page)))
      .orderBy(asc(deliveries.channel)),
  ]);
  const byAlert = new Map<string, DeliveryRow[]>();
  for (const delivery of sent) byAlert.set(delivery.alertId, [...(byAlert.get(delivery.alertId) ?? []), delivery]);
  return rows.map((row) => ({ ...row, deliveries: byAlert.get(row.id) ?? [] }));
}
