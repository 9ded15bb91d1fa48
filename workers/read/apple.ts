// Apple (App Store, iTunes, iCloud, Apple One) notices: receipts in their text, 2024 table and 2025 HTML
// layouts, subscription confirmations, renewal and price-increase notices, cancellations and expiries. Pure.
import {
  amountAfter,
  calendarDateIn,
  cardTailIn,
  cleanMerchant,
  dateAfterCue,
  englishEvent,
  firstChargedAmount,
  indexAfter,
  instantIn,
  label,
  otherEnglishEvent,
  valueAfter,
} from "./generic-en";
import type { FoundMoney } from "./money";
import { findMoney } from "./money";
import type { EventKind, Extractor, Notice } from "./types";

const APPLE_SENDER = /@(?:[\w-]+\.)*apple\.com$/i;
// A forward the unwrapper could not open keeps the forwarder as sender; Apple's subjects still say who wrote it.
const APPLE_SUBJECT =
  /^(?:your (?:receipt|invoice) from apple|(?:your )?(?:apple )?subscription (?:confirmation|renewal|price increase|is expiring|has expired|expir|cancel)|your subscription (?:is|has been) cancel)/i;

function isApple(notice: Notice): boolean {
  if (notice.sender && APPLE_SENDER.test(notice.sender.trim())) return true;
  return APPLE_SUBJECT.test(notice.subject?.trim() ?? "") && /\bapple\b/i.test(notice.text);
}

// --- what kind of notice -----------------------------------------------------------------------------

const REFUND = /\brefund(?:ed)?\b(?![- ]?polic)|\bwe(?:'ve| have) (?:issued|processed) (?:a|your) refund/i;
const PRICE_INCREASE =
  /\bprice increase\b|\braising the price\b|\bprice (?:of (?:this|your) subscription )?(?:will )?(?:increase|change)s?\b/i;
const CONFIRMATION =
  /\bsubscription confirmation\b|\bconfirms your subscription\b|\byou(?:'ve| have) accepted the following offer\b|\bthis email confirms your subscription\b/i;
const RENEWAL = /\bsubscription renewal\b|\bwill renew soon\b|\bis about to renew\b/i;
const ENDED =
  /\bsubscription (?:is expiring|has expired|will expire|expiring|expired|cancell?ed|cancellation)\b|\b(?:has|have) been cancell?ed\b|\bwill (?:expire|end) on\b|\byou(?:'ve| have) cancell?ed\b|\bsorry to see you go\b|\bexpir(?:es|ing) soon\b/i;
const RECEIPT_SUBJECT = /\b(?:receipt|invoice)\b/i;
const ORDER_ID = label("order id|order number|order no\\.?");
const DOCUMENT = label("document no\\.?|document|document number");

const STRONG_REFUND = /\b(?:issued|processed|approved)\b[^.\n]{0,30}\brefund|\brefund (?:of|has been|was)\b/i;

function kindOf(notice: Notice): EventKind {
  const subject = notice.subject ?? "";
  const head = notice.text.slice(0, 4000);
  // Receipts' small print mentions refunds ("a full refund within 15 days"): only a subject or a
  // sentence about an issued refund makes one.
  if (REFUND.test(subject) || STRONG_REFUND.test(head)) return "refund";
  for (const part of [subject, head]) {
    if (PRICE_INCREASE.test(part)) return "renewal_notice";
    if (CONFIRMATION.test(part)) return "signup";
    if (RENEWAL.test(part)) return "renewal_notice";
    if (ENDED.test(part)) return "cancellation";
    if (part === subject && RECEIPT_SUBJECT.test(part)) return "charge";
  }
  if (ORDER_ID.test(head) || DOCUMENT.test(head)) return "charge";
  return "other";
}

// --- receipts ----------------------------------------------------------------------------------------

// Old text receipts and the 2024 tables write upper-case labels; 2025 receipts write "Order ID:" and
// put the total on the payment-method line ("Apple Card $39.89") after Subtotal and Tax.
const TOTAL = label("total|total amount|amount paid", { lineStart: true });
const SUBTOTAL = label("subtotal", { lineStart: true });
const DATE_UPPER = label("DATE", { lineStart: true, caseSensitive: true });
const DATE_OF_PURCHASE = label("date of purchase|purchase date|date accepted|invoice date|order date");
const APPLE_ACCOUNT = label("apple account|apple id", { lineStart: true });
const BILLED_TO = label("billed to|payment method|paid with", { lineStart: true });
// 2025 receipts put the card on the payment line of the "Billing and Payment" block, after the address.
const BILLING_BLOCK = label("billing and payment|billing & payment|payment information", { lineStart: true });
const RENEWS = /\bRenews\s+(?:on\s+)?/g;
const REFERENCE = /^([A-Z0-9]{6,20})\b/;
const NOT_TOTAL = /(?:sub-?\s?total|\btax(?:es)?|\bvat|\bgst|\bdiscount|\bcredit)\W{0,12}$/i;

/** The total actually charged: the TOTAL line, else the payment-method line after Subtotal and Tax. */
function receiptTotal(text: string): FoundMoney | null {
  const total = amountAfter(text, TOTAL, 40);
  if (total) return total;
  const start = indexAfter(text, SUBTOTAL);
  if (start >= 0) {
    const after = findMoney(text.slice(start, start + 600));
    let subtotal: FoundMoney | null = null;
    let tax: FoundMoney | null = null;
    for (const found of after) {
      const before = text.slice(Math.max(0, start + found.index - 30), start + found.index);
      if (!NOT_TOTAL.test(before)) return { ...found, index: found.index + start };
      if (!subtotal) subtotal = found;
      else if (!tax && /\btax|\bvat|\bgst/i.test(before)) tax = found;
    }
    if (subtotal && tax && subtotal.currency === tax.currency) {
      return { ...subtotal, amount_minor: subtotal.amount_minor + tax.amount_minor };
    }
    if (subtotal) return subtotal;
  }
  return firstChargedAmount(text);
}

function endOfValueLine(text: string, pattern: RegExp): number {
  const start = indexAfter(text, pattern);
  if (start < 0) return -1;
  // The value is on the label's line or on the next one (table layouts).
  const rest = text.slice(start);
  const firstBreak = rest.search(/\n/);
  if (firstBreak < 0) return text.length;
  const sameLine = rest.slice(0, firstBreak).replace(/[\s:*|]/g, "");
  if (sameLine) return start + firstBreak + 1;
  const secondBreak = rest.indexOf("\n", firstBreak + 1);
  return secondBreak < 0 ? text.length : start + secondBreak + 1;
}

// Store section headers of the older layouts, above the items they group.
const SECTION =
  /^(?:App Store|Mac App Store|iCloud|Apple Services|iTunes Store|Apple TV|Apple Books|Books|Music|Movies|TV Shows)$/;
const SKIP_LINE =
  /^(?:[-=_–—\s]{3,}|total\b.*|subtotal\b.*|tax\b.*|billed to\b.*|apple (?:id|account)\b.*|renews\b.*|report a problem|write a review.*|in-app purchase|ios app|.*\$_|.*\$t\.|\(.*\$.*\)|[\w.+-]+@[\w.-]+)$/i;

// Older text receipts head the item table with its columns ("App Store  Type  Purchased From  Price");
// flattened, an item row then reads "YouTube Premium Subscription $18.99" (title, type, device, price).
const COLUMN_HEADER = /\bType\b.*\b(?:Price|Purchased From)\b|\bPurchased From\b/i;
const ITEM_TYPE =
  /\s+(?:Subscription|In-App Purchase|(?:iOS |iPad |iPhone |Mac |Apple TV |Watch )?App|Book|Audiobook|Song|Album|Movie|Film|TV Episode|TV Season|Season Pass|Music Video|Rental|Bundle|Ringtone)(?:\s+.*)?$/i;

/** The first item on a receipt: the subscription or app name as Apple shows it. */
function receiptItem(text: string): string | null {
  const header = Math.max(
    endOfValueLine(text, ORDER_ID),
    endOfValueLine(text, DOCUMENT),
    endOfValueLine(text, DATE_UPPER),
    endOfValueLine(text, APPLE_ACCOUNT),
  );
  if (header < 0) return null;
  let sectionSkipped = false;
  let typeColumn = false;
  for (const line of text
    .slice(header, header + 2000)
    .split("\n")
    .slice(0, 20)) {
    const cell = line.split("\t")[0]?.trim() ?? "";
    if (!cell || SKIP_LINE.test(cell)) continue;
    if (COLUMN_HEADER.test(line)) {
      typeColumn = /\bType\b/i.test(line);
      sectionSkipped = true;
      continue;
    }
    if (!sectionSkipped && SECTION.test(cell)) {
      sectionSkipped = true;
      continue;
    }
    const money = findMoney(cell)[0];
    if (money && money.index === 0) continue;
    let title = money ? cell.slice(0, money.index) : cell;
    // The type column follows the title on the same row; a title is never only a type.
    if (typeColumn) title = title.replace(ITEM_TYPE, "") || title;
    const name = cleanMerchant(title);
    if (name) return name;
  }
  return null;
}

function firstRenewal(text: string, notice: Notice): string | null {
  return dateAfterCue(text, RENEWS, notice);
}

function receiptCardTail(text: string): string | null {
  const billedAt = indexAfter(text, BILLED_TO);
  const billed = billedAt >= 0 ? cardTailIn(text.slice(billedAt, billedAt + 60)) : null;
  if (billed) return billed;
  const blockAt = indexAfter(text, BILLING_BLOCK);
  if (blockAt < 0) return null;
  // Only a masked card ("Visa •••• 6634", "ending in 6634"): the block also holds the postal address.
  const block = text.slice(blockAt, blockAt + 500);
  return /[•*·.xX]{2,}\s*\d{4}\b|\bending(?:\s+in)?\s+\d{4}\b/.test(block) ? cardTailIn(block) : null;
}

function readReceipt(notice: Notice, kind: "charge" | "refund") {
  const text = notice.text;
  const orderId = valueAfter(text, ORDER_ID);
  const orderAt = indexAfter(text, ORDER_ID);
  // 2025 receipts print the date alone above "Order ID:"; older ones label it DATE.
  const dated =
    valueAfter(text, DATE_UPPER) ??
    valueAfter(text, DATE_OF_PURCHASE) ??
    (orderAt > 0 ? text.slice(Math.max(0, orderAt - 200), orderAt) : null);
  return englishEvent(notice, {
    kind,
    found: receiptTotal(text),
    merchant: receiptItem(text),
    occurred_at: dated ? instantIn(dated, notice) : null,
    reference: orderId ? (REFERENCE.exec(orderId)?.[1] ?? null) : null,
    card_tail: receiptCardTail(text),
    channel: "apple",
    renews_at: firstRenewal(text, notice),
  });
}

// --- subscription confirmations, renewal / price notices, cancellations --------------------------------

// "Subscription" alone, not "Subscription Price"; the HTML table writes it without a colon.
const SUBSCRIPTION = /(?:^|[\n\t|])[ *]*Subscription\**[ \t]*(?::|(?=[\t\n]))/m;
const APP = /(?:^|[\n\t|])[ *]*App\**[ \t]*(?::|(?=[\t\n]))/m;
const PRICE = label("renewal price|subscription price|price", { lineStart: true });
const PAYMENT_METHOD = label("payment method", { lineStart: true });
// Apple's text parts sometimes carry unrendered template code instead of values.
const TEMPLATE_JUNK = /\$t\.|\$_|\$\{/;
const HEADER_LINE =
  /^(?:apple|receipt|apple (?:subscription )?(?:renewal|confirmation|price increase|receipt).*|subscription (?:renewal|confirmation|price increase|expiring|expired|cancell?ation|cancell?ed)|[-=_–—\s]+|save \d.*|.*apple\s?card.*|apply and use.*)$/i;
const RENEWS_STARTING = /\b(?:automatically )?renews?\b[^\n]{0,80}?\bstarting\s+/i;
const STARTING = /\bstarting\s+/i;
const NEW_PRICE = label("new", { caseSensitive: false });
const RENEW_FOR = /\brenew(?:s|al)?(?: price)?\s+(?:for|at|is)\s+/i;
const NAME_IN_SENTENCE = [
  /\bsubscribing to ([^.\n]{2,60}?)\./i,
  /\bsubscribed to ([^\n]{2,60}?)\.(?:\s|$)/i,
  /\bsubscription to ([^.\n]{2,60}?)(?:\s+(?:will|has|is|was)\b|[.,\n])/i,
  /\byour ([^.\n]{2,40}?) subscription\b/i,
];

function usable(value: string | null): string | null {
  return value && !TEMPLATE_JUNK.test(value) ? value : null;
}

/** The subscription named at the top of a notice ("Apple One", "Fantastical - Calendar & Tasks"). */
function lockupTitle(text: string): string | null {
  for (const line of text.split("\n").slice(0, 14)) {
    const cell = line.split("\t")[0]?.trim() ?? "";
    if (!cell || HEADER_LINE.test(cell)) continue;
    if (/^(?:dear|hi|hello)\b/i.test(cell)) return null;
    if (findMoney(cell)[0]?.index === 0 || /^(?:starting|renews|new)\b/i.test(cell)) continue;
    return cleanMerchant(cell);
  }
  return null;
}

function named(text: string): string | null {
  for (const pattern of NAME_IN_SENTENCE) {
    const name = cleanMerchant(pattern.exec(text)?.[1]);
    if (name && !/^(?:this|your|the|an?)$/i.test(name)) return name;
  }
  return null;
}

function dateAfterPattern(text: string, pattern: RegExp, notice: Notice): string | null {
  const start = indexAfter(text, pattern);
  return start >= 0 ? calendarDateIn(text.slice(start, start + 30), notice) : null;
}

/**
 * The merchant of a confirmation. Its Subscription line is the plan ("Disney+ Premium (Monthly)"); when
 * the app is named elsewhere (App line, lockup title, "subscribed to Disney+") and the plan line is that
 * name plus a tier, the app is the merchant. A plan named otherwise ("Strides Plus") stays as written.
 */
function confirmationMerchant(text: string): string | null {
  const plan = usable(valueAfter(text, SUBSCRIPTION));
  const app = usable(valueAfter(text, APP));
  if (!plan) return app ?? lockupTitle(text) ?? named(text);
  const planName = cleanMerchant(plan);
  for (const candidate of [app, lockupTitle(text), named(text)]) {
    const title = cleanMerchant(candidate);
    if (!title || !planName || planName.length <= title.length) continue;
    const rest = planName.slice(title.length);
    if (planName.slice(0, title.length).toLowerCase() === title.toLowerCase() && /^[\s:–—-]/.test(rest)) return title;
  }
  return planName;
}

function readConfirmation(notice: Notice) {
  const text = notice.text;
  const price = valueAfter(text, PRICE);
  const payment = valueAfter(text, PAYMENT_METHOD);
  const purchased = valueAfter(text, DATE_OF_PURCHASE);
  // A trial's "Subscription Price: $29.99/year, starting Dec 23, 2020" is when it converts to paid.
  const priceStarts =
    price && STARTING.test(price) ? calendarDateIn(price.slice(price.search(STARTING)), notice) : null;
  return englishEvent(notice, {
    kind: "signup",
    found: amountAfter(text, PRICE, 40) ?? amountAfter(text, RENEW_FOR, 20) ?? firstChargedAmount(text),
    merchant: confirmationMerchant(text),
    occurred_at: purchased ? instantIn(purchased, notice) : null,
    reference: null,
    card_tail: payment ? cardTailIn(payment) : null,
    channel: "apple",
    renews_at: priceStarts ?? dateAfterPattern(text, RENEWS_STARTING, notice) ?? firstRenewal(text, notice),
  });
}

function readNotice(notice: Notice, kind: "renewal_notice" | "cancellation") {
  const text = notice.text;
  const found =
    kind === "renewal_notice"
      ? (amountAfter(text, NEW_PRICE, 20) ?? amountAfter(text, RENEW_FOR, 20) ?? firstChargedAmount(text))
      : firstChargedAmount(text);
  return englishEvent(notice, {
    kind,
    found,
    merchant: lockupTitle(text) ?? named(text),
    reference: null,
    card_tail: null,
    channel: "apple",
    renews_at:
      kind === "renewal_notice" ? (dateAfterPattern(text, STARTING, notice) ?? firstRenewal(text, notice)) : null,
  });
}

/** Apple's notices from no_reply@email.apple.com; null for anything else. */
export const readApple: Extractor = (notice) => {
  if (!isApple(notice)) return null;
  const kind = kindOf(notice);
  switch (kind) {
    case "charge":
    case "refund":
      return readReceipt(notice, kind);
    case "signup":
      return readConfirmation(notice);
    case "renewal_notice":
    case "cancellation":
      return readNotice(notice, kind);
    default:
      return otherEnglishEvent(notice);
  }
};
