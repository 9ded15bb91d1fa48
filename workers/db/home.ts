// What the dashboard's home page reads: the user's memberships, the open alerts that ask for action and the
// money that moved recently, in one round trip.
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull } from "drizzle-orm";
import { alerts, events, type MembershipRow, memberships } from "../../schema/tables";
import type { AlertRow } from "./alerts";
import type { Db } from "./client";

/** Alert kinds that stay on the home page, while open, because the user has to do something about them. */
export const ACTION_ALERT_KINDS = ["charge_after_cancel", "half_cancelled", "unknown_subscription"] as const;

export type SpendEvent = Pick<typeof events.$inferSelect, "kind" | "amountMinor" | "currency" | "occurredAt">;

export interface HomeData {
  memberships: MembershipRow[];
  actionAlerts: AlertRow[];
  /** Matched charges and refunds that occurred at or after `since`. */
  spendEvents: SpendEvent[];
}

export async function homeData(
  db: Db,
  userId: string,
  options: { since: string; alertLimit: number },
): Promise<HomeData> {
  const [rows, alerted, moved] = await db.batch([
    db
      .select()
      .from(memberships)
      .where(and(eq(memberships.userId, userId), isNull(memberships.deletedAt)))
      .orderBy(asc(memberships.nextRenewalOn), asc(memberships.createdAt)),
    db
      .select()
      .from(alerts)
      .where(and(eq(alerts.userId, userId), eq(alerts.state, "open"), inArray(alerts.kind, [...ACTION_ALERT_KINDS])))
      .orderBy(desc(alerts.createdAt), desc(alerts.id))
      .limit(options.alertLimit),
    // Uses events_user_idx (user, occurred_at); only matched events count as spending on memberships.
    db
      .select({
        kind: events.kind,
        amountMinor: events.amountMinor,
        currency: events.currency,
        occurredAt: events.occurredAt,
      })
      .from(events)
      .where(
        and(
          eq(events.userId, userId),
          gte(events.occurredAt, options.since),
          inArray(events.kind, ["charge", "refund"]),
          isNotNull(events.membershipId),
        ),
      ),
  ]);
  return { memberships: rows, actionAlerts: alerted, spendEvents: moved };
}
