// Reading dates and times written in notices (Chinese bank/wallet forms and English receipts). Pure:
// the receipt time and zone come as arguments; zone offsets come from Intl, not from the wall clock.

import { localDate, wallClock, zonedInstant } from "../time/zones";

export interface DateContext {
  /** When the notice was received (ms since epoch): a date without a year takes the most recent
   *  plausible year at or before this (minding the Dec → Jan rollover). */
  receivedAt: number;
  /** Zone for times written without one: "Asia/Shanghai" for Chinese notices. */
  timeZone: string;
  /** How the notice writes a numeric date whose parts could both be a month (03/04/2026): day first (true), month
   *  first (false), or unknown (undefined: such a date is not read). Dotted dates are always day first. */
  dayFirst?: boolean;
}

/** A date as written: year/month may be missing and are inferred from the receipt time. */
interface Written {
  index: number;
  length: number;
  year?: number;
  month?: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  /** Offset from UTC in minutes when the text names a zone, or an IANA zone to resolve. */
  offset?: number;
  zone?: string;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  // Danish, Norwegian, Swedish and German forms the English stems miss: "14. desember 2025", "3. maj", "1. okt.".
  mai: 5,
  maj: 5,
  okt: 10,
  des: 12,
};
const MONTH_NAME =
  "(Jan(?:uary|uari|uar)?|Feb(?:ruary|ruari|ruar)?|Mar(?:ch|ts|s)?|Apr(?:il)?|May|Ma[ij]|June?|Juni|July?|Juli|Aug(?:usti|ust)?|Sept?(?:ember)?|Oct(?:ober)?|Okt(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|Des(?:ember)?)\\.?";

// Zone abbreviations seen on receipts. CST is US Central on English notices but China Standard Time
// for a reader whose zone is in China, so it is resolved against the context zone.
const ZONE_OFFSETS: Record<string, number> = {
  UTC: 0,
  GMT: 0,
  Z: 0,
  UT: 0,
  PST: -480,
  PDT: -420,
  MST: -420,
  MDT: -360,
  CDT: -300,
  EST: -300,
  EDT: -240,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  BST: 60,
  CET: 60,
  CEST: 120,
  // German: Mitteleuropäische (Sommer)Zeit, West- and Osteuropäische.
  MEZ: 60,
  MESZ: 120,
  WEZ: 0,
  WESZ: 60,
  OEZ: 120,
  OESZ: 180,
  EET: 120,
  EEST: 180,
  MSK: 180,
  IST: 330,
  ICT: 420,
  WIB: 420,
  HKT: 480,
  SGT: 480,
  AWST: 480,
  JST: 540,
  KST: 540,
  AEST: 600,
  AEDT: 660,
  NZST: 720,
  NZDT: 780,
};
const ZONE_NAMES: Record<string, string> = {
  PT: "America/Los_Angeles",
  MT: "America/Denver",
  CT: "America/Chicago",
  ET: "America/New_York",
};

// Time after a date: "14:30", "14:30:00", "10时27分", "14点30分", "10:00 AM", "下午3:20", "um 23:59", "à 08:15",
// "à 21h47", "a las 13:30", "às 21h14", "kl. 06:12" (Danish, Norwegian, Swedish), then a zone.
const TIME =
  "(?:[\\sT,，]*(?:(?:at|um|à|a las|alle(?: ore)?|om|às|as|o godz\\.?|kl\\.?)\\s+|于)?(上午|下午|晚上|凌晨|中午|午前|午後|오전|오후)?\\s*(\\d{1,2})(?:[:：h](\\d{2})(?:[:：](\\d{2}))?|[时時點点](\\d{1,2})分?(?:(\\d{1,2})秒)?)(?:\\.\\d+)?" +
  "(?:\\s*([AaPp])\\.?[Mm]\\.?(?![A-Za-z]))?" +
  "(?:\\s*\\(?\\s*(?:(?:GMT|UTC)\\s*([+-−]\\d{1,2}(?::?\\d{2})?)|([+-]\\d{2}:?\\d{2})|(Z|[A-Z]{2,5})(?![A-Za-z]))\\s*\\)?)?)?";
const TIME_GROUPS = 9;

interface Pattern {
  regex: RegExp;
  /** Words (bits of NEEDS) every match contains. */
  needs: number;
  read: (m: RegExpExecArray, context: DateContext) => Omit<Written, "index" | "length"> | null;
}

const num = (value: string | undefined) => (value === undefined ? undefined : Number(value));

function fullYear(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const year = Number(value);
  return value.length === 2 ? 2000 + year : year;
}

// What each pattern cannot match without. MONTH_WORD is case-insensitive without the u flag, like the
// month-name patterns, and every month name starts with one of its three-letter stems.
const NEEDS = { year: 1, month: 2, day: 4, colon: 8, monthName: 16, on: 32 } as const;
const MONTH_WORD = /jan|feb|mar|apr|ma[yij]|jun|jul|aug|sep|oct|okt|nov|dec|des/i;

function wordsIn(text: string): number {
  return (
    (text.includes("年") || text.includes("년") ? NEEDS.year : 0) |
    (text.includes("月") || text.includes("월") ? NEEDS.month : 0) |
    (text.includes("日") || text.includes("号") || text.includes("일") ? NEEDS.day : 0) |
    (text.includes(":") ? NEEDS.colon : 0) |
    (MONTH_WORD.test(text) ? NEEDS.monthName : 0) |
    (text.includes("於") || text.includes("于") ? NEEDS.on : 0)
  );
}

const PATTERNS: Pattern[] = [
  // 2024年10月05日, 24年10月09日 15:54, 2024年1月21日10时27分, 2026년 4월 1일
  {
    needs: NEEDS.year | NEEDS.month | NEEDS.day,
    regex: new RegExp(
      `(?<!\\d)(\\d{4}|\\d{2})\\s*[年년]\\s*(\\d{1,2})\\s*[月월]\\s*(\\d{1,2})\\s*[日号일]${TIME}`,
      "g",
    ),
    read: (m) => ({ year: fullYear(m[1]), month: num(m[2]), day: Number(m[3]) }),
  },
  // 2024-10-05 14:30:00, 2024/10/05, 2024.10.05, 2025-05-20T08:00:00Z
  {
    needs: 0,
    regex: new RegExp(`(?<![\\d.])(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})(?![\\d.])${TIME}`, "g"),
    read: (m) => ({ year: Number(m[1]), month: num(m[3]), day: Number(m[4]) }),
  },
  // 2026. 5. 9. / 2026. 05. 09 14:30 (Korean: a dot and a space after each part)
  {
    needs: 0,
    regex: new RegExp(`(?<![\\d.])(\\d{4})\\.[ \\t]+(\\d{1,2})\\.[ \\t]*(\\d{1,2})(?![\\d])\\.?${TIME}`, "g"),
    read: (m) => ({ year: Number(m[1]), month: num(m[2]), day: Number(m[3]) }),
  },
  // 15/03/2027, 05.10.2025 um 23:59 MESZ, 04/15/2026: day or month first as numericOrder says
  {
    needs: 0,
    regex: new RegExp(`(?<![\\d./])(\\d{1,2})([./])(\\d{1,2})\\2(\\d{4})(?![\\d])(?!\\.\\d)${TIME}`, "g"),
    read: (m, context) => {
      const first = Number(m[1]);
      const second = Number(m[3]);
      const dayFirst = numericOrder(m[2] ?? "", first, second, context.dayFirst);
      if (dayFirst === undefined) return null;
      return { year: Number(m[4]), month: dayFirst ? second : first, day: dayFirst ? first : second };
    },
  },
  // May 20, 2025 / Dec. 2 2024 / Nov 20, 2026 10:00 AM PST
  {
    needs: NEEDS.monthName,
    regex: new RegExp(`\\b${MONTH_NAME}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,\\s*|\\s+)(\\d{4})(?!\\d)${TIME}`, "gi"),
    read: (m) => ({ year: Number(m[3]), month: monthOf(m[1]), day: Number(m[2]) }),
  },
  // 20 May 2025 / 2 Dec 2024 18:20:35 GMT+7 / Tue, 2 Dec 2024 18:20:35 +0700
  {
    needs: NEEDS.monthName,
    regex: new RegExp(`(?<!\\d)(\\d{1,2})(?:st|nd|rd|th|\\.)?\\s+${MONTH_NAME},?\\s+(\\d{4})(?!\\d)${TIME}`, "gi"),
    read: (m) => ({ year: Number(m[3]), month: monthOf(m[2]), day: Number(m[1]) }),
  },
  // 05-Mar-26 at 21:47:10, 05-MAR-2026 (Indian bank SMS)
  {
    needs: NEEDS.monthName,
    regex: new RegExp(`(?<![\\d-])(\\d{1,2})-${MONTH_NAME}-(\\d{4}|\\d{2})(?![\\d-])${TIME}`, "gi"),
    read: (m) => ({ year: fullYear(m[3]), month: monthOf(m[2]), day: Number(m[1]) }),
  },
  // on 31/12 at 11:58pm, le 14/03 à 21h47, em 05/03, às 21h14, am 28.02. (no year: an "on" of its language stands
  // before it, so it is no fraction, price or score)
  {
    needs: 0,
    regex: new RegExp(
      `(?<=(?<![\\p{L}])(?:on|le|el|em|il|am|op|dnia|du|del)\\s+)(\\d{1,2})([./])(\\d{1,2})(?![\\d/]|\\.\\d|\\s*(?:€|EUR|\\$|£|%))${TIME}`,
      "gu",
    ),
    read: (m, context) => {
      const first = Number(m[1]);
      const second = Number(m[3]);
      const dayFirst = numericOrder(m[2] ?? "", first, second, context.dayFirst);
      if (dayFirst === undefined) return null;
      return { month: dayFirst ? second : first, day: dayFirst ? first : second };
    },
  },
  // 10月5日, 1月21日10时27分, 12月28日, 4월 1일
  {
    needs: NEEDS.month | NEEDS.day,
    regex: new RegExp(`(?<![\\d年년])(\\d{1,2})\\s*[月월]\\s*(\\d{1,2})\\s*[日号일]${TIME}`, "g"),
    read: (m) => ({ month: num(m[1]), day: Number(m[2]) }),
  },
  // 10-05 14:30 (month-day with a time; the time is what makes it a date and not a range)
  {
    needs: NEEDS.colon,
    regex: new RegExp(`(?<![\\d\\-/.])(\\d{1,2})([-/])(\\d{1,2})(?![\\d\\-/])(?=\\s+\\d{1,2}:\\d{2})${TIME}`, "g"),
    // Month first, as the mainland, Taiwan and Korea write it; a slashed one day first where the notice's place
    // writes it so (Hong Kong's 03/05 is 3 May).
    read: (m, context) => {
      const [first, second] = [Number(m[1]), Number(m[3])];
      const dayFirst = m[2] === "/" && numericOrder("/", first, second, context.dayFirst ?? false);
      return dayFirst ? { month: second, day: first } : { month: first, day: second };
    },
  },
  // 於03/09, 于 3/9 (a Chinese notice's "on" before a numeric month/day: the word makes it a date, not a fraction)
  {
    needs: NEEDS.on,
    regex: new RegExp(`(?<=[於于]\\s{0,2})(\\d{1,2})/(\\d{1,2})(?![\\d/])${TIME}`, "g"),
    read: (m, context) => {
      const [first, second] = [Number(m[1]), Number(m[2])];
      return numericOrder("/", first, second, context.dayFirst ?? false)
        ? { month: second, day: first }
        : { month: first, day: second };
    },
  },
  // Renews May 20 / on June 3 (no year; capitalised so "may 5" in prose is not a date)
  {
    needs: NEEDS.monthName,
    regex: new RegExp(
      `\\b(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\d:])${TIME}`,
      "g",
    ),
    read: (m) => ({ month: monthOf(m[1]), day: Number(m[2]) }),
  },
  // 01日19时09分 (BoCom writes only the day; it counts only after 于 or when a time follows)
  {
    needs: NEEDS.day,
    regex: new RegExp(
      `(?:(?<=于)|(?<![\\d月])(?=\\d{1,2}\\s*日\\s*\\d{1,2}(?:[:：]\\d{2}|时\\d)))(\\d{1,2})\\s*[日号]${TIME}`,
      "g",
    ),
    read: (m) => ({ day: Number(m[1]) }),
  },
];

/**
 * Whether a numeric date is written day first: dotted dates always are (14.05.2026); a slashed one when its first
 * part cannot be a month (15/03), month first when its second cannot (04/15); else as the notice writes them.
 */
export function numericOrder(
  separator: string,
  first: number,
  second: number,
  dayFirst?: boolean,
): boolean | undefined {
  if (separator === "." || (first > 12 && second <= 12)) return true;
  if (second > 12 && first <= 12) return false;
  return dayFirst;
}

/** The month an English month name or its abbreviation names ("Jan", "Sept", "December"); undefined for other words. */
export function monthOf(name: string | undefined): number | undefined {
  if (!name) return undefined;
  return MONTHS[name.slice(0, name.toLowerCase().startsWith("sept") ? 4 : 3).toLowerCase()];
}

function readTime(m: RegExpExecArray, first: number, written: Written, timeZone: string): boolean {
  const [period, hourText, minuteColon, secondColon, minuteCn, secondCn, ampm, gmt, numeric, abbreviation] = m.slice(
    first,
    first + TIME_GROUPS + 1,
  );
  if (hourText === undefined) return true;
  let hour = Number(hourText);
  const minute = Number(minuteColon ?? minuteCn ?? 0);
  const second = Number(secondColon ?? secondCn ?? 0);
  const pm = ampm
    ? /p/i.test(ampm)
    : period === "下午" ||
      period === "晚上" ||
      period === "午後" ||
      period === "오후" ||
      (period === "中午" && hour < 11);
  if (ampm || period) {
    if (hour > 12) return false;
    if (pm && hour < 12) hour += 12;
    if (!pm && hour === 12 && (ampm || period === "凌晨" || period === "午前" || period === "오전")) hour = 0;
  }
  if (hour > 23 || minute > 59 || second > 60) return false;
  written.hour = hour;
  written.minute = minute;
  written.second = Math.min(second, 59);
  const offsetText = gmt ?? numeric;
  if (offsetText) {
    const parts = /^([+-−])(\d{1,2})(?::?(\d{2}))?$/.exec(offsetText);
    if (parts) {
      const sign = parts[1] === "+" ? 1 : -1;
      written.offset = sign * (Number(parts[2]) * 60 + Number(parts[3] ?? 0));
    }
  } else if (abbreviation) {
    // "GMT"/"UTC" without an offset arrive here as abbreviations too; unknown words are not zones.
    const name = abbreviation.toUpperCase();
    if (name === "CST") written.offset = timeZone.startsWith("Asia/") ? 480 : -360;
    else if (Object.hasOwn(ZONE_OFFSETS, name)) written.offset = ZONE_OFFSETS[name];
    else if (Object.hasOwn(ZONE_NAMES, name)) written.zone = ZONE_NAMES[name];
  }
  return true;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Every pattern's first valid date; the earliest in the text wins, the longer on a tie. */
function firstWritten(text: string, context: DateContext): Written | null {
  let best: Written | null = null;
  const present = wordsIn(text);
  for (const pattern of PATTERNS) {
    // A pattern whose required word is absent cannot match: skip running it over the text.
    if ((pattern.needs & present) !== pattern.needs) continue;
    pattern.regex.lastIndex = 0;
    for (let m = pattern.regex.exec(text); m; m = pattern.regex.exec(text)) {
      if (best && m.index > best.index) break;
      const read = pattern.read(m, context);
      if (!read) continue;
      const written: Written = { ...read, index: m.index, length: m[0].length };
      if (written.month !== undefined && (written.month < 1 || written.month > 12)) continue;
      if (written.day < 1 || written.day > 31) continue;
      if (written.year !== undefined && (written.year < 1990 || written.year > 2200)) continue;
      if (
        written.year !== undefined &&
        written.month !== undefined &&
        written.day > daysIn(written.year, written.month)
      )
        continue;
      // The time groups are the last TIME_GROUPS + 1 captures of every pattern.
      if (!readTime(m, m.length - TIME_GROUPS - 1, written, context.timeZone)) continue;
      if (!best || written.index < best.index || (written.index === best.index && written.length > best.length)) {
        best = written;
      }
      break;
    }
  }
  return best;
}

type Direction = "back" | "forward";

// The English readers read every date in UTC, where Date's own fields are the wall clock: the same
// answers as calendar.ts's Intl-based ones, without formatting a date to read it back.
function clock(instant: number, timeZone: string): { year: number; month: number; day: number } {
  if (timeZone !== "UTC") return wallClock(instant, timeZone);
  const date = new Date(instant);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function instantAt(localAsUtc: number, timeZone: string): number {
  return timeZone === "UTC" ? localAsUtc : zonedInstant(localAsUtc, timeZone);
}

const dayNumber = (year: number, month: number, day: number) => Date.UTC(year, month - 1, day) / 86_400_000;

/** Fill in a missing year (and month) from the receipt date: the latest at or before it (one day's
 *  grace for clock skew), or for renewals the earliest on or after it. */
function complete(written: Written, context: DateContext, direction: Direction): [number, number, number] | null {
  // A full date needs no "today": asking Intl for it was most of the cost of reading one.
  if (written.year !== undefined && written.month !== undefined) return [written.year, written.month, written.day];
  const today = clock(context.receivedAt, context.timeZone);
  const todayNumber = dayNumber(today.year, today.month, today.day);
  const candidates: [number, number, number][] = [];
  if (written.month !== undefined) {
    for (const year of [today.year - 1, today.year, today.year + 1])
      candidates.push([year, written.month, written.day]);
  } else {
    for (let shift = -2; shift <= 2; shift += 1) {
      const index = today.year * 12 + today.month - 1 + shift;
      candidates.push([Math.floor(index / 12), (index % 12) + 1, written.day]);
    }
  }
  const valid = candidates.filter(([y, m, d]) => d <= daysIn(y, m));
  if (direction === "back") {
    const past = valid.filter(([y, m, d]) => dayNumber(y, m, d) <= todayNumber + 1);
    return past[past.length - 1] ?? null;
  }
  return valid.find(([y, m, d]) => dayNumber(y, m, d) >= todayNumber) ?? null;
}

/**
 * The first date (and time, if written) in `text` as an ISO 8601 instant (UTC, "…Z").
 * Understands 2024年10月05日 / 24年10月09日 / 10月5日 / 5日, H时m分, 2024-10-05 14:30:00,
 * "May 20, 2025", "20 May 2025", "2 Dec 2024 18:20:35 GMT+7", "Nov 20, 2026 10:00 AM PST".
 * A date without a time is that day's midnight in the zone. Null when there is no date.
 */
export function findDateTime(text: string, context: DateContext): string | null {
  const written = firstWritten(text, context);
  const date = written ? complete(written, context, "back") : null;
  return written && date ? writtenInstant(written, date, context) : null;
}

/**
 * As findDateTime, for when a transaction happened: a date written without a time is a calendar day in the
 * context's zone, and stands for zonedDayInstant's instant (the notice's own time on its own day, else noon there),
 * not for its midnight, which is the evening before for anyone west of that zone.
 */
export function findTransactionInstant(text: string, context: DateContext, noticeAt: number): string | null {
  const written = firstWritten(text, context);
  const date = written ? complete(written, context, "back") : null;
  if (!written || !date) return null;
  if (written.hour !== undefined) return writtenInstant(written, date, context);
  const [year, month, day] = date;
  const iso = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return zonedDayInstant(iso, noticeAt, context.timeZone);
}

function writtenInstant(written: Written, [year, month, day]: [number, number, number], context: DateContext): string {
  const local = Date.UTC(year, month - 1, day, written.hour ?? 0, written.minute ?? 0, written.second ?? 0);
  const instant =
    written.offset !== undefined ? local - written.offset * 60_000 : instantAt(local, written.zone ?? context.timeZone);
  return new Date(instant).toISOString();
}

/** The first calendar date in `text` as YYYY-MM-DD (for renews_at), year inferred as above but
 *  looking forward: a renewal date without a year is the next such date on or after receipt. */
export function findCalendarDate(text: string, context: DateContext): string | null {
  const written = firstWritten(text, context);
  if (!written) return null;
  const date = complete(written, context, "forward");
  if (!date) return null;
  const [year, month, day] = date;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * The instant of a transaction whose notice states only its calendar day (YYYY-MM-DD), given the notice's own
 * time. When that day is the notice's own day (somewhere from UTC−12 to UTC+14), it is the notice's own time:
 * a receipt dated "December 2" sent at 11:23 +08:00 was paid by then, and evidence must never sort after the
 * message that reports it. Another day is noon UTC (that day from UTC−11 to UTC+11), never after the notice.
 */
export function dayInstant(date: string, noticeAt: number): string {
  const earliest = new Date(noticeAt - 12 * 3_600_000).toISOString().slice(0, 10);
  const latest = new Date(noticeAt + 14 * 3_600_000).toISOString().slice(0, 10);
  if (date >= earliest && date <= latest) return new Date(noticeAt).toISOString();
  return new Date(Math.min(Date.parse(`${date}T12:00:00.000Z`), noticeAt)).toISOString();
}

/**
 * As dayInstant, for a notice whose reader's zone is known: the stated day is a calendar day there. The notice's
 * own day in that zone is the notice's own time; an earlier day is its noon there (never after the notice). A
 * later day, or no zone, is dayInstant's answer.
 */
export function zonedDayInstant(date: string, noticeAt: number, timeZone: string | undefined): string {
  if (!timeZone) return dayInstant(date, noticeAt);
  const own = localDate(noticeAt, timeZone);
  if (date === own) return new Date(noticeAt).toISOString();
  if (date > own) return dayInstant(date, noticeAt);
  const noon = zonedInstant(Date.parse(`${date}T12:00:00.000Z`), timeZone);
  return new Date(Math.min(noon, noticeAt)).toISOString();
}
