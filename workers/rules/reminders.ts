// The "lead days before" reminders of a live membership: renewal_upcoming, cancel_deadline, trial_ending.
import { addDays } from "../time/zones";
import { daysBetween } from "./cycle";
import { daysBefore, daysUpTo, leadDays, membershipAlert, membershipFacts } from "./history";
import type { AlertWindow, MembershipState, RuleContext } from "./types";

/** `membership` is the state after this sweep's lifecycle step (renewal advanced, status updated). */
export function reminderWindows(membership: MembershipState, ctx: RuleContext, today: string): AlertWindow[] {
  if (membership.status !== "active") return [];
  const lead = leadDays(membership, ctx);
  const renewal = membership.nextRenewalOn;
  const windows: AlertWindow[] = [];

  if (membership.autoRenew) {
    windows.push({
      ...daysBefore(renewal, lead),
      alert: membershipAlert("renewal_upcoming", membership, renewal, {
        ...membershipFacts(membership),
        renewal_on: renewal,
        days_left: daysBetween(today, renewal),
      }),
    });
  }

  if (membership.autoRenew && membership.cancelNoticeDays > 0) {
    // The last day cancelling still stops this renewal.
    const deadline = addDays(renewal, -membership.cancelNoticeDays);
    windows.push({
      ...daysUpTo(deadline, lead),
      alert: membershipAlert("cancel_deadline", membership, renewal, {
        ...membershipFacts(membership),
        renewal_on: renewal,
        deadline_on: deadline,
        cancel_notice_days: membership.cancelNoticeDays,
        days_left: daysBetween(today, deadline),
      }),
    });
  }

  if (membership.trialEndsOn) {
    const trial = membership.trialEndsOn;
    windows.push({
      ...daysBefore(trial, lead),
      alert: membershipAlert("trial_ending", membership, trial, {
        ...membershipFacts(membership),
        trial_ends_on: trial,
        days_left: daysBetween(today, trial),
      }),
    });
  }
  return windows;
}
