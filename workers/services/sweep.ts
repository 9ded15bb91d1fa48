// The scheduled sweep, as its story: page by page, gather what is due today in each owner's zone (one read, then
// its cancellations and history), run the time-based rules on it (pure), render the alerts and write the page's
// statements in bounded batches; then read again the messages whose reading failed; last, deliver what is due.
// "Now" is the controller's scheduledTime, never the wall clock, so a sweep for a given instant gives the same
// result whenever (and however often) it runs.

import { chunks } from "../db/chunks";
import { messagesToRetry } from "../db/events";
import {
  cancellationsOf,
  dueMemberships,
  matchedEvents,
  membershipStateStatement,
  runBatched,
  type Statement,
} from "../db/watchdog";
import { type DeliveryReport, deliverDue } from "../deliver/outbox";
import { sweepMembership } from "../rules";
import { addDays, localDate } from "../time/zones";
import type { Ctx } from "./context";
import { retryMessage } from "./ingest";
import { historySince, renderedAlerts, ruleContext } from "./watchdog";

// A message gets this many readings in all; after that it stays "failed" with its last error, for a human.
export const MAX_READ_ATTEMPTS = 5;
// Leave messages younger than this to the handler that is (probably) still reading them.
const RETRY_GRACE_MS = 60_000;
// Bounded work per invocation; the next sweep takes the rest. A Workers Paid invocation may make 1,000 D1 queries
// (Free: 50): test/worker/sweep-budget.test.ts measures what a page, a retry and a delivery cost and checks that a sweep
// doing the most these allow stays under that.
export const RETRY_BATCH = 50;
export const DUE_PAGE = 200;
// 35 full pages (19 queries each, alerts included) + 50 retries (4 each) + 40 deliveries (2 each) ≈ 950.
export const MAX_DUE_PAGES = 35;
// Statements per D1 batch: each is small, and a smaller batch fails (and retries) less work at once.
const BATCH_STATEMENTS = 50;

export type SweepReport = {
  memberships: number;
  alerts: number;
  delivered: DeliveryReport;
  retried: number;
  recovered: number;
  /** D1 statements this sweep issued: it grows with what is due, not with the number of memberships. */
  statements: number;
};

export async function sweep(ctx: Ctx): Promise<SweepReport> {
  const { db, now } = ctx;
  const empty = { sent: 0, deferred: 0, failed: 0, dead: 0 };
  const report: SweepReport = { memberships: 0, alerts: 0, delivered: empty, retried: 0, recovered: 0, statements: 0 };
  await sweepMemberships(ctx, report);

  const retry = await messagesToRetry(db, new Date(now - RETRY_GRACE_MS).toISOString(), MAX_READ_ATTEMPTS, RETRY_BATCH);
  report.statements += 1;
  for (const { message, user } of retry) {
    report.retried += 1;
    try {
      const result = await retryMessage(ctx, message, user, now);
      if (result.status === "processed") report.recovered += 1;
    } catch (error) {
      // One message's trouble (its original unreadable from RAW, D1 failing on it) must not hold back
      // the other messages or the deliveries below; it stays recorded for the next sweep.
      console.error("sweep: retry failed", message.id, error);
    }
  }
  // Last: what this sweep raised, what failed before, and what waited for quiet hours to end.
  report.delivered = await deliverDue(db, ctx.providers, now);
  return report;
}

/** Runs the time-based rules for every membership due today in its owner's timezone, page by page. */
async function sweepMemberships(ctx: Ctx, report: SweepReport): Promise<void> {
  const { db, links, now } = ctx;
  const nowIso = new Date(now).toISOString();
  // The furthest-ahead zone is UTC+14, so no user's date is later than tomorrow in UTC.
  const latestDate = addDays(localDate(now, "UTC"), 1);
  for (let page = 0; page < MAX_DUE_PAGES; page += 1) {
    const fetched = await dueMemberships(db, latestDate, DUE_PAGE);
    report.statements += 1;
    // Ordered by due date, so rows due only in zones already past midnight come last: once a page has
    // nothing due in its owners' own zones, the rest is not due either.
    const due = fetched.filter(({ membership, user }) => (membership.nextDueOn ?? "") <= localDate(now, user.timezone));
    if (due.length === 0) return;
    const ids = due.map(({ membership }) => membership.id);
    const [cancellations, events] = await Promise.all([
      cancellationsOf(db, ids),
      matchedEvents(db, ids, historySince(now)),
    ]);
    report.statements += 2 * chunks(ids).length;
    const statements: Statement[] = [];
    for (const { membership, user } of due) {
      const result = sweepMembership(
        { membership, cancellations: cancellations.get(membership.id) ?? [], events: events.get(membership.id) ?? [] },
        ruleContext(user, now),
      );
      statements.push(
        membershipStateStatement(
          db,
          membership.id,
          { nextRenewalOn: result.nextRenewalOn, status: result.status, nextDueOn: result.nextDueOn },
          nowIso,
        ),
        ...(await renderedAlerts({ db, links, now, user }, result.alerts, membership)),
      );
      report.alerts += result.alerts.length;
    }
    await runBatched(db, statements, BATCH_STATEMENTS);
    report.statements += statements.length;
    report.memberships += due.length;
    if (fetched.length < DUE_PAGE) return;
  }
}
