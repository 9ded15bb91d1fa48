// Google Play notices from googleplay-noreply@google.com, in the languages Play writes them in: order receipts
// (renewals append "..N" to the order number), cancellations, price changes and trial / renewal reminders. The
// labels and cues are data per language (LABELS, CUES); the item line "{product} ({app})" names the app. Pure.

import { type FoundMoney, findMoney } from "./amounts";
import {
  cardTailIn,
  cleanMerchant,
  dateAfterCue,
  englishEvent,
  firstChargedAmount,
  otherEnglishEvent,
} from "./generic-en";
import { europeanDateIn } from "./generic-eu";
import { type Segmented, segmentsOf } from "./segment";
import { compileCues, compileLabels, instantOf, labelled, moneyIn, yenOf } from "./store-labels";
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

// --- the words, per language ---------------------------------------------------------------------------

const LABELS = compileLabels<"orderDate" | "total" | "payment" | "item" | "price">({
  en: {
    orderDate: ["Order date", "Date"],
    total: ["Total"],
    payment: ["Payment method"],
    item: ["Item"],
    price: ["Price"],
  },
  zh_hans: {
    orderDate: ["订单日期"],
    total: ["总计", "合计"],
    payment: ["付款方式", "支付方式"],
    item: ["商品"],
    price: ["价格"],
  },
  zh_hant: {
    orderDate: ["訂單日期"],
    total: ["總計", "合計"],
    payment: ["付款方式"],
    item: ["項目", "商品"],
    price: ["價格"],
  },
  ja: {
    orderDate: ["注文日", "ご注文日"],
    total: ["合計"],
    payment: ["お支払い方法", "支払い方法"],
    item: ["商品", "アイテム"],
    price: ["価格"],
  },
  ko: {
    orderDate: ["주문 날짜", "주문일"],
    total: ["합계", "총액"],
    payment: ["결제 수단", "결제수단", "결제 방법"],
    item: ["항목", "상품"],
    price: ["가격"],
  },
  de: {
    orderDate: ["Bestelldatum"],
    total: ["Gesamtbetrag", "Gesamt", "Summe"],
    payment: ["Zahlungsmethode", "Zahlungsart"],
    item: ["Artikel", "Element"],
    price: ["Preis"],
  },
  fr: {
    orderDate: ["Date de la commande", "Date de commande"],
    total: ["Total"],
    payment: ["Mode de paiement", "Moyen de paiement"],
    item: ["Article", "Élément"],
    price: ["Prix"],
  },
  es: {
    orderDate: ["Fecha del pedido", "Fecha de pedido"],
    total: ["Total"],
    payment: ["Método de pago", "Forma de pago"],
    item: ["Artículo", "Elemento"],
    price: ["Precio"],
  },
  it: {
    orderDate: ["Data dell'ordine", "Data ordine"],
    total: ["Totale"],
    payment: ["Metodo di pagamento"],
    item: ["Articolo", "Elemento"],
    price: ["Prezzo"],
  },
  nl: {
    orderDate: ["Besteldatum"],
    total: ["Totaal"],
    payment: ["Betaalmethode"],
    item: ["Item", "Artikel"],
    price: ["Prijs"],
  },
});

// Regex sources: what a subject or opening says the notice is, and the line under an auto-renewing item.
const CUES = compileCues<"refund" | "cancelled" | "priceChange" | "trial" | "upcoming" | "receipt" | "autoRenewing">({
  en: {
    refund: ["\\brefund(?:ed)?\\b(?![- ]?polic)"],
    cancelled: [
      "\\bcancel(?:l?ed|lation)\\b(?![^.\\n]{0,20}\\b(?:any ?time|at any time)\\b)",
      "\\bwill not (?:auto-?)?renew\\b",
      "\\bauto-?renew(?:al|ing)? (?:is |has been )?(?:off|turned off)\\b",
    ],
    priceChange: [
      "\\bprice (?:change|increase)\\b",
      "\\bprice of your\\b[^.\\n]{0,60}\\b(?:will|is going to) (?:increase|change|go up)\\b",
      "\\b(?:is|are) (?:going up|increasing)\\b",
    ],
    trial: ["\\b(?:free )?trial\\b[^.\\n]{0,60}?\\b(?:ends?|ending|will end|expires?|is over|converts?)\\b"],
    upcoming: [
      "\\bwill (?:automatically )?renew\\b",
      "\\brenews on\\b",
      "\\brenewal reminder\\b",
      "\\bupcoming (?:renewal|payment)\\b",
    ],
    receipt: ["\\border receipt\\b", "\\breceipt\\b"],
    autoRenewing: ["\\bauto-renewing subscription\\b"],
  },
  zh_hans: {
    refund: ["退款"],
    cancelled: ["已取消", "取消了"],
    priceChange: ["价格(?:变动|变更|上涨|调整)"],
    receipt: ["订单收据", "收据"],
    autoRenewing: ["自动续订的订阅"],
  },
  zh_hant: {
    refund: ["退款"],
    cancelled: ["已取消", "已於[^。\\n]{0,30}取消"],
    priceChange: ["價格(?:變動|變更|調漲|上漲|調整)"],
    receipt: ["訂單收據", "收據"],
    autoRenewing: ["自動續訂的訂閱"],
  },
  ja: {
    refund: ["返金"],
    cancelled: ["解約(?:しました|されました|手続き)", "キャンセル(?:しました|されました)"],
    priceChange: ["価格(?:の)?変更", "値上げ"],
    receipt: ["ご注文明細", "注文明細", "領収書"],
    autoRenewing: ["自動更新される定期購入"],
  },
  ko: {
    refund: ["환불"],
    cancelled: ["취소되었습니다", "해지되었습니다", "구독을 취소"],
    priceChange: ["가격(?:이)? ?(?:변경|인상)"],
    receipt: ["주문 영수증", "영수증"],
    autoRenewing: ["자동 갱신 정기 결제"],
  },
  de: {
    refund: ["Erstattung", "Rückerstattung"],
    cancelled: ["gekündigt"],
    priceChange: ["Preisänderung", "Preiserhöhung"],
    receipt: ["Bestellbeleg", "Beleg"],
    autoRenewing: ["Abo mit automatischer Verlängerung"],
  },
  fr: {
    refund: ["remboursement", "remboursé"],
    cancelled: ["(?:a été |avez )(?:annulé|résilié)"],
    priceChange: ["changement de prix", "modification (?:du|de) prix", "augmentation (?:du|de) prix"],
    receipt: ["reçu de commande", "reçu"],
    autoRenewing: ["Abonnement à renouvellement automatique"],
  },
  es: {
    refund: ["reembolso"],
    cancelled: ["(?:has|ha) cancelado", "se ha cancelado"],
    priceChange: ["cambio de precio", "aumento (?:del|de) precio"],
    receipt: ["recibo (?:del|de tu) pedido", "recibo"],
    autoRenewing: ["Suscripción con renovación automática"],
  },
  it: {
    refund: ["rimborso"],
    cancelled: ["(?:hai|è stato) annullato", "disdett[oa]"],
    priceChange: ["variazione (?:del|di) prezzo", "aumento (?:del|di) prezzo"],
    receipt: ["ricevuta (?:dell['’])?ordine", "ricevuta"],
    autoRenewing: ["Abbonamento con rinnovo automatico"],
  },
  nl: {
    refund: ["terugbetaling", "terugbetaald"],
    cancelled: ["(?:is |hebt |heeft )opgezegd", "geannuleerd"],
    priceChange: ["prijswijziging", "prijsverhoging"],
    receipt: ["bestelbevestiging", "ontvangstbewijs"],
    autoRenewing: ["Automatisch verlengend abonnement"],
  },
});

// --- what kind of notice -----------------------------------------------------------------------------

function kindOf(notice: Notice): EventKind {
  const subject = notice.subject ?? "";
  const head = notice.text.slice(0, 4000);
  const ordered = ORDER_NUMBER.test(head);
  if (CUES.refund.test(subject)) return "refund";
  for (const part of [subject, head]) {
    if (CUES.priceChange.test(part)) return "renewal_notice";
    if (part === subject && CUES.receipt.test(part)) return "charge";
    if (ordered) continue;
    if (CUES.cancelled.test(part)) return "cancellation";
    if (CUES.trial.test(part) || CUES.upcoming.test(part)) return "renewal_notice";
  }
  return ordered ? "charge" : "other";
}

// --- the item ------------------------------------------------------------------------------------------

const APP_IN_PARENS = /[(（]([^()（）]+)[)）]\s*$/;
// The item alone on its line, "標準 (Netflix)": a name, then the app in parentheses, and nothing else.
const ITEM_ALONE = /^[^():：\t]{1,60}[(（][^()（）:：]{1,60}[)）]$/;
const LAST_DIGITS = /(\d{3,4})\s*$/;

interface Item {
  merchant: string | null;
  price: FoundMoney | null;
}

/**
 * "{product} ({app}) Rp 39.000,00/month" → the app in the parentheses, else the product, and the price. In a table
 * row the product is a cell of its own, beside "Auto-renewing subscription" and the price.
 */
function itemOf(line: string, currency: string | undefined): Item | null {
  let price: FoundMoney | null = null;
  const names: string[] = [];
  for (const cell of line.split(/[\t|]+/)) {
    const money: FoundMoney | null = price ? null : moneyIn(cell, currency);
    if (money) price = money;
    const name = (money ? cell.slice(0, money.index) : cell).trim();
    if (name) names.push(name);
  }
  const name = names.find((cell) => APP_IN_PARENS.test(cell)) ?? names[0];
  if (!name || LABELS.total.leading.test(name) || LABELS.payment.leading.test(name)) return null;
  const app = APP_IN_PARENS.exec(name)?.[1];
  return { merchant: cleanMerchant(app ?? name), price };
}

/** The line heading the item table: its item and price labels ("Item Price", "商品 | 价格", "Artikel Preis"). */
function isItemHeader(line: string): boolean {
  const words = line.split(/[\t|]+|\s+/).filter(Boolean);
  return (
    words.length === 2 && LABELS.item.whole.test(words[0] as string) && LABELS.price.whole.test(words[1] as string)
  );
}

/** The item: under the table's header, else above "Auto-renewing subscription", else alone on its line. */
function itemLine(lines: string[], currency: string | undefined): Item | null {
  const header = lines.findIndex(isItemHeader);
  if (header >= 0) {
    for (const line of lines.slice(header + 1, header + 4)) {
      const item = itemOf(line.trim(), currency);
      if (item) return item;
    }
  }
  const renewing = lines.findIndex((line) => CUES.autoRenewing.test(line));
  if (renewing > 0) {
    const item = itemOf((lines[renewing - 1] as string).trim(), currency);
    if (item) return item;
  }
  for (const line of lines.slice(0, 20)) if (ITEM_ALONE.test(line.trim())) return itemOf(line.trim(), currency);
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

// --- other fields --------------------------------------------------------------------------------------

const NEW_PRICE = /\b(?:to|new price(?: is| will be)?|will be|you(?:'ll| will) (?:be charged|pay))\s*:?\s*/gi;
const RENEWS_DATE =
  /\b(?:starting(?: on| from)?|effective(?: on| from)?|from|on|ends? on|ending on|ends?|until|renews? on|next (?:payment|charge|billing)(?: date)?:?)\s+(?=(?:\d{1,2}\s+[A-Z][a-z]{2,}|[A-Z][a-z]{2,}\.?\s+\d{1,2}|\d{4}-\d{2}-\d{2}))/g;

function newPrice(text: string): FoundMoney | null {
  NEW_PRICE.lastIndex = 0;
  for (let match = NEW_PRICE.exec(text); match; match = NEW_PRICE.exec(text)) {
    const start = match.index + match[0].length;
    const found = findMoney(text.slice(start, start + 25))[0];
    if (found && found.index === 0) return { ...found, index: start };
  }
  return null;
}

// On a receipt only an explicit renewal or trial-end phrase dates the next charge; in Chinese, Japanese and Korean the
// trial period names its end after its length ("免費試用期：7 天（至 2026年3月15日）").
const RECEIPT_RENEWS =
  /\b(?:renews? on|will renew on|next (?:payment|charge|billing)(?: date)?:?|(?:free )?trial (?:ends?|until)(?: on)?|until)\s+(?=(?:\d{1,2}\s+[A-Z][a-z]{2,}|[A-Z][a-z]{2,}\.?\s+\d{1,2}|\d{4}-\d{2}-\d{2}))|(?:試用期|试用期|無料期間|無料体験期間|무료 체험 기간)[^\n]{0,16}?(?=\d{4}\s*[年년])/gi;

// The continental receipts date the renewal in their own month names ("wordt automatisch verlengd op 16 mei 2025").
const EUROPEAN_RENEWS =
  /\b(?:wordt (?:automatisch )?verlengd op|verlängert sich (?:automatisch )?am|se renouvellera (?:automatiquement )?le|se renovará (?:automáticamente )?el|si rinnoverà (?:automaticamente )?il)\s+/gi;

/** The renewal date after a continental cue, day first and in that language's month names. */
function europeanRenewal(text: string, notice: Notice): string | null {
  EUROPEAN_RENEWS.lastIndex = 0;
  const match = EUROPEAN_RENEWS.exec(text);
  if (!match) return null;
  const start = match.index + match[0].length;
  return europeanDateIn(text.slice(start, start + 30), notice.receivedAt, "future");
}

/** The card behind the payment method ("Visa-4821", "Mastercard-•••• 7702"); none for a balance or carrier billing. */
function paymentTail(segmented: Segmented): string | null {
  const method = labelled(segmented, LABELS.payment)?.value;
  if (!method) return null;
  return cardTailIn(method) ?? LAST_DIGITS.exec(method)?.[1] ?? null;
}

function readReceipt(notice: Notice, segmented: Segmented, kind: "charge" | "refund") {
  const text = notice.text;
  const currency = yenOf(text);
  const item = itemLine(segmented.lines, currency);
  const total = moneyIn(labelled(segmented, LABELS.total)?.value, currency) ?? item?.price ?? firstChargedAmount(text);
  const orderDate = labelled(segmented, LABELS.orderDate)?.value;
  // A free trial's receipt totals nothing: it records a new subscription, not a charge.
  const trialStart = kind === "charge" && total?.amount_minor === 0;
  return englishEvent(notice, {
    kind: trialStart ? "signup" : kind,
    found: trialStart ? (item?.price?.amount_minor ? item.price : null) : total,
    merchant: item?.merchant ?? namedInSentence(text),
    occurred_at: orderDate ? instantOf(orderDate, notice) : null,
    reference: ORDER_NUMBER.exec(text)?.[0] ?? null,
    card_tail: paymentTail(segmented),
    channel: "google_play",
    renews_at: dateAfterCue(text, RECEIPT_RENEWS, notice) ?? europeanRenewal(text, notice),
  });
}

function readNotice(notice: Notice, segmented: Segmented, kind: "renewal_notice" | "cancellation") {
  const text = notice.text;
  const item = itemLine(segmented.lines, yenOf(text));
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
  const segmented = segmentsOf(notice);
  const kind = kindOf(notice);
  switch (kind) {
    case "charge":
    case "refund":
      return readReceipt(notice, segmented, kind);
    case "renewal_notice":
    case "cancellation":
      return readNotice(notice, segmented, kind);
    default:
      return otherEnglishEvent(notice);
  }
};
