// The scheduled sweep. "Now" is the controller's scheduledTime, never the wall clock, so a sweep
// for a given instant gives the same result whenever (and however often) it runs.
import { addDays, localDate } from "./calendar";
import type { Db } from "./db/client";
import { markMembershipsEnded, membershipsReachingEnd } from "./db/sweep";

export type SweepReport = { ended: number };

export async function sweep(db: Db, now: number): Promise<SweepReport> {
  // The furthest-ahead zone is UTC+14, so no user's date is later than tomorrow in UTC.
  const latestDate = addDays(localDate(now, "UTC"), 1);
  const candidates = await membershipsReachingEnd(db, latestDate);
  // A membership ends once its renewal date has begun in its owner's timezone: the paid period is over.
  const ended = candidates.filter((row) => localDate(now, row.timezone) >= row.nextRenewalOn).map((row) => row.id);
  await markMembershipsEnded(db, ended, new Date(now).toISOString());
  return { ended: ended.length };
}
