// Google Play notices from googleplay-noreply@google.com: order receipts (renewals append "..N" to the
// order number), cancellations, price changes and trial / renewal reminders. Pure.
import {
  amountAfter,
  cardTailIn,
  cleanMerchant,
  dateAfterCue,
  englishEvent,
  firstChargedAmount,
  instantIn,
  label,
  otherEnglishEvent,
  valueAfter,
} from "./generic-en";
import { type FoundMoney, findMoney } from "./money";
import type { EventKind, Extractor, Notice } from "./types";

const PLAY_SENDER = /^googleplay-noreply@google\.com$/i;
const GOOGLE_SENDER = /@(?:[\w-]+\.)*google\.com$/i;
const GOOGLE_PLAY = /\bgoogle play\b/i;
// The whole order number, renewals' "..N" suffix included (conventions: reference is kept whole).
const ORDER_NUMBER = /\bGPA\.\d{4}-\d{4}-\d{4}-\d{5}(?:\.\.\d+)?/;

function isGooglePlay(notice: Notice): boolean {
  const sender = notice.sender?.trim() ?? "";
  if (PLAY_SENDER.test(sender)) return true;
  const subjectAndText = `${notice.subject ?? ""}\n${notice.text.slice(0, 3000)}`;
  if (GOOGLE_SENDER.test(sender) && GOOGLE_PLAY.test(subjectAndText)) return true;
  // Forwarded receipts whose original sender was lost still carry the GPA order number.
  return ORDER_NUMBER.test(notice.text) && GOOGLE_PLAY.test(subjectAndText);
}

// --- what kind of notice -----------------------------------------------------------------------------

const REFUND = /\brefund(?:ed)?\b(?![- ]?polic)/i;
const CANCELLED =
  /\bcancel(?:l?ed|lation)\b(?![^.\n]{0,20}\b(?:any ?time|at any time)\b)|\bwill not (?:auto-?)?renew\b|\bauto-?renew(?:al|ing)? (?:is |has been )?(?:off|turned off)\b/i;
const PRICE_CHANGE =
  /\bprice (?:change|increase)\b|\bprice of your\b[^.\n]{0,60}\b(?:will|is going to) (?:increase|change|go up)\b|\b(?:is|are) (?:going up|increasing)\b/i;
const TRIAL = /\b(?:free )?trial\b[^.\n]{0,60}?\b(?:ends?|ending|will end|expires?|is over|converts?)\b/i;
const UPCOMING =
  /\bwill (?:automatically )?renew\b|\brenews on\b|\brenewal reminder\b|\bupcoming (?:renewal|payment)\b/i;
const RECEIPT = /\border receipt\b|\breceipt\b/i;

function kindOf(notice: Notice): EventKind {
  const subject = notice.subject ?? "";
  const head = notice.text.slice(0, 4000);
  if (REFUND.test(subject)) return "refund";
  for (const part of [subject, head]) {
    if (PRICE_CHANGE.test(part)) return "renewal_notice";
    if (part === subject && RECEIPT.test(part)) return "charge";
    if (CANCELLED.test(part) && !ORDER_NUMBER.test(head)) return "cancellation";
    if (TRIAL.test(part) && !ORDER_NUMBER.test(head)) return "renewal_notice";
    if (UPCOMING.test(part) && !ORDER_NUMBER.test(head)) return "renewal_notice";
  }
  return ORDER_NUMBER.test(head) ? "charge" : "other";
}

// --- fields --------------------------------------------------------------------------------------------

const ORDER_DATE = label("order date|date");
const TOTAL = label("total", { lineStart: true });
const PAYMENT_METHOD = label("payment method");
const ITEM_HEADER = /(?:^|\n)[ \t|]*Item[ \t|]+Price[ \t|]*(?:\n|$)/i;
const AUTO_RENEWING = /(?:^|\n)[^\n]*\bauto-renewing subscription\b/i;
const APP_IN_PARENS = /\(([^()]+)\)\s*$/;
const LAST_DIGITS = /(\d{3,4})\s*$/;
const NOT_AN_ITEM = /^(?:tax|total|subtotal|order|payment|your account|item)\b/i;

interface Item {
  merchant: string | null;
  price: FoundMoney | null;
}

/** "{product} ({app}) Rp 39.000,00/month" → the app in the parentheses, else the product, and the price. */
function itemOf(line: string): Item | null {
  const price = findMoney(line)[0] ?? null;
  const name = (price ? line.slice(0, price.index) : line).replace(/[\t|]+/g, " ").trim();
  if (!name || NOT_AN_ITEM.test(name)) return null;
  const app = APP_IN_PARENS.exec(name)?.[1];
  return { merchant: cleanMerchant(app ?? name), price };
}

function itemLine(text: string): Item | null {
  const header = ITEM_HEADER.exec(text);
  if (header) {
    const after = text.slice(header.index + header[0].length).split("\n");
    for (const line of after.slice(0, 3)) {
      const item = itemOf(line.trim());
      if (item) return item;
    }
  }
  // Otherwise the item is the line above "Auto-renewing subscription".
  const renewing = AUTO_RENEWING.exec(text);
  if (renewing) {
    const before = text.slice(0, renewing.index).trimEnd().split("\n");
    const item = itemOf(before[before.length - 1]?.trim() ?? "");
    if (item) return item;
  }
  return null;
}

const NAMED = [
  /\byour\s+(.+?)\s+subscription\s+from\s+(.+?)(?:\s+on\s+Google Play|\s+has\b|\s+will\b|[.,\n])/i,
  /\b(?:trial|subscription)\s+(?:of|for|to)\s+(.+?)\s+from\s+(.+?)(?:\s+on\s+Google Play|\s+(?:ends?|has|will|is|was)\b|[.,\n])/i,
  /\b(?:trial|subscription)\s+(?:of|for|to)\s+(.+?)(?:\s+on\s+Google Play|\s+(?:ends?|has|will|is|was)\b|[.,\n])/i,
  /\byour\s+(?!free\b)(.+?)\s+(?:subscription|free trial|trial)\b/i,
];

/** The app a subscription notice is about: "your {product} subscription from {app}" names the app. */
function namedInSentence(text: string): string | null {
  for (const pattern of NAMED) {
    const match = pattern.exec(text);
    const name = cleanMerchant(match?.[2] ?? match?.[1]);
    if (name && !/^(?:google play|the|this|a|your)$/i.test(name)) return name;
  }
  return null;
}

const NEW_PRICE = /\b(?:to|new price(?: is| will be)?|will be|you(?:'ll| will) (?:be charged|pay))\s*:?\s*/gi;
const RENEWS_DATE =
  /\b(?:starting(?: on| from)?|effective(?: on| from)?|from|on|ends? on|ending on|ends?|until|renews? on|next (?:payment|charge|billing)(?: date)?:?)\s+(?=(?:\d{1,2}\s+[A-Z][a-z]{2,}|[A-Z][a-z]{2,}\.?\s+\d{1,2}|\d{4}-\d{2}-\d{2}))/g;

function newPrice(text: string): FoundMoney | null {
  NEW_PRICE.lastIndex = 0;
  let last: FoundMoney | null = null;
  for (let match = NEW_PRICE.exec(text); match; match = NEW_PRICE.exec(text)) {
    const start = match.index + match[0].length;
    const found = findMoney(text.slice(start, start + 25))[0];
    if (found && found.index === 0) last = { ...found, index: start };
    if (last) break;
  }
  return last;
}

// On a receipt only an explicit renewal or trial-end phrase dates the next charge.
const RECEIPT_RENEWS =
  /\b(?:renews? on|will renew on|next (?:payment|charge|billing)(?: date)?:?|(?:free )?trial (?:ends?|until)(?: on)?|until)\s+(?=(?:\d{1,2}\s+[A-Z][a-z]{2,}|[A-Z][a-z]{2,}\.?\s+\d{1,2}|\d{4}-\d{2}-\d{2}))/gi;

function paymentTail(text: string): string | null {
  const method = valueAfter(text, PAYMENT_METHOD);
  if (!method) return null;
  return cardTailIn(method) ?? LAST_DIGITS.exec(method)?.[1] ?? null;
}

function readReceipt(notice: Notice, kind: "charge" | "refund") {
  const text = notice.text;
  const item = itemLine(text);
  const total = amountAfter(text, TOTAL, 40) ?? item?.price ?? firstChargedAmount(text);
  const orderDate = valueAfter(text, ORDER_DATE);
  // A free trial's receipt totals nothing: it records a new subscription, not a charge.
  const trialStart = kind === "charge" && total?.amount_minor === 0;
  return englishEvent(notice, {
    kind: trialStart ? "signup" : kind,
    found: trialStart ? (item?.price?.amount_minor ? item.price : null) : total,
    merchant: item?.merchant ?? namedInSentence(text),
    occurred_at: orderDate ? instantIn(orderDate, notice) : null,
    reference: ORDER_NUMBER.exec(text)?.[0] ?? null,
    card_tail: paymentTail(text),
    channel: "google_play",
    renews_at: dateAfterCue(text, RECEIPT_RENEWS, notice),
  });
}

function readNotice(notice: Notice, kind: "renewal_notice" | "cancellation") {
  const text = notice.text;
  const item = itemLine(text);
  const found = kind === "renewal_notice" ? (newPrice(text) ?? firstChargedAmount(text)) : firstChargedAmount(text);
  return englishEvent(notice, {
    kind,
    found,
    merchant: item?.merchant ?? namedInSentence(`${notice.subject ?? ""}\n${text}`),
    reference: ORDER_NUMBER.exec(text)?.[0] ?? null,
    card_tail: null,
    channel: "google_play",
    renews_at: kind === "renewal_notice" ? dateAfterCue(text, RENEWS_DATE, notice) : null,
  });
}

/** Google Play's notices; null for anything else. */
export const readGooglePlay: Extractor = (notice) => {
  if (!isGooglePlay(notice)) return null;
  const kind = kindOf(notice);
  switch (kind) {
    case "charge":
    case "refund":
      return readReceipt(notice, kind);
    case "renewal_notice":
    case "cancellation":
      return readNotice(notice, kind);
    default:
      return otherEnglishEvent(notice);
  }
};
