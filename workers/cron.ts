// The scheduled sweep. "Now" is the controller's scheduledTime, never the wall clock, so a sweep
// for a given instant gives the same result whenever (and however often) it runs.
import { addDays, localDate } from "./calendar";
import type { Db } from "./db/client";
import { messagesToRetry } from "./db/events";
import { markMembershipsEnded, membershipsReachingEnd } from "./db/sweep";
import { retryMessage } from "./inbound/process";

// A message gets this many readings in all; after that it stays "failed" with its last error, for a human.
export const MAX_READ_ATTEMPTS = 5;
// Leave messages younger than this to the handler that is (probably) still reading them.
const RETRY_GRACE_MS = 60_000;
// Bounded work per invocation; the next sweep takes the rest.
const RETRY_BATCH = 50;

export type SweepReport = { ended: number; retried: number; recovered: number };

export async function sweep(db: Db, raw: R2Bucket, now: number): Promise<SweepReport> {
  // The furthest-ahead zone is UTC+14, so no user's date is later than tomorrow in UTC.
  const latestDate = addDays(localDate(now, "UTC"), 1);
  const candidates = await membershipsReachingEnd(db, latestDate);
  // A membership ends once its renewal date has begun in its owner's timezone: the paid period is over.
  const ended = candidates.filter((row) => localDate(now, row.timezone) >= row.nextRenewalOn).map((row) => row.id);
  await markMembershipsEnded(db, ended, new Date(now).toISOString());

  const retry = await messagesToRetry(db, new Date(now - RETRY_GRACE_MS).toISOString(), MAX_READ_ATTEMPTS, RETRY_BATCH);
  let recovered = 0;
  for (const { message, timezone } of retry) {
    const result = await retryMessage({ db, raw }, message, { id: message.userId, timezone }, now);
    if (result.status === "processed") recovered += 1;
  }
  return { ended: ended.length, retried: retry.length, recovered };
}
