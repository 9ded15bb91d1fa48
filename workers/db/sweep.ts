// Queries the cron sweep runs: each selects only what is due through an index, never every row.
import { and, eq, inArray, isNull, lte, or } from "drizzle-orm";
import { memberships, users } from "../../schema/tables";
import type { Db } from "./client";

// D1 allows at most 100 bound parameters per statement; leave room for the other conditions.
export const PARAMETER_CHUNK = 90;

export function chunks<T>(items: T[], size = PARAMETER_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Memberships whose paid period may be over by `latestDate` (the latest calendar date anywhere on
 * earth at the sweep's instant): cancelled ones, and active ones that do not auto-renew.
 * The caller compares each with the date in its owner's own timezone.
 */
export async function membershipsReachingEnd(db: Db, latestDate: string) {
  return db
    .select({ id: memberships.id, nextRenewalOn: memberships.nextRenewalOn, timezone: users.timezone })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        or(
          eq(memberships.status, "cancelled"),
          and(eq(memberships.status, "active"), eq(memberships.autoRenew, false)),
        ),
        lte(memberships.nextRenewalOn, latestDate),
        isNull(memberships.deletedAt),
      ),
    );
}

export async function markMembershipsEnded(db: Db, ids: string[], now: string): Promise<void> {
  const statements = chunks(ids).map((part) =>
    db.update(memberships).set({ status: "ended", updatedAt: now }).where(inArray(memberships.id, part)),
  );
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}
