// Where each field of an event was read: the labelled value, line, subject, sender tag or time it comes from,
// found in the notice's one segmentation (segment.ts). Shown by GET /api/v1/events/{id} and the dry run, so a
// user (and we) can see why a notice was read the way it was. Pure and cheap: string searches over the lines
// the segmentation already cut, no re-reading.
import { currencyExponent } from "../../schema/vocabulary";
import { findMoney } from "./amounts";
import { type Pair, type Segmented, segmentsOf } from "./segment";
import type { EventField, ExtractedEvent, FieldSource, Notice, PaymentChannel, Provenance } from "./types";

// A line is cut to this many characters in a source: enough to recognise it, never a whole HTML paragraph.
const MAX_SOURCE_CHARS = 120;
// Lines searched for a value: the facts of a notice are near its top; the rest is footers and small print.
const MAX_LINES = 400;

const cut = (text: string) => (text.length > MAX_SOURCE_CHARS ? `${text.slice(0, MAX_SOURCE_CHARS - 1)}…` : text);
// Around a value in a long line: this many characters on each side, so the source shows the words next to it.
const CONTEXT_CHARS = 30;

/** The words around `value` in `line` (the whole line when it is short). */
function around(line: string, value: string): string {
  const text = line.trim();
  if (text.length <= MAX_SOURCE_CHARS) return text;
  const at = Math.max(0, text.indexOf(value));
  const start = Math.max(0, at - CONTEXT_CHARS);
  const end = Math.min(text.length, at + value.length + CONTEXT_CHARS);
  return `${start > 0 ? "…" : ""}${text.slice(start, end)}${end < text.length ? "…" : ""}`;
}

function pairOnLine(segmented: Segmented, line: number, value: string): Pair | undefined {
  return segmented.pairs.find((pair) => pair.line === line && pair.value.includes(value));
}

/** The source of a value written in the notice: its labelled pair, else its line; the subject; the sender. */
function locate(value: string, notice: Notice, segmented: Segmented): FieldSource | null {
  if (!value) return null;
  const lines = segmented.lines;
  for (let index = 0; index < Math.min(lines.length, MAX_LINES); index += 1) {
    const line = lines[index] as string;
    if (!line.includes(value)) continue;
    const pair = pairOnLine(segmented, index, value);
    if (pair) return { from: "label", label: pair.label, text: cut(pair.value) };
    if (segmented.quoted.some((span) => span.includes(value))) return { from: "quote", text: around(line, value) };
    return { from: "text", text: around(line, value) };
  }
  if (notice.subject?.includes(value)) return { from: "subject", text: cut(notice.subject) };
  if (segmented.senderTag?.includes(value)) return { from: "sender_tag", text: segmented.senderTag };
  if (notice.senderName?.includes(value)) return { from: "sender_name", text: notice.senderName };
  if (notice.sender?.includes(value)) return { from: "sender", text: notice.sender };
  return null;
}

/** The written form of the amount: the first money in the notice with the event's amount and currency. */
function amountSource(event: ExtractedEvent, notice: Notice, segmented: Segmented): FieldSource | null {
  if (event.amount_minor === null || event.currency === null) return null;
  const lines = segmented.lines;
  // Only a line holding the amount's last whole digits can write it ("1,281.56" and "1.281,56" both hold "281"):
  // a string search, where reading every line's money would cost a tenth of the MIME parse. Full-width digits
  // are read by the second pass.
  const digits = writtenDigits(event.amount_minor, event.currency);
  for (const prefilter of [true, false]) {
    const found = amountLine(event, lines, segmented, prefilter ? digits : null);
    if (found) return found;
  }
  return notice.subject ? locate(String(event.amount_minor), notice, segmented) : null;
}

/**
 * Digits any writing of the amount holds: the last three of its whole part, and its minor digits unless they are
 * zeros (which "25元" or "$25" leave out). 9.99 is in "9,99 €" and "$9.99"; a line holding "9" alone is passed over.
 */
function writtenDigits(amountMinor: number, currency: string): string[] {
  const exponent = currencyExponent(currency);
  const whole = String(Math.floor(amountMinor / 10 ** exponent)).slice(-3);
  const minor = exponent > 0 ? String(amountMinor % 10 ** exponent).padStart(exponent, "0") : "";
  return minor && Number(minor) > 0 ? [whole, minor] : [whole];
}

function amountLine(
  event: ExtractedEvent,
  lines: string[],
  segmented: Segmented,
  digits: string[] | null,
): FieldSource | null {
  for (let index = 0; index < Math.min(lines.length, MAX_LINES); index += 1) {
    const line = lines[index] as string;
    if (digits ? !digits.every((part) => line.includes(part)) : !/[\d０-９]/.test(line)) continue;
    const found = findMoney(line, { defaultCurrency: event.currency ?? undefined }).find(
      (money) => money.amount_minor === event.amount_minor && money.currency === event.currency,
    );
    if (!found) continue;
    const pair = pairOnLine(segmented, index, found.raw);
    return pair
      ? { from: "label", label: pair.label, text: cut(pair.value) }
      : { from: "text", text: around(line, found.raw) };
  }
  return null;
}

// The words that name each channel in a notice, and in a sender's address or package.
const CHANNEL_WORDS: Partial<Record<PaymentChannel, RegExp>> = {
  alipay: /支付宝|支付寶|alipay/i,
  wechat_pay: /财付通|財付通|微信支付|微信|tenpay|wechat/i,
  apple: /apple|app store|itunes/i,
  google_play: /google play|google/i,
  paypal: /paypal/i,
  credit_card: /信用卡|贷记卡|credit|visa|mastercard|master card|amex|american express|jcb|カード|카드|卡/i,
  bank_card: /借记卡|储蓄卡|debit|银行卡|账户|card|卡/i,
};

function channelSource(channel: PaymentChannel, notice: Notice, segmented: Segmented): FieldSource | null {
  const words = CHANNEL_WORDS[channel];
  if (!words) return null;
  const lines = segmented.lines;
  for (let index = 0; index < Math.min(lines.length, MAX_LINES); index += 1) {
    const line = lines[index] as string;
    const word = words.exec(line)?.[0];
    if (!word) continue;
    const pair = pairOnLine(segmented, index, word);
    return pair
      ? { from: "label", label: pair.label, text: cut(pair.value) }
      : { from: "text", text: around(line, word) };
  }
  if (notice.subject && words.test(notice.subject)) return { from: "subject", text: cut(notice.subject) };
  if (notice.senderName && words.test(notice.senderName)) return { from: "sender_name", text: notice.senderName };
  if (notice.sender && words.test(notice.sender)) return { from: "sender", text: notice.sender };
  return null;
}

const MONTH_STEMS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH_NAME = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s/i;

/**
 * The line that writes a date: its day, with its month (as a number, or as an English month name when the line
 * names one) or its year. Approximate by design: it says where the date was read, it does not read it again.
 */
function dateSource(date: string, notice: Notice, segmented: Segmented): FieldSource | null {
  const [year, month, day] = date.split("-");
  if (!year || !month || !day) return null;
  const monthNumber = String(Number(month));
  const dayNumber = String(Number(day));
  const lines = segmented.lines;
  for (let index = 0; index < Math.min(lines.length, MAX_LINES); index += 1) {
    const line = lines[index] as string;
    if (!line.includes(dayNumber)) continue;
    const digits = line.match(/\d+/g) ?? [];
    const numbers = new Set(digits.map((digit) => String(Number(digit))));
    const hasYear = digits.some((digit) => digit === year || digit === year.slice(2));
    const named = MONTH_NAME.exec(line)?.[1]?.toLowerCase();
    const monthFits = named ? named === MONTH_STEMS[Number(month) - 1] : numbers.has(monthNumber) || hasYear;
    if (numbers.has(dayNumber) && monthFits) {
      const pair = segmented.pairs.find((candidate) => candidate.line === index);
      return pair
        ? { from: "label", label: pair.label, text: cut(pair.value) }
        : { from: "text", text: around(line, dayNumber) };
    }
  }
  return notice.subject?.includes(dayNumber) ? { from: "subject", text: cut(notice.subject) } : null;
}

function timeSource(event: ExtractedEvent, notice: Notice, segmented: Segmented): FieldSource | null {
  const instant = Date.parse(event.occurred_at);
  if (notice.sentAt !== undefined && instant === notice.sentAt) return { from: "sent_at" };
  if (instant === notice.receivedAt && notice.sentAt === undefined) return { from: "received_at" };
  return (
    dateSource(event.occurred_at.slice(0, 10), notice, segmented) ??
    // A local date east of UTC: the instant is the day before in UTC.
    dateSource(new Date(instant + 14 * 3_600_000).toISOString().slice(0, 10), notice, segmented) ??
    (notice.sentAt !== undefined ? { from: "sent_at" } : { from: "received_at" })
  );
}

/** Where each field of `event` was read in `notice`, with the reader that recognised it. */
export function explain(event: ExtractedEvent, notice: Notice, reader: string): Provenance {
  const segmented = segmentsOf(notice);
  const fields: Partial<Record<EventField, FieldSource>> = {};
  const put = (field: EventField, source: FieldSource | null) => {
    if (source) fields[field] = source;
  };
  put("amount_minor", amountSource(event, notice, segmented));
  if (fields.amount_minor) fields.currency = fields.amount_minor;
  if (event.merchant) put("merchant", locate(event.merchant, notice, segmented));
  if (event.merchant_legal) put("merchant_legal", locate(event.merchant_legal, notice, segmented));
  put("occurred_at", timeSource(event, notice, segmented));
  if (event.reference) put("reference", locate(event.reference, notice, segmented));
  if (event.card_tail) put("card_tail", locate(event.card_tail, notice, segmented));
  if (event.channel) put("channel", channelSource(event.channel, notice, segmented));
  if (event.renews_at) put("renews_at", dateSource(event.renews_at, notice, segmented));
  return { reader, fields };
}
