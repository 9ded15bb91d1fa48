// The two sides of cancelling a membership: the platform (its auto-renewal, or customer service) and, where the
// payment channel holds an agreement of its own (Alipay, WeChat Pay, a card), that agreement. Which are needed,
// which are still missing, and their names.
import type { CancellationRow } from "../../../schema/tables";
import type { MembershipWithCancellations } from "../../db/memberships";
import { SEPARATE_AGREEMENT_CHANNELS } from "../../rules/cancellation";
import type { Locale } from "../../texts/alerts";

export type Side = CancellationRow["side"];

const SIDE_LABELS: Record<Locale, Record<Side, string>> = {
  "zh-CN": {
    platform: "平台（关闭自动续费）",
    payment_channel: "支付渠道（解除免密/自动扣款协议）",
    customer_service: "客服",
  },
  en: {
    platform: "Platform (auto-renewal switched off)",
    payment_channel: "Payment channel (auto-deduct agreement removed)",
    customer_service: "Customer service",
  },
};

export const sideText = (side: Side, locale: Locale) => SIDE_LABELS[locale][side];

/** The sides that must be cancelled to stop the charges: the payment channel's too where it holds an agreement. */
export const neededSides = (channel: MembershipWithCancellations["channel"]): Side[] =>
  SEPARATE_AGREEMENT_CHANNELS.has(channel) ? ["platform", "payment_channel"] : ["platform"];

/**
 * The sides whose cancellation is not recorded yet. The platform side is done by the platform or by customer
 * service; the payment channel side matters only where the agreement lives apart from the platform.
 */
export function missingSides(membership: Pick<MembershipWithCancellations, "channel" | "cancellations">): Side[] {
  const recorded = new Set(membership.cancellations.map((cancellation) => cancellation.side));
  const missing: Side[] = [];
  if (!recorded.has("platform") && !recorded.has("customer_service")) missing.push("platform");
  if (SEPARATE_AGREEMENT_CHANNELS.has(membership.channel) && !recorded.has("payment_channel"))
    missing.push("payment_channel");
  return missing;
}
