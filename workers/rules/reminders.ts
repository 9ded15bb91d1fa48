// The "lead days before" reminders of a live membership: renewal_upcoming, cancel_deadline, trial_ending.
import { addDays } from "../time/zones";
import { daysBetween } from "./cycle";
import { daysBefore, daysUpTo, leadDays, membershipFacts } from "./history";
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
      alert: {
        kind: "renewal_upcoming",
        membershipId: membership.id,
        eventId: null,
        dedupeKey: `renewal_upcoming:${membership.id}:${renewal}`,
        facts: { ...membershipFacts(membership), renewal_on: renewal, days_left: daysBetween(today, renewal) },
      },
    });
  }

  if (membership.autoRenew && membership.cancelNoticeDays > 0) {
    // The last day cancelling still stops this renewal.
    const deadline = addDays(renewal, -membership.cancelNoticeDays);
    windows.push({
      ...daysUpTo(deadline, lead),
      alert: {
        kind: "cancel_deadline",
        membershipId: membership.id,
        eventId: null,
        dedupeKey: `cancel_deadline:${membership.id}:${renewal}`,
        facts: {
          ...membershipFacts(membership),
          renewal_on: renewal,
          deadline_on: deadline,
          cancel_notice_days: membership.cancelNoticeDays,
          days_left: daysBetween(today, deadline),
        },
      },
    });
  }

  if (membership.trialEndsOn) {
    const trial = membership.trialEndsOn;
    windows.push({
      ...daysBefore(trial, lead),
      alert: {
        kind: "trial_ending",
        membershipId: membership.id,
        eventId: null,
        dedupeKey: `trial_ending:${membership.id}:${trial}`,
        facts: { ...membershipFacts(membership), trial_ends_on: trial, days_left: daysBetween(today, trial) },
      },
    });
  }
  return windows;
}
