// One segmentation of a notice, made once and shared by every field's candidates: its lines, the label → value
// pairs it states (a "label：value" line, a two-cell table row, or a table whose header row names the columns of
// the row below it), its quoted and bracketed spans, and the sender's tag (【招商银行】, [Web발신]). Readers ask it
// for a labelled value instead of scanning the text again, and every answer says where it was found. Pure.
import type { Notice } from "./types";

/**
 * How a pair was laid out: "label: value", a table row "label | value", a header row over a value row, the label
 * alone with its value on the next line, or a bracketed label before its value ("【ご利用金額】 5,900円").
 */
export type PairLayout = "colon" | "row" | "column" | "next-line" | "bracket";

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
// Japanese card mails bracket their labels instead of following them with a colon: "【ご利用先】 ＨＵＬＵ".
const BRACKET_LINE = /^[*\s]*【([^】\d\n]{1,24})】[ \t]*(\S.*)$/;
const QUOTED = /[“「『《"„«]([^“”「」『』《》"„«»\n]{1,60})[”」』》"“»]/g;
const BRACKETED = /【([^】\n]{1,30})】/g;
const TAG_AT_START = /^\s*(?:【([^】\n]{1,20})】|\[([^\]\n]{1,20})\])/;
const TAG_AT_END = /(?:【([^】\n]{1,20})】|\[([^\]\n]{1,20})\])\s*$/;
// How long a notice may be for a bracketed tag at its end to be the sender's (an SMS or push, not a mail).
const SHORT_NOTICE = 600;

/** A table row's cells, trimmed. */
export const cells = (line: string) => line.split("\t").map((cell) => cell.trim());
// A table cell may end its label with a colon ("Total : | 69,99 €", "总计： | US$19.99"), as a line does.
const CELL_COLON = /[ \t]*[:：]$/;
const isLabel = (cell: string) => cell.length > 0 && LABEL.test(cell.replace(CELL_COLON, ""));
// A column header may count what it heads ("Card Last 4 Digits", "末4桁"): a lone digit, never a figure or a date.
const LONE_DIGIT = /(?<![\d.,/:-])\d(?![\d.,/:-])/g;
const isHeaderLabel = (cell: string) =>
  isLabel(cell) || (HAS_DIGIT.test(cell) && isLabel(cell.replace(LONE_DIGIT, "")));

/**
 * True when `below` and the row after it both start with a label: a run of "label | value" rows ("서비스명 | 쿠팡 와우
 * 멤버십" over "결제번호 | 1234567890" over "결제일시 | …"), not a header row over one row of values.
 */
function labelValueRun(below: string[], after: string | undefined): boolean {
  if (!after?.includes("\t") || !isLabel(below[0] as string)) return false;
  const next = cells(after);
  return next.length === below.length && isLabel(next[0] as string);
}

// A further "label:" inside a colon line's value, after a space: an SMS that strings its rows on one line
// ("ご利用日:2026/11/24 ご利用先:NETFLIX.COM ご利用金額:1,490円"). Not a URL's scheme, not a time.
const INLINE_LABEL = /\s([^\s\d:：/]{1,12})[:：](?!\/\/)\s*/g;

// Words before a row's label that are a title, not part of the label: a bracketed tag, or more than a label's words.
const TITLE_BEFORE = /[【】[\]()（）]|\S{13,}/;

/** The label of a line's first strung row: its last word after a title ("【楽天カード】カードご利用のお知らせ ご利用日"),
 *  else all of it ("Payment method", "결제 금액"). */
function firstRowLabel(label: string): string {
  const words = label.trim().split(/\s+/);
  const last = words.pop() as string;
  return words.length > 0 && TITLE_BEFORE.test(words.join(" ")) ? last : label.trim();
}

/**
 * The pairs of a colon line that strings several "label:value" rows together (firstRowLabel for the first); null
 * when the value holds no further label.
 */
function inlinePairs(label: string, value: string): { label: string; value: string }[] | null {
  const found = [...value.matchAll(INLINE_LABEL)];
  if (found.length === 0) return null;
  const out: { label: string; value: string }[] = [];
  let current = cleanLabel(firstRowLabel(label));
  let from = 0;
  for (const match of found) {
    const piece = value.slice(from, match.index).trim();
    if (!piece) return null;
    out.push({ label: current, value: piece });
    current = cleanLabel(match[1] as string);
    from = (match.index as number) + match[0].length;
  }
  const last = value.slice(from).trim();
  if (!last) return null;
  out.push({ label: current, value: last });
  return out;
}

// Not global: matchAll in inlinePairs would start from a shared pattern's lastIndex.
const FIRST_INLINE_LABEL = new RegExp(INLINE_LABEL.source);

/** The rows of a line holding two or more " label:value" rows after other text; null otherwise. */
function strungRows(line: string): { label: string; value: string }[] | null {
  const first = FIRST_INLINE_LABEL.exec(line);
  if (!first) return null;
  const start = first.index + first[0].length;
  const rows = inlinePairs(first[1] as string, line.slice(start));
  return rows && rows.length >= 2 ? rows : null;
}

/** The notice's text cut into lines, pairs, quoted spans and its sender tag. */
export function segment(text: string): Segmented {
  const lines = text.split("\n");
  const pairs: Pair[] = [];
  const tag = senderTag(text);
  // Whether the line before was a "label | value" row: then a row of two names under it is one more such row
  // ("商家 | 上海宽娱数码科技有限公司" over "开通时间 | 2026-04-02"), not a header over values.
  let afterLabelRow = false;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] as string;
    const row = line.includes("\t") ? cells(line) : null;
    const labelRow = afterLabelRow && row?.length === 2;
    afterLabelRow = false;
    if (row && row.length >= 2) {
      const next = lines[index + 1];
      const below = next?.includes("\t") ? cells(next) : null;
      // A header row of labels over a row of values, at least one of them a figure or a date. A bilingual header
      // stacks two labels over each column ("交易日期 | Transaction Date"): each of them names that column's value.
      const stacked = below ? row.length / below.length : 0;
      if (
        !labelRow &&
        below &&
        (stacked === 1 || stacked === 2) &&
        row.every(isHeaderLabel) &&
        below.some((cell) => HAS_DIGIT.test(cell)) &&
        !labelValueRun(below, lines[index + 2])
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
      afterLabelRow = row.length === 2 && isLabel(row[0] as string) && Boolean(row[1]);
      continue;
    }
    const bracket = line.startsWith("【") ? BRACKET_LINE.exec(line) : null;
    // The sender's tag opens an SMS ("【招商银行】您账户…"), unless a list of bracketed labels starts with it.
    const isTag = bracket?.[1]?.trim() === tag && !lines[index + 1]?.startsWith("【");
    if (bracket?.[1] && bracket[2] && !isTag) {
      pairs.push({ label: cleanLabel(bracket[1]), value: bracket[2].trim(), layout: "bracket", line: index });
      continue;
    }
    // Most lines hold no colon: a string search spares them the pattern's lazy label.
    if (!line.includes(":") && !line.includes("：")) continue;
    const colon = COLON_LINE.exec(line);
    // Rows strung on one line, after a title too long for a label ("カードご利用のお知らせ(本人ご利用分) ご利用日時：…
    // ご利用金額：…") or after a label ("ご利用日:… ご利用先:…", inlinePairs below).
    const strung = colon ? null : strungRows(line);
    if (strung) for (const pair of strung) pairs.push({ ...pair, layout: "colon", line: index });
    // "https://…" and "[image: PayPal]" are not labels.
    if (!colon?.[1] || /^\/\//.test(colon[2] ?? "") || colon[1].includes("[")) continue;
    const value = (colon[2] ?? "").trim();
    const inline = value ? inlinePairs(colon[1], value) : null;
    if (inline) for (const pair of inline) pairs.push({ ...pair, layout: "colon", line: index });
    else if (value) pairs.push({ label: cleanLabel(colon[1]), value, layout: "colon", line: index });
    else {
      // "label:" alone, its value on the next line.
      const next = lines[index + 1]?.trim();
      if (next && !COLON_LINE.test(next))
        pairs.push({ label: cleanLabel(colon[1]), value: next, layout: "next-line", line: index + 1 });
    }
  }
  return { lines, pairs, quoted: quotedSpans(text, tag), senderTag: tag };
}

function cleanLabel(label: string): string {
  // Bullets lead label rows in Japanese and Korean notices: "◇利用日：", "■利用金額:", "▶ 가맹점 :".
  return label.replace(CELL_COLON, "").replace(/^[\s*•·◇◆■□●○▶▷►・]+|[\s*•·]+$/g, "");
}

/** Quoted and bracketed spans; `tag` (the sender's tag, read once by segment) is not one of them. */
function quotedSpans(text: string, tag: string | null): string[] {
  const spans: string[] = [];
  for (const match of text.matchAll(QUOTED)) if (match[1]?.trim()) spans.push(match[1].trim());
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
