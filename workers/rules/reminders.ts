// The reminders of a live membership, each on a ladder of lead times: renewal_upcoming, cancel_deadline and
// trial_ending. A ladder like [7, 3, 1, 0] sends one reminder per rung, each at most once per period, each rung
// able to add channels; the ladder stops once the membership is cancelled or the user said "keep it" for the
// period (kept_for). Without a ladder a reminder has one rung: the membership's lead days, else the user's.
import type { REMINDER_LADDERS, ReminderStep } from "../../schema/tables";
import { addDays } from "../time/zones";
import { daysBetween } from "./cycle";
import { daysBefore, daysUpTo, leadDays, membershipAlert, membershipFacts } from "./history";
import type { AlertDraft, AlertKind, AlertWindow, MembershipState, RuleContext } from "./types";

type Ladder = (typeof REMINDER_LADDERS)[number];

/** The rungs for one reminder, longest lead first: the membership's ladder, its lead days, the user's ladder. */
export function ladderOf(ladder: Ladder, membership: MembershipState, ctx: RuleContext): ReminderStep[] {
  const own = membership.reminderLadders?.[ladder];
  const steps = own ??
    (membership.leadDays === null ? ctx.userLadders?.[ladder] : undefined) ?? [{ days: leadDays(membership, ctx) }];
  const byDays = new Map<number, ReminderStep>();
  for (const step of steps) byDays.set(Math.max(0, step.days), { ...step, days: Math.max(0, step.days) });
  return [...byDays.values()].sort((a, b) => b.days - a.days);
}

/** One reminder's ladder before its target date, as windows. */
interface Reminder {
  ladder: Ladder;
  kind: AlertKind;
  /** The date the reminder is about; the rungs count back from it. */
  target: string;
  /** A deadline is still the last day to act; other dates end the day before (then it is too late). */
  lastDayCounts: boolean;
  facts: AlertDraft["facts"];
  /** The renewal or trial this reminder belongs to: each rung is sent once per period. */
  period: string;
}

/**
 * One window per rung before the target: a rung runs until the next one starts, and the last to the last day
 * (the target itself when a rung is 0 days). The first rung keeps the key a one-step reminder always had, so a
 * ladder never repeats it. A rung's extra channels travel with its alert (alertStatements adds them).
 */
function rungs(reminder: Reminder, membership: MembershipState, ctx: RuleContext): AlertWindow[] {
  const { target, period } = reminder;
  const steps = ladderOf(reminder.ladder, membership, ctx);
  return steps.map((step, index) => {
    const next = steps[index + 1];
    const { from, to: lastDay } = (reminder.lastDayCounts ? daysUpTo : daysBefore)(target, step.days);
    const to = next ? addDays(target, -next.days - 1) : lastDay;
    const key = index === 0 ? period : `${period}:${step.days}d`;
    const draft = membershipAlert(reminder.kind, membership, key, reminder.facts);
    const alert = step.channels && step.channels.length > 0 ? { ...draft, channels: step.channels } : draft;
    return { from, to, alert };
  });
}

/** `membership` is the state after this sweep's lifecycle step (renewal advanced, status updated). */
export function reminderWindows(membership: MembershipState, ctx: RuleContext, today: string): AlertWindow[] {
  if (membership.status !== "active") return [];
  const renewal = membership.nextRenewalOn;
  const base = membershipFacts(membership);
  const reminders: Reminder[] = [];
  // "Keep it" for this renewal: the rest of its reminders would only ask again.
  const keptRenewal = membership.keptFor === renewal;

  if (membership.autoRenew && !keptRenewal) {
    reminders.push({
      ladder: "renewal",
      kind: "renewal_upcoming",
      target: renewal,
      lastDayCounts: false,
      facts: { ...base, renewal_on: renewal, days_left: daysBetween(today, renewal) },
      period: renewal,
    });
  }

  if (membership.autoRenew && membership.cancelNoticeDays > 0 && !keptRenewal) {
    // The last day cancelling still stops this renewal.
    const deadline = addDays(renewal, -membership.cancelNoticeDays);
    reminders.push({
      ladder: "cancel_by",
      kind: "cancel_deadline",
      target: deadline,
      lastDayCounts: true,
      facts: {
        ...base,
        renewal_on: renewal,
        deadline_on: deadline,
        cancel_notice_days: membership.cancelNoticeDays,
        days_left: daysBetween(today, deadline),
      },
      period: renewal,
    });
  }

  const trial = membership.trialEndsOn;
  if (trial && membership.keptFor !== trial) {
    reminders.push({
      ladder: "trial_end",
      kind: "trial_ending",
      target: trial,
      lastDayCounts: false,
      facts: { ...base, trial_ends_on: trial, days_left: daysBetween(today, trial) },
      period: trial,
    });
  }
  return reminders.flatMap((reminder) => rungs(reminder, membership, ctx));
}
