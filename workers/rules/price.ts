// price_changed: a matched charge that differs from the membership's expected amount beyond rounding.
import { dayOf, membershipAlert, membershipFacts } from "./history";
import type { AlertDraft, EventRow, MembershipState, RuleContext } from "./types";

/** Tolerance is 1% of the expected amount, but never less than one minor unit (rounding, FX cents). */
export function priceChanged(membership: MembershipState, event: EventRow, ctx: RuleContext): AlertDraft | null {
  if (event.kind !== "charge" || event.amountMinor === null || event.currency !== membership.currency) return null;
  const difference = event.amountMinor - membership.amountMinor;
  const tolerance = Math.max(Math.abs(membership.amountMinor) * 0.01, 1);
  if (Math.abs(difference) <= tolerance) return null;
  return membershipAlert(
    "price_changed",
    membership,
    event.id,
    {
      ...membershipFacts(membership),
      expected_amount_minor: membership.amountMinor,
      amount_minor: event.amountMinor,
      difference_minor: difference,
      charged_on: dayOf(event.occurredAt, ctx.timeZone),
      reference: event.reference,
    },
    event.id,
  );
}
