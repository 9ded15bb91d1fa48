// The one clock of the test suite, standing in for workers/time/clock.ts in the test build (vitest.config.ts). It runs
// at wall-clock speed, moved by TEST_CLOCK_SHIFT_DAYS (say -400 or 400), so every test can be run a year ahead or
// back: the Worker's "now" and every instant a test computes come from here, never from Date.now() directly.
import { env } from "cloudflare:workers";

const offset = () => Number(env.TEST_CLOCK_OFFSET_MS ?? 0) || 0;

/** The Worker's name for it (workers/time/clock.ts). */
export const clockNow = (): number => Date.now() + offset();

/** The tests' name for the same clock. */
export const testNow = clockNow;

/** The test clock's calendar date in `timeZone`, moved by `days` (YYYY-MM-DD). */
export function testDate(days = 0, timeZone = "Asia/Shanghai"): string {
  const date = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(clockNow()),
  );
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}
