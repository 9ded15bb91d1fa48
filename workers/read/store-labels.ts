// What the app-store readers (apple.ts, google-play.ts) share: their label words written as data per language,
// compiled once into lookups over the notice's one segmentation, and dates and amounts read in any of the stores'
// languages (2026年1月21日, 2026/11/24, 11. Apr. 2026, 3 mars 2026 à 00:14:05 UTC+1, 2025年7月9日 GMT+8 23:41:07). Pure.

import { dollarOf, type FoundMoney, findMoney } from "./amounts";
import { zonedDayInstant } from "./dates";
import { calendarDateIn, instantIn } from "./generic-en";
import { europeanDateIn } from "./generic-eu";
import { escapeRegExp } from "./patterns";
import { cells as cellsOf, type Pair, pairFor, type Segmented } from "./segment";
import type { Notice } from "./types";

/**
 * The languages the stores write their notices in: English, Simplified and Traditional Chinese, Japanese, Korean,
 * de/fr/es/it, nl, pt. A store's lexicon need not have every one.
 */
export type Language = "en" | "zh_hans" | "zh_hant" | "ja" | "ko" | "de" | "fr" | "es" | "it" | "nl" | "pt";

/** Label words (or cue phrases) per language and field: the data a store reader is written in. */
export type Lexicon<Field extends string> = Partial<Record<Language, Partial<Record<Field, readonly string[]>>>>;

export interface Labels {
  /** The whole label ("Order ID", "订单号", "Bestellnummer"), for a segmented pair's label. */
  whole: RegExp;
  /** The label opening a line and followed by a colon, a space or the line's end: "訂單編號 MZX7Q2AB9C". */
  leading: RegExp;
  /** The label anywhere in a short label cell: "IVA (21 %)", "（うち消費税 10%）". */
  within: RegExp;
}

// Spaces in a word match any run of spaces; an apostrophe is either one ("Date d'achat", "Date d’achat").
const source = (word: string) => escapeRegExp(word).replace(/ /g, "\\s+").replace(/'/g, "['’]");

/** Every language's words merged per field, longest first (so "Order ID" is tried before "Order"). */
function wordsOf<Field extends string>(lexicon: Lexicon<Field>): Map<Field, string[]> {
  const words = new Map<Field, string[]>();
  for (const language of Object.values(lexicon) as Partial<Record<Field, readonly string[]>>[]) {
    for (const [field, list] of Object.entries(language) as [Field, readonly string[]][]) {
      words.set(field, [...(words.get(field) ?? []), ...list]);
    }
  }
  for (const list of words.values()) list.sort((a, b) => b.length - a.length);
  return words;
}

/** Label lookups for each field of a lexicon. */
export function compileLabels<Field extends string>(lexicon: Lexicon<Field>): Record<Field, Labels> {
  const compiled = {} as Record<Field, Labels>;
  for (const [field, list] of wordsOf(lexicon)) {
    const alternation = list.map(source).join("|");
    compiled[field] = {
      whole: new RegExp(`^(?:${alternation})\\.?$`, "i"),
      leading: new RegExp(`^[*\\s]*(?:${alternation})\\.?[*\\s]*(?:[:：#]\\s*|\\s+|$)`, "i"),
      within: new RegExp(`(?<![A-Za-z])(?:${alternation})(?![A-Za-z])`, "i"),
    };
  }
  return compiled;
}

/** One regex per field of a cue lexicon (phrases searched anywhere, case-insensitive). */
export function compileCues<Field extends string>(lexicon: Lexicon<Field>): Record<Field, RegExp> {
  const compiled = {} as Record<Field, RegExp>;
  // Cues are regex sources already (they need alternatives inside a phrase); only their lists are merged.
  for (const [field, list] of wordsOf(lexicon)) compiled[field] = new RegExp(list.join("|"), "i");
  return compiled;
}

export interface Found {
  value: string;
  /** The line (in segmented.lines) the value is on. */
  line: number;
}

const HAS_DIGIT = /\d/;

/**
 * A header grid read as "label | value" rows: under an account row ("Apple Account | 請求日" over "name | date") the
 * segmentation pairs "ご注文番号 | 書類番号" as a label and its value, though both are labels of the row below. When
 * the "value" has no digit and the next line has as many cells, the label's value is the cell under it.
 */
function cellBelow(lines: string[], pair: Pair): Found | null {
  if (HAS_DIGIT.test(pair.value)) return null;
  const cells = cellsOf(lines[pair.line] ?? "");
  const next = lines[pair.line + 1];
  const below = next === undefined ? undefined : cellsOf(next);
  const column = cells.findIndex((cell) => cell.endsWith(pair.label));
  const value = below && below.length === cells.length && column >= 0 ? below[column] : undefined;
  return value && HAS_DIGIT.test(value) ? { value, line: pair.line + 1 } : null;
}

/**
 * The value a label names: a segmented pair (colon line, table row, header row over values), else a line that
 * opens with the label and goes on with the value after a space (text parts whose padded columns were folded),
 * else a label alone on its line with the value on the next.
 */
export function labelled(segmented: Segmented, labels: Labels): Found | null {
  const pair = pairFor(segmented, labels.whole);
  if (pair)
    return (pair.layout === "row" && cellBelow(segmented.lines, pair)) || { value: pair.value, line: pair.line };
  const lines = segmented.lines;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] as string;
    const match = labels.leading.exec(line);
    if (!match) continue;
    const rest = line.slice(match[0].length).replace(/^[\s|]+/, "");
    if (rest) return { value: rest, line: index };
    const next = lines[index + 1]?.trim();
    if (next) return { value: next, line: index + 1 };
  }
  return null;
}

// --- dates ------------------------------------------------------------------------------------------------

// Google Play writes the zone between the date and the time ("2025年7月9日 GMT+8 23:41:07").
const ZONE_BEFORE_TIME = /((?:GMT|UTC)\s*[+\-−]\d{1,2}(?::?\d{2})?)\s+(\d{1,2}:\d{2}(?::\d{2})?)/;
// A zone in brackets ("下午11:58:02 [GMT+08:00]", "(UTC+9)") is the same zone.
const BRACKETED_ZONE = /[[(（]\s*((?:GMT|UTC)\s*[+\-−]\d{1,2}(?::?\d{2})?)\s*[\])）]/;
const CLOCK = /(?<![\d:])(\d{1,2})[:h](\d{2})(?::(\d{2}))?(?![\d:])/;
const OFFSET = /(?:GMT|UTC)\s*([+\-−])(\d{1,2})(?::?(\d{2}))?/;
// Zone names the European notices write after a time, in minutes east of UTC.
const ZONE_NAMES: Record<string, number> = {
  UTC: 0,
  GMT: 0,
  WET: 0,
  WEZ: 0,
  BST: 60,
  WEST: 60,
  WESZ: 60,
  CET: 60,
  MEZ: 60,
  HNEC: 60,
  CEST: 120,
  MESZ: 120,
  HAEC: 120,
  EET: 120,
  OEZ: 120,
  EEST: 180,
  OESZ: 180,
};
const ZONE_NAME = new RegExp(`\\b(${Object.keys(ZONE_NAMES).join("|")})\\b(?!\\s*[+\\-−]\\d)`);

/** Minutes east of UTC that `text` names after its time, or null. */
function offsetIn(text: string): number | null {
  const offset = OFFSET.exec(text);
  if (offset) {
    const minutes = Number(offset[2]) * 60 + Number(offset[3] ?? 0);
    return offset[1] === "+" ? minutes : -minutes;
  }
  const name = ZONE_NAME.exec(text)?.[1];
  return name === undefined ? null : (ZONE_NAMES[name] ?? null);
}

/** The instant a store's date value states: with its time and zone when written, else its calendar day. */
export function instantOf(value: string, notice: Notice): string | null {
  const text = value.replace(BRACKETED_ZONE, "$1").replace(ZONE_BEFORE_TIME, "$2 $1");
  const read = instantIn(text, notice);
  if (read) return read;
  const day = europeanDateIn(text, notice.sentAt ?? notice.receivedAt, "past");
  if (!day) return null;
  const clock = CLOCK.exec(text);
  const offset = offsetIn(text);
  // A day without its time is a calendar day in the user's zone, where that is known: an earlier day than the
  // notice's own there is that day, though the notice was sent within 12 hours of it.
  if (!clock || offset === null) return zonedDayInstant(day, notice.sentAt ?? notice.receivedAt, notice.timeZone);
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  const local = Date.UTC(year, month - 1, date, Number(clock[1]), Number(clock[2]), Number(clock[3] ?? 0));
  return new Date(local - offset * 60_000).toISOString();
}

/** The first calendar date in `text` in any store language, a year-less one read forward (YYYY-MM-DD). */
export function calendarOf(text: string, notice: Notice): string | null {
  return calendarDateIn(text, notice) ?? europeanDateIn(text, notice.receivedAt, "future");
}

// --- amounts ----------------------------------------------------------------------------------------------

const KANA = /[\u3040-\u30ff]/;
const HAN = /[\u4e00-\u9fff]/;

/** What a bare ¥ means in this notice: yen in Japanese, yuan in Chinese; elsewhere its decimals decide, and a
 *  bare $ is the dollar of the country the notice says it is from (US dollars when it says none). */
export function yenOf(text: string): string | undefined {
  if (KANA.test(text)) return "JPY";
  return HAN.test(text) ? "CNY" : dollarOf(text);
}

/** The first amount in `text`, ¥ read as the notice's language means it. */
export function moneyIn(text: string | null | undefined, currency: string | undefined): FoundMoney | null {
  return text ? (findMoney(text, { defaultCurrency: currency })[0] ?? null) : null;
}
