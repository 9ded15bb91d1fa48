// price_changed: a matched charge that differs from the membership's expected amount beyond rounding, or, sooner,
// a matched renewal notice (a store's price-increase mail, a reminder with a new amount) that announces one. Once
// a notice has warned, the charge at the announced price raises nothing more.
import { addDays } from "../time/zones";
import { dayOf, membershipAlert, membershipFacts } from "./history";
import type { AlertDraft, EventRow, MembershipHistory, RuleContext } from "./types";

// A notice announces the next renewal or two; a charge long after it is not the one it announced.
const ANNOUNCED_WITHIN_DAYS = 90;

/** Tolerance is 1% of the expected amount, but never less than one minor unit (rounding, FX cents). */
function differs(amountMinor: number, expectedMinor: number): boolean {
  return Math.abs(amountMinor - expectedMinor) > Math.max(Math.abs(expectedMinor) * 0.01, 1);
}

/** True when a renewal notice matched earlier already announced this charge's amount. */
function announced(history: MembershipHistory, charge: EventRow & { amountMinor: number }): boolean {
  const chargedAt = Date.parse(charge.occurredAt);
  return history.events.some((earlier) => {
    if (earlier.kind !== "renewal_notice" || earlier.id === charge.id || earlier.amountMinor === null) return false;
    const noticeAt = Date.parse(earlier.occurredAt);
    return (
      earlier.currency === charge.currency &&
      !differs(charge.amountMinor, earlier.amountMinor) &&
      noticeAt <= chargedAt &&
      chargedAt - noticeAt <= ANNOUNCED_WITHIN_DAYS * 86_400_000
    );
  });
}

export function priceChanged(history: MembershipHistory, event: EventRow, ctx: RuleContext): AlertDraft | null {
  const { membership } = history;
  const { amountMinor } = event;
  if (event.kind !== "charge" && event.kind !== "renewal_notice") return null;
  if (amountMinor === null || event.currency !== membership.currency) return null;
  if (!differs(amountMinor, membership.amountMinor)) return null;
  const amounts = {
    ...membershipFacts(membership),
    expected_amount_minor: membership.amountMinor,
    amount_minor: amountMinor,
    difference_minor: amountMinor - membership.amountMinor,
  };
  if (event.kind === "renewal_notice") {
    // The renewal the notice names, else the one on record; cancelling is still in time the day before it, or
    // as many days before as the membership requires.
    const renewal = event.renewsAt ?? membership.nextRenewalOn;
    const facts = {
      ...amounts,
      noticed_on: dayOf(event.occurredAt, ctx.timeZone),
      renewal_on: renewal,
      deadline_on: addDays(renewal, -Math.max(1, membership.cancelNoticeDays)),
      reference: event.reference,
    };
    return membershipAlert("price_changed", membership, event.id, facts, event.id);
  }
  if (announced(history, { ...event, amountMinor })) return null;
  const facts = { ...amounts, charged_on: dayOf(event.occurredAt, ctx.timeZone), reference: event.reference };
  return membershipAlert("price_changed", membership, event.id, facts, event.id);
}
