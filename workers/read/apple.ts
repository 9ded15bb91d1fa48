// Apple (App Store, iTunes, iCloud, Apple One) notices in the languages Apple writes them in: receipts in their
// text, 2024 table and 2025 HTML layouts, subscription confirmations, renewal and price-increase notices,
// cancellations and expiries; a failed payment is no payment. Labels and cues are data per language (LABELS,
// CUES); the reading is one for all of them, over the notice's segmentation. Pure.

import type { FoundMoney } from "./amounts";
import { findMoney } from "./amounts";
import {
  cardTailIn,
  cleanMerchant,
  englishEvent,
  firstChargedAmount,
  noticeInstant,
  otherEnglishEvent,
} from "./generic-en";
import { type Segmented, segmentsOf } from "./segment";
import {
  calendarOf,
  compileCues,
  compileLabels,
  type Found,
  instantOf,
  labelled,
  moneyIn,
  yenOf,
} from "./store-labels";
import type { EventKind, ExtractedEvent, Extractor, Notice } from "./types";

// --- the words, per language ---------------------------------------------------------------------------

type Field =
  | "order"
  | "document"
  | "date"
  | "account"
  | "total"
  | "subtotal"
  | "tax"
  | "app"
  | "subscription"
  | "provider"
  | "purchased"
  | "renewalPrice"
  | "newPrice"
  | "payment";

const LABELS = compileLabels<Field>({
  en: {
    order: ["Order ID", "Order Number", "Order No"],
    document: ["Document No", "Document Number", "Document"],
    date: ["Date", "Invoice Date", "Order Date"],
    account: ["Apple ID", "Apple Account"],
    total: ["Total", "Total Amount", "Amount Paid"],
    subtotal: ["Subtotal"],
    tax: ["Tax", "Taxes", "VAT", "GST", "Sales Tax"],
    app: ["App"],
    subscription: ["Subscription"],
    provider: ["Content Provider"],
    purchased: ["Date of Purchase", "Purchase Date", "Date Accepted"],
    renewalPrice: ["Renewal Price", "Subscription Price", "Price"],
    newPrice: ["New Price", "New"],
    payment: ["Billed To", "Payment Method", "Paid With"],
  },
  zh_hans: {
    order: ["订单号", "订单编号"],
    document: ["文稿编号", "文档编号", "单据编号"],
    date: ["日期", "订单日期", "开票日期"],
    account: ["Apple 账户", "Apple ID"],
    total: ["总计"],
    // Apple's mainland receipts write 合计 for the amount before VAT and 总计 for what was charged.
    subtotal: ["合计", "小计"],
    tax: ["增值税", "税费", "税金", "税额"],
    app: ["App", "应用"],
    subscription: ["订阅", "订阅项目"],
    provider: ["内容提供商", "内容提供方"],
    purchased: ["购买日期"],
    renewalPrice: ["续订价格", "价格"],
    newPrice: ["新价格"],
    payment: ["付款方式", "支付方式"],
  },
  zh_hant: {
    order: ["訂單編號", "訂單號碼"],
    document: ["文件編號", "文件號碼"],
    date: ["日期", "訂單日期"],
    account: ["Apple 帳號", "Apple 帳戶", "Apple 帳户"],
    total: ["總計", "合計"],
    subtotal: ["小計"],
    tax: ["稅金", "稅額", "稅項", "營業稅"],
    app: ["App"],
    subscription: ["訂閱", "訂閱項目"],
    provider: ["內容提供者", "內容供應商", "內容提供商"],
    purchased: ["購買日期"],
    renewalPrice: ["續訂價格", "價格"],
    newPrice: ["新價格"],
    payment: ["付款方式"],
  },
  ja: {
    order: ["ご注文番号", "注文番号"],
    document: ["書類番号"],
    date: ["請求日", "ご注文日", "注文日", "日付"],
    account: ["Apple Account", "Apple ID"],
    total: ["合計", "合計金額", "ご請求額"],
    subtotal: ["小計"],
    tax: ["消費税", "税"],
    app: ["App", "アプリ"],
    subscription: ["サブスクリプション"],
    provider: ["コンテンツプロバイダ", "提供元"],
    purchased: ["購入日"],
    renewalPrice: ["更新価格", "更新料金", "価格"],
    newPrice: ["新価格", "新しい価格", "変更後の価格"],
    payment: ["お支払い方法", "支払い方法", "請求先"],
  },
  ko: {
    order: ["주문 번호", "주문번호"],
    document: ["문서 번호", "문서번호"],
    date: ["청구 날짜", "주문 날짜", "날짜"],
    account: ["Apple 계정", "Apple ID"],
    total: ["합계", "총계", "총액"],
    subtotal: ["소계"],
    tax: ["부가가치세", "부가세", "세금"],
    app: ["앱"],
    provider: ["콘텐츠 제공자", "콘텐츠 제공업체"],
    purchased: ["구입 날짜", "구매 날짜", "구입일"],
    renewalPrice: ["갱신 가격", "가격"],
    newPrice: ["새 가격", "변경된 가격"],
    payment: ["결제 수단", "결제 방법"],
  },
  de: {
    order: ["Bestellnummer", "Bestell-ID"],
    document: ["Dokumentnummer", "Dokument", "Belegnummer"],
    date: ["Rechnungsdatum", "Bestelldatum", "Datum"],
    account: ["Apple Account", "Apple-ID"],
    total: ["Gesamtbetrag", "Gesamt", "Summe"],
    subtotal: ["Zwischensumme"],
    tax: ["MwSt", "USt", "Mehrwertsteuer"],
    app: ["App"],
    subscription: ["Abonnement", "Abo"],
    provider: ["Inhaltsanbieter", "Anbieter"],
    purchased: ["Kaufdatum"],
    renewalPrice: ["Verlängerungspreis", "Preis"],
    newPrice: ["Neuer Preis"],
    payment: ["Bezahlt mit", "Zahlungsmethode", "Zahlungsart"],
  },
  fr: {
    order: ["Numéro de commande", "N° de commande", "ID de commande", "Identifiant de commande"],
    document: ["Numéro de document", "N° de document", "Document"],
    date: ["Date de facturation", "Date de la commande", "Date"],
    account: ["Compte Apple", "Identifiant Apple"],
    total: ["Total"],
    subtotal: ["Sous-total"],
    tax: ["TVA", "Taxes"],
    app: ["App", "Application"],
    subscription: ["Abonnement"],
    provider: ["Fournisseur de contenu"],
    purchased: ["Date d'achat"],
    renewalPrice: ["Prix de renouvellement", "Prix"],
    newPrice: ["Nouveau prix"],
    payment: ["Moyen de paiement", "Mode de paiement", "Payé avec"],
  },
  es: {
    order: ["ID de pedido", "N.º de pedido", "Número de pedido"],
    document: ["N.º de documento", "Documento"],
    date: ["Fecha de factura", "Fecha del pedido", "Fecha"],
    account: ["Cuenta de Apple", "ID de Apple"],
    total: ["Importe total", "Total"],
    subtotal: ["Subtotal"],
    tax: ["IVA", "Impuestos"],
    app: ["App", "Aplicación"],
    subscription: ["Suscripción"],
    provider: ["Proveedor de contenido"],
    purchased: ["Fecha de compra"],
    renewalPrice: ["Precio de renovación", "Precio"],
    newPrice: ["Nuevo precio"],
    payment: ["Método de pago", "Forma de pago"],
  },
  it: {
    order: ["ID ordine", "Numero d'ordine", "Numero ordine"],
    document: ["N. documento", "Documento"],
    date: ["Data fattura", "Data dell'ordine", "Data"],
    account: ["Account Apple", "ID Apple"],
    total: ["Totale"],
    subtotal: ["Subtotale", "Imponibile"],
    tax: ["IVA", "Imposte"],
    app: ["App"],
    subscription: ["Abbonamento"],
    provider: ["Fornitore di contenuti", "Fornitore dei contenuti"],
    purchased: ["Data di acquisto", "Data d'acquisto"],
    renewalPrice: ["Prezzo di rinnovo", "Prezzo"],
    newPrice: ["Nuovo prezzo"],
    payment: ["Metodo di pagamento", "Pagato con"],
  },
  pt: {
    order: ["ID do pedido", "Número do pedido"],
    document: ["Documento", "N.º do documento"],
    date: ["Data da fatura", "Data do pedido", "Data"],
    account: ["Conta Apple", "ID Apple"],
    total: ["Total"],
    subtotal: ["Subtotal"],
    tax: ["Impostos", "IVA"],
    app: ["App", "Aplicativo", "Aplicação"],
    subscription: ["Assinatura", "Subscrição"],
    provider: ["Provedor de conteúdo", "Fornecedor de conteúdo"],
    purchased: ["Data da compra"],
    renewalPrice: ["Preço de renovação", "Preço"],
    newPrice: ["Novo preço"],
    payment: ["Forma de pagamento", "Método de pagamento"],
  },
});

type Cue =
  | "failed"
  | "refund"
  | "priceIncrease"
  | "confirmation"
  | "renewal"
  | "ended"
  | "receipt"
  | "renewsBefore"
  | "renewsAfter"
  | "greeting"
  | "operator"
  | "startsOn";

// Regex sources: what a subject or opening says the notice is, and where a renewal date is written.
const CUES = compileCues<Cue>({
  en: {
    failed: [
      "couldn['’]t complete your (?:purchase|payment)",
      "could not (?:complete|charge|process) your",
      "payment (?:method )?(?:was |has been )?declined",
      "problem with your (?:payment|billing)",
      "billing problem",
    ],
    refund: ["\\brefund(?:ed)?\\b(?![- ]?polic)"],
    priceIncrease: [
      "\\bprice increase\\b",
      "\\braising the price\\b",
      "\\bprice (?:of (?:this|your) subscription )?(?:will )?(?:increase|change)s?\\b",
    ],
    confirmation: [
      "\\bsubscription confirmation\\b",
      "\\bconfirms your subscription\\b",
      "\\byou(?:['’]ve| have) accepted the following offer\\b",
    ],
    renewal: ["\\bsubscription renewal\\b", "\\bwill renew soon\\b", "\\bis about to renew\\b"],
    ended: [
      "\\bsubscription (?:is expiring|has expired|will expire|expiring|expired|cancell?ed|cancellation)\\b",
      "\\b(?:has|have) been cancell?ed\\b",
      "\\bwill (?:expire|end) on\\b",
      "\\byou(?:['’]ve| have) cancell?ed\\b",
      "\\bsorry to see you go\\b",
      "\\bexpir(?:es|ing) soon\\b",
    ],
    receipt: ["\\breceipt\\b", "\\binvoice\\b"],
    renewsBefore: ["Renews(?: on)?", "Renewal Date"],
    greeting: ["(?:Dear|Hi|Hello)\\b"],
    startsOn: [
      "\\bstarting\\s+",
      "\\bbeginning\\s+",
      "\\beffective\\s+",
      "\\b(?:trial )?ends on\\s+",
      "\\brenews on\\s+",
    ],
    operator: ["operated by ([A-Z][^.,()\\n]{2,60}?)(?:\\s*\\(|[.,\\n])"],
  },
  zh_hans: {
    failed: ["无法完成(?:你|您)的(?:付款|购买)", "付款方式(?:被拒绝|遇到问题)", "无法向(?:你|您)的付款方式收取"],
    refund: ["退款"],
    priceIncrease: ["价格(?:即将)?上涨", "涨价", "价格(?:即将)?(?:变更|调整)"],
    confirmation: ["订阅确认", "已成功订阅"],
    renewal: ["即将续订", "即将续期", "订阅续订通知"],
    ended: ["订阅已(?:取消|过期)", "已取消(?:你|您)的订阅", "订阅即将过期"],
    receipt: ["收据", "发票"],
    renewsBefore: ["续期日期", "续订日期"],
    renewsAfter: ["续期", "续订"],
    greeting: ["尊敬的", "亲爱的", "(?:你|您)好"],
    startsOn: ["[自从于]\\s*(?=\\d)"],
    // 在中国大陆，iCloud 由云上艾珀（贵州）技术有限公司（“云上贵州”）运营。
    operator: [
      "由([^，。,\\n（(]{2,40}?(?:[（(][^）)]{1,10}[）)])?[^，。,\\n（(]{0,20}?公司)(?:[（(][^）)]*[）)])?\\s*(?:运营|经营)",
    ],
  },
  zh_hant: {
    failed: ["無法完成(?:你|您)的(?:付款|購買)", "付款方式(?:遭拒|被拒絕|出現問題)", "無法向(?:你|您)的付款方式收取"],
    refund: ["退款"],
    priceIncrease: ["價格(?:即將)?(?:調漲|上漲|調整)", "漲價"],
    confirmation: ["訂閱確認", "已成功訂閱"],
    renewal: ["即將續訂", "即將續期"],
    ended: ["訂閱已(?:取消|過期)", "已取消(?:你|您)的訂閱", "訂閱即將到期"],
    receipt: ["收據", "發票"],
    renewsBefore: ["續訂日期", "續期日期"],
    renewsAfter: ["續訂", "續期"],
    greeting: ["親愛的", "(?:你|您)好"],
    startsOn: ["[自從於]\\s*(?=\\d)"],
    operator: ["由([^，。,\\n（(]{2,40}?公司)(?:[（(][^）)]*[）)])?\\s*(?:營運|經營)"],
  },
  ja: {
    failed: ["お支払いを完了できません", "お支払い方法(?:に問題|が拒否)", "請求できませんでした"],
    refund: ["返金"],
    priceIncrease: ["値上げ", "価格(?:の)?(?:改定|変更)"],
    confirmation: ["サブスクリプションの確認", "(?:登録|購読)の確認"],
    renewal: ["まもなく更新", "間もなく更新"],
    ended: ["キャンセルされました", "有効期限が切れ", "期限切れ"],
    receipt: ["領収書"],
    renewsBefore: ["次回更新日", "更新日"],
    renewsAfter: ["に更新", "更新"],
    greeting: ["こんにちは", "様"],
  },
  ko: {
    failed: ["결제를 완료할 수 없", "결제(?:가|를)? (?:거부|처리할 수 없)", "결제 수단에 문제"],
    refund: ["환불"],
    priceIncrease: ["가격(?:이|을)? ?(?:인상|변경)", "가격 인상"],
    confirmation: ["구독 확인", "구독(?:을|이)? 확인"],
    renewal: ["곧 갱신", "갱신 예정"],
    ended: ["구독(?:이|을)? (?:취소|만료)", "취소되었습니다", "만료되었습니다", "곧 만료"],
    receipt: ["영수증"],
    renewsBefore: ["다음 갱신일", "갱신 날짜", "갱신일"],
    renewsAfter: ["에 갱신", "갱신"],
    greeting: ["안녕하세요", "고객님"],
  },
  de: {
    failed: [
      "Zahlung (?:konnte nicht|ist fehlgeschlagen|wurde abgelehnt)",
      "Problem mit (?:deiner|Ihrer) Zahlungsmethode",
    ],
    refund: ["Rückerstattung", "Erstattung"],
    priceIncrease: ["Preiserhöhung", "Preisänderung"],
    confirmation: ["Abonnementbestätigung", "Abobestätigung", "Bestätigung (?:deines|Ihres|des) Abonnements"],
    renewal: ["wird bald verlängert", "Abonnementverlängerung"],
    ended: ["Abonnement (?:wurde )?gekündigt", "abgelaufen", "läuft bald ab"],
    receipt: ["Rechnung", "Quittung", "Beleg"],
    renewsBefore: ["Verlängerung am", "Verlängert am", "Wird verlängert am", "Verlängerung"],
    greeting: ["Hallo\\b", "Liebe[rs]?\\b", "Sehr geehrte"],
    startsOn: ["\\bab(?: dem)?\\s+(?=\\d)", "\\bendet am\\s+"],
  },
  fr: {
    failed: ["paiement (?:n['’]a pas pu|a été refusé|refusé)", "problème avec votre (?:moyen|mode) de paiement"],
    refund: ["remboursement"],
    priceIncrease: ["augmentation (?:du|de) prix", "hausse (?:du|de) prix", "modification (?:du|de) prix"],
    confirmation: ["Confirmation d['’]abonnement", "confirmation de (?:votre )?abonnement"],
    renewal: ["sera bientôt renouvelé", "renouvellement de (?:votre )?abonnement"],
    ended: ["abonnement (?:a été )?(?:annulé|résilié)", "a expiré", "expire bientôt"],
    receipt: ["reçu", "facture"],
    renewsBefore: ["Renouvellement le", "Se renouvelle le", "Renouvellement"],
    greeting: ["Bonjour\\b", "Cher\\b", "Chère\\b"],
    startsOn: ["à compter du\\s+", "à partir du\\s+", "se termine le\\s+"],
  },
  es: {
    failed: ["no (?:hemos podido|se ha podido) (?:completar|procesar) (?:tu|el) pago", "pago (?:ha sido )?rechazado"],
    refund: ["reembolso"],
    priceIncrease: ["aumento (?:del|de) precio", "subida (?:del|de) precio", "cambio de precio"],
    confirmation: ["Confirmación de (?:la )?suscripción"],
    renewal: ["se renovará pronto", "renovación de (?:tu |la )?suscripción"],
    ended: ["suscripción (?:ha sido )?cancelada", "ha caducado", "caduca pronto"],
    receipt: ["recibo", "factura"],
    renewsBefore: ["Se renueva el", "Renovación el", "Renovación"],
    greeting: ["Hola\\b", "Estimad[oa]\\b"],
    startsOn: ["a partir del?\\s+", "desde el\\s+", "termina el\\s+"],
  },
  it: {
    failed: [
      "non è stato possibile (?:completare|elaborare) il (?:tuo )?pagamento",
      "pagamento (?:è stato )?rifiutato",
    ],
    refund: ["rimborso"],
    priceIncrease: ["aumento (?:del|di) prezzo", "variazione (?:del|di) prezzo"],
    confirmation: ["Conferma (?:dell['’]|di |d['’])abbonamento"],
    renewal: ["si rinnoverà a breve", "rinnovo dell['’]abbonamento"],
    ended: ["abbonamento (?:è stato )?(?:annullato|disdetto)", "è scaduto", "in scadenza"],
    receipt: ["ricevuta", "fattura"],
    renewsBefore: ["Si rinnova il", "Rinnovo il", "Rinnovo"],
    greeting: ["Gentile\\b", "Ciao\\b", "Car[oa]\\b"],
    startsOn: ["a partire dal\\s+", "termina il\\s+"],
  },
  pt: {
    refund: ["reembolso"],
    priceIncrease: ["aumento (?:do|de) preço", "alteração (?:do|de) preço"],
    confirmation: ["Confirmação (?:da|de) assinatura"],
    renewal: ["será renovada em breve", "renovação (?:da )?(?:sua )?assinatura"],
    ended: ["assinatura (?:foi )?cancelada", "expirou", "expira em breve"],
    receipt: ["recibo", "fatura"],
    renewsBefore: ["Renova em", "Renovação em", "Renovação"],
    greeting: ["Olá\\b", "Prezad[oa]\\b"],
    startsOn: ["a partir de\\s+", "termina em\\s+"],
  },
});

// The store section an item is listed under, above its title (older layouts, and 2025's "Apple Services").
const SECTION =
  /^(?:App Store|Mac App Store|iCloud|Apple Services|Apple 服务|Apple 服務|Apple サービス|Apple-Dienste|Services Apple|Servicios de Apple|Servizi Apple|iTunes Store|Apple TV|Apple Books|Books|Music|Movies|TV Shows)$/i;
// Older receipts head the item table with columns ("App Store  Type  Purchased From  Price", "App Store 種類 価格"),
// so an item row reads "{title} {type} {price}": the type goes, a title is never only a type.
const COLUMN_HEADER = /\b(?:Type|Typ|Tipo)\b|種類|类型|類型/;
const ITEM_TYPE =
  /\s+(?:Subscription|In-App Purchase|(?:iOS |iPad |iPhone |Mac |Apple TV |Watch )?App|Book|Audiobook|Song|Album|Movie|Film|TV Episode|TV Season|Season Pass|Music Video|Rental|Bundle|Ringtone|アプリ内課金|サブスクリプション|App ?内购买项目|App ?內購買項目|订阅|訂閱|In-App-Kauf|Achat intégré|Compra dentro de la app|Acquisto In-App)(?:\s+.*)?$/i;
const SEPARATOR = /^[-=_–—\s]{3,}$/;
const HAS_DIGIT = /\d/;
// Apple as a name, or one of its companies: the store, never the service or its provider.
const APPLE_ITSELF = /^(?:apple|itunes)(?:\s.*\b(?:inc|ltd|llc|limited|k\.\s?k|s\.?a\.?r\.?l|gmbh|pty))?\.?$/i;

const APPLE_SENDER = /@(?:[\w-]+\.)*apple\.com$/i;
// A forward the unwrapper could not open keeps the forwarder as sender; Apple's subjects still say who wrote it.
const APPLE_SUBJECT =
  /^(?:your (?:receipt|invoice) from apple|(?:your )?(?:apple )?subscription (?:confirmation|renewal|price increase|is expiring|has expired|expir|cancel)|your subscription (?:is|has been) cancel)/i;

function isApple(notice: Notice): boolean {
  if (notice.sender && APPLE_SENDER.test(notice.sender.trim())) return true;
  return APPLE_SUBJECT.test(notice.subject?.trim() ?? "") && /\bapple\b/i.test(notice.text);
}

// --- what kind of notice -----------------------------------------------------------------------------

const STRONG_REFUND = /\b(?:issued|processed|approved)\b[^.\n]{0,30}\brefund|\brefund (?:of|has been|was)\b/i;

function kindOf(notice: Notice, segmented: Segmented): EventKind {
  const subject = notice.subject ?? "";
  const head = notice.text.slice(0, 4000);
  if (CUES.failed.test(subject) || CUES.failed.test(head)) return "other";
  // Receipts' small print mentions refunds ("a full refund within 15 days"): only a subject or a
  // sentence about an issued refund makes one.
  if (CUES.refund.test(subject) || STRONG_REFUND.test(head)) return "refund";
  for (const part of [subject, head]) {
    if (CUES.priceIncrease.test(part)) return "renewal_notice";
    if (CUES.confirmation.test(part)) return "signup";
    if (CUES.renewal.test(part)) return "renewal_notice";
    if (CUES.ended.test(part)) return "cancellation";
    if (part === subject && CUES.receipt.test(part)) return "charge";
  }
  if (labelled(segmented, LABELS.order) || labelled(segmented, LABELS.document)) return "charge";
  return "other";
}

// --- reading helpers -----------------------------------------------------------------------------------

/** The lines a segmented pair takes up: its value's line, and the label's when it stands above. */
function pairLines(segmented: Segmented): Set<number> {
  const lines = new Set<number>();
  for (const pair of segmented.pairs) {
    lines.add(pair.line);
    if (pair.layout === "column" || pair.layout === "next-line") lines.add(pair.line - 1);
  }
  return lines;
}

/** The text of a label cell: the line before its amount, without tabs, bullets or a closing colon. */
const labelText = (text: string) =>
  text
    .replace(/\t/g, " ")
    .replace(/[\s:：*]+$/, "")
    .trim();

interface Entry {
  label: string;
  money: FoundMoney;
  line: number;
}

const MASKED_NUMBER = /[•·*＊]{2,}\s*\d{3,4}\b/g;
const blanked = (match: string) => " ".repeat(match.length);

/**
 * Each amount in the notice with the label it stands beside ("Tax $1.94", "稅金 | NT$13") or under ("Subtotal" /
 * "$37.95"). An amount never spans cells: "Visa •••• 3391 | NT$270" is a card and an amount, not NT$3391.
 */

function moneyEntries(lines: string[], currency: string | undefined): Entry[] {
  const entries: Entry[] = [];
  let pending = "";
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] as string;
    // A masked card number is no figure: "Mastercard •••• 7788 ¥650" holds only ¥650.
    const found = HAS_DIGIT.test(line) ? moneyInCells(line.replace(MASKED_NUMBER, blanked), currency) : null;
    if (found)
      entries.push({ label: labelText(line.slice(0, found.index)) || labelText(pending), money: found, line: index });
    pending = found ? "" : line;
  }
  return entries;
}

/** The first amount in a line, searched cell by cell only when a match runs across a cell break. */
function moneyInCells(line: string, currency: string | undefined): FoundMoney | null {
  const money = moneyIn(line, currency);
  if (!money?.raw.includes("\t")) return money;
  let offset = 0;
  for (const cell of line.split("\t")) {
    const inCell = moneyIn(cell, currency);
    if (inCell) return { ...inCell, index: inCell.index + offset };
    offset += cell.length + 1;
  }
  return null;
}

const isTax = (label: string) => LABELS.tax.within.test(label);
const isSubtotal = (label: string) => LABELS.subtotal.whole.test(label);

/**
 * The total charged: a Total row; else, after Subtotal and Tax, the payment-method line ("Visa •••• 3391 NT$270",
 * "Apple Card $39.89"); else Subtotal plus Tax; else the first amount that is no tax (the item's price).
 */
function receiptTotal(entries: Entry[]): FoundMoney | null {
  const total = entries.find((entry) => LABELS.total.whole.test(entry.label));
  if (total) return total.money;
  const start = entries.findIndex((entry) => isSubtotal(entry.label));
  if (start >= 0) {
    const subtotal = (entries[start] as Entry).money;
    let tax: FoundMoney | null = null;
    for (const entry of entries.slice(start + 1)) {
      if (isTax(entry.label)) tax ??= entry.money;
      else if (!isSubtotal(entry.label)) return entry.money;
    }
    if (tax && tax.currency === subtotal.currency)
      return { ...subtotal, amount_minor: subtotal.amount_minor + tax.amount_minor };
    return subtotal;
  }
  return entries.find((entry) => !isTax(entry.label))?.money ?? null;
}

const RENEWS_BEFORE = new RegExp(`^(?:${CUES.renewsBefore.source})\\s*[:：]?\\s*`, "i");
const RENEWS_AFTER = CUES.renewsAfter ? new RegExp(`(?:${CUES.renewsAfter.source})\\s*$`, "i") : null;

/** One table cell or line of the notice, in reading order. */
interface Unit {
  text: string;
  line: number;
}

function unitsOf(lines: string[]): Unit[] {
  const units: Unit[] = [];
  lines.forEach((line, index) => {
    for (const cell of line.split("\t")) if (cell.trim()) units.push({ text: cell.trim(), line: index });
  });
  return units;
}

interface Renewal {
  date: string;
  /** Index of the renewal's unit. */
  unit: number;
}

/** The item's renewal: "Renews May 20, 2025", "续期日期：2026年2月21日", "2026/12/24に更新", "Se renueva el …". */
function renewalOf(units: Unit[], notice: Notice): Renewal | null {
  for (let index = 0; index < units.length; index += 1) {
    const unit = (units[index] as Unit).text;
    const before = RENEWS_BEFORE.exec(unit);
    const text = before ? unit.slice(before[0].length) : RENEWS_AFTER?.test(unit) ? unit : null;
    const date = text ? calendarOf(text, notice) : null;
    if (date) return { date, unit: index };
  }
  return null;
}

/** An item row's title: without its price, and without the type column when the table has one. */
function titleOf(line: string, typeColumn: boolean): string | null {
  const cell = line.split("\t")[0]?.trim() ?? "";
  const money = findMoney(cell)[0];
  let title = money ? cell.slice(0, money.index) : cell;
  if (typeColumn) title = title.replace(ITEM_TYPE, "") || title;
  const name = cleanMerchant(title);
  return name && !APPLE_ITSELF.test(name) ? name : null;
}

const notATitle = (line: string, taken: Set<number>, index: number) =>
  !line ||
  taken.has(index) ||
  SEPARATOR.test(line) ||
  line.includes("@") ||
  COLUMN_HEADER.test(line) ||
  findMoney(line)[0]?.index === 0;

/**
 * The item a receipt is for. Its title heads the item: above the plan line ("Premier (Monthly)", "200 GB（每月）")
 * above the renewal line, or right above the renewal line when there is no plan; never a section header above
 * both, nor the header grid. Without a renewal line, the first line after the header grid.
 */
function receiptItem(segmented: Segmented, units: Unit[], renewal: Renewal | null, headerEnd: number): string | null {
  const lines = segmented.lines;
  const taken = pairLines(segmented);
  const typeColumn = lines.some(
    (line, index) => index > headerEnd && index < headerEnd + 6 && COLUMN_HEADER.test(line),
  );
  if (renewal) {
    let title: string | null = null;
    for (let index = renewal.unit - 1; index >= Math.max(0, renewal.unit - 2); index -= 1) {
      const { text, line } = units[index] as Unit;
      if (notATitle(text, taken, line) || (title && SECTION.test(text))) break;
      title = titleOf(text, typeColumn) ?? title;
    }
    if (title) return title;
  }
  for (let index = headerEnd + 1; index < Math.min(lines.length, headerEnd + 20); index += 1) {
    const line = (lines[index] as string).trim();
    if (notATitle(line, taken, index) || SECTION.test(line)) continue;
    const title = titleOf(line, typeColumn);
    if (title) return title;
  }
  return null;
}

const BRAND =
  /\b(?:visa|mastercard|master card|amex|american express|discover|jcb|unionpay|maestro|diners|carte bancaire)\b|银联|銀聯/i;

// Apple masks a card's number with bullets ("CB •••• 4455"); a brand also names one written otherwise ("Visa .... 4821").
const MASKED = /[•·]{2,}\s*\d{4}\b/;
const FOUR_DIGITS = /\d{4}/;

/** The card the receipt was paid with: a brand and its masked number ("Visa •••• 3391", "Mastercard ···· 0417"). */
function receiptCardTail(lines: string[]): string | null {
  for (const line of lines) {
    if (FOUR_DIGITS.test(line) && (BRAND.test(line) || MASKED.test(line))) return cardTailIn(line);
  }
  return null;
}

/** The service's legal name: a Content Provider row that is not Apple itself, or the operator Apple names. */
function legalName(segmented: Segmented, text: string): string | null {
  const provider = cleanMerchant(labelled(segmented, LABELS.provider)?.value);
  if (provider && !APPLE_ITSELF.test(provider)) return provider;
  return cleanMerchant(CUES.operator.exec(text)?.slice(1).find(Boolean));
}

const withLegal = (event: ExtractedEvent, legal: string | null): ExtractedEvent =>
  event.kind === "other" ? event : { ...event, merchant_legal: legal };

/** The last line of the receipt's header grid (order, document, date, account), or -1. */
function gridEnd(found: (Found | null)[]): number {
  return Math.max(-1, ...found.map((entry) => entry?.line ?? -1));
}

/** The date a receipt was issued: its date row, else a date written alone above the order number (2025 layout). */
function receiptDate(date: Found | null, order: Found | null, lines: string[], notice: Notice): string | null {
  const dated = date ? instantOf(date.value, notice) : null;
  if (dated) return dated;
  for (let index = (order?.line ?? 0) - 1; index >= 0 && index >= (order?.line ?? 0) - 4; index -= 1) {
    const found = instantOf(lines[index] as string, notice);
    if (found) return found;
  }
  return null;
}

const REFERENCE = /^([A-Z0-9]{6,20})\b/;

function readReceipt(notice: Notice, segmented: Segmented, kind: "charge" | "refund"): ExtractedEvent {
  const lines = segmented.lines;
  const order = labelled(segmented, LABELS.order);
  const date = labelled(segmented, LABELS.date);
  const grid = [order, labelled(segmented, LABELS.document), date, labelled(segmented, LABELS.account)];
  const units = unitsOf(lines);
  const renewal = renewalOf(units, notice);
  const entries = moneyEntries(lines, yenOf(notice.text));
  const event = englishEvent(notice, {
    kind,
    found: receiptTotal(entries),
    merchant: receiptItem(segmented, units, renewal, gridEnd(grid)),
    occurred_at: receiptDate(date, order, lines, notice),
    reference: order ? (REFERENCE.exec(order.value)?.[1] ?? null) : null,
    card_tail: receiptCardTail(lines),
    channel: "apple",
    renews_at: renewal?.date ?? null,
  });
  return withLegal(event, legalName(segmented, notice.text));
}

// --- subscription confirmations, renewal / price notices, cancellations --------------------------------

// Apple's text parts sometimes carry unrendered template code instead of values.
const TEMPLATE_JUNK = /\$t\.|\$_|\$\{/;
const HEADER_LINE =
  /^(?:apple|receipt|apple (?:subscription )?(?:renewal|confirmation|price increase|receipt).*|subscription (?:renewal|confirmation|price increase|expiring|expired|cancell?ation|cancell?ed)|save \d.*|.*apple\s?card.*|apply and use.*)$/i;
const RENEW_FOR = /\brenew(?:s|al)?(?: price)?\s+(?:for|at|is)\s+/i;
const NAME_IN_SENTENCE = [
  /\bsubscribing to ([^.\n]{2,60}?)\./i,
  /\bsubscribed to ([^\n]{2,60}?)\.(?:\s|$)/i,
  /\bsubscription to ([^.\n]{2,60}?)(?:\s+(?:will|has|is|was)\b|[.,\n])/i,
  /\byour ([^.\n]{2,40}?) subscription\b/i,
];
const GREETING = new RegExp(`^(?:${CUES.greeting.source})|(?:${CUES.greeting.source})[，,:：]?$`, "i");

function usable(value: string | null | undefined): string | null {
  return value && !TEMPLATE_JUNK.test(value) ? value : null;
}

/** A notice's heading repeats its subject ("Subscription Price Increase" under "Your Subscription Price Increase"). */
const isHeading = (cell: string, subject: string) =>
  subject.length > 0 && subject.includes(cell) && cell.length >= subject.length * 0.6;

// A plan line: the plan with its period in brackets at the line's end ("Paramount+ (mensile)", "大会员连续包月（月度）").
const PLAN_LINE = /[(（][^()（）\n]{1,20}[)）]$/;
const SENTENCE_END = /[.。:：!?！？,，]$/;
const firstCell = (line: string | undefined) => line?.split("\t")[0]?.trim() ?? "";

/**
 * The app's title over its plan line, where a notice greets before its lockup ("哔哩哔哩" above "大会员连续包月（月度）",
 * "Paramount+" above "Paramount+ (mensile)"): a short line that is no sentence, no amount and no greeting.
 */
function titleOverPlan(lines: string[], from: number): string | null {
  for (let index = from; index < Math.min(lines.length - 1, from + 12); index += 1) {
    const cell = firstCell(lines[index]);
    if (!PLAN_LINE.test(firstCell(lines[index + 1])) || !cell || cell.length > 60) continue;
    if (SENTENCE_END.test(cell) || GREETING.test(cell) || HEADER_LINE.test(cell)) continue;
    if (findMoney(cell)[0] || cell.includes("@")) continue;
    return cleanMerchant(cell);
  }
  return null;
}

/** The subscription named at the top of a notice ("Apple One", "Fantastical - Calendar & Tasks"). */
function lockupTitle(lines: string[], subject: string): string | null {
  for (const [index, line] of lines.slice(0, 14).entries()) {
    const cell = firstCell(line);
    if (!cell || HEADER_LINE.test(cell) || SEPARATOR.test(cell) || isHeading(cell, subject)) continue;
    if (GREETING.test(cell)) return titleOverPlan(lines, index + 1);
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

/**
 * The merchant of a confirmation: its App row (the app's title, "网易云音乐" over the plan "黑胶VIP（1 个月）"), else
 * the Subscription row ("Disney+ Premium (Monthly)") shortened to the app named elsewhere (lockup title,
 * "subscribed to Disney+") when the plan is that name plus a tier; a plan named otherwise stays as written.
 */
function subscriptionMerchant(segmented: Segmented, notice: Notice): string | null {
  const app = cleanMerchant(usable(labelled(segmented, LABELS.app)?.value));
  if (app) return app;
  const plan = cleanMerchant(usable(labelled(segmented, LABELS.subscription)?.value));
  const lockup = lockupTitle(segmented.lines, notice.subject ?? "");
  if (!plan) return lockup ?? named(notice.text);
  for (const title of [lockup, named(notice.text)]) {
    if (!title || plan.length <= title.length) continue;
    const rest = plan.slice(title.length);
    if (plan.slice(0, title.length).toLowerCase() === title.toLowerCase() && /^[\s:–—-]/.test(rest)) return title;
  }
  return plan;
}

const STARTS_ON = new RegExp(CUES.startsOn.source, "gi");

/**
 * When the renewal or paid period starts: the date after "starting" / 自…起 / "à compter du" / "a partire dal",
 * else the first date on or after `from` (the purchase, or the notice's own day) outside the line `skip`.
 */
function comingDate(lines: string[], notice: Notice, from: string | null, skip: number | undefined): string | null {
  const text = lines.join("\n");
  STARTS_ON.lastIndex = 0;
  for (let match = STARTS_ON.exec(text); match; match = STARTS_ON.exec(text)) {
    const start = match.index + match[0].length;
    const date = calendarOf(text.slice(start, start + 30), notice);
    if (date) return date;
    if (STARTS_ON.lastIndex === match.index) STARTS_ON.lastIndex += 1;
  }
  const earliest = from ?? noticeInstant(notice).slice(0, 10);
  for (let index = 0; index < lines.length; index += 1) {
    if (index === skip || !HAS_DIGIT.test(lines[index] as string)) continue;
    const date = calendarOf(lines[index] as string, notice);
    if (date && date >= earliest) return date;
  }
  return null;
}

function readConfirmation(notice: Notice, segmented: Segmented): ExtractedEvent {
  const text = notice.text;
  const currency = yenOf(text);
  const purchased = labelled(segmented, LABELS.purchased);
  const payment = labelled(segmented, LABELS.payment);
  const purchasedOn = purchased ? instantOf(purchased.value, notice) : null;
  // A trial's "Subscription Price: $29.99/year, starting Dec 23, 2020" is when it converts to paid.
  const price = usable(labelled(segmented, LABELS.renewalPrice)?.value);
  const priceStarts = price ? calendarOf(price, notice) : null;
  const renewFor = RENEW_FOR.exec(text);
  const event = englishEvent(notice, {
    kind: "signup",
    found:
      moneyIn(price, currency) ??
      (renewFor ? moneyIn(text.slice(renewFor.index, renewFor.index + 40), currency) : null) ??
      firstChargedAmount(text),
    merchant: subscriptionMerchant(segmented, notice),
    occurred_at: purchasedOn,
    reference: null,
    card_tail: payment ? cardTailIn(payment.value) : null,
    channel: "apple",
    renews_at: priceStarts ?? comingDate(segmented.lines, notice, purchasedOn?.slice(0, 10) ?? null, purchased?.line),
  });
  return withLegal(event, legalName(segmented, text));
}

function readNotice(notice: Notice, segmented: Segmented, kind: "renewal_notice" | "cancellation"): ExtractedEvent {
  const text = notice.text;
  const currency = yenOf(text);
  const renewFor = RENEW_FOR.exec(text);
  // A price change states the new price ("新价格 ¥28.00/月", "New $21.95 — Old $19.95"), else the sentence does.
  const found =
    kind === "renewal_notice"
      ? (moneyIn(usable(labelled(segmented, LABELS.newPrice)?.value), currency) ??
        moneyIn(usable(labelled(segmented, LABELS.renewalPrice)?.value), currency) ??
        (renewFor ? moneyIn(text.slice(renewFor.index, renewFor.index + 40), currency) : null) ??
        firstChargedAmount(text))
      : firstChargedAmount(text);
  const event = englishEvent(notice, {
    kind,
    found,
    merchant:
      cleanMerchant(usable(labelled(segmented, LABELS.app)?.value)) ??
      lockupTitle(segmented.lines, notice.subject ?? "") ??
      named(text),
    reference: null,
    card_tail: null,
    channel: "apple",
    renews_at: kind === "renewal_notice" ? comingDate(segmented.lines, notice, null, undefined) : null,
  });
  return withLegal(event, legalName(segmented, text));
}

/** Apple's notices from no_reply@email.apple.com; null for anything else. */
export const readApple: Extractor = (notice) => {
  if (!isApple(notice)) return null;
  const segmented = segmentsOf(notice);
  const kind = kindOf(notice, segmented);
  switch (kind) {
    case "charge":
    case "refund":
      return readReceipt(notice, segmented, kind);
    case "signup":
      return readConfirmation(notice, segmented);
    case "renewal_notice":
    case "cancellation":
      return readNotice(notice, segmented, kind);
    default:
      return otherEnglishEvent(notice);
  }
};
