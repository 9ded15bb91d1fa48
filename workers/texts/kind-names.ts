// The one display name of each alert kind per language: the badges and filters on the dashboard, the printable
// timeline and the head of every alert SMS all say it the same way.
import type { AlertKind } from "../rules/types";
import type { Locale } from "./alerts";

export const ALERT_KIND_NAMES: Record<Locale, Record<AlertKind, string>> = {
  "zh-CN": {
    renewal_upcoming: "即将续费",
    cancel_deadline: "取消截止",
    trial_ending: "试用到期",
    charge_after_cancel: "取消后仍扣款",
    half_cancelled: "只取消了一半",
    price_changed: "价格变动",
    unknown_subscription: "未登记的订阅",
    renewal_unconfirmed: "未见续费扣款",
    refund_window_closing: "退款期将过",
  },
  en: {
    renewal_upcoming: "Renewal coming",
    cancel_deadline: "Cancel-by date",
    trial_ending: "Trial ending",
    charge_after_cancel: "Charged after cancelling",
    half_cancelled: "Half cancelled",
    price_changed: "Price changed",
    unknown_subscription: "Unknown subscription",
    renewal_unconfirmed: "Renewal not seen",
    refund_window_closing: "Refund window closing",
  },
};

export const alertKindName = (kind: AlertKind, locale: Locale): string => ALERT_KIND_NAMES[locale][kind];
