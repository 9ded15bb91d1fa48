// Card-app pushes (Revolut, Wise, Monzo, N26, Apple Card in Wallet…), posted by a phone's notification forwarder:
// one short line that names an amount and where it was spent, "Paid £8.99 at Netflix", "You spent 30.00 USD at
// Midjourney using your card ending 8804", "£3.49 at Deliveroo", "Du hast 12,99 € bei Spotify bezahlt". One
// pattern for every app: {payment verb}? {amount} {at} {merchant}. The app's package is the forwarder, not the
// channel: a card app's card is a debit card unless the notice says it is a credit card. Pure.
import { BRANDED_CARD, isCardHold, isOneTimeCode, PAYEE, POSSESSIVE } from "./card-alert";
import { cardTailIn, cleanMerchant, englishEvent, otherEnglishEvent } from "./generic-en";
import { dollarOf, type FoundMoney, findMoney } from "./money";
import type { Extractor, Notice, PaymentChannel } from "./types";

// A push is one or two lines; a longer text is a mail or an SMS of another kind.
const MAX_PUSH_CHARS = 400;

interface Spending {
  /** What may stand before the amount on its line: a payment verb, or (English) nothing at all. */
  before: RegExp;
  /** The word that leads to the merchant: "at", "bei", "chez", "en", "presso". */
  at: RegExp;
  /** Money coming back from the merchant ("Refund of £8.99 from Amazon"). */
  refund?: true;
}

// Per language: the verbs a card app writes before the amount, and the preposition before the merchant. Only
// English apps write the bare "£3.49 at Deliveroo"; a line that only starts with the amount counts there alone.
const SPENDING: Spending[] = [
  {
    before: /\b(?:refund(?:ed)?(?: of)?|you(?:'ve)? (?:got|received) a refund of)[:\s]*$/i,
    at: /^\s+(?:from|by|at)\s+/i,
    refund: true,
  },
  {
    before:
      /(?:^|[.!?:]\s*|\b(?:paid|spent|you(?:'ve)? (?:paid|spent)|(?:card )?payment(?: of)?|purchase(?: of)?|charged)[:\s]*)$/i,
    at: /^\s+(?:at|to)\s+/i,
  },
  {
    before: /\b(?:du hast|sie haben|(?:karten)?zahlung(?: von)?|bezahlt|ausgegeben)[:\s]*$/i,
    at: /^\s+bei\s+/i,
  },
  {
    before: /\b(?:vous avez payé|tu as payé|paiement(?: de)?|dépense(?: de)?|achat(?: de)?)[:\s]*$/i,
    at: /^\s+(?:chez|à)\s+/i,
  },
  { before: /\b(?:has pagado|ha pagado|pago(?: de)?|compra(?: de)?|gasto(?: de)?)[:\s]*$/i, at: /^\s+en\s+/i },
  {
    before: /\b(?:hai pagato|ha pagato|pagamento(?: di)?|spesa(?: di)?|acquisto(?: di)?)[:\s]*$/i,
    at: /^\s+(?:presso|da)\s+/i,
  },
  { before: /\b(?:je hebt|u heeft|(?:pin|kaart)?betaling(?: van)?)[:\s]*$/i, at: /^\s+(?:betaald\s+)?(?:aan|bij)\s+/i },
  { before: /\b(?:pagou|pagaste|pagamento(?: de)?|compra(?: de)?)[:\s]*$/i, at: /^\s+(?:em|a)\s+/i },
];

// Not money spent: a card check for nothing, a code to confirm a payment, a declined or failed payment, money
// coming in.
const NOT_SPENT =
  /\b(?:verification|verify|checked your card|no money was taken|OTP|one-time (?:pass(?:word|code)|code)|passcode|security code|declined|failed|insufficient|abgelehnt|fehlgeschlagen|refusée?|rechazad[oa]|rifiutat[oa]|recusad[oa]|negad[oa]|geweigerd|mislukt|received|erhalten|reçu|recibido|ricevuto|recebid[oa])\b/i;
const REFUND = /\b(?:refund(?:ed)?|erstattet|Erstattung|remboursée?|remboursement|reembols\w*|rimbors\w*)\b/i;
// A card app's card is a debit card, unless the notice says credit or names an issuer or brand whose cards are
// credit cards by name (Apple Card, Amex, Barclaycard, Discover, Capital One, Diners Club), or a trademarked card
// product (BRANDED_CARD).
const CREDIT =
  /\b(?:credit|Apple Card|American Express|Amex|Barclaycard|Discover|Capital One|Diners Club|Kreditkarte|crédit|crédito|credito)\b/i;

interface Spent {
  money: FoundMoney;
  merchant: string;
  refund: boolean;
}

/** The first amount that stands where a spending line puts it, with the merchant after it. */
function spendingIn(text: string): Spent | null {
  for (const money of findMoney(text, { defaultCurrency: dollarOf(text) })) {
    const lineStart = text.lastIndexOf("\n", money.index - 1) + 1;
    const before = text.slice(Math.max(lineStart, money.index - 40), money.index);
    const after = text.slice(money.index + money.raw.length);
    for (const spending of SPENDING) {
      const at = spending.at.exec(after);
      if (!at || !spending.before.test(before)) continue;
      const rest = after.slice(at[0].length);
      if (POSSESSIVE.test(rest)) continue;
      const merchant = cleanMerchant(PAYEE.exec(rest)?.[1]);
      if (merchant) return { money, merchant, refund: spending.refund === true };
    }
  }
  return null;
}

/** A card app's spending push; null for anything else (mail, long texts, lines that name no spending). */
export const readCardPush: Extractor = (notice: Notice) => {
  if (notice.source === "email" || notice.text.length > MAX_PUSH_CHARS) return null;
  const text = notice.text;
  const spent = spendingIn(text);
  if (!spent) return null;
  const held = NOT_SPENT.test(text) || isCardHold(text) || isOneTimeCode(text.toLowerCase());
  if (spent.money.amount_minor === 0 || (!spent.refund && held)) return otherEnglishEvent(notice);
  const channel: PaymentChannel = CREDIT.test(text) || BRANDED_CARD.test(text) ? "credit_card" : "bank_card";
  return englishEvent(notice, {
    kind: spent.refund || REFUND.test(text) ? "refund" : "charge",
    found: spent.money,
    merchant: spent.merchant,
    card_tail: cardTailIn(text),
    channel,
  });
};
