// How a resolved alert reads on the pages (the alerts page, the printable timeline): the reason's name and who
// resolved it, in the reader's language. The reasons themselves are schema/tables.ts's.
import type { AlertResolutionOutput } from "../../../schema/alerts";
import type { ALERT_RESOLUTIONS, USER_RESOLUTIONS } from "../../../schema/tables";
import type { Locale } from "../../texts/alerts";

type Reason = (typeof ALERT_RESOLUTIONS)[number];

export const RESOLUTION_NAMES = {
  "zh-CN": {
    refunded: "已退款",
    disputed: "已申诉，等待结果",
    not_mine: "不是我的",
    ignored: "忽略",
    kept: "继续使用",
    cancelled: "已取消",
    event_assigned: "已归入会员",
    event_dismissed: "已标为一次性消费",
    payment_channel_cancelled: "付款渠道一侧也已取消",
  },
  en: {
    refunded: "Refunded",
    disputed: "Disputed, waiting for the outcome",
    not_mine: "Not mine",
    ignored: "Ignored",
    kept: "Kept",
    cancelled: "Cancelled",
    event_assigned: "Assigned to a membership",
    event_dismissed: "Dismissed as a one-off",
    payment_channel_cancelled: "Payment side cancelled too",
  },
} as const satisfies Record<Locale, Record<Reason, string>>;

/** The reasons the alerts page offers; the API also takes kept and cancelled. */
export const OFFERED_REASONS = [
  "refunded",
  "disputed",
  "not_mine",
  "ignored",
] as const satisfies readonly (typeof USER_RESOLUTIONS)[number][];

/** "Resolved: Refunded · 2026-12-03 10:00", or "Resolved by itself: …" when its cause went away. */
export function resolutionText(resolution: AlertResolutionOutput, locale: Locale, when: string): string {
  const name = RESOLUTION_NAMES[locale][resolution.reason];
  if (locale === "zh-CN") return `${resolution.by === "system" ? "已自动处理" : "已处理"}：${name} · ${when}`;
  return `${resolution.by === "system" ? "Resolved by itself" : "Resolved"}: ${name} · ${when}`;
}
