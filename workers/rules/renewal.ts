// The renewal lifecycle: moving next_renewal_on past renewals that are over, ending paid periods, and
// renewal_unconfirmed when a renewal date passed with no charge to show for it.
import { addDays } from "../time/zones";
import { addCycle, chargeWindow, daysBetween } from "./cycle";
import { charges, cycleOf, dayOf, membershipAlert, membershipFacts } from "./history";
import type { AlertDraft, EventRow, MembershipHistory, RuleContext } from "./types";

export type MembershipStatus = "active" | "cancelled" | "ended";

export interface Lifecycle {
  nextRenewalOn: string;
  status: MembershipStatus;
  alerts: AlertDraft[];
  /** The next day this lifecycle changes by itself (an advance or an end); null when it never will. */
  dueOn: string | null;
}

// A daily membership left alone for a century is 36,500 steps; beyond that the next sweep continues.
const MAX_STEPS = 50_000;

export function advanceLifecycle(history: MembershipHistory, ctx: RuleContext, today: string): Lifecycle {
  const membership = history.membership;
  const renewal = membership.nextRenewalOn;
  if (membership.status === "ended") return { nextRenewalOn: renewal, status: "ended", alerts: [], dueOn: null };

  // Nothing renews: the paid period simply runs out on the renewal date.
  if (membership.status === "cancelled" || !membership.autoRenew) {
    if (today >= renewal) return { nextRenewalOn: renewal, status: "ended", alerts: [], dueOn: null };
    return { nextRenewalOn: renewal, status: membership.status, alerts: [], dueOn: renewal };
  }

  // A renewal is judged once its grace days are over: by then its charge has had time to be forwarded.
  const grace = Math.max(0, ctx.unconfirmedGraceDays);
  const cycle = cycleOf(membership);
  const chargeDays = charges(history)
    .map((event) => dayOf(event.occurredAt, ctx.timeZone))
    .filter((day): day is string => day !== null);
  let current = renewal;
  let missed: string | null = null;
  let missedCount = 0;
  for (let step = 0; step < MAX_STEPS && addDays(current, grace) <= today; step += 1) {
    const next = addCycle(current, cycle.unit, cycle.count, cycle.anchorDay);
    // Charges for this period: from its window's start up to where the next period's window starts.
    const from = chargeWindow(current, cycle).from;
    const lastDay = addDays(chargeWindow(next, cycle).from, -1);
    const to = lastDay < today ? lastDay : today;
    if (!chargeDays.some((day) => day >= from && day <= to)) {
      missed = current;
      missedCount += 1;
    }
    current = next;
  }

  const alerts: AlertDraft[] = [];
  // One alert however many periods were missed: the latest is the one the user can still check.
  if (missed) {
    alerts.push(
      membershipAlert("renewal_unconfirmed", membership, missed, {
        ...membershipFacts(membership),
        renewal_on: missed,
        days_since: daysBetween(missed, today),
        missed_periods: missedCount,
        next_renewal_on: current,
      }),
    );
  }
  return { nextRenewalOn: current, status: "active", alerts, dueOn: addDays(current, grace) };
}

/**
 * next_renewal_on after `event` was matched: a charge inside the renewal's window paid for that renewal,
 * so the renewal moves one cycle forward, unless another charge already in the history paid for it.
 */
export function renewalAfterCharge(history: MembershipHistory, event: EventRow, ctx: RuleContext): string {
  const membership = history.membership;
  const renewal = membership.nextRenewalOn;
  if (event.kind !== "charge") return renewal;
  const cycle = cycleOf(membership);
  const window = chargeWindow(renewal, cycle);
  const inWindow = (candidate: EventRow) => {
    const day = dayOf(candidate.occurredAt, ctx.timeZone);
    return day !== null && day >= window.from && day <= window.to;
  };
  if (!inWindow(event)) return renewal;
  // The same payment often arrives twice (bank SMS and wallet e-mail): only the first one renews.
  const alreadyPaid = history.events.some(
    (other) => other.id !== event.id && other.kind === "charge" && inWindow(other),
  );
  return alreadyPaid ? renewal : addCycle(renewal, cycle.unit, cycle.count, cycle.anchorDay);
}
