// Prepaid top-ups: an operator's SMS that a phone's credit was bought ("Your $20 recharge was successful", "Ihr
// Guthaben wurde um 15,00 € aufgeladen", "Ricarica di 10,00 EUR effettuata", "Carregamento de 10,00 EUR"). A
// charge by the operator: the payee is the tag the SMS opens with ("Acme Mobile: …") or its alphabetic sender;
// the new balance and the credit's expiry are noise, a failed top-up is "other". Money loaded into one's own
// account or wallet is no top-up here. Pure.

import { findMoney } from "./amounts";
import { isOneTimeCode } from "./card-alert";
import { cleanMerchant, englishEvent, otherEnglishEvent } from "./generic-en";
import { segmentsOf } from "./segment";
import type { Extractor, Notice } from "./types";

const MAX_SMS_CHARS = 400;

// Per language, the words of a top-up (lower case, searched as plain strings before any pattern runs).
const TOP_UP_WORDS = [
  ...["top-up", "top up", "topped up", "recharge"], // en (fr "recharge" too)
  ...["aufgeladen", "aufladung"], // de
  ...["rechargement", "rechargé"], // fr
  ...["recarga", "recargado"], // es
  ...["ricarica", "ricaricato"], // it
  ...["carregamento", "carregado"], // pt
  ...["opwaardering", "opgewaardeerd"], // nl
];
// A top-up that did not go through, in the same languages.
const FAILED =
  /\b(?:failed|unsuccessful|declined|fehlgeschlagen|nicht möglich|échoué|refusé|fallida|rechazada|non riuscita|fallita|falhou|recusad[oa]|mislukt)/i;
// Money moved into one's own account or wallet: a transfer, not a purchase.
const OWN_ACCOUNT = /\b(?:account|wallet|konto|compte|cuenta|conto|conta|rekening)\b/i;
// A figure right after a balance word ("Neues Guthaben: 17,43 €", "Saldo atual: 12,37 EUR", "balance is now $4"):
// the credit left, not the credit bought.
const BALANCE_BEFORE =
  /(?:balance|guthaben|kontostand|solde|saldo|crédito|credito|credit|tegoed)(?:\s+\p{L}+)?(?:\s+is(?:\s+now)?)?\s*:?\s*$/iu;
// The operator's tag opening the SMS: a short name before a colon.
const OPENING_TAG = /^([\p{L}][\p{L}\p{N} .&'-]{0,23}?)\s*:/u;
const NAME = /^[\p{L}][\p{L}\p{N} &'-]{0,23}$/u;
const RECEIPT =
  /\b(?:receipt|reference|ref|beleg|référence|referencia|riferimento|referência|referentie)\b\.?\s*(?:no\.?|number|nr\.?|n[°º]\.?|id)?\s*[:#]?\s*([A-Z0-9][A-Z0-9-]{3,})/i;

function isTopUp(lower: string): boolean {
  return TOP_UP_WORDS.some((word) => lower.includes(word));
}

function operatorOf(notice: Notice): string | null {
  const tag = segmentsOf(notice).senderTag ?? OPENING_TAG.exec(notice.text)?.[1];
  if (tag) return cleanMerchant(tag);
  const sender = notice.sender?.trim() ?? "";
  return NAME.test(sender) ? sender : null;
}

/** An operator's top-up SMS as a charge; null for anything else. */
export const readTopUp: Extractor = (notice) => {
  if (notice.source === "email" || notice.text.length > MAX_SMS_CHARS) return null;
  const lower = notice.text.toLowerCase();
  if (!isTopUp(lower) || OWN_ACCOUNT.test(notice.text)) return null;
  const money = findMoney(notice.text).find(
    (found) => !BALANCE_BEFORE.test(notice.text.slice(Math.max(0, found.index - 40), found.index)),
  );
  if (!money) return null;
  if (FAILED.test(notice.text) || isOneTimeCode(lower)) return otherEnglishEvent(notice);
  const merchant = operatorOf(notice);
  if (!merchant) return null;
  const reference = RECEIPT.exec(notice.text)?.[1];
  return englishEvent(notice, {
    kind: "charge",
    found: money,
    merchant,
    reference: reference && /\d/.test(reference) ? reference : null,
  });
};
