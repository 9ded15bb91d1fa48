// How a membership's terms read on the dashboard: status, price per cycle, dates in the user's timezone and
// the last day to cancel, in zh-CN and en.
import type { MembershipRow } from "../../../schema/tables";
import { daysBetween } from "../../rules/cycle";
import { amountText, type Locale } from "../../texts/alerts";
import { addDays } from "../../time/zones";

const STATUS: Record<Locale, Record<MembershipRow["status"], string>> = {
  "zh-CN": { active: "生效中", cancelled: "已取消", ended: "已结束" },
  en: { active: "Active", cancelled: "Cancelled", ended: "Ended" },
};

export const statusText = (status: MembershipRow["status"], locale: Locale) => STATUS[locale][status];

export const CYCLE_UNIT_NAMES: Record<Locale, Record<MembershipRow["cycleUnit"], string>> = {
  "zh-CN": { day: "天", week: "周", month: "月", year: "年" },
  en: { day: "day", week: "week", month: "month", year: "year" },
};

/** "¥25.00 / 月", "¥68.00 / 3 个月", "11.99 USD / month", "30.00 USD / 2 weeks". */
export function priceText(
  membership: Pick<MembershipRow, "amountMinor" | "currency" | "cycleUnit" | "cycleCount">,
  locale: Locale,
): string {
  const amount = amountText(membership.amountMinor, membership.currency, locale) ?? "";
  const unit = CYCLE_UNIT_NAMES[locale][membership.cycleUnit];
  const count = membership.cycleCount;
  if (locale === "zh-CN") {
    if (count === 1) return `${amount} / ${unit}`;
    return `${amount} / ${count} ${membership.cycleUnit === "month" ? "个月" : unit}`;
  }
  return `${amount} / ${count === 1 ? unit : `${count} ${unit}s`}`;
}

/**
 * The last day on which cancelling still stops the next renewal: the renewal date minus the notice period,
 * as the watchdog's cancel_deadline alert and the calendar count it. Null when nothing will renew or no
 * notice period is set (the renewal date itself is then the date that matters).
 */
export function cancelByDate(
  membership: Pick<MembershipRow, "status" | "autoRenew" | "nextRenewalOn" | "cancelNoticeDays">,
): string | null {
  if (membership.status !== "active" || !membership.autoRenew || membership.cancelNoticeDays <= 0) return null;
  return addDays(membership.nextRenewalOn, -membership.cancelNoticeDays);
}

const dayFormats = new Map<Locale, Intl.DateTimeFormat>();

/** A calendar date (YYYY-MM-DD, already in the user's timezone): "2026年12月1日" / "Dec 1, 2026". */
export function dayText(date: string, locale: Locale): string {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!parts) return date;
  let format = dayFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone: "UTC", dateStyle: "medium" });
    dayFormats.set(locale, format);
  }
  return format.format(new Date(Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]))));
}

/** "还有 3 天" / "in 3 days", "今天" / "today", "已过 2 天" / "2 days ago". */
export function relativeDays(today: string, date: string, locale: Locale): string {
  const days = daysBetween(today, date);
  const zh = locale === "zh-CN";
  if (days === 0) return zh ? "今天" : "today";
  if (days === 1) return zh ? "明天" : "tomorrow";
  if (days > 1) return zh ? `还有 ${days} 天` : `in ${days} days`;
  return zh ? `已过 ${-days} 天` : `${-days} day${days === -1 ? "" : "s"} ago`;
}

/** An instant shown on the user's wall clock: "2026年11月20日 10:00" / "Nov 20, 2026, 10:00 AM". */
export function instantText(iso: string, locale: Locale, timeZone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: "medium", timeStyle: "short" }).format(ms);
}

/** "标签：" / "Label: " — Chinese punctuation is full-width. */
export const labelled = (label: string, locale: Locale) => `${label}${locale === "zh-CN" ? "：" : ": "}`;

/** "（还有 3 天）" / "(in 3 days)". */
export const aside = (text: string, locale: Locale) => (locale === "zh-CN" ? `（${text}）` : `(${text})`);

const AUTO_RENEW: Record<Locale, Record<"on" | "off" | Exclude<MembershipRow["status"], "active">, string>> = {
  "zh-CN": { on: "开", off: "关", cancelled: "关（已取消）", ended: "关（已结束）" },
  en: { on: "On", off: "Off", cancelled: "Off (cancelled)", ended: "Off (ended)" },
};

/**
 * Whether it renews, as the dashboard and the dispute kit say it: a cancelled or ended membership never does,
 * whatever its stored switch says (recording a cancellation changes the status, not the switch).
 */
export function autoRenewText(status: MembershipRow["status"], autoRenew: boolean, locale: Locale): string {
  const text = AUTO_RENEW[locale];
  if (status !== "active") return text[status];
  return autoRenew ? text.on : text.off;
}
