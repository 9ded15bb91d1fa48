// Chinese-language merchant receipts (Simplified and Traditional: mainland, Taiwan, Hong Kong) → one event.
// A merchant's own "付款成功通知" / "付款明細" mail or SMS lists label：value rows: 訂單編號/订单编号,
// 交易日期, 金額/總計/实付金额, 付款方式 (信用卡（末四碼 3391）), 下次扣款日. Banks, Alipay and WeChat Pay
// have their own readers; this one runs before the generic bank reader and claims only texts with an
// order number and an amount row.
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
  referenceAfter,
  renewalDate,
  tailInParentheses,
  walletChannel,
  withoutAdvice,
} from "./cn-bank";
import { type FoundMoney, findMoney } from "./money";
import { chineseNonPayment } from "./other-cn";
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

function amountOf(text: string, defaultCurrency: string): FoundMoney | null {
  for (const label of AMOUNT_LABELS) {
    const value = labelValue(text, label);
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

// Words a sender display name adds to the brand: "KKBOX 客服中心", "网易云音乐通知", "Netflix Billing".
const SENDER_SUFFIX =
  /[\s-]*(?:客服中心|客服|通知|服務中心|服务中心|服務|服务|團隊|团队|會員中心|会员中心|Team|Support|Billing|Notifications?|No-?reply)$/i;

/** The merchant: a labelled name, else the sender's display name, else a brand leading the subject. */
function merchantOf(notice: Notice, text: string): string | null {
  const labelled = cleanMerchant(labelValue(text, MERCHANT_LABELS));
  if (labelled) return labelled;
  const name = notice.senderName
    ?.replace(/^["'\s]+|["'\s]+$/g, "")
    .replace(SENDER_SUFFIX, "")
    .trim();
  if (name && !name.includes("@") && !/^(?:no-?reply|service|info|support)$/i.test(name)) return cleanMerchant(name);
  const subject = notice.subject?.trim() ?? "";
  const brand =
    /^[【[]([^】\]]{2,20})[】\]]/.exec(subject)?.[1] ?? /^([A-Za-z][A-Za-z0-9+&.' -]{1,20}?)\s+\S/.exec(subject)?.[1];
  return cleanMerchant(brand);
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

export const readCnReceipt: Extractor = (notice) => {
  const text = [notice.subject, notice.text].filter(Boolean).join("\n");
  if (!hasChinese(text) || fromBank(notice, text) || looksLikeBankAccountMessage(text)) return null;
  const reference = referenceAfter(text, ORDER_LABELS);
  if (!reference) return null;
  const amount = amountOf(text, contextCurrency(notice, text));
  if (!amount) return null;
  const kind = kindOf(withoutAdvice(text));
  if (!kind) return null;

  const method = labelValue(text, METHOD_LABELS);
  const time = labelValue(text, TIME_LABELS);
  return cnEvent(notice, {
    kind,
    amount_minor: amount.amount_minor,
    currency: amount.currency,
    merchant: merchantOf(notice, text),
    occurred_at:
      kind === "renewal_notice" ? occurredAt(notice) : occurredAt(notice, time, text.replace(FUTURE_ROW, "")),
    reference,
    card_tail: methodTail(method) ?? cardTail(text),
    channel: methodChannel(method, text),
    renews_at: renewalDate(text, notice, kind),
  });
};
