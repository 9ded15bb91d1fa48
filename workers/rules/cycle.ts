// Renewal-cycle arithmetic on calendar dates (YYYY-MM-DD): the renewal one cycle later or earlier,
// and which days a renewal's charge may fall on.
import { daysInMonth } from "../../schema/vocabulary";
import { addDays } from "../time/zones";

export type CycleUnit = "day" | "week" | "month" | "year";

export interface Cycle {
  unit: CycleUnit;
  count: number;
  /** Day of month (1..31) month and year steps come back to after a short month clamped them. */
  anchorDay: number;
}

/**
 * `date` moved forward `count` cycles. Month and year steps clamp to the month's end but stay anchored,
 * so a Jan 31 membership renews Feb 28 (29 in leap years) and then Mar 31 again.
 */
export function addCycle(date: string, unit: CycleUnit, count: number, anchorDay: number): string {
  return shift(date, unit, count, anchorDay);
}

/** `date` moved back one cycle of `count` units, with the same clamping as addCycle. */
export function previousRenewal(date: string, unit: CycleUnit, count: number, anchorDay: number): string {
  return shift(date, unit, -count, anchorDay);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The days a charge for the renewal on `renewal` may carry: from two weeks before (merchants and card
 * platforms charge early, users type the renewal day a little off) to three days after (notices arrive late).
 * A matched charge in this window pays that renewal, so nothing warns about it any more: a ¥25 charge nine
 * days before the renewal must not be followed by "cancel by … or be charged ¥25". Short cycles shrink the
 * window to at most half a cycle before, so that it never reaches into the neighbouring renewals' windows;
 * otherwise one weekly charge would confirm two periods.
 */
/** How many days before its renewal a charge may still pay it (README: "A charge that pays a renewal"). */
export const EARLY_CHARGE_DAYS = 14;

export function chargeWindow(renewal: string, cycle: Cycle): { from: string; to: string } {
  const length = daysBetween(previousRenewal(renewal, cycle.unit, cycle.count, cycle.anchorDay), renewal);
  const early = Math.min(EARLY_CHARGE_DAYS, Math.floor(length / 2));
  const late = Math.max(0, Math.min(3, length - early - 1));
  return { from: addDays(renewal, -early), to: addDays(renewal, late) };
}

function shift(date: string, unit: CycleUnit, count: number, anchorDay: number): string {
  if (unit === "day") return addDays(date, count);
  if (unit === "week") return addDays(date, 7 * count);
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const anchor = Number.isInteger(anchorDay) && anchorDay >= 1 && anchorDay <= 31 ? anchorDay : day;
  const index = year * 12 + (month - 1) + (unit === "year" ? 12 * count : count);
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  const targetDay = Math.min(anchor, daysInMonth(targetYear, targetMonth));
  return `${String(targetYear).padStart(4, "0")}-${pad(targetMonth)}-${pad(targetDay)}`;
}

const pad = (value: number) => String(value).padStart(2, "0");
