// The watchdog rules: pure functions of (membership, history, now, timezone) that say which alerts are due
// and how the membership's renewal moves on. Handlers and the cron store what these return.
import { localDate } from "../time/zones";
import {
  chargeAfterCancel,
  chargeAfterCancelAlert,
  halfCancelledEvidence,
  halfCancelledWindow,
  refundWindows,
} from "./cancellation";
import { disputedCharges } from "./history";
import { priceChanged } from "./price";
import { reminderWindows } from "./reminders";
import { advanceLifecycle, type MembershipStatus, renewalAfterCharge } from "./renewal";
import type { AlertDraft, AlertWindow, EventRow, MembershipHistory, RuleContext } from "./types";
import { unknownSubscription } from "./unknown";

export { SEPARATE_AGREEMENT_CHANNELS } from "./cancellation";
export { addCycle, previousRenewal } from "./cycle";
export {
  type AlertDraft,
  type AlertKind,
  DEFAULT_RULE_SETTINGS,
  type EventRow,
  type MembershipHistory,
  type RuleContext,
} from "./types";
export { merchantKey } from "./unknown";

export interface SweepResult {
  alerts: AlertDraft[];
  nextRenewalOn: string;
  status: MembershipStatus;
  /**
   * The earliest local date after today on which the sweep could return something new for this
   * membership, assuming this result is stored; null when nothing can ever be due. Any change to the
   * membership, its cancellations or its events (a new match) calls for a fresh sweep.
   */
  nextDueOn: string | null;
}

/**
 * Time-based rules for one membership at `ctx.now`. The lifecycle runs first (advance past renewals that
 * are over, end a paid period) and the reminders then look at the membership as it is afterwards.
 */
export function sweepMembership(history: MembershipHistory, ctx: RuleContext): SweepResult {
  const membership = history.membership;
  // A deleted membership is kept only as evidence; the user asked us to stop watching it.
  if (membership.deletedAt) {
    return { alerts: [], nextRenewalOn: membership.nextRenewalOn, status: membership.status, nextDueOn: null };
  }
  const today = localDate(ctx.now, ctx.timeZone);
  const lifecycle = advanceLifecycle(history, ctx, today);
  const state = { ...membership, nextRenewalOn: lifecycle.nextRenewalOn, status: lifecycle.status };

  const windows: AlertWindow[] = [...reminderWindows(state, ctx, today), ...refundWindows(history, ctx, today)];
  const halfCancelled = halfCancelledWindow(history, state, ctx, today);
  if (halfCancelled) windows.push(halfCancelled);

  const alerts = [
    ...lifecycle.alerts,
    ...windows.filter((window) => window.from <= today && today <= window.to).map((window) => window.alert),
    // Re-raised on every sweep: the unique key makes this a no-op unless the ingest-time alert was missed.
    ...disputedCharges(history).map((disputed) => chargeAfterCancelAlert(state, disputed, ctx)),
  ];

  // Every rule here is a window of days or a lifecycle date, so the next thing can only start on one of these.
  const upcoming = windows.map((window) => window.from).filter((from) => from > today);
  if (lifecycle.dueOn) upcoming.push(lifecycle.dueOn);
  // YYYY-MM-DD sorts as text in date order.
  const nextDueOn = upcoming.sort()[0] ?? null;

  return { alerts, nextRenewalOn: lifecycle.nextRenewalOn, status: lifecycle.status, nextDueOn };
}

/**
 * Rules that fire at once when `event` has just been matched to this membership (ingest time):
 * charge_after_cancel, price_changed, and half_cancelled when the payment side shows it is still alive.
 */
export function onMatchedEvent(
  history: MembershipHistory,
  event: EventRow,
  ctx: RuleContext,
): { alerts: AlertDraft[]; nextRenewalOn: string } {
  const alerts: AlertDraft[] = [];
  const afterCancel = chargeAfterCancel(history, event, ctx);
  if (afterCancel) alerts.push(afterCancel);
  const price = priceChanged(history, event, ctx);
  if (price) alerts.push(price);
  const halfCancelled = halfCancelledEvidence(history, event, ctx);
  if (halfCancelled) alerts.push(halfCancelled);
  return { alerts, nextRenewalOn: renewalAfterCharge(history, event, ctx) };
}

/** A charge or signup that matched no membership: unknown_subscription when it looks recurring. */
export function onUnmatchedEvent(event: EventRow, earlierUnmatched: EventRow[], ctx: RuleContext): AlertDraft[] {
  return unknownSubscription(event, earlierUnmatched, ctx);
}
