// The vocabulary the API's schemas check values against: the currencies we support and what counts as a real
// calendar date, instant and timezone. Pure (no env, no I/O), so schema/ depends on nothing in workers/; the
// Worker's own money and calendar code (workers/money/format.ts, workers/time/zones.ts) builds on it.

// ---- currencies ----

// Money is an integer of minor units plus an ISO 4217 code; this is the one table of exponents.
// A code not listed here is refused rather than guessed: a wrong exponent misreads every amount.
const EXPONENTS: Record<string, number> = {
  AED: 2,
  ARS: 2,
  AUD: 2,
  BHD: 3,
  BRL: 2,
  CAD: 2,
  CHF: 2,
  CLP: 0,
  CNY: 2,
  COP: 2,
  CZK: 2,
  DKK: 2,
  EGP: 2,
  EUR: 2,
  GBP: 2,
  HKD: 2,
  HUF: 2,
  IDR: 2,
  ILS: 2,
  INR: 2,
  ISK: 0,
  JOD: 3,
  JPY: 0,
  KRW: 0,
  KWD: 3,
  MOP: 2,
  MXN: 2,
  MYR: 2,
  NOK: 2,
  NZD: 2,
  OMR: 3,
  PHP: 2,
  PKR: 2,
  PLN: 2,
  QAR: 2,
  RON: 2,
  RUB: 2,
  SAR: 2,
  SEK: 2,
  SGD: 2,
  THB: 2,
  TRY: 2,
  TWD: 2,
  UAH: 2,
  USD: 2,
  VND: 0,
  ZAR: 2,
};

export const CURRENCIES = Object.keys(EXPONENTS);

export function isCurrency(code: string): boolean {
  return Object.hasOwn(EXPONENTS, code);
}

/** Decimal places of the currency's minor unit (JPY 0, CNY 2, BHD 3). */
export function currencyExponent(code: string): number {
  const exponent = EXPONENTS[code];
  if (exponent === undefined) throw new RangeError(`unknown currency ${code}`);
  return exponent;
}

// ---- dates and times ----

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDate(value: string): boolean {
  const parts = DATE_PATTERN.exec(value);
  if (!parts) return false;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (year < 1970 || year > 2200 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

// An ISO 8601 date-time with its offset ("+08:00" or "+0800"), split into the fields that must each be real.
const DATE_TIME_PATTERN = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(?:Z|[+-](\d{2}):?(\d{2}))$/;

/**
 * The instant (ms since epoch) an ISO 8601 date-time with an offset names, or undefined unless every field is
 * real: Date.parse would quietly move 2026-02-30 to March 2 (and 24:00 to the next day), and such a time is
 * evidence in a dispute, so it is refused rather than moved. Years as isCalendarDate allows them.
 */
export function realInstant(value: string): number | undefined {
  const parts = DATE_TIME_PATTERN.exec(value);
  if (!parts || !isCalendarDate(parts[1] as string)) return undefined;
  const [hour, minute, second, offsetHours, offsetMinutes] = [2, 3, 4, 5, 6].map((i) => Number(parts[i] ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return undefined;
  const instant = Date.parse(value.replace(/\s+(?=[+-]\d)/, ""));
  return Number.isNaN(instant) ? undefined : instant;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True when the runtime knows the IANA zone name. */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return value.length > 0;
  } catch {
    return false;
  }
}
