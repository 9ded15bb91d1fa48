// Stripe-hosted receipts and refunds that merchants send through Stripe ("{Merchant}
// <invoice+statements+acct_…@stripe.com>", receipts@stripe.com): "Your receipt from {Merchant} #1234-5678", and as
// Stripe localises them: "Votre reçu de {Merchant} n°…", "Beleg von" / "Quittung von", "Recibo de", "Ricevuta da",
// "Ontvangstbewijs van", with local labels and day-first dates with local month names. Pure.
import { dayInstant } from "./dates";
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
import { europeanDateIn } from "./generic-eu";
import type { EventKind, Extractor, Notice, PaymentChannel } from "./types";

const STRIPE_SENDER = /@(?:[\w-]+\.)*stripe\.com$/i;
// Per language: the receipt's "paid" labels, its number's label, and what leads to the merchant ("Receipt from").
const AMOUNT_PAID_WORDS =
  "amount paid|amount charged|total paid|montant payé|bezahlter betrag|gezahlter betrag|importe pagado|importo pagato|betaald bedrag";
const DATE_PAID_WORDS =
  "date paid|paid on|payment date|date du paiement|date de paiement|zahlungsdatum|bezahlt am|fecha de pago|fecha del pago|data di pagamento|data del pagamento|betaaldatum";
const AMOUNT_REFUNDED_WORDS =
  "amount refunded|refund(?:ed)? amount|montant remboursé|erstatteter betrag|rückerstatteter betrag|importe reembolsado|importo rimborsato|terugbetaald bedrag";
const DATE_REFUNDED_WORDS =
  "date refunded|refunded on|refund date|date du remboursement|erstattungsdatum|fecha de reembolso|fecha del reembolso|data del rimborso|data di rimborso";
const RECEIPT_NUMBER_WORDS =
  "receipt (?:number|no\\.?|#)|receipt(?=#)|reçu n[°º]|numéro de reçu|belegnummer|beleg-nr\\.?|quittungsnummer|número de recibo|recibo n\\.?[°º]|numero (?:di )?ricevuta|ricevuta n\\.?|bonnummer";
const FROM_WORDS =
  "(?:receipt|refund|invoice) from|(?:reçu|remboursement|facture) de|(?:beleg|quittung|rückerstattung|erstattung|rechnung) von|(?:recibo|reembolso|factura) de|(?:ricevuta|rimborso|fattura) da|(?:ontvangstbewijs|terugbetaling|factuur) van";
// A number after the merchant in a subject: "#2461-7832", "n°2461-7832", "n.º 3301-4420", "n. 7710-2093".
const NUMBER_MARK = "(?:#|n\\.?\\s?[°º]|n\\.|nr\\.?)";

const RECEIPT_LABELS = new RegExp(
  `(?:^|[^\\p{L}])(?:${AMOUNT_PAID_WORDS}|${DATE_PAID_WORDS}|${AMOUNT_REFUNDED_WORDS}|${RECEIPT_NUMBER_WORDS})(?![\\p{L}])`,
  "iu",
);
const STRIPE_SUBJECT = new RegExp(
  `^\\s*(?:your|votre|ihre?|deine?|tu|su|la tua|il tuo|je|uw)?\\s*(?:${FROM_WORDS})\\s+(.+?)(?:\\s+${NUMBER_MARK}\\s?[\\w-]+)?\\s*$`,
  "iu",
);

function isStripe(notice: Notice): boolean {
  if (notice.sender && STRIPE_SENDER.test(notice.sender.trim())) return true;
  // Forwarded with the sender lost: Stripe's subject "… #1234-5678" and its receipt labels remain.
  return (
    /(?:#|[°º.])\s?\d{4}-\d{4}\b/.test(notice.subject ?? "") &&
    STRIPE_SUBJECT.test(notice.subject ?? "") &&
    RECEIPT_LABELS.test(notice.text)
  );
}

// --- what kind of notice --------------------------------------------------------------------------------

const REFUND = /\brefund(?:ed)?\b(?![- ]?polic)|rembours|rückerstattung|erstattung|reembols|rimbors|terugbetaling/i;
const FAILED =
  /\b(?:payment|charge) (?:failed|was declined|was unsuccessful|could not be processed)|\bunsuccessful payment\b|\bupdate your payment (?:method|details)|échec du paiement|paiement (?:a échoué|refusé)|zahlung (?:ist )?(?:fehlgeschlagen|abgelehnt)|pago (?:fallido|rechazado)|pagamento (?:non riuscito|rifiutato)|betaling (?:is )?mislukt/i;
const UPCOMING =
  /\bupcoming (?:invoice|payment|renewal)\b|\bwill (?:automatically )?(?:renew|be charged)\b|\bamount due\b|\bdue (?:on|by)\b|\bpay (?:this|your) invoice\b/i;
const PAID = new RegExp(
  `\\b(?:receipt (?:number|#|from)|your receipt|payment (?:received|successful))\\b|(?:^|[^\\p{L}])(?:${AMOUNT_PAID_WORDS}|${DATE_PAID_WORDS}|${RECEIPT_NUMBER_WORDS})(?![\\p{L}])`,
  "iu",
);
const REFUNDED = new RegExp(`\\bhas been refunded\\b|(?:^|[^\\p{L}])(?:${AMOUNT_REFUNDED_WORDS})(?![\\p{L}])`, "iu");
const RECEIPT_WORD = /\breceipt\b|reçu|\bbeleg\b|quittung|recibo|ricevuta|ontvangstbewijs/i;
const TRIAL = /\btrial (?:ends?|will end|is ending|expires?)\b/i;

function kindOf(notice: Notice): EventKind {
  const subject = notice.subject ?? "";
  const head = notice.text.slice(0, 4000);
  if (FAILED.test(`${subject}\n${head}`)) return "other";
  if (REFUND.test(subject) || REFUNDED.test(head)) return "refund";
  if (RECEIPT_WORD.test(subject) || PAID.test(head)) return "charge";
  if (TRIAL.test(`${subject}\n${head}`) || UPCOMING.test(`${subject}\n${head}`)) return "renewal_notice";
  return "other";
}

// --- fields ------------------------------------------------------------------------------------------------

const AMOUNT_PAID = label(AMOUNT_PAID_WORDS);
const AMOUNT_REFUNDED = label(`${AMOUNT_REFUNDED_WORDS}|refund(?:ed)?`);
const AMOUNT_DUE = label("amount due|total due|total");
const TOTAL = label("total|gesamt|totale|totaal", { lineStart: true });
const DATE_PAID = label(`${DATE_PAID_WORDS}|${DATE_REFUNDED_WORDS}|date`);
const PAID_LINE = /(?:^|\n)\s*(?:Paid|Refunded)\s+(?=[A-Z][a-z]{2,}\.?\s+\d|\d{1,2}\s+[A-Z][a-z]{2,})/;
const DUE = label("due date|due on|due by|due");
const RECEIPT_NUMBER = label(RECEIPT_NUMBER_WORDS);
const INVOICE_NUMBER = label("invoice (?:number|no\\.?|#)");
const REFERENCE_TOKEN = /^#?\s*([A-Za-z0-9][A-Za-z0-9-]{3,40})/;
const SUBJECT_NUMBER = new RegExp(`${NUMBER_MARK}\\s?([A-Za-z0-9][A-Za-z0-9-]{3,40})\\s*$`, "i");
const PAYMENT_METHOD = label(
  "payment method|paid with|card|moyen de paiement|mode de paiement|zahlungsmethode|zahlungsart|método de pago|forma de pago|metodo di pagamento|betaalmethode",
);
// The card brand is often an image (alt text lost), leaving "– 4242" or "•••• 4242" after the label.
const BARE_TAIL = /^[\s|:*]*(?:[A-Za-z ]{0,20})?(?:[-–—]|[•*·]{2,}|ending in)\s*(\d{4})\b/i;
const RECEIPT_FROM = new RegExp(
  `(?:^|[^\\p{L}])(?:${FROM_WORDS})\\s+([^\\n#]+?)(?:\\s+${NUMBER_MARK}|\\s*$|\\n)`,
  "imu",
);
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

/** A labelled date: English first, else day first with the month in the receipt's language ("5 janv. 2026"). */
function dateIn(value: string, notice: Notice): string | null {
  const english = instantIn(value, notice);
  if (english) return english;
  const day = europeanDateIn(value, notice.receivedAt, "past");
  return day ? dayInstant(day, notice.sentAt ?? notice.receivedAt) : null;
}

function dateOf(text: string, notice: Notice): string | null {
  const labelled = valueAfter(text, DATE_PAID);
  if (labelled) return dateIn(labelled, notice);
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
