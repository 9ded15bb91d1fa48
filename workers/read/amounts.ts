// Reading amounts written in notices: ¥/￥/元/RMB/CNY/人民币, $, US$, €, £, NT$/新臺幣, HK$, 日元…,
// thousands separators, decimal commas (€10,99), negative signs on debits. Pure; digits are read as
// strings straight into integer minor units, never through a float.
import { currencyExponent, isCurrency } from "../../schema/vocabulary";
import { AnchoredRegExp } from "./anchored";
import { escapeRegExp } from "./patterns";
import type { ExtractedEvent, Notice } from "./types";

export interface Money {
  amount_minor: number;
  currency: string;
}

export interface FoundMoney extends Money {
  /** Offset of the match in the searched text. */
  index: number;
  /** The matched text, e.g. "人民币1,281.56" or "US$11.99". */
  raw: string;
  /** True when the text wrote the amount negative ("-18.90"). amount_minor is always positive. */
  negative: boolean;
}

export interface MoneyOptions {
  /** Currency for a bare number or an ambiguous ¥ / $ / 元 when the text has no other marker: e.g. "CNY" for
   *  Chinese notices, "TWD" for a Taiwanese receipt (where 元 and $ are New Taiwan dollars). */
  defaultCurrency?: string;
}

// A marker's strength decides between a prefix and a suffix that disagree: an ISO code or a named
// currency beats a symbol shared by several currencies ($, ¥), and 元 ("unit of money") is weakest.
const EXACT = 3;
const SYMBOL = 2;
const WEAK = 1;

interface Marker {
  /** ISO code, or "$" / "¥" / "元" for symbols resolved against the default currency. */
  currency: string;
  strength: number;
}

// Written markers, longest first so the alternation prefers "人民币元" to "人民币" and "US$" to "$".
const MARKERS: Record<string, Marker> = {
  人民币元: { currency: "CNY", strength: EXACT },
  人民币: { currency: "CNY", strength: EXACT },
  新臺幣: { currency: "TWD", strength: EXACT },
  新台币: { currency: "TWD", strength: EXACT },
  新台幣: { currency: "TWD", strength: EXACT },
  台币: { currency: "TWD", strength: EXACT },
  澳门币: { currency: "MOP", strength: EXACT },
  澳門幣: { currency: "MOP", strength: EXACT },
  新加坡元: { currency: "SGD", strength: EXACT },
  港币: { currency: "HKD", strength: EXACT },
  港幣: { currency: "HKD", strength: EXACT },
  港元: { currency: "HKD", strength: EXACT },
  美元: { currency: "USD", strength: EXACT },
  美金: { currency: "USD", strength: EXACT },
  日元: { currency: "JPY", strength: EXACT },
  日圆: { currency: "JPY", strength: EXACT },
  欧元: { currency: "EUR", strength: EXACT },
  英镑: { currency: "GBP", strength: EXACT },
  澳元: { currency: "AUD", strength: EXACT },
  加元: { currency: "CAD", strength: EXACT },
  韩元: { currency: "KRW", strength: EXACT },
  泰铢: { currency: "THB", strength: EXACT },
  卢布: { currency: "RUB", strength: EXACT },
  円: { currency: "JPY", strength: EXACT },
  // Korean writes won after the figure: "13,500원".
  원: { currency: "KRW", strength: EXACT },
  US$: { currency: "USD", strength: EXACT },
  NT$: { currency: "TWD", strength: EXACT },
  HK$: { currency: "HKD", strength: EXACT },
  CA$: { currency: "CAD", strength: EXACT },
  AU$: { currency: "AUD", strength: EXACT },
  NZ$: { currency: "NZD", strength: EXACT },
  SG$: { currency: "SGD", strength: EXACT },
  MX$: { currency: "MXN", strength: EXACT },
  A$: { currency: "AUD", strength: EXACT },
  C$: { currency: "CAD", strength: EXACT },
  S$: { currency: "SGD", strength: EXACT },
  R$: { currency: "BRL", strength: EXACT },
  RMB: { currency: "CNY", strength: EXACT },
  Rp: { currency: "IDR", strength: EXACT },
  // Indian rupees as banks write them in SMS: "Rs.1,250.00", "Rs 75".
  "Rs.": { currency: "INR", strength: EXACT },
  Rs: { currency: "INR", strength: EXACT },
  RM: { currency: "MYR", strength: EXACT },
  // South African rand as banks write it, glued to a figure with cents or grouped thousands: "R99.00", "R5,864"
  // (RAND_FIGURE), a debit signed after it ("R-1,249.00", Absa); "R12345" is a reference.
  R: { currency: "ZAR", strength: EXACT },
  "€": { currency: "EUR", strength: EXACT },
  "£": { currency: "GBP", strength: EXACT },
  "₩": { currency: "KRW", strength: EXACT },
  "₹": { currency: "INR", strength: EXACT },
  "₱": { currency: "PHP", strength: EXACT },
  "₫": { currency: "VND", strength: EXACT },
  "฿": { currency: "THB", strength: EXACT },
  "₺": { currency: "TRY", strength: EXACT },
  // A windows-1252 € (0x80) that a decoder read as Latin-1 (Node's TextDecoder does): the C1 control U+0080 is
  // never written in a notice, so it is the euro sign.
  "\u0080": { currency: "EUR", strength: EXACT },
  $: { currency: "$", strength: SYMBOL },
  "¥": { currency: "¥", strength: SYMBOL },
  "￥": { currency: "¥", strength: SYMBOL },
  "＄": { currency: "$", strength: SYMBOL },
  // 元 is the unit of every yuan-named currency (人民币, 新臺幣, 港元, 澳門元): the caller's context decides.
  元: { currency: "元", strength: WEAK },
  块: { currency: "CNY", strength: WEAK },
};

const MARKER_SOURCE = Object.keys(MARKERS)
  .sort((a, b) => b.length - a.length)
  .map(escapeRegExp)
  .join("|");
// Three capitals are an ISO code only when the table knows it ("USD 5" yes, "THE 5" no); checked after matching.
const CODE = "[A-Z]{3}";
// Thousands grouped by a no-break or narrow no-break space ("1 079,40 €", French typography), or by a plain
// space when a decimal comma follows ("1 234,56 €"): a plain space before three digits alone is too often two
// numbers side by side.
// Indian grouping first ("1,84,601.00": lakh and crore groups of two), else it reads as "1,84".
const NUMBER = String.raw`\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d{1,2})?(?![\d,])|\d{1,3}(?:[,.]\d{3})+(?:[.,]\d{1,3})?|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?:[.,]\d{1,3})?|\d{1,3}(?: \d{3})+,\d{2}(?!\d)|\d+(?:[.,]\d{1,3})?`;
const SIGN = "[-−－]";
const GAP = "[ \\t\\u00a0\\u202f\\u3000]{0,2}";

// prefix marker? sign? number suffix marker? — a letter code must not touch other letters.
const AMOUNT = new RegExp(
  `(?:(${SIGN})${GAP})?` +
    `(?:(?<![A-Za-z])(${MARKER_SOURCE}|${CODE})${GAP})?` +
    `(${SIGN})?${GAP}` +
    // No digit, comma or dot just before the number (it would be the middle of one), but the dot of "Rs.".
    `(?<![\\d,]|(?<!Rs)\\.)(${NUMBER})(?![\\d])` +
    `(?:${GAP}(${MARKER_SOURCE}|${CODE}(?![A-Za-z])))?`,
  "g",
);
// AMOUNT opens with optional parts and lookbehinds, so the engine tries it at every position of the text.
// But every match holds a number, whose first digit comes at most this far into it: sign and gap, the
// longest marker and a gap, sign and gap. No match can start further than that before the next digit.
const MAX_LEAD = 1 + 2 + Math.max(3, ...Object.keys(MARKERS).map((marker) => marker.length)) + 2 + 1 + 2;
const DIGIT = /\d/g;
// Nor can it start before a character that no lead holds: the lead (signs, gaps, markers, a letter code)
// is made of these alone, and holds no digit, so the number it leads is the next digit's.
const LEAD_CHARS = new Set(
  [..."-−－ \t\u00a0\u202f\u3000ABCDEFGHIJKLMNOPQRSTUVWXYZ", ...Object.keys(MARKERS).join("")].map((c) =>
    c.charCodeAt(0),
  ),
);

/** The next match of AMOUNT at or after `from`, searched from where the lead before the next digit can start. */
function nextAmount(text: string, from: number): RegExpExecArray | null {
  DIGIT.lastIndex = from;
  const digit = DIGIT.exec(text);
  if (!digit) return null;
  const earliest = Math.max(from, digit.index - MAX_LEAD);
  let start = digit.index;
  while (start > earliest && LEAD_CHARS.has(text.charCodeAt(start - 1))) start -= 1;
  AMOUNT.lastIndex = start;
  return AMOUNT.exec(text);
}

// A bare number counts as money (with the default currency) only when it looks like one: two decimals,
// not part of a date, time, card number or version ("10.05.2024", "14:59", "v1.00").
const BARE_BEFORE = /[\dA-Za-z:/\-_.#@]$/;
const BARE_AFTER = /^(?:[\d:/\-_%]|[.,]\d|[年月日时分秒点号位期])/;

// Currencies that group thousands with dots ("Rp 39.000,00", "€1.299"), and so read "39.000" as thousands.
const DOT_GROUPING = new Set(["IDR", "EUR", "VND", "BRL", "ARS", "CLP", "COP", "TRY", "DKK", "NOK", "ISK", "RUB"]);
const DOLLARS = new Set(["USD", "HKD", "TWD", "SGD", "AUD", "CAD", "NZD", "MXN"]);

// Where a bare $ is not the US dollar: the country's name, a time zone, a web domain or a tax or business number
// that only that country writes, or an issuer (bank, telco, payment scheme) that only that country has. Each cue
// names its dollars: an issuer of two countries (ANZ, Westpac) takes the one of the user's zone, else the first.
// US issuers are cues too: a US bank's $ stays US dollars for a user abroad. Case matters ("NAB", not "nab"); the
// lower-case brands are how app packages and addresses write them (com.commbank.netbank).
const LOCAL_DOLLARS: [string[], string, string?][] = [
  [
    ["AUD"],
    "Australia|ABN|AEST|AEDT|ACST|AWST|" +
      "CommBank|Commbank|commbank|Commonwealth Bank|NAB|Bendigo Bank|Bankwest|Suncorp|St\\.? ?George Bank|" +
      "Macquarie Bank|BPAY|Optus|optus|Telstra|telstra",
    "(?:com|net|org|gov)\\.au",
  ],
  [["NZD"], "New Zealand|NZ|NZST|NZDT|Kiwibank|kiwibank|ASB|BNZ|2degrees", "(?:co|org|govt)\\.nz"],
  [
    ["CAD"],
    "Canada|GST/HST|HST|RBC|TD Canada Trust|Scotiabank|scotiabank|BMO|CIBC|Desjardins|desjardins|" +
      "Tangerine|Interac|Telus|Koodo",
    "ca",
  ],
  [["SGD"], "Singapore|SGT|UEN|OCBC|UOB|POSB|Singtel|StarHub|PayNow", "(?:com|gov)\\.sg"],
  [["HKD"], "Hong Kong|HKT|Hang Seng|BOCHK", "(?:com|gov|org)\\.hk"],
  [["AUD", "NZD"], "ANZ|Westpac|westpac"],
  [["SGD", "HKD"], "DBS"],
  [["USD"], "Capital One|Wells Fargo|Bank of America|JPMorgan Chase|Navy Federal|U\\.S\\. Bank"],
];
const WORD_CUES = LOCAL_DOLLARS.map(([, words]) => `(${words})`).join("|");
// Searched where the words alone match (fast to scan for), then tried whole there (anchored.ts).
const WORD_CUE = new AnchoredRegExp(`\\b(?:${WORD_CUES})\\b`, "", `(?:${WORD_CUES})`);
// A web domain of the country after a name ("shop.com.au"), found by its dot: a pattern that opens with one
// character is scanned for fast, where a name tried at every position of the text was most of the search.
const DOMAIN_CUES = LOCAL_DOLLARS.flatMap(([, , domain], index) => (domain ? [{ domain, index }] : []));
const DOMAIN_CUE = new RegExp(`\\.(?<=[\\w-]\\.)(?:${DOMAIN_CUES.map(({ domain }) => `(${domain})`).join("|")})\\b`);
const NAME_CHAR = /[\w-]/;
// An app package named for its country's domain: nz.co.kiwibank.mobile, au.com.nab.mobile.
const PACKAGE_COUNTRY = /^(au|nz|ca|sg|hk)\.[a-z]/;
const PACKAGE_DOLLARS: Record<string, string> = { au: "AUD", nz: "NZD", ca: "CAD", sg: "SGD", hk: "HKD" };

// Canada's zones under America/ (its own and the legacy names); the US and the rest of the Americas are not here.
const CANADIAN_ZONES = new Set(
  (
    "Toronto Montreal Vancouver Edmonton Winnipeg Regina Swift_Current Halifax Glace_Bay Moncton Goose_Bay " +
    "St_Johns Whitehorse Dawson Dawson_Creek Fort_Nelson Creston Yellowknife Inuvik Cambridge_Bay Rankin_Inlet " +
    "Resolute Iqaluit Pangnirtung Thunder_Bay Nipigon Rainy_River Atikokan Coral_Harbour Blanc-Sablon"
  )
    .split(" ")
    .map((city) => `America/${city}`),
);
const ZONE_DOLLARS: Record<string, string> = {
  "Pacific/Auckland": "NZD",
  "Pacific/Chatham": "NZD",
  NZ: "NZD",
  "NZ-CHAT": "NZD",
  "Asia/Singapore": "SGD",
  Singapore: "SGD",
  "Asia/Hong_Kong": "HKD",
  Hongkong: "HKD",
};

/**
 * The dollar of the country an IANA zone lies in (AUD for Australia/Sydney; ARS for Argentina, whose peso is
 * written $ with two decimals); none for the US and elsewhere.
 */
export function zoneDollar(timeZone: string | undefined): string | undefined {
  if (!timeZone) return undefined;
  if (timeZone.startsWith("Australia/")) return "AUD";
  if (timeZone.startsWith("America/Argentina/") || timeZone === "America/Buenos_Aires") return "ARS";
  if (timeZone.startsWith("Canada/") || CANADIAN_ZONES.has(timeZone)) return "CAD";
  return ZONE_DOLLARS[timeZone];
}

/** Which cue of LOCAL_DOLLARS is written first in `text`, and where; the earlier cue wins on a tie. */
function firstCue(text: string): number | undefined {
  const word = WORD_CUE.exec(text);
  const domain = DOMAIN_CUE.exec(text);
  let wordCue: number | undefined;
  let wordAt = Number.POSITIVE_INFINITY;
  if (word) {
    wordCue = word.findIndex((cue, index) => index > 0 && cue !== undefined) - 1;
    wordAt = word.index;
  }
  if (!domain) return wordCue;
  let domainAt = domain.index;
  while (domainAt > 0 && NAME_CHAR.test(text[domainAt - 1] as string)) domainAt -= 1;
  const domainCue = DOMAIN_CUES[domain.findIndex((cue, index) => index > 0 && cue !== undefined) - 1]?.index;
  if (domainCue === undefined || domainAt > wordAt) return wordCue;
  return domainAt < wordAt || wordCue === undefined || domainCue < wordCue ? domainCue : wordCue;
}

/** The dollar a cue in `text` names (USD for a US issuer), the zone choosing between an issuer's countries. */
function dollarCue(text: string, timeZone: string | undefined): string | undefined {
  const cue = firstCue(text);
  if (cue === undefined) return undefined;
  const dollars = LOCAL_DOLLARS[cue]?.[0] ?? [];
  const zone = zoneDollar(timeZone);
  return zone && dollars.includes(zone) ? zone : dollars[0];
}

/**
 * The dollar a bare $ means in `text` (AUD, NZD, CAD, SGD, HKD): the country the text names or the issuer it names,
 * else the country of the user's zone; none (US dollars) when neither says.
 */
export function dollarOf(text: string, timeZone?: string): string | undefined {
  if (!text.includes("$")) return undefined;
  const dollar = dollarCue(text, timeZone) ?? zoneDollar(timeZone);
  return dollar === "USD" ? undefined : dollar;
}

// Ways of writing the US dollar that no other dollar shares: a notice that writes one meant its $ as US dollars.
const US_DOLLAR = /\bUSD\b|\bUS\$|U\.S\.|\bUS dollars?\b|美元|美金/;

/**
 * A notice's event whose US dollars were read from a bare $ ("$16.99"), in the dollar of the notice's country: the
 * one its text, subject or sender names (country, issuer, domain, app package), else the user's zone. Readers read a
 * bare $ as US dollars unless the text they see says otherwise; the notice's sender and the user's zone, which they
 * do not see, are weighed here. Every local dollar has two decimals, like USD, so the amount stands.
 */
export function withLocalDollar(event: ExtractedEvent, notice: Notice): ExtractedEvent {
  if (event.currency !== "USD") return event;
  const { text, subject = "", senderName = "", sender = "" } = notice;
  if (!text.includes("$") && !subject.includes("$")) return event;
  if (US_DOLLAR.test(subject) || US_DOLLAR.test(text)) return event;
  const zone = notice.timeZone;
  const packaged = PACKAGE_COUNTRY.exec(sender)?.[1];
  const dollar =
    dollarCue(subject, zone) ??
    dollarCue(text, zone) ??
    dollarCue(senderName, zone) ??
    dollarCue(sender, zone) ??
    (packaged ? PACKAGE_DOLLARS[packaged] : undefined) ??
    zoneDollar(zone);
  return dollar && dollar !== "USD" ? { ...event, currency: dollar } : event;
}

function markerOf(written: string | undefined): Marker | null {
  if (!written) return null;
  const known = MARKERS[written];
  if (known) return known;
  return isCurrency(written) ? { currency: written, strength: EXACT } : null;
}

// Currencies whose unit is written 元 in Chinese.
const YUAN_UNITS = new Set(["CNY", "TWD", "HKD", "MOP"]);

function resolveSymbol(symbol: string, number: string, defaultCurrency: string | undefined): string {
  if (symbol === "元") return defaultCurrency && YUAN_UNITS.has(defaultCurrency) ? defaultCurrency : "CNY";
  if (symbol === "$") return defaultCurrency && DOLLARS.has(defaultCurrency) ? defaultCurrency : "USD";
  // ¥ is both yuan and yen: trust the caller's context, else yen never has decimals and yuan nearly always does.
  if (defaultCurrency === "CNY" || defaultCurrency === "JPY") return defaultCurrency;
  return /[.,]\d{1,2}$/.test(number) ? "CNY" : "JPY";
}

const SPACE_GROUPING = /[ \u00a0\u202f\u2009]/g;

/** Digits as written → integer minor units of `currency`, or null when the number cannot be read. */
function toMinor(written: string, currency: string): number | null {
  const exponent = currencyExponent(currency);
  // Space-grouped thousands: the spaces go, and the remaining separator (if any) is the decimal mark.
  const number = written.replace(SPACE_GROUPING, "");
  let whole = number;
  let fraction = "";
  const lastDot = number.lastIndexOf(".");
  const lastComma = number.lastIndexOf(",");
  const separators = (number.match(/[.,]/g) ?? []).length;
  if (separators > 0) {
    const last = Math.max(lastDot, lastComma);
    const mark = number[last] as string;
    const tail = number.slice(last + 1);
    const sameMarks = number.split(mark).length - 1;
    // The last separator is a decimal mark unless it repeats ("1,234,567") or it groups three digits in
    // a style where that is normal: "1,281" in any currency, "39.000" where dots group thousands.
    const grouping =
      sameMarks > 1 ||
      (tail.length === 3 &&
        separators === 1 &&
        (mark === "," || exponent === 0 || DOT_GROUPING.has(currency)) &&
        exponent !== 3);
    if (grouping) {
      whole = number.replace(/[.,]/g, "");
    } else {
      whole = number.slice(0, last).replace(/[.,]/g, "");
      fraction = tail;
    }
  }
  let digits = whole + fraction.slice(0, exponent).padEnd(exponent, "0");
  // Extra decimals beyond the currency's minor unit ("858.00日元"): round half up on the digit string.
  const rest = fraction.slice(exponent);
  if (rest && Number(rest[0]) >= 5) digits = String(BigInt(digits) + 1n);
  const minor = Number(digits);
  return Number.isSafeInteger(minor) ? minor : null;
}

const RAND_FIGURE = /R[-−]?(?:\d{1,3}(?:,\d{3})+(?:\.\d{2})?|\d+\.\d{2})(?!\d)/;

/** Every amount in `text`, in order of appearance. */
export function findMoney(text: string, options: MoneyOptions = {}): FoundMoney[] {
  const found: FoundMoney[] = [];
  // Full-width digits and dot occupy one UTF-16 unit like their ASCII forms, so offsets stay valid.
  const normalized = text.replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  // Matches in order, like matchAll (AMOUNT never matches empty text, so each search resumes at its end).
  for (let match = nextAmount(normalized, 0); match; match = nextAmount(normalized, AMOUNT.lastIndex)) {
    const [raw, signBefore, prefixText, signAfter, number, suffixText] = match;
    if (!number) continue;
    const index = match.index;
    const prefix = prefixText === "R" && !RAND_FIGURE.test(raw) ? null : markerOf(prefixText);
    // The rand's R stands before its figure only.
    const suffix = suffixText === "R" ? null : markerOf(suffixText);
    // A letter code that is not a currency ("ABC 12") is not part of the amount.
    let start = index;
    let end = index + raw.length;
    if (prefixText && !prefix) start = normalized.lastIndexOf(number, end) - (signAfter ? 1 : 0);
    if (suffixText && !suffix) end -= suffixText.length;
    const marker = prefix && suffix ? (suffix.strength > prefix.strength ? suffix : prefix) : (prefix ?? suffix);
    let currency: string;
    if (marker) {
      currency =
        marker.currency === "$" || marker.currency === "¥" || marker.currency === "元"
          ? resolveSymbol(marker.currency, number, options.defaultCurrency)
          : marker.currency;
    } else {
      if (!options.defaultCurrency) continue;
      const before = normalized.slice(Math.max(0, start - 1), start);
      const after = normalized.slice(end, end + 2);
      if (!/[.,]\d{2}$/.test(number) || BARE_BEFORE.test(before) || BARE_AFTER.test(after)) continue;
      currency = options.defaultCurrency;
    }
    if (!isCurrency(currency)) continue;
    const amount = toMinor(number, currency);
    if (amount === null) continue;
    const sign = (prefix || !prefixText ? signBefore : undefined) ?? signAfter;
    while (start < end && /\s/.test(normalized[start] as string)) start += 1;
    while (end > start && /\s/.test(normalized[end - 1] as string)) end -= 1;
    found.push({ amount_minor: amount, currency, index: start, raw: text.slice(start, end), negative: Boolean(sign) });
  }
  return found;
}

/** One amount expression, e.g. "¥25.00", "1,281.56 人民币", "€10,99", "NT$150". Null when it is not one. */
export function parseMoney(text: string, options: MoneyOptions = {}): Money | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const found = findMoney(trimmed, options);
  const only = found[0];
  if (found.length === 1 && only && only.index === 0 && only.raw.length === trimmed.length) {
    return { amount_minor: only.amount_minor, currency: only.currency };
  }
  // A bare number as the whole expression ("45", "1,281.56") takes the default currency.
  if (options.defaultCurrency && isCurrency(options.defaultCurrency)) {
    const bare = /^([-−－])?\s*(\d{1,3}(?:[,.]\d{3})+(?:[.,]\d{1,3})?|\d+(?:[.,]\d{1,3})?)$/.exec(
      trimmed.replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)),
    );
    if (bare?.[2]) {
      const amount = toMinor(bare[2], options.defaultCurrency);
      if (amount !== null) return { amount_minor: amount, currency: options.defaultCurrency };
    }
  }
  return null;
}
