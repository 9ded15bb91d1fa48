// Stripe-hosted receipts and refunds that merchants send through Stripe ("{Merchant}
// <invoice+statements+acct_…@stripe.com>", receipts@stripe.com): "Your receipt from {Merchant} #1234-5678". Pure.
import {
  amountAfter,
  calendarDateIn,
  cardTailIn,
  cleanMerchant,
  englishEvent,
  firstChargedAmount,
  indexAfter,
  instantIn,
  label,
  mentionsCard,
  otherEnglishEvent,
  valueAfter,
} from "./generic-en";
import type { EventKind, Extractor, Notice, PaymentChannel } from "./types";

const STRIPE_SENDER = /@(?:[\w-]+\.)*stripe\.com$/i;
const RECEIPT_LABELS = /\b(?:amount paid|date paid|receipt (?:number|#)|amount refunded)\b/i;
const STRIPE_SUBJECT = /^\s*your (?:receipt|refund|invoice) from\s+(.+?)(?:\s+#\s?[\w-]+)?\s*$/i;

function isStripe(notice: Notice): boolean {
  if (notice.sender && STRIPE_SENDER.test(notice.sender.trim())) return true;
  // Forwarded with the sender lost: Stripe's subject "… #1234-5678" and its receipt labels remain.
  return (
    /#\s?\d{4}-\d{4}\b/.test(notice.subject ?? "") &&
    STRIPE_SUBJECT.test(notice.subject ?? "") &&
    RECEIPT_LABELS.test(notice.text)
  );
}

// --- what kind of notice --------------------------------------------------------------------------------

const REFUND = /\brefund(?:ed)?\b(?![- ]?polic)/i;
const FAILED =
  /\b(?:payment|charge) (?:failed|was declined|was unsuccessful|could not be processed)|\bunsuccessful payment\b|\bupdate your payment (?:method|details)/i;
const UPCOMING =
  /\bupcoming (?:invoice|payment|renewal)\b|\bwill (?:automatically )?(?:renew|be charged)\b|\bamount due\b|\bdue (?:on|by)\b|\bpay (?:this|your) invoice\b/i;
const PAID =
  /\b(?:amount paid|date paid|receipt (?:number|#|from)|your receipt|paid on|payment (?:received|successful))\b/i;
const TRIAL = /\btrial (?:ends?|will end|is ending|expires?)\b/i;

function kindOf(notice: Notice): EventKind {
  const subject = notice.subject ?? "";
  const head = notice.text.slice(0, 4000);
  if (FAILED.test(`${subject}\n${head}`)) return "other";
  if (REFUND.test(subject) || /\b(?:amount refunded|refund(?:ed)? amount|has been refunded)\b/i.test(head))
    return "refund";
  if (/\breceipt\b/i.test(subject) || PAID.test(head)) return "charge";
  if (TRIAL.test(`${subject}\n${head}`) || UPCOMING.test(`${subject}\n${head}`)) return "renewal_notice";
  return "other";
}

// --- fields ------------------------------------------------------------------------------------------------

const AMOUNT_PAID = label("amount paid|amount charged|total paid");
const AMOUNT_REFUNDED = label("amount refunded|refund(?:ed)? amount|refund(?:ed)?");
const AMOUNT_DUE = label("amount due|total due|total");
const TOTAL = label("total", { lineStart: true });
const DATE_PAID = label("date paid|paid on|payment date|date refunded|refunded on|refund date|date");
const PAID_LINE = /(?:^|\n)\s*(?:Paid|Refunded)\s+(?=[A-Z][a-z]{2,}\.?\s+\d|\d{1,2}\s+[A-Z][a-z]{2,})/;
const DUE = label("due date|due on|due by|due");
const RECEIPT_NUMBER = label("receipt (?:number|no\\.?|#)|receipt(?=#)");
const INVOICE_NUMBER = label("invoice (?:number|no\\.?|#)");
const REFERENCE_TOKEN = /^#?\s*([A-Za-z0-9][A-Za-z0-9-]{3,40})/;
const SUBJECT_NUMBER = /#\s?([A-Za-z0-9][A-Za-z0-9-]{3,40})\s*$/;
const PAYMENT_METHOD = label("payment method|paid with|card");
// The card brand is often an image (alt text lost), leaving "– 4242" or "•••• 4242" after the label.
const BARE_TAIL = /^[\s|:*]*(?:[A-Za-z ]{0,20})?(?:[-–—]|[•*·]{2,}|ending in)\s*(\d{4})\b/i;
const RECEIPT_FROM = /\b(?:receipt|refund|invoice) from\s+([^\n#]+?)(?:\s+#|\s*$|\n)/im;
const SENDER_NAME_NOISE = /^(?:stripe|receipts?|billing|no-?reply)$/i;

function referenceIn(text: string, subject: string): string | null {
  for (const pattern of [RECEIPT_NUMBER, INVOICE_NUMBER]) {
    const token = REFERENCE_TOKEN.exec(valueAfter(text, pattern) ?? "")?.[1];
    if (token && /\d/.test(token)) return token;
  }
  return SUBJECT_NUMBER.exec(subject)?.[1] ?? null;
}

function merchantOf(notice: Notice): string | null {
  const subject = notice.subject ?? "";
  const fromSubject = cleanMerchant(STRIPE_SUBJECT.exec(subject)?.[1]);
  if (fromSubject) return fromSubject;
  const fromText = cleanMerchant(RECEIPT_FROM.exec(notice.text)?.[1]);
  if (fromText) return fromText;
  const sender = cleanMerchant(notice.senderName);
  return sender && !SENDER_NAME_NOISE.test(sender) ? sender : null;
}

function paymentOf(text: string): { card_tail: string | null; channel: PaymentChannel | null } {
  const start = indexAfter(text, PAYMENT_METHOD);
  const method = start >= 0 ? text.slice(start, start + 60) : "";
  const card_tail = cardTailIn(method) ?? BARE_TAIL.exec(method)?.[1] ?? null;
  if (/\bpaypal\b/i.test(method)) return { card_tail, channel: "paypal" };
  if (/\balipay\b/i.test(method)) return { card_tail, channel: "alipay" };
  if (/\bwechat\b/i.test(method)) return { card_tail, channel: "wechat_pay" };
  // Conventions: a Stripe receipt paid by card is a credit_card payment.
  return { card_tail, channel: card_tail || mentionsCard(method) ? "credit_card" : null };
}

function dateOf(text: string, notice: Notice): string | null {
  const labelled = valueAfter(text, DATE_PAID);
  if (labelled) return instantIn(labelled, notice);
  const line = PAID_LINE.exec(text);
  if (line) return instantIn(text.slice(line.index + line[0].length, line.index + line[0].length + 40), notice);
  return null;
}

/** Stripe-hosted receipts; null for anything not sent through Stripe. */
export const readStripe: Extractor = (notice) => {
  if (!isStripe(notice)) return null;
  const kind = kindOf(notice);
  if (kind === "other") return otherEnglishEvent(notice);
  const text = notice.text;
  const found =
    kind === "refund"
      ? (amountAfter(text, AMOUNT_REFUNDED, 40) ?? firstChargedAmount(text))
      : kind === "renewal_notice"
        ? (amountAfter(text, AMOUNT_DUE, 40) ?? firstChargedAmount(text))
        : (amountAfter(text, AMOUNT_PAID, 40) ?? amountAfter(text, TOTAL, 40) ?? firstChargedAmount(text));
  const due = kind === "renewal_notice" ? valueAfter(text, DUE) : null;
  return englishEvent(notice, {
    kind,
    found,
    merchant: merchantOf(notice),
    occurred_at: kind === "renewal_notice" ? null : dateOf(text, notice),
    reference: referenceIn(text, notice.subject ?? ""),
    ...paymentOf(text),
    renews_at: due ? calendarDateIn(due, notice) : null,
  });
};
