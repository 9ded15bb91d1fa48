// What a membership's timeline (the dispute kit) is made of: its matched events with the messages they
// came from, and its alerts. The caller has already checked the membership is the user's.
import { and, asc, eq } from "drizzle-orm";
import { alerts, events, inboundMessages } from "../../schema/tables";
import type { Db } from "./client";

export type TimelineEventRow = typeof events.$inferSelect & {
  message: Pick<
    typeof inboundMessages.$inferSelect,
    "id" | "source" | "sender" | "subject" | "receivedAt" | "rawSize"
  > | null;
};

export type TimelineAlertRow = Pick<
  typeof alerts.$inferSelect,
  "id" | "kind" | "title" | "facts" | "createdAt" | "state" | "resolution" | "resolvedBy" | "resolvedAt"
>;

export async function timelineOf(
  db: Db,
  userId: string,
  membershipId: string,
): Promise<{ events: TimelineEventRow[]; alerts: TimelineAlertRow[] }> {
  // Not db.batch: D1 batches return rows keyed by column name, so the joined tables' same-named columns
  // (id) would overwrite each other; single queries come back as arrays and map by position.
  const [eventRows, alertRows] = await Promise.all([
    db
      .select({
        event: events,
        message: {
          id: inboundMessages.id,
          source: inboundMessages.source,
          sender: inboundMessages.sender,
          subject: inboundMessages.subject,
          receivedAt: inboundMessages.receivedAt,
          rawSize: inboundMessages.rawSize,
        },
      })
      .from(events)
      .leftJoin(inboundMessages, eq(inboundMessages.id, events.inboundMessageId))
      .where(and(eq(events.userId, userId), eq(events.membershipId, membershipId)))
      .orderBy(asc(events.occurredAt), asc(events.createdAt)),
    db
      .select({
        id: alerts.id,
        kind: alerts.kind,
        title: alerts.title,
        facts: alerts.facts,
        createdAt: alerts.createdAt,
        state: alerts.state,
        resolution: alerts.resolution,
        resolvedBy: alerts.resolvedBy,
        resolvedAt: alerts.resolvedAt,
      })
      .from(alerts)
      .where(and(eq(alerts.userId, userId), eq(alerts.membershipId, membershipId)))
      .orderBy(asc(alerts.createdAt)),
  ]);
  return { events: eventRows.map((row) => ({ ...row.event, message: row.message })), alerts: alertRows };
}
