// One segmentation of a notice, made once and shared by every field's candidates: its lines, the label → value
// pairs it states (a "label：value" line, a two-cell table row, or a table whose header row names the columns of
// the row below it), its quoted and bracketed spans, and the sender's tag (【招商银行】, [Web발신]). Readers ask it
// for a labelled value instead of scanning the text again, and every answer says where it was found. Pure.
import type { Notice } from "./types";

/** How a pair was laid out: "label: value", a table row "label | value", or a header row over a value row. */
export type PairLayout = "colon" | "row" | "column" | "next-line";

export interface Pair {
  label: string;
  value: string;
  layout: PairLayout;
  /** Index of the line (in `lines`) the value is on. */
  line: number;
}

export interface Segmented {
  lines: string[];
  pairs: Pair[];
  /** Text inside quotes and brackets: “…”, 「…」, 『…』, "…", 《…》, 【…】 (the sender's tag excepted). */
  quoted: string[];
  /** The sender's bracketed tag at the start or end of a short notice, without its brackets. */
  senderTag: string | null;
}

// A label is short and names something: no digits (a date or an amount is a value), no sentence punctuation.
const LABEL = /^[*\s]*([^\d:：\t\n。！!？?，,;；]{1,24}?)[*\s]*$/;
const COLON_LINE = /^[*\s]*([^\d:：\t\n。！!？?，,;；]{1,24}?)[*\s]*[:：][ \t]*(.*)$/;
const HAS_DIGIT = /\d/;
const QUOTED = /[“「『《"„«]([^“”「」『』《》"„«»\n]{1,60})[”」』》"“»]/g;
const BRACKETED = /【([^】\n]{1,30})】/g;
const TAG_AT_START = /^\s*(?:【([^】\n]{1,20})】|\[([^\]\n]{1,20})\])/;
const TAG_AT_END = /(?:【([^】\n]{1,20})】|\[([^\]\n]{1,20})\])\s*$/;
// How long a notice may be for a bracketed tag at its end to be the sender's (an SMS or push, not a mail).
const SHORT_NOTICE = 600;

const cells = (line: string) => line.split("\t").map((cell) => cell.trim());
// A table cell may end its label with a colon ("Total : | 69,99 €", "总计： | US$19.99"), as a line does.
const CELL_COLON = /[ \t]*[:：]$/;
const isLabel = (cell: string) => cell.length > 0 && LABEL.test(cell.replace(CELL_COLON, ""));
// A column header may count what it heads ("Card Last 4 Digits", "末4桁"): a lone digit, never a figure or a date.
const LONE_DIGIT = /(?<![\d.,/:-])\d(?![\d.,/:-])/g;
const isHeaderLabel = (cell: string) =>
  isLabel(cell) || (HAS_DIGIT.test(cell) && isLabel(cell.replace(LONE_DIGIT, "")));

/**
 * Rows "App | 网易云音乐", "订阅 | 黑胶VIP（1 个月）", "内容提供商 | …": a run of label | value rows, each led by a label,
 * not a header row over the values below it (whose first value is a figure, a code or a date far more often).
 */
function pairRun(row: string[], below: string[], after: string | undefined): boolean {
  if (row.length !== 2 || !isLabel(below[0] as string) || !after?.includes("\t")) return false;
  const next = cells(after);
  return next.length === 2 && isLabel(next[0] as string);
}

/** The notice's text cut into lines, pairs, quoted spans and its sender tag. */
export function segment(text: string): Segmented {
  const lines = text.split("\n");
  const pairs: Pair[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] as string;
    const row = line.includes("\t") ? cells(line) : null;
    if (row && row.length >= 2) {
      const next = lines[index + 1];
      const below = next?.includes("\t") ? cells(next) : null;
      // A header row of labels over a row of values, at least one of them a figure or a date. A bilingual header
      // stacks two labels over each column ("交易日期 | Transaction Date"): each of them names that column's value.
      const stacked = below ? row.length / below.length : 0;
      if (
        below &&
        (stacked === 1 || stacked === 2) &&
        row.every(isHeaderLabel) &&
        below.some((cell) => HAS_DIGIT.test(cell)) &&
        !pairRun(row, below, lines[index + 2])
      ) {
        row.forEach((label, cell) => {
          const value = below[Math.floor(cell / stacked)] as string;
          if (value) pairs.push({ label: cleanLabel(label), value, layout: "column", line: index + 1 });
        });
        index += 1;
        continue;
      }
      // "label | value" rows (and "label | value | label | value").
      for (let column = 0; column + 1 < row.length; column += 2) {
        const label = row[column] as string;
        const value = row[column + 1] as string;
        if (isLabel(label) && value) pairs.push({ label: cleanLabel(label), value, layout: "row", line: index });
        else break;
      }
      continue;
    }
    const colon = COLON_LINE.exec(line);
    // "https://…" and "[image: PayPal]" are not labels.
    if (colon?.[1] && !/^\/\//.test(colon[2] ?? "") && !colon[1].includes("[")) {
      const value = (colon[2] ?? "").trim();
      if (value) pairs.push({ label: cleanLabel(colon[1]), value, layout: "colon", line: index });
      else {
        // "label:" alone, its value on the next line.
        const next = lines[index + 1]?.trim();
        if (next && !COLON_LINE.test(next))
          pairs.push({ label: cleanLabel(colon[1]), value: next, layout: "next-line", line: index + 1 });
      }
    }
  }
  return { lines, pairs, quoted: quotedSpans(text), senderTag: senderTag(text) };
}

function cleanLabel(label: string): string {
  return label.replace(CELL_COLON, "").replace(/^[\s*•·]+|[\s*•·]+$/g, "");
}

function quotedSpans(text: string): string[] {
  const spans: string[] = [];
  for (const match of text.matchAll(QUOTED)) if (match[1]?.trim()) spans.push(match[1].trim());
  const tag = senderTag(text);
  for (const match of text.matchAll(BRACKETED)) {
    const inner = match[1]?.trim();
    if (inner && inner !== tag) spans.push(inner);
  }
  return spans;
}

/** 【喜马拉雅】 or [Web발신] opening a notice, or closing a short one: who sent it, in its own words. */
export function senderTag(text: string): string | null {
  const start = TAG_AT_START.exec(text);
  if (start) return (start[1] ?? start[2] ?? "").trim() || null;
  if (text.length > SHORT_NOTICE) return null;
  const end = TAG_AT_END.exec(text);
  return end ? (end[1] ?? end[2] ?? "").trim() || null : null;
}

/** The first pair whose label matches `labels` whole (a regex matching the entire label). */
export function pairFor(segmented: Segmented, labels: RegExp): Pair | null {
  for (const pair of segmented.pairs) if (wholeMatch(labels, pair.label)) return pair;
  return null;
}

function wholeMatch(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  const match = pattern.exec(text);
  return match !== null && match.index === 0 && match[0].length === text.length;
}

/** Segmentation of a notice's body, remembered per notice object (readers ask for it more than once). */
const segmentations = new WeakMap<Notice, Segmented>();

export function segmentsOf(notice: Notice): Segmented {
  let segmented = segmentations.get(notice);
  if (!segmented) {
    segmented = segment(notice.text);
    segmentations.set(notice, segmented);
  }
  return segmented;
}
