// Chinese-language merchant receipts (Simplified and Traditional: mainland, Taiwan, Hong Kong) and card notices laid
// out as tables → one event. A merchant's own "付款成功通知" / "付款明細" mail or SMS lists label：value rows or a
// header row over a row of values: 訂單編號/订单编号, 交易日期, 金額/總計/实付金额, 付款方式 (信用卡（末四碼 3391）),
// 下次扣款日. A bank's card notice that tables its one transaction (卡號末四碼 | 交易日期 | 商店名稱 | 交易金額, bilingual
// in Hong Kong; or an unlabelled row "date | merchant | 消费 | amount") is read here too; a bank's e-statement is no
// payment. Other bank notices, Alipay and WeChat Pay have their own readers; this one runs before the generic
// bank reader and claims only texts with an order number and an amount row, or such a table.

import { type FoundMoney, findMoney, type Money, parseMoney } from "./amounts";
import {
  cardChannel,
  cardTail,
  cleanMerchant,
  cnEvent,
  DONE_DEDUCTION,
  fromBank,
  hasChinese,
  labelValue,
  looksLikeBankAccountMessage,
  occurredAt,
  renewalDate,
  senderBrand,
  subjectAndText,
  tailInParentheses,
  walletChannel,
  withoutAdvice,
} from "./cn-bank";
import { europeanDateIn } from "./generic-eu";
import { isCompany, readMerchant } from "./merchant";
import { chineseNonPayment } from "./other-cn";
import { type Pair, pairFor, type Segmented, segmentsOf } from "./segment";
import type { EventKind, Extractor, Notice, PaymentChannel } from "./types";

const ORDER_LABELS =
  "訂單編號|訂單號碼|訂單號|訂單序號|订单编号|订单号码|订单号|訂購編號|订购编号|交易編號|交易编号|交易序號|交易序号|收據編號|收据编号|付款編號|付款编号";
// Most specific first: the total actually paid, then a generic amount row (never 小計/小计 or 稅額).
const AMOUNT_LABELS = [
  "實付金額",
  "实付金额",
  "實付款",
  "实付款",
  "總計",
  "总计",
  "總金額",
  "总金额",
  "合計",
  "合计",
  "付款金額",
  "付款金额",
  "支付金額",
  "支付金额",
  "扣款金額",
  "扣款金额",
  "交易金額",
  "交易金额",
  "退款金額",
  "退款金额",
  "訂單金額",
  "订单金额",
  "應付金額",
  "应付金额",
  "金額",
  "金额",
  "費用",
  "费用",
];
const METHOD_LABELS = "付款方式|支付方式|付款方法|支付方法|扣款方式|繳費方式|缴费方式";
const TIME_LABELS =
  "交易日期|交易時間|交易时间|付款日期|付款時間|付款时间|支付時間|支付时间|扣款日期|扣款時間|扣款时间|訂單日期|订单日期|訂購日期|订购日期|購買日期|购买日期|下單時間|下单时间";
const MERCHANT_LABELS =
  "商家名稱|商家名称|商店名稱|商店名称|商戶名稱|商户名称|店家名稱|店家|賣家|卖家|收款方|收款商戶|收款商户|商家";

const REFUND = /退款(?:成功|完成|通知|已)|已退款|退款金[額额]|已退[還还回]|退費|退费/;
const RENEWAL =
  /(?:即將|即将|將於|将于|將在|将在)[^，。,\n]{0,30}(?:扣款|扣費|扣费|續訂|续订|續費|续费|到期|付款)|扣款提醒|續訂提醒|续订提醒|續費提醒|续费提醒/;
const CHARGE =
  /扣款成功|扣費成功|扣费成功|付款成功|支付成功|交易成功|付款完成|支付完成|已扣款|已付款|已支付|繳費成功|缴费成功|購買成功|购买成功|續訂成功|续订成功|續費成功|续费成功|收據|收据|付款明細|付款明细|購買明細|购买明细|消費明細|消费明细/;

/** The currency a bare 元 or $ means here: New Taiwan, Hong Kong or Macau dollars when the text says so. */
function contextCurrency(notice: Notice, text: string): string {
  const from = `${notice.sender ?? ""} ${text}`;
  if (/NT\$|新[臺台]幣|[臺台]幣|\.tw\b/i.test(from)) return "TWD";
  if (/HK\$|港幣|港币|港元|\.hk\b/i.test(from)) return "HKD";
  if (/MOP\$?|澳門幣|澳门币|澳門元|\.mo\b/i.test(from)) return "MOP";
  return "CNY";
}

const wholeLabels = new Map<string, RegExp>();

// A label may name its unit in brackets ("消費金額(新臺幣)", "交易金額（港幣）", "Amount (HKD)", "金额（元）"), and a
// bilingual Hong Kong or Macau notice writes the English label after the Chinese one ("收據編號 Receipt No.").
const UNIT_SUFFIX = "(?:\\s*[(（][^()（）\\n]{1,8}[)）])?";
const ENGLISH_GLOSS = "(?:\\s+[A-Za-z][A-Za-z .#/&-]{1,30})?";

/** A label set (a regex source of alternatives) matching a segmented pair's whole label, compiled once. */
function wholeLabel(labels: string): RegExp {
  let whole = wholeLabels.get(labels);
  if (!whole) {
    whole = new RegExp(`^(?:${labels})${ENGLISH_GLOSS}${UNIT_SUFFIX}$`, "i");
    wholeLabels.set(labels, whole);
  }
  return whole;
}

/** The value of a label: a segmented pair first, else the label in the text. */
function labelledValue(segmented: Segmented, text: string, labels: string): string | null {
  return pairFor(segmented, wholeLabel(labels))?.value ?? labelValue(text, labels);
}

function amountOf(segmented: Segmented, text: string, defaultCurrency: string): FoundMoney | null {
  for (const label of AMOUNT_LABELS) {
    const value = labelledValue(segmented, text, label);
    const found = value ? findMoney(value, { defaultCurrency })[0] : undefined;
    if (found) return found;
    // "金額：149 元" has its marker; "金額：149" in an amount row is the amount too.
    const bare = value ? /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?(?![\d.,])/.exec(value) : null;
    if (bare) {
      const money = findMoney(`${bare[0]}元`, { defaultCurrency })[0];
      if (money) return money;
    }
  }
  return null;
}

function kindOf(text: string): EventKind | null {
  if (chineseNonPayment(text) || /預授權|预授权/.test(text)) return null;
  if (REFUND.test(text)) return "refund";
  if (RENEWAL.test(text) && !DONE_DEDUCTION.test(text)) return "renewal_notice";
  if (CHARGE.test(text)) return "charge";
  return null;
}

// What was bought, when the payee row is the legal company behind it: 服务名称 某某云盘会员 over 收款方 某某网络科技有限公司.
const SERVICE_LABELS =
  "服務名稱|服务名称|商品名稱|商品名称|產品名稱|产品名称|方案名稱|方案名称|會員名稱|会员名称|訂閱方案|订阅方案|訂閱項目|订阅项目";

interface Payee {
  merchant: string | null;
  merchant_legal: string | null;
}

/** The merchant, and the legal company behind it when a service row names what the company sold. */
function payeeOf(notice: Notice, segmented: Segmented, text: string): Payee {
  const merchant = merchantOf(notice, segmented, text);
  if (!merchant || !isCompany(merchant)) return { merchant, merchant_legal: null };
  const service = cleanMerchant(labelledValue(segmented, text, SERVICE_LABELS));
  return service && !isCompany(service)
    ? { merchant: service, merchant_legal: merchant }
    : { merchant, merchant_legal: null };
}

/**
 * The merchant: a labelled name, else the sender's display name, else a brand leading the subject, else the payee a
 * sentence names (a wallet's push: "您於 某商店 的交易已完成退款").
 */
function merchantOf(notice: Notice, segmented: Segmented, text: string): string | null {
  const labelled = cleanMerchant(labelledValue(segmented, text, MERCHANT_LABELS));
  if (labelled) return labelled;
  const sender = senderBrand(notice);
  if (sender) return sender;
  const subject = notice.subject?.trim() ?? "";
  const brand =
    /^[【[]([^】\]]{2,20})[】\]]/.exec(subject)?.[1] ?? /^([A-Za-z][A-Za-z0-9+&.' -]{1,20}?)\s+\S/.exec(subject)?.[1];
  return cleanMerchant(brand) ?? readMerchant(notice, text).merchant;
}

/** The channel a payment-method value names: wallets, PayPal, a credit or debit card. */
function methodChannel(method: string | null, text: string): PaymentChannel | null {
  const wallet = walletChannel(method) ?? walletChannel(method?.replace(/支付寶/g, "支付宝") ?? null);
  if (wallet) return wallet;
  if (method && /paypal/i.test(method)) return "paypal";
  if (method && /信用卡|Visa|Master|JCB|AMEX|American Express|美國運通|美国运通|大來卡|大来卡/i.test(method))
    return "credit_card";
  if (method) return cardChannel(method, false);
  return cardChannel(text, false);
}

/** The card's last digits in a payment-method value: "(末四碼 3391)", "(1881)", "4***********1881". */
function methodTail(method: string | null): string | null {
  if (!method) return null;
  return tailInParentheses(method) ?? /[*＊xX•·]{3,}\s*(\d{4})(?!\d)/.exec(method)?.[1] ?? null;
}

// Rows about the next period, so their dates are never taken for the transaction's.
const FUTURE_ROW = /^.*(?:下[次期]|到期|有效期|將於|将于|即將|即将).*$/gm;

// --- card notices laid out as tables ------------------------------------------------------------------------

// Column labels of a card notice's transaction table, Traditional and Simplified, and Hong Kong's English beside them.
const TABLE_AMOUNT =
  "交易金額|交易金额|消費金額|消费金额|簽帳金額|刷卡金額|新臺幣金額|新台幣金額|臺幣金額|港幣金額|人民币金额|人民幣金額|金額|金额|Transaction Amount|Amount";
const TABLE_MERCHANT =
  "商店名稱|商店名称|商戶名稱|商户名称|特約商店|特约商户|消費商店|交易商戶|交易商户|商家名稱|商家名称|交易摘要|交易說明|消費明細|Merchant Name|Merchant";
const TABLE_DATE = "交易日期|消費日期|消费日期|交易日|消費日|Transaction Date";
const TABLE_TIME = "交易時間|交易时间|消費時間|消费时间|Transaction Time";
const TABLE_TAIL =
  "卡號末四碼|卡号末四码|卡號末四位|卡号末四位|信用卡號碼末四位|信用卡号码末四位|卡號後四碼|卡号后四位|末四碼|末四码|末四位|Card Last 4 Digits|Card No\\.?|卡號|卡号";

// A bank's statement mail (电子账单, 月結單) lists many transactions and a balance due: no payment of its own.
const STATEMENT_SUBJECT = /电子账单|電子帳單|对账单|對帳單|月结单|月結單|信用卡账单|信用卡帳單|e-?statement/i;
const STATEMENT_BODY = /应还|應還|应缴|應繳|最低还款|最低應繳|繳款截止|到期还款|Payment Due|Minimum Payment/i;
const CARD_ISSUER = /银行|銀行|信用卡|\b(?:bank|credit card|card alert)\b/i;
// A transaction row's kind word ("消费", "刷卡", "退货"), which names no payee.
const TYPE_CELL =
  /^(?:消费|消費|支出|刷卡|刷卡消費|网上消费|網路消費|快捷支付|退款|退货|退貨|预授权|預授權|取现|預借現金)$/;
const REFUND_TYPE = /退款|退货|退貨/;
const HOLD_TYPE = /预授权|預授權/;

/** A Hong Kong "19/07/2025" is day first; Taiwan and the mainland write the year first, which dates.ts reads. */
function dayFirst(value: string | null, notice: Notice): string | null {
  if (!value || !/^\d{1,2}\/\d{1,2}\/\d{4}/.test(value.trim())) return value;
  const day = europeanDateIn(value, notice.receivedAt, "past");
  return day ? value.replace(/^\s*\d{1,2}\/\d{1,2}\/\d{4}/, day) : value;
}

/** An order number as written at the start of a value ("KB25010112345678"), or null; a word ("Receipt") is none. */
const orderCode = (value: string | null) => {
  const code = value ? /^[A-Za-z0-9][A-Za-z0-9_-]{5,63}/.exec(value)?.[0] : undefined;
  return code && /\d/.test(code) ? code : null;
};

const columnPair = (segmented: Segmented, labels: string): Pair | null => {
  const pair = pairFor(segmented, wholeLabel(labels));
  return pair?.layout === "column" ? pair : null;
};

function tableKind(text: string): EventKind {
  return REFUND.test(text) || /退貨|退货/.test(text) ? "refund" : "charge";
}

/** A transaction tabled under a header row of labels: its amount, payee, date, time and card columns. */
function readHeaderTable(notice: Notice, segmented: Segmented, text: string, bank: boolean) {
  const amountPair = columnPair(segmented, TABLE_AMOUNT);
  if (!amountPair) return null;
  const currency = contextCurrency(notice, text);
  // In an amount column a bare figure is the amount ("新臺幣金額 | 390"), in the notice's own currency.
  const amount: Money | null =
    findMoney(amountPair.value, { defaultCurrency: currency })[0] ??
    parseMoney(amountPair.value, { defaultCurrency: currency });
  if (!amount) return null;
  const valueIn = (labels: string) => pairFor(segmented, wholeLabel(labels))?.value ?? null;
  // A merchant's own receipt names its order; a bank's notice names the card instead.
  const reference = bank ? null : orderCode(valueIn(ORDER_LABELS));
  if (!bank && !reference) return null;
  const method = labelledValue(segmented, text, METHOD_LABELS);
  const date = dayFirst(valueIn(TABLE_DATE), notice);
  const time = valueIn(TABLE_TIME);
  const kind = tableKind(withoutAdvice(text));
  const tail = /\d{3,4}/.exec(valueIn(TABLE_TAIL) ?? "")?.[0] ?? null;
  return cnEvent(notice, {
    kind,
    amount_minor: amount.amount_minor,
    currency: amount.currency,
    merchant: cleanMerchant(valueIn(TABLE_MERCHANT)) ?? (bank ? null : merchantOf(notice, segmented, text)),
    occurred_at: occurredAt(notice, date && time ? `${date} ${time}` : date, text.replace(FUTURE_ROW, "")),
    reference,
    card_tail: tail ?? methodTail(method) ?? cardTail(text),
    channel: method ? methodChannel(method, text) : cardChannel(text, bank),
    renews_at: renewalDate(text, notice, kind),
  });
}

/** A bank's one unlabelled transaction row: "2025-05-20 19:42 | 北京卡路里信息技术有限公司 | 消费 | 人民币198.00". */
function readTransactionRow(notice: Notice, segmented: Segmented, text: string) {
  for (const [index, line] of segmented.lines.entries()) {
    if (!line.includes("\t")) continue;
    const cells = line.split("\t").map((cell) => cell.trim());
    if (cells.length < 3) continue;
    const type = cells.find((cell) => TYPE_CELL.test(cell));
    const amountCell = cells.find((cell) => findMoney(cell).length === 1);
    const dateCell = cells.find((cell) => /^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}/.test(cell));
    if (!type || !amountCell || !dateCell) continue;
    const rest = cells.filter((cell) => cell !== type && cell !== amountCell && cell !== dateCell && cell);
    const amount = findMoney(amountCell, { defaultCurrency: contextCurrency(notice, text) })[0];
    if (rest.length !== 1 || !amount || segmented.pairs.some((pair) => pair.line === index)) continue;
    const kind: EventKind = HOLD_TYPE.test(type) ? "other" : REFUND_TYPE.test(type) ? "refund" : "charge";
    return cnEvent(notice, {
      kind,
      amount_minor: amount.amount_minor,
      currency: amount.currency,
      merchant: cleanMerchant(rest[0]),
      occurred_at: occurredAt(notice, dateCell),
      card_tail: cardTail(text),
      channel: walletChannel(rest[0] ?? null) ?? cardChannel(text, true),
    });
  }
  return null;
}

export const readCnReceipt: Extractor = (notice) => {
  const text = subjectAndText(notice);
  if (!hasChinese(text)) return null;
  const bank = fromBank(notice, text);
  // A card issuer's notice: a bank by its tag, number or name, or a subject or sender naming a bank or a card.
  const issuer = bank || CARD_ISSUER.test(`${notice.senderName ?? ""}\n${notice.subject ?? ""}`);
  if (notice.source === "email" && STATEMENT_SUBJECT.test(notice.subject ?? "") && STATEMENT_BODY.test(text))
    return cnEvent(notice, { kind: "other" });
  const segmented = segmentsOf(notice);
  if (chineseNonPayment(text) || /預授權|预授权/.test(text)) return null;
  const tabled =
    readHeaderTable(notice, segmented, text, issuer) ?? (issuer ? readTransactionRow(notice, segmented, text) : null);
  if (tabled) return tabled;
  if (bank || looksLikeBankAccountMessage(text)) return null;
  const reference = orderCode(labelledValue(segmented, text, ORDER_LABELS));
  if (!reference) return null;
  const amount = amountOf(segmented, text, contextCurrency(notice, text));
  if (!amount) return null;
  const kind = kindOf(withoutAdvice(text));
  if (!kind) return null;

  const method = labelledValue(segmented, text, METHOD_LABELS);
  const time = labelledValue(segmented, text, TIME_LABELS);
  return cnEvent(notice, {
    kind,
    amount_minor: amount.amount_minor,
    currency: amount.currency,
    ...payeeOf(notice, segmented, text),
    occurred_at:
      kind === "renewal_notice" ? occurredAt(notice) : occurredAt(notice, time, text.replace(FUTURE_ROW, "")),
    reference,
    card_tail: methodTail(method) ?? cardTail(text),
    channel: methodChannel(method, text),
    renews_at: renewalDate(text, notice, kind),
  });
};
