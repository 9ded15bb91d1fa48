// PayPal notices from service@paypal.* (any country domain): payment receipts, automatic (subscription)
// payments, new automatic-payment setups, refunds and cancelled automatic payments, in English, German, French,
// Spanish, Italian and Japanese (PayPal words them the same way in each: one phrase per kind, one label per field).
// Pure.

import type { FoundMoney } from "./amounts";
import { dayInstant, findCalendarDate, findDateTime } from "./dates";
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
  otherEnglishEvent,
  valueAfter,
} from "./generic-en";
import { europeanDateIn } from "./generic-eu";
import { pairFor, segmentsOf } from "./segment";
import type { EventKind, Extractor, Notice } from "./types";

const PAYPAL_SENDER = /@(?:[\w-]+\.)*paypal\.[a-z]{2,3}(?:\.[a-z]{2})?$/i;
const PAYPAL_SUBJECT =
  /\b(?:receipt for your payment to|you sent an automatic payment to|review your new automatic payment setup for|you have a refund from|automatic payments? (?:to|for) .+ (?:cancel))|\b(?:Zahlung an .+ gesendet|Reçu de votre paiement à|Vous avez envoyé un paiement|Has enviado un pago|Recibo de tu pago a|Hai inviato un pagamento|Ricevuta del (?:tuo )?pagamento a)\b/i;
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
// Each cue in English, German, French, Spanish and Italian, as PayPal words its subjects.
// Japanese subjects name the merchant first: "Example, Inc.への自動支払いが完了しました".
const SUBJECT_CUES: Cue[] = [
  { kind: "refund", pattern: /^(.+?)(?:から|より)(?:の)?返金/ },
  { kind: "cancellation", pattern: /^(.+?)(?:への|に対する)自動支払い(?:が|を|の)?(?:キャンセル|停止|解約|取り消)/ },
  { kind: "signup", pattern: /^(.+?)(?:への|に対する)(?:新しい)?自動支払い(?:が|を|の)?(?:設定|承認|登録)/ },
  { kind: "charge", pattern: /^(.+?)(?:への|に)(?:自動支払い|お?支払い)(?:が完了|を送信|の(?:受領|領収))/ },
  {
    kind: "refund",
    pattern:
      /\b(?:you have a refund from|refund from|you(?:'ve| have) (?:got|received) a refund from|(?:Rückzahlung|Rückerstattung|Erstattung) von|remboursement de(?: la part de)?|reembolso de|rimborso da)\s+(.+?)(?:\s+erhalten)?\s*$/i,
  },
  {
    kind: "cancellation",
    pattern:
      /\b(?:you(?:'ve| have)? cancell?ed (?:your )?automatic payments? (?:to|for)\s+(.+)|automatic payments? (?:to|for)\s+(.+?)\s+(?:(?:has|have) been |was |were |is |are )?cancell?ed\b|automatische Zahlung(?:en)? (?:an|für)\s+(.+?)\s+(?:wurde |wurden )?(?:storniert|gekündigt|beendet|deaktiviert)\b|(?:annulé|résilié) (?:votre |le |les )?paiements? automatiques? (?:à|pour|au profit de)\s+(.+)|cancelado (?:tu |el |los )?pagos? automáticos? (?:a|de|para|con)\s+(.+)|annullato (?:il tuo |il |i )?pagament[oi] automatic[oi] (?:a|per|di)\s+(.+))/i,
  },
  {
    kind: "signup",
    pattern:
      /\b(?:review your new automatic payment setup for|new automatic payment setup for|you(?:'ve| have) set up an automatic payment (?:to|for)|you(?:'ve| have) (?:approved|authori[sz]ed) automatic payments? (?:to|for)|neue automatische Zahlung (?:an|für)|nouveau paiement automatique (?:à|pour|configuré pour)|nuevo pago automático (?:a|para|con)|nuovo pagamento automatico (?:a|per))\s+(.+)|\bautomatische Zahlung (?:an|für)\s+(.+?)\s+eingerichtet\b/i,
  },
  {
    kind: "charge",
    pattern:
      /\b(?:you sent an automatic payment to|receipt for your payment to|you sent a payment to|your payment to|you paid|you authori[sz]ed a payment to|Zahlung an|Ihre Zahlung an|(?:Reçu de|Reçu pour) votre paiement (?:à|au profit de)|envoyé un paiement (?:automatique )?à|Votre paiement à|enviado un pago (?:automático )?a|Recibo de (?:tu|su) pago a|(?:Tu|Su) pago a|inviato un pagamento (?:automatico )?a|Ricevuta del (?:tuo )?pagamento a|Il tuo pagamento a)\s+(.+?)(?:\s+gesendet)?\s*$/i,
  },
];

const TEXT_REFUND =
  /\b(?:has (?:issued|sent) (?:you )?a (?:full |partial )?refund|refund(?:ed)? (?:of|amount)\b|you(?:'ve| have) (?:got|received) a refund|issued a refund|(?:Rückzahlung|Rückerstattung) (?:über|von|in Höhe von)\b|hat Ihnen (?:eine Rückzahlung|einen Betrag) |(?:vous a )?(?:remboursé|envoyé un remboursement)\b|(?:te ha|le ha) (?:reembolsado|enviado un reembolso)|ti ha (?:rimborsato|inviato un rimborso))|返金(?:しました|されました|を受け取|が完了)/i;
const TEXT_CANCELLED =
  /\b(?:you(?:'ve| have)? cancell?ed (?:your )?(?:automatic payments?|(?:billing )?agreement|subscription|profile)|automatic payments? (?:to|for) [^\n.]{1,60}? (?:(?:has|have) been|(?:was|were|is)) cancell?ed|(?:agreement|profile|subscription) (?:has been|was) cancell?ed|automatische Zahlung(?:en)? [^\n.]{1,60}? (?:storniert|gekündigt|beendet)|(?:avez )?annulé (?:votre |vos |le |les )?paiements? automatiques?|(?:has )?cancelado (?:tu |tus |el |los )?pagos? automáticos?|(?:hai )?annullato (?:il tuo |i tuoi |il |i )?pagament[oi] automatic[oi])|自動支払い(?:が|を)(?:キャンセル|停止|解約)/i;
const TEXT_SIGNUP =
  /\b(?:you(?:'ve| have) (?:set up|approved|authori[sz]ed|agreed to) (?:an? )?(?:automatic payments?|billing agreement|recurring payments?)|you(?:'ve| have) given [^\n.]{1,60}? permission to (?:charge|take|collect)|new automatic payment setup|automatische Zahlung(?:en)? [^\n.]{1,60}? eingerichtet|(?:configuré|autorisé) (?:un |des )?paiements? automatiques?|(?:configurado|autorizado) (?:un |los )?pagos? automáticos?|(?:impostato|autorizzato) (?:un |i )?pagament[oi] automatic[oi])|自動支払い(?:が|を)(?:設定|承認|登録)/i;
const TEXT_CHARGE =
  /\b(?:you sent (?:an automatic payment|a payment|[$€£¥]?\s?\d)|thank you for your (?:automatic )?payment|you(?:'ve| have)? paid\b|payment (?:sent|made)|you authori[sz]ed [$€£¥]?\s?\d|you authori[sz]ed a payment|Sie haben (?:eine (?:automatische )?Zahlung|[^\n.]{1,30}? an [^\n]{1,60}? gesendet)|Vous avez envoyé (?:un paiement|[^\n.]{1,30}? à)|Has enviado (?:un pago|[^\n.]{1,30}? a)|Hai inviato (?:un pagamento|[^\n.]{1,30}? a))|(?:自動支払い|お?支払い)(?:を送信しました|が完了しました)/i;
const NOT_A_PAYMENT =
  /\b(?:you(?:'ve| have)? (?:got|received) (?:money|a payment)|money (?:is )?(?:waiting|on its way)|request(?:ed)? (?:money|a payment)|invoice from\b|(?:payment|transaction) (?:was |has been )?(?:declined|denied|unsuccessful|failed)|couldn'?t (?:process|complete)|security (?:code|alert)|confirm your (?:email|identity)|(?:new )?(?:log-?in|sign-?in)\b|policy update|(?:account )?statement is (?:ready|available)|Sie haben (?:Geld|eine Zahlung) (?:von [^\n.]{1,60}? )?erhalten|Zahlungsaufforderung|Zahlung (?:wurde )?(?:abgelehnt|fehlgeschlagen)|Vous avez reçu (?:de l'argent|un paiement)|demande de paiement|paiement (?:a été )?(?:refusé|a échoué)|Has recibido (?:dinero|un pago)|solicitud de pago|pago (?:ha sido )?rechazado|Hai ricevuto (?:denaro|un pagamento)|richiesta di pagamento|pagamento (?:è stato )?(?:rifiutato|non riuscito))|(?:お?支払い|送金)を受け取りました|支払い(?:が|を)(?:拒否|完了できませんでした)|請求書が届きました/i;

const TEXT_MERCHANT = [
  /\b(?:thank you for your (?:automatic )?payment to|you sent (?:an automatic payment|a payment|[^\n]{1,25}?) to|(?:automatic )?payments? to|refund from|you(?:'ve| have) given)\s+([^\n]+?)(?:\s+(?:permission|for|has|have|was|were|on)\b|[.!\n]|$)/i,
  /\bSie haben eine (?:automatische )?Zahlung [^\n]{0,30}?\ban ([^\n]+?) gesendet\b/i,
  /\b(?:Vous avez envoyé un paiement|Has enviado un pago|Hai inviato un pagamento) [^\n]{0,40}?\b(?:à|a) ([^\n]+?)(?:\.?\s*$|\.\s)/im,
];
// The merchant's label in the details block: "Merchant", "Händler", "Marchand", "Comerciante", "Venditore".
const MERCHANT = label(
  "merchant|payee|recipient|seller|paid to|sent to|Händler|Empfänger|Zahlungsempfänger|Verkäufer|Marchand|Bénéficiaire|Destinataire|Vendeur|Comerciante|Beneficiario|Destinatario|Vendedor|Venditore|Commerciante|Beneficiario|支払先|支払い先|販売者|受取人",
  { lineStart: true },
);

function classify(notice: Notice): { kind: EventKind; merchant: string | null } {
  const subject = notice.subject?.trim() ?? "";
  for (const cue of SUBJECT_CUES) {
    const match = cue.pattern.exec(subject);
    if (match) return { kind: cue.kind, merchant: cleanMerchant(match.slice(1).find((group) => group !== undefined)) };
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

// PayPal's transaction id: 17 capitals and digits, somewhere after its label (on the label's line, the next line,
// or the next row when the labels head a table: "Numéro de transaction\tDate de transaction\n9LM…\t2 févr.").
// Gmail's text rendering may bold the label ("*Transaction ID*") and wrap it over two lines.
const TRANSACTION_ID = label(
  "transaction id|transaction number|transaktionscode|transaktions-?(?:id|nummer)|id\\.? de transacci[oó]n|n[úu]mero de transacci[oó]n|c[óo]digo de transacci[oó]n|n° de transaction|numéro de transaction|id de transaction|id transazione|codice transazione|numero (?:di |della )?transazione|取引ID|取引番号|取引コード",
);
const TRANSACTION_ID_VALUE = /(?<![A-Z0-9])(?=[A-Z]*\d)(?=\d*[A-Z])([A-Z0-9]{17})(?![A-Za-z0-9])/;
const TRANSACTION_DATE = label(
  "transaktionsdatum|datum der transaktion|date de (?:la )?transaction|date de (?:la )?transaction|fecha de (?:la )?transacci[oó]n|data (?:della )?transazione|transaction date|date of transaction|payment date|date|取引日時|取引日|支払日",
);
const DATE_PAIR =
  /(?:transaktions|zahlungs)?datum|date(?: de (?:la )?transaction| du paiement)?|fecha(?: de (?:la )?(?:transacci[oó]n|pago))?|data(?: della transazione| del pagamento)?|transaction date|payment date|取引日時|取引日/i;
// Most specific first: the "Amount" row of the details table, then totals, then the headline sentence.
const AMOUNTS = [
  label(
    "gesendeter betrag|montant envoyé|importe enviado|importo inviato|gesamtbetrag|gesamtsumme|gesamt(?![a-z])|summe(?![a-z])|totale(?![a-z])|importe total|montant total",
    { lineStart: true },
  ),
  label("amount|金額|お?支払い?金額|合計", { lineStart: true }),
  label("payment amount|total amount|gross amount|total", { lineStart: true }),
  label("betrag(?![a-z])|montant(?![a-z])|importe(?![a-z])|importo(?![a-z])", { lineStart: true }),
  label("you (?:paid|sent)|payment of"),
];
const REFUND_AMOUNT = label(
  "refund amount|amount refunded|total refund|refunded amount|refunded|refund of|(?:Rückzahlungs|Erstattungs)betrag|erstatteter Betrag|montant (?:du )?remboursement|montant remboursé|importe (?:del )?reembolso|importe reembolsado|importo (?:del )?rimborso|importo rimborsato|返金額|返金金額",
);
const FUNDING = label(
  "paid with|funding sources?|payment method|payment source|charged to|bezahlt mit|zahlungsquelle|zahlungsmethode|payé avec|source de (?:paiement|financement)|mode de paiement|pagado con|fuente de (?:pago|financiación)|método de pago|pagato con|fonte di (?:pagamento|finanziamento)|metodo di pagamento|お?支払い?方法",
  { lineStart: false },
);
const NEXT_PAYMENT =
  /\b(?:next (?:payment|billing|charge)(?: date| due)?|renews? on|next due)\s*[:：]?\s*(?=(?:\d{1,2}\s+[A-Z][a-z]{2,}|[A-Z][a-z]{2,}\.?\s+\d{1,2}|\d{4}-\d{2}-\d{2}))/i;
const NEXT_PAYMENT_JA = /次回(?:の)?(?:お?支払い?|請求)日?[^\n\d]{0,10}/;
const NEXT_PAYMENT_EU =
  /\b(?:nächste (?:Zahlung|Abbuchung)|prochain paiement|próximo pago|prossimo pagamento)\b[^\n\d]{0,30}/i;

function referenceIn(text: string): string | null {
  const start = indexAfter(text, TRANSACTION_ID);
  return start < 0 ? null : (TRANSACTION_ID_VALUE.exec(text.slice(start, start + 160))?.[1] ?? null);
}

/** A transaction date as written: English ("Mar 3, 2025 10:15:04 PST") or day first ("14. Juli 2026", "2 févr. 2026"). */
function instantOf(value: string, notice: Notice): string | null {
  const english = instantIn(value, notice);
  if (english) return english;
  if (/\d年\d{1,2}月/.test(value)) return findDateTime(value, japanese(notice));
  const day = europeanDateIn(value, notice.receivedAt, "past");
  return day ? dayInstant(day, notice.sentAt ?? notice.receivedAt) : null;
}

/** A Japanese notice's dates: its times are Japan's unless it says otherwise. */
function japanese(notice: Notice) {
  return { receivedAt: notice.receivedAt, timeZone: "Asia/Tokyo" };
}

/** The labelled transaction date: a "label: value" line or a table's column, else the line after the label. */
function occurredAt(notice: Notice): string | null {
  const pair = pairFor(segmentsOf(notice), DATE_PAIR);
  const paired = pair ? instantOf(pair.value, notice) : null;
  if (paired) return paired;
  const value = valueAfter(notice.text, TRANSACTION_DATE);
  return value ? instantOf(value, notice) : null;
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
  if (match) {
    const start = match.index + match[0].length;
    return calendarDateIn(text.slice(start, start + 30), notice);
  }
  const japaneseNext = NEXT_PAYMENT_JA.exec(text);
  if (japaneseNext) {
    const start = japaneseNext.index + japaneseNext[0].length;
    return findCalendarDate(text.slice(start, start + 30), japanese(notice));
  }
  const european = NEXT_PAYMENT_EU.exec(text);
  if (!european) return null;
  const start = european.index + european[0].length;
  return europeanDateIn(text.slice(start, start + 40), notice.receivedAt, "future");
}

/** PayPal's notices; null for anything else. */
export const readPayPal: Extractor = (notice) => {
  if (!isPayPal(notice)) return null;
  const { kind, merchant } = classify(notice);
  if (kind === "other") return otherEnglishEvent(notice);
  const text = notice.text;
  const funding = valueAfter(text, FUNDING);
  return englishEvent(notice, {
    kind,
    found: kind === "cancellation" ? null : amountFor(kind, text),
    merchant: merchant ?? merchantIn(text),
    occurred_at: occurredAt(notice),
    reference: referenceIn(text),
    card_tail: funding ? cardTailIn(funding) : null,
    channel: "paypal",
    renews_at: kind === "refund" || kind === "cancellation" ? null : renewsIn(text, notice),
  });
};
