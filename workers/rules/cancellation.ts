// Rules about cancelling and being charged anyway: half_cancelled, charge_after_cancel, refund_window_closing.

import type { PAYMENT_CHANNELS } from "../../schema/tables";
import { addDays } from "../time/zones";
import { daysBetween } from "./cycle";
import {
  type DisputedCharge,
  dayOf,
  daysUpTo,
  disputedCharge,
  leadDays,
  membershipAlert,
  membershipFacts,
  unrefundedDisputedCharges,
} from "./history";
import type { AlertDraft, AlertWindow, EventRow, MembershipHistory, MembershipState, RuleContext } from "./types";

/**
 * Channels where an auto-deduct agreement lives apart from the platform account, so cancelling on the platform
 * leaves it able to charge: Alipay / WeChat Pay 免密支付·自动扣款, a bank card's 快捷支付 agreement, a PayPal
 * billing agreement. A credit card holds no agreement of its own (the merchant keeps the card on file and stops
 * charging when the platform side is cancelled), and on Apple, Google Play or a platform balance the platform is
 * the payer: for those, cancelling on the platform is the whole cancellation.
 */
export const SEPARATE_AGREEMENT_CHANNELS: ReadonlySet<(typeof PAYMENT_CHANNELS)[number]> = new Set([
  "alipay",
  "wechat_pay",
  "bank_card",
  "paypal",
]);

/** `membership` is the state after this sweep's lifecycle step. */
export function halfCancelledWindow(
  history: MembershipHistory,
  membership: MembershipState,
  ctx: RuleContext,
  today: string,
): AlertWindow | null {
  if (membership.status !== "cancelled" || !SEPARATE_AGREEMENT_CHANNELS.has(membership.channel)) return null;
  if (history.cancellations.some((cancellation) => cancellation.side === "payment_channel")) return null;
  const platform = history.cancellations
    .filter((cancellation) => cancellation.side === "platform")
    .sort((a, b) => Date.parse(a.cancelledAt) - Date.parse(b.cancelledAt))[0];
  const cancelledOn = platform && dayOf(platform.cancelledAt, ctx.timeZone);
  if (!platform || !cancelledOn) return null;
  const renewal = membership.nextRenewalOn;
  // Give the user a couple of days to close the agreement too before nagging; after the renewal it is moot.
  const from = addDays(cancelledOn, Math.max(0, ctx.halfCancelledAfterDays));
  const to = addDays(renewal, -1);
  if (from > to) return null;
  return {
    from,
    to,
    alert: membershipAlert("half_cancelled", membership, renewal, {
      ...membershipFacts(membership),
      cancelled_at: platform.cancelledAt,
      cancelled_on: cancelledOn,
      renewal_on: renewal,
      days_left: daysBetween(today, renewal),
    }),
  };
}

/** charge_after_cancel for `event`, when it is a charge that came after a cancellation. */
export function chargeAfterCancel(history: MembershipHistory, event: EventRow, ctx: RuleContext): AlertDraft | null {
  const disputed = disputedCharge(history, event);
  return disputed && chargeAfterCancelAlert(history.membership, disputed, ctx);
}

export function chargeAfterCancelAlert(
  membership: MembershipState,
  disputed: DisputedCharge,
  ctx: RuleContext,
): AlertDraft {
  const { event } = disputed;
  return membershipAlert(
    "charge_after_cancel",
    membership,
    event.id,
    {
      ...chargeFacts(membership, event, ctx),
      cancelled_at: disputed.cancelledAt,
      cancelled_on: dayOf(disputed.cancelledAt, ctx.timeZone),
      cancelled_side: disputed.side,
    },
    event.id,
  );
}

/** Lead days before each disputed, unrefunded charge's refund window closes. */
export function refundWindows(history: MembershipHistory, ctx: RuleContext, today: string): AlertWindow[] {
  const membership = history.membership;
  if (membership.refundWindowDays <= 0) return [];
  const lead = leadDays(membership, ctx);
  const windows: AlertWindow[] = [];
  for (const { event } of unrefundedDisputedCharges(history)) {
    const closes = refundWindowClosesOn(membership, event, ctx);
    if (!closes) continue;
    windows.push({
      ...daysUpTo(closes, lead),
      alert: membershipAlert(
        "refund_window_closing",
        membership,
        event.id,
        { ...chargeFacts(membership, event, ctx), days_left: daysBetween(today, closes) },
        event.id,
      ),
    });
  }
  return windows;
}

function refundWindowClosesOn(membership: MembershipState, event: EventRow, ctx: RuleContext): string | null {
  const chargedOn = dayOf(event.occurredAt, ctx.timeZone);
  return chargedOn && membership.refundWindowDays > 0 ? addDays(chargedOn, membership.refundWindowDays) : null;
}

/** The membership's facts with the charge's own amount, date and reference: the evidence for a dispute. */
function chargeFacts(membership: MembershipState, event: EventRow, ctx: RuleContext): AlertDraft["facts"] {
  return {
    ...membershipFacts(membership),
    amount_minor: event.amountMinor,
    currency: event.currency,
    merchant: event.merchant,
    reference: event.reference,
    charged_at: event.occurredAt,
    charged_on: dayOf(event.occurredAt, ctx.timeZone),
    refund_window_closes_on: refundWindowClosesOn(membership, event, ctx),
  };
}

/**
 * A renewal reminder or a new agreement arriving for a membership cancelled only on the platform shows the
 * payment-side agreement is alive: half_cancelled at once, without the usual grace days (same key as the
 * sweep's, so it still fires only once per period).
 */
export function halfCancelledEvidence(
  history: MembershipHistory,
  event: EventRow,
  ctx: RuleContext,
): AlertDraft | null {
  if (event.kind !== "renewal_notice" && event.kind !== "signup") return null;
  const today = dayOf(new Date(ctx.now).toISOString(), ctx.timeZone);
  if (!today) return null;
  const window = halfCancelledWindow(history, history.membership, { ...ctx, halfCancelledAfterDays: 0 }, today);
  if (!window || today > window.to) return null;
  return {
    ...window.alert,
    eventId: event.id,
    facts: { ...window.alert.facts, evidence_on: dayOf(event.occurredAt, ctx.timeZone) },
  };
}
