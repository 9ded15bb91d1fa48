// Card-app pushes (Revolut, Wise, Monzo, N26, Apple Card in Wallet…), posted by a phone's notification forwarder:
// one short line that names an amount and where it was spent, "Paid £8.99 at Netflix", "You spent 30.00 USD at
// Midjourney using your card ending 8804", "£3.49 at Deliveroo", "Du hast 12,99 € bei Spotify bezahlt". One
// pattern for every app: {payment verb}? {amount} {at} {merchant}. The app's package is the forwarder, not the
// channel: a card app's card is a debit card unless the notice says it is a credit card. Pure.

import { dollarOf, type FoundMoney, findMoney } from "./amounts";
import { BRANDED_CARD, channelIn, isCardHold, isOneTimeCode, PAYEE, POSSESSIVE, statedAt, tailIn } from "./card-alert";
import { cleanMerchant, englishEvent, otherEnglishEvent } from "./generic-en";
import type { Extractor, Notice, PaymentChannel } from "./types";

// A push is one or two lines; a longer text is a mail or an SMS of another kind.
const MAX_PUSH_CHARS = 400;

interface Spending {
  /** The language its dates are written in: "en" month first where the notice's zone says so, the others day first. */
  language: string;
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
    language: "en",
    before: /\b(?:refund(?:ed)?(?: of)?|you(?:'ve)? (?:got|received) a refund of)[:\s]*$/i,
    at: /^\s+(?:from|by|at)\s+/i,
    refund: true,
  },
  {
    language: "en",
    before:
      /(?:^|[.!?:]\s*|\b(?:paid|spent|you(?:'ve)? (?:paid|spent)|(?:card )?payment(?: of)?|purchase(?: of)?|charged)[:\s]*)$/i,
    at: /^\s+(?:at|to)\s+/i,
  },
  {
    language: "de",
    before: /\b(?:du hast|sie haben|(?:karten)?zahlung(?: von)?|bezahlt|ausgegeben)[:\s]*$/i,
    // "Du hast CHF 14.90 an Teleboy bezahlt" (a wallet's push), "… bei Spotify bezahlt" (a card's).
    at: /^\s+(?:bei|an)\s+/i,
  },
  {
    language: "fr",
    before: /\b(?:vous avez payé|tu as payé|paiement(?: de)?|dépense(?: de)?|achat(?: de)?)[:\s]*$/i,
    at: /^\s+(?:chez|à)\s+/i,
  },
  {
    language: "es",
    before: /\b(?:has pagado|ha pagado|pagaste|compraste|pago(?: de)?|compra(?: de)?|gasto(?: de)?)[:\s]*$/i,
    at: /^\s+en\s+/i,
  },
  {
    language: "it",
    before: /\b(?:hai pagato|ha pagato|pagamento(?: di)?|spesa(?: di)?|acquisto(?: di)?)[:\s]*$/i,
    at: /^\s+(?:presso|da)\s+/i,
  },
  {
    language: "nl",
    before: /\b(?:je hebt|u heeft|(?:pin|kaart)?betaling(?: van)?)[:\s]*$/i,
    at: /^\s+(?:betaald\s+)?(?:aan|bij)\s+/i,
  },
  { language: "pt", before: /\b(?:pagou|pagaste|pagamento(?: de)?|compra(?: de)?)[:\s]*$/i, at: /^\s+(?:em|a)\s+/i },
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
// A payment app that pays from the account or a card it does not name (TWINT, Bizum, Swish…): a wallet outside
// the channel list, so the channel cannot be told unless the push names a card.
const WALLET = /\b(?:TWINT|Bizum|MobilePay|Vipps|Swish|Satispay|BLIK|Payconiq|Lydia|Paylib|Venmo|Cash App)\b/;
const CARD = /\b(?:card|karte|carte|tarjeta|carta|kaart|cart[aã]o|kart[aąy])\b/i;

interface Spent {
  money: FoundMoney;
  merchant: string;
  refund: boolean;
  language: string;
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
      if (merchant) return { money, merchant, refund: spending.refund === true, language: spending.language };
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
  const card_tail = tailIn(text);
  // A card brand says credit as the card-alert reader hears it ("your BMO Mastercard ending 5318").
  const credit = CREDIT.test(text) || BRANDED_CARD.test(text) || channelIn(text) === "credit_card";
  const wallet = WALLET.test(text) && !card_tail && !CARD.test(text);
  const channel: PaymentChannel | null = wallet ? null : credit ? "credit_card" : "bank_card";
  return englishEvent(notice, {
    kind: spent.refund || REFUND.test(text) ? "refund" : "charge",
    found: spent.money,
    merchant: spent.merchant,
    // "… was posted to your card on Jan 6": the day it states, else the push's own time.
    occurred_at: statedAt(text.slice(spent.money.index), spent.language, notice),
    card_tail,
    channel,
  });
};
