// Alipay (支付宝) notices → one event: 支付助手 cards (自动扣款成功 / 付款成功 / Payment successful), mail
// from service@mail.alipay.com, push texts ("你有一笔43.73元的支出"), agreement signing and closing, and
// renewal reminders. Bank SMS that merely mention 支付宝 are left to the bank reader.
import {
  cardTail,
  cnEvent,
  DONE_DEDUCTION,
  hasChinese,
  labelValue,
  occurredAt,
  paymentAmounts,
  pickAmount,
  referenceAfter,
  referenceInText,
  renewalDate,
  SIGNED_UP,
  senderBrand,
  subjectAndText,
  tailInParentheses,
  withoutAdvice,
} from "./cn-bank";
import { readMerchant } from "./merchant";
import { chineseNonPayment } from "./other-cn";
import type { EventKind, Extractor, Notice } from "./types";

const ALIPAY_SENDER = /alipay|支付宝|^95188$|AlipayGphone/i;
// A bank's own tag means a bank SMS about an Alipay payment, which the bank reader reads.
const BANK_TAGGED = /[【[][^】\]\n]{0,12}(?:银行|信用卡|农信|农商)[^】\]\n]{0,6}[】\]]/;
// Wording only Alipay's own cards and mail use.
const ALIPAY_WORDING =
  /【支付宝】|\[支付宝\]|^\s*支付宝|扣款说明|交易对象|支付助手|自动扣款成功|你有一笔[-\d.,]+元的(?:支出|收入|退款)|支付宝(?:账户|账号)?[^，。\n]{0,20}(?:签约|解约|开通|关闭|自动扣款|免密支付|代扣|自动续费|扣款服务)|Alipay/;

const CANCELLATION =
  /(?:解约|关闭|取消|解除|终止)(?:了)?[^，。,\n]{0,30}(?:自动扣款|自动续费|免密支付|代扣|扣款服务|服务|协议|签约)|(?:自动扣款|自动续费|免密支付|代扣|扣款服务|协议)[^，。,\n]{0,24}(?:已)?(?:解约|关闭|取消|解除|终止)|解约成功|关闭成功/;
const SIGNUP =
  /(?:签约|开通|开启)(?!的)(?:了)?[^，。,\n]{0,30}(?:自动扣款|自动续费|免密支付|代扣|扣款服务|连续包月)|(?:自动扣款|自动续费|免密支付|代扣|扣款服务)[^，。,\n]{0,20}(?:签约|开通|开启)成功|签约成功|开通成功/;
const RENEWAL_NOTICE =
  /即将(?:到期|续费|自动续费|扣款|自动扣款)|将(?:于|在)[^，。,\n]{0,30}(?:自动续费|续费|扣款|自动扣款|扣费)|将(?:自动续费|自动扣款|为你自动|为您自动)|扣款提醒|续费提醒|到期提醒/;
const REFUND = /退款(?:成功|到账)?|退回|已退|Refund/i;
const CHARGE =
  /自动扣款成功|扣款成功|付款成功|支付成功|交易成功|续费成功|成功支付|成功付款|Payment successful|你有一笔[-\d.,]+元的支出|代扣成功|已扣款|付款金额|扣款金额|支付金额/i;
const AMOUNT_CUE = /扣款金额|付款金额|支付金额|退款金额|交易金额|订单金额|金额|你有一笔|自动扣款成功|付款成功|扣款/;

// Another app's package (com.unionpay, com.jingdong.app.mall…): its 支付助手 card is not Alipay's unless it says so.
const APP_PACKAGE = /^[a-z][\w-]*(?:\.[\w-]+)+$/i;

function isAlipay(notice: Notice, text: string): boolean {
  if (
    (notice.sender && ALIPAY_SENDER.test(notice.sender)) ||
    (notice.senderName && /支付宝|alipay/i.test(notice.senderName))
  )
    return true;
  if (notice.sender && APP_PACKAGE.test(notice.sender.trim()) && !/支付宝|Alipay/i.test(text)) return false;
  return !BANK_TAGGED.test(text) && ALIPAY_WORDING.test(text);
}

/** A mail sent by a merchant, not by Alipay: its sender names the payee. */
function fromMerchant(notice: Notice): boolean {
  if (notice.source !== "email") return false;
  return !(notice.sender && ALIPAY_SENDER.test(notice.sender)) && !/支付宝|alipay/i.test(notice.senderName ?? "");
}

function kindOf(text: string): EventKind {
  if (chineseNonPayment(text) || /预授权|冻结/.test(text)) return "other";
  if (CANCELLATION.test(text)) return "cancellation";
  if (SIGNED_UP.test(text)) return "signup";
  // A signup often names its first deduction ("开通…，将于11月5日扣款"): still a signup.
  if (SIGNUP.test(text) && !DONE_DEDUCTION.test(text)) return "signup";
  if (RENEWAL_NOTICE.test(text) && !DONE_DEDUCTION.test(text)) return "renewal_notice";
  if (REFUND.test(text)) return "refund";
  if (CHARGE.test(text)) return "charge";
  return "other";
}

/** Alipay's own notices (cards, mail, push texts). */
export const readAlipay: Extractor = (notice) => {
  const text = subjectAndText(notice);
  if (!isAlipay(notice, text)) return null;
  if (!hasChinese(text) && !/alipay/i.test(text + (notice.sender ?? ""))) return null;
  // Read once: the kind and the merchant are both told from the text without its advice clauses.
  const plain = withoutAdvice(text);
  const kind = kindOf(plain);
  if (kind === "other") return cnEvent(notice, { kind });

  let amount = pickAmount(text, AMOUNT_CUE, kind);
  // The card's headline "-43.73" is the debit written negative; prefer it when the rows carry none.
  if (!amount) amount = paymentAmounts(text)[0] ?? null;
  if (!amount && (kind === "charge" || kind === "refund")) return cnEvent(notice, { kind: "other" });

  const method = labelValue(text, "付款方式|支付方式|扣款方式|退款方式|Payment method");
  const time = labelValue(
    text,
    "创建时间|付款时间|支付时间|扣款时间|交易时间|退款时间|签约时间|开通时间|解约时间|关闭时间|时间",
  );
  // Sentences are read without their advice ("如需取消请前往支付宝-我的-设置…自动扣款" names no payee).
  const named = readMerchant(notice, plain);
  // A merchant's own mail paid through Alipay ("支付方式：支付宝自动扣款") that names no payee is about its sender's brand.
  const merchant = named.merchant ?? (fromMerchant(notice) ? senderBrand(notice) : null);
  const merchant_legal = named.merchant ? named.merchant_legal : null;
  return cnEvent(notice, {
    kind,
    amount_minor: amount?.amount_minor ?? null,
    currency: amount?.currency ?? null,
    merchant,
    merchant_legal,
    occurred_at:
      kind === "renewal_notice"
        ? occurredAt(notice)
        : kind === "signup" || kind === "cancellation"
          ? occurredAt(notice, time)
          : occurredAt(notice, time, text),
    reference:
      referenceAfter(text, "订单号|交易订单号") ??
      referenceAfter(text, "交易号|商家订单号|商户订单号|Transaction ID|Order No\\.?") ??
      referenceInText(text),
    card_tail: tailInParentheses(method) ?? (method ? null : cardTail(text)),
    channel: "alipay",
    renews_at: renewalDate(text, notice, kind),
  });
};
