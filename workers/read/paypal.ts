// PayPal notices from service@paypal.* (any country domain): payment receipts, automatic (subscription)
// payments, new automatic-payment setups, refunds and cancelled automatic payments. Pure.
import {
  amountAfter,
  calendarDateIn,
  cardTailIn,
  cleanMerchant,
  englishEvent,
  firstChargedAmount,
  instantIn,
  label,
  otherEnglishEvent,
  valueAfter,
} from "./generic-en";
import type { FoundMoney } from "./money";
import type { EventKind, Extractor, Notice } from "./types";

const PAYPAL_SENDER = /@(?:[\w-]+\.)*paypal\.[a-z]{2,3}(?:\.[a-z]{2})?$/i;
const PAYPAL_SUBJECT =
  /\b(?:receipt for your payment to|you sent an automatic payment to|review your new automatic payment setup for|you have a refund from|automatic payments? (?:to|for) .+ (?:cancel))/i;

function isPayPal(notice: Notice): boolean {
  if (notice.sender && PAYPAL_SENDER.test(notice.sender.trim())) return true;
  // A forward the unwrapper could not open: PayPal's own subject lines and wording still identify it.
  return PAYPAL_SUBJECT.test(notice.subject ?? "") && /\bpaypal\b/i.test(notice.text);
}

// --- what kind of notice, and to whom ---------------------------------------------------------------------

interface Cue {
  kind: EventKind;
  pattern: RegExp;
}

// Subjects first: they name the merchant after a fixed phrase. Order matters (a refund subject mentions a payment).
const SUBJECT_CUES: Cue[] = [
  {
    kind: "refund",
    pattern: /\b(?:you have a refund from|refund from|you(?:'ve| have) (?:got|received) a refund from)\s+(.+)/i,
  },
  {
    kind: "cancellation",
    pattern:
      /\b(?:you(?:'ve| have)? cancell?ed (?:your )?automatic payments? (?:to|for)\s+(.+)|automatic payments? (?:to|for)\s+(.+?)\s+(?:(?:has|have) been |was |were |is |are )?cancell?ed\b)/i,
  },
  {
    kind: "signup",
    pattern:
      /\b(?:review your new automatic payment setup for|new automatic payment setup for|you(?:'ve| have) set up an automatic payment (?:to|for)|you(?:'ve| have) (?:approved|authori[sz]ed) automatic payments? (?:to|for))\s+(.+)/i,
  },
  {
    kind: "charge",
    pattern:
      /\b(?:you sent an automatic payment to|receipt for your payment to|you sent a payment to|your payment to|you paid|you authori[sz]ed a payment to)\s+(.+)/i,
  },
];

const TEXT_REFUND =
  /\b(?:has (?:issued|sent) (?:you )?a (?:full |partial )?refund|refund(?:ed)? (?:of|amount)\b|you(?:'ve| have) (?:got|received) a refund|issued a refund)/i;
const TEXT_CANCELLED =
  /\b(?:you(?:'ve| have)? cancell?ed (?:your )?(?:automatic payments?|(?:billing )?agreement|subscription|profile)|automatic payments? (?:to|for) [^\n.]{1,60}? (?:(?:has|have) been|(?:was|were|is)) cancell?ed|(?:agreement|profile|subscription) (?:has been|was) cancell?ed)/i;
const TEXT_SIGNUP =
  /\b(?:you(?:'ve| have) (?:set up|approved|authori[sz]ed|agreed to) (?:an? )?(?:automatic payments?|billing agreement|recurring payments?)|you(?:'ve| have) given [^\n.]{1,60}? permission to (?:charge|take|collect)|new automatic payment setup)/i;
const TEXT_CHARGE =
  /\b(?:you sent (?:an automatic payment|a payment|[$€£¥]?\s?\d)|thank you for your (?:automatic )?payment|you(?:'ve| have)? paid\b|payment (?:sent|made)|you authori[sz]ed [$€£¥]?\s?\d|you authori[sz]ed a payment)/i;
const NOT_A_PAYMENT =
  /\b(?:you(?:'ve| have)? (?:got|received) (?:money|a payment)|money (?:is )?(?:waiting|on its way)|request(?:ed)? (?:money|a payment)|invoice from\b|(?:payment|transaction) (?:was |has been )?(?:declined|denied|unsuccessful|failed)|couldn'?t (?:process|complete)|security (?:code|alert)|confirm your (?:email|identity)|(?:new )?(?:log-?in|sign-?in)\b|policy update|(?:account )?statement is (?:ready|available))/i;

const TEXT_MERCHANT = [
  /\b(?:thank you for your (?:automatic )?payment to|you sent (?:an automatic payment|a payment|[^\n]{1,25}?) to|(?:automatic )?payments? to|refund from|you(?:'ve| have) given)\s+([^\n]+?)(?:\s+(?:permission|for|has|have|was|were|on)\b|[.!\n]|$)/i,
];
const MERCHANT = label("merchant|payee|recipient|seller|paid to|sent to", { lineStart: true });

function classify(notice: Notice): { kind: EventKind; merchant: string | null } {
  const subject = notice.subject?.trim() ?? "";
  for (const cue of SUBJECT_CUES) {
    const match = cue.pattern.exec(subject);
    if (match) return { kind: cue.kind, merchant: cleanMerchant(match[1] ?? match[2]) };
  }
  const head = notice.text.slice(0, 4000);
  if (NOT_A_PAYMENT.test(`${subject}\n${head.slice(0, 400)}`)) return { kind: "other", merchant: null };
  if (TEXT_REFUND.test(head)) return { kind: "refund", merchant: null };
  if (TEXT_CANCELLED.test(head)) return { kind: "cancellation", merchant: null };
  if (TEXT_SIGNUP.test(head)) return { kind: "signup", merchant: null };
  if (TEXT_CHARGE.test(head)) return { kind: "charge", merchant: null };
  return { kind: "other", merchant: null };
}

// --- fields -----------------------------------------------------------------------------------------------

// 17 letters and digits (Gmail's text rendering may bold the label: "*Transaction ID*").
const TRANSACTION_ID = label(
  "transaction id|transaction number|transaktionscode|id de transacci[oó]n|n° de transaction|numéro de transaction|id transazione",
);
const TRANSACTION_ID_VALUE = /^\s*([A-Z0-9]{17})\b/;
const TRANSACTION_DATE = label("transaction date|date of transaction|payment date|date");
// Most specific first: the "Amount" row of the details table, then totals, then the headline sentence.
const AMOUNTS = [
  label("amount", { lineStart: true }),
  label("payment amount|total amount|gross amount|total", { lineStart: true }),
  label("you (?:paid|sent)|payment of"),
];
const REFUND_AMOUNT = label("refund amount|amount refunded|total refund|refunded amount|refunded|refund of");
const FUNDING = label("paid with|funding sources?|payment method|payment source|charged to", { lineStart: false });
const NEXT_PAYMENT =
  /\b(?:next (?:payment|billing|charge)(?: date| due)?|renews? on|next due)\s*[:：]?\s*(?=(?:\d{1,2}\s+[A-Z][a-z]{2,}|[A-Z][a-z]{2,}\.?\s+\d{1,2}|\d{4}-\d{2}-\d{2}))/i;

function referenceIn(text: string): string | null {
  const value = valueAfter(text, TRANSACTION_ID);
  return value ? (TRANSACTION_ID_VALUE.exec(value)?.[1] ?? null) : null;
}

function amountFor(kind: EventKind, text: string): FoundMoney | null {
  const refunded = kind === "refund" ? amountAfter(text, REFUND_AMOUNT, 40) : null;
  if (refunded) return refunded;
  for (const amount of AMOUNTS) {
    const found = amountAfter(text, amount, 40);
    if (found) return found;
  }
  return firstChargedAmount(text);
}

function merchantIn(text: string): string | null {
  const labelled = cleanMerchant(valueAfter(text, MERCHANT));
  if (labelled && !/@/.test(labelled)) return labelled;
  for (const pattern of TEXT_MERCHANT) {
    const name = cleanMerchant(pattern.exec(text)?.[1]);
    if (name) return name;
  }
  return null;
}

function renewsIn(text: string, notice: Notice): string | null {
  const match = NEXT_PAYMENT.exec(text);
  if (!match) return null;
  const start = match.index + match[0].length;
  return calendarDateIn(text.slice(start, start + 30), notice);
}

/** PayPal's notices; null for anything else. */
export const readPayPal: Extractor = (notice) => {
  if (!isPayPal(notice)) return null;
  const { kind, merchant } = classify(notice);
  if (kind === "other") return otherEnglishEvent(notice);
  const text = notice.text;
  const dated = valueAfter(text, TRANSACTION_DATE);
  const funding = valueAfter(text, FUNDING);
  return englishEvent(notice, {
    kind,
    found: kind === "cancellation" ? null : amountFor(kind, text),
    merchant: merchant ?? merchantIn(text),
    occurred_at: dated ? instantIn(dated, notice) : null,
    reference: referenceIn(text),
    card_tail: funding ? cardTailIn(funding) : null,
    channel: "paypal",
    renews_at: kind === "refund" || kind === "cancellation" ? null : renewsIn(text, notice),
  });
};
