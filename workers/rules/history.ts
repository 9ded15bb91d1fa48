// Reading a membership's history the way the rules need it: local dates, lead days, disputed charges.
import { addDays, localDate } from "../time/zones";
import type { Cycle } from "./cycle";
import type { AlertDraft, AlertKind, EventRow, MembershipHistory, MembershipState, RuleContext } from "./types";

/** The calendar day of an instant in the user's zone; null for an instant that cannot be read. */
export function dayOf(iso: string, timeZone: string): string | null {
  const instant = Date.parse(iso);
  return Number.isNaN(instant) ? null : localDate(instant, timeZone);
}

/** Days ahead the user wants to hear about this membership. */
export function leadDays(membership: MembershipState, ctx: RuleContext): number {
  return Math.max(0, membership.leadDays ?? ctx.userLeadDays);
}

export function cycleOf(membership: MembershipState): Cycle {
  return {
    unit: membership.cycleUnit,
    // A zero cycle would never move the renewal forward; treat it as one.
    count: Math.max(1, membership.cycleCount),
    anchorDay: membership.anchorDay ?? Number(membership.nextRenewalOn.slice(8, 10)),
  };
}

/**
 * The days "lead days before `target`" covers. Reminders about a date end the day before it (on the day
 * itself it is too late to act), except with no lead at all, when the day itself is the only warning left.
 */
export function daysBefore(target: string, lead: number): { from: string; to: string } {
  return lead > 0 ? { from: addDays(target, -lead), to: addDays(target, -1) } : { from: target, to: target };
}

/** Lead days before a deadline, the deadline day included: it is still the last day to act. */
export function daysUpTo(deadline: string, lead: number): { from: string; to: string } {
  return { from: addDays(deadline, -lead), to: deadline };
}

/**
 * An alert about one membership, raised once per `period` (the renewal or trial date it is about, or the event
 * behind it): its dedupe key is `${kind}:${membershipId}:${period}`.
 */
export function membershipAlert(
  kind: AlertKind,
  membership: Pick<MembershipState, "id">,
  period: string,
  facts: AlertDraft["facts"],
  eventId: string | null = null,
): AlertDraft {
  return { kind, membershipId: membership.id, eventId, dedupeKey: `${kind}:${membership.id}:${period}`, facts };
}

/** What every membership alert's text can name. */
export function membershipFacts(membership: MembershipState): AlertDraft["facts"] {
  return {
    name: membership.name,
    amount_minor: membership.amountMinor,
    currency: membership.currency,
    channel: membership.channel,
    cancel_url: membership.cancelUrl,
    support_contact: membership.supportContact,
  };
}

export function charges(history: MembershipHistory): EventRow[] {
  return history.events.filter((event) => event.kind === "charge");
}

/** A charge that came after the membership was cancelled (on any side), with the first such cancellation. */
export interface DisputedCharge {
  event: EventRow;
  cancelledAt: string;
  side: string;
}

export function disputedCharge(history: MembershipHistory, event: EventRow): DisputedCharge | null {
  if (event.kind !== "charge") return null;
  const chargedAt = Date.parse(event.occurredAt);
  let first: DisputedCharge | null = null;
  for (const cancellation of history.cancellations) {
    const cancelledAt = Date.parse(cancellation.cancelledAt);
    // Compare instants, not strings: the two may be written with different offsets.
    if (!(cancelledAt < chargedAt)) continue;
    if (!first || cancelledAt < Date.parse(first.cancelledAt)) {
      first = { event, cancelledAt: cancellation.cancelledAt, side: cancellation.side };
    }
  }
  return first;
}

export function disputedCharges(history: MembershipHistory): DisputedCharge[] {
  return charges(history)
    .map((event) => disputedCharge(history, event))
    .filter((disputed): disputed is DisputedCharge => disputed !== null);
}

/**
 * Disputed charges no refund has answered yet. Each matched refund answers one earlier disputed charge:
 * the one with the same amount if there is one, else the oldest.
 */
export function unrefundedDisputedCharges(history: MembershipHistory): DisputedCharge[] {
  const open = disputedCharges(history).sort(byOccurredAt);
  const refunds = history.events
    .filter((event) => event.kind === "refund")
    .sort((a, b) => byOccurredAt({ event: a }, { event: b }));
  for (const refund of refunds) {
    const refundedAt = Date.parse(refund.occurredAt);
    const before = open.filter((disputed) => Date.parse(disputed.event.occurredAt) < refundedAt);
    const answered =
      before.find(
        (disputed) => disputed.event.amountMinor === refund.amountMinor && disputed.event.currency === refund.currency,
      ) ?? before[0];
    if (answered) open.splice(open.indexOf(answered), 1);
  }
  return open;
}

function byOccurredAt(a: { event: EventRow }, b: { event: EventRow }): number {
  return Date.parse(a.event.occurredAt) - Date.parse(b.event.occurredAt);
}
