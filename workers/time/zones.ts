// Calendar dates (YYYY-MM-DD) in a user's timezone. Date rules count days in the user's zone,
// never in UTC by accident, so every conversion from an instant goes through here. What counts as a real
// date, instant or zone is schema/vocabulary.ts's (isCalendarDate, realInstant, isTimeZone).

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of `instant` (ms since epoch) in `timeZone`. */
export function localDate(instant: number, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // en-CA formats dates as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter.format(new Date(instant));
}

/** `date` moved by whole days (calendar arithmetic, no timezone involved). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

// format() costs about a third of formatToParts(). A formatter that writes "M/D/Y, H:M:S" (checked once
// per zone, on a known date, by its parts' order) has its numbers read back from that string; any other
// output (another order, a sign, an era) is read from formatToParts() as before.
const WALL_CLOCK_SHAPE = /^(\d+)\/(\d+)\/(\d+), (\d+):(\d+):(\d+)$/;
const WALL_CLOCK_ORDER = "month,day,year,hour,minute,second";

interface PartsFormatter {
  formatter: Intl.DateTimeFormat;
  /** True when format() writes the fields in WALL_CLOCK_SHAPE's order. */
  shaped: boolean;
}

const partsFormatters = new Map<string, PartsFormatter>();

function partsFormatter(timeZone: string): PartsFormatter {
  let entry = partsFormatters.get(timeZone);
  if (!entry) {
    const formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    const probe = new Date(Date.UTC(2001, 1, 3, 4, 5, 6));
    const order = formatter
      .formatToParts(probe)
      .filter((part) => part.type !== "literal")
      .map((part) => part.type)
      .join(",");
    const shaped = order === WALL_CLOCK_ORDER && WALL_CLOCK_SHAPE.test(formatter.format(probe));
    entry = { formatter, shaped };
    partsFormatters.set(timeZone, entry);
  }
  return entry;
}

/** Wall-clock fields of `instant` in `timeZone`. */
export function wallClock(
  instant: number,
  timeZone: string,
): { year: number; month: number; day: number; utc: number } {
  const { formatter, shaped } = partsFormatter(timeZone);
  const date = new Date(instant);
  const written = shaped ? WALL_CLOCK_SHAPE.exec(formatter.format(date)) : null;
  const fields: Record<string, number> = {};
  if (written) {
    fields.month = Number(written[1]);
    fields.day = Number(written[2]);
    fields.year = Number(written[3]);
    fields.hour = Number(written[4]);
    fields.minute = Number(written[5]);
    fields.second = Number(written[6]);
  } else {
    for (const part of formatter.formatToParts(date)) {
      if (part.type !== "literal") fields[part.type] = Number(part.value);
    }
  }
  const year = fields.year ?? 1970;
  const month = fields.month ?? 1;
  const day = fields.day ?? 1;
  const utc = Date.UTC(year, month - 1, day, fields.hour ?? 0, fields.minute ?? 0, fields.second ?? 0);
  return { year, month, day, utc };
}

/** "2026-11-26 09:47": the wall-clock date and minute of `instant` in `timeZone`. */
export function localDateTime(instant: number, timeZone: string): string {
  return new Date(wallClock(instant, timeZone).utc).toISOString().slice(0, 16).replace("T", " ");
}

/** The instant at which the wall clock in `timeZone` shows the given local time. */
export function zonedInstant(localAsUtc: number, timeZone: string): number {
  const offset1 = wallClock(localAsUtc, timeZone).utc - localAsUtc;
  const guess = localAsUtc - offset1;
  const offset2 = wallClock(guess, timeZone).utc - guess;
  return offset1 === offset2 ? guess : localAsUtc - offset2;
}
