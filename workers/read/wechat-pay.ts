// WeChat Pay (微信支付) notices → one event: 已扣费/扣费通知 auto-deduct cards, 已续费 renewals, 已支付 payments,
// 退款到账通知 refunds, signing and closing of 自动续费, renewal reminders. The app renders each row as a
// label glued to its value ("扣费金额￥25.00"), so labels are read with or without a colon.
import {
  cardTail,
  cnEvent,
  DONE_DEDUCTION,
  hasChinese,
  labelValue,
  looksLikeBankAccountMessage,
  occurredAt,
  pickAmount,
  referenceAfter,
  referenceInText,
  renewalDate,
  SIGNED_UP,
  subjectAndText,
  tailInParentheses,
  withoutAdvice,
} from "./cn-bank";
import { readMerchant } from "./merchant";
import { chineseNonPayment } from "./other-cn";
import type { EventKind, Extractor, Notice } from "./types";

// WeChat Pay's own mail and service account. The WeChat app (com.tencent.mm) forwards every official account —
// banks', 京东支付's — so the package alone says only that the card came through WeChat.
const WECHAT_SENDER = /微信支付|WeChat ?Pay|^微信$|tenpay|财付通/i;
const WECHAT_APP = /^com\.tencent\.mm$/i;
const BANK_TAGGED = /[【[][^】\]\n]{0,12}(?:银行|信用卡|农信|农商)[^】\]\n]{0,6}[】\]]/;
// Titles and row labels only WeChat Pay's own cards use, each starting its line (a service SMS that says
// "续费金额19元" in a sentence is not one).
const WECHAT_WORDING =
  /^[ \t]*(?:微信支付|WeChat Pay|已扣费\s*[¥￥]|扣费(?:通知|提醒)|扣费金额|扣费项目|扣费服务|扣费内容|已续费\s*[¥￥]|续费金额|续费项目|续费方式|收单机构|退款到账通知|已支付\s*[¥￥]|付款金额(?=[¥￥\d])|自动续费(?:开通|关闭)(?:成功|通知)|扣费服务(?:开通|关闭))/m;

// Simplified and Traditional (WeChat Pay HK: 已關閉自動扣費).
const CANCELLATION =
  /(?:解[约約]|[关關][闭閉]|取消|解除|[终終]止)(?:了)?[^，。,\n]{0,30}(?:自[动動][续續][费費]|自[动動]扣[费費]|扣[费費]服[务務]|免密支付|代扣|[连連][续續]包月)|(?:自[动動][续續][费費]|自[动動]扣[费費]|扣[费費]服[务務]|免密支付|代扣)[^，。,\n]{0,20}(?:已)?(?:解[约約]|[关關][闭閉]|取消|解除|[终終]止)|解[约約]成功|[关關][闭閉]成功/;
const SIGNUP =
  /(?:签约|开通|开启)(?!的)(?:了)?[^，。,\n]{0,30}(?:自动续费|自动扣费|扣费服务|免密支付|代扣|连续包月)|(?:自动续费|自动扣费|扣费服务|免密支付|代扣)[^，。,\n]{0,20}(?:签约|开通|开启)(?:成功)?|开通成功|签约成功/;
const RENEWAL_NOTICE =
  /即将(?:扣费|续费|自动续费|到期|扣款)|将(?:于|在)[^，。,\n]{0,30}(?:扣费|续费|自动续费|扣款|到期)|将(?:自动续费|自动扣费|为你扣费|为您扣费)|扣费提醒|续费提醒|到期提醒/;
const REFUND = /退款到账|退款金额|退款成功|已退款|退款/;
const CHARGE = /已扣费|扣费通知|扣费金额|扣费成功|已续费|续费金额|续费成功|已支付|付款金额|支付金额|支付成功|付款成功/;
const METHOD_LABELS = "支付方式|扣费方式|续费方式|付款方式|退款方式|到账方式";
const AMOUNT_CUE = /扣费金额|续费金额|付款金额|支付金额|退款金额|金额|已扣费|已续费|已支付|扣费/;

// Rows only WeChat Pay's own cards have; without them, a message through the WeChat app (com.tencent.mm)
// that reads like a bank account message ("交易卡号：尾号0877借记卡 … 交易金额：出账 25.00") is a bank's
// official account, which the bank reader reads.
const WECHAT_OWN_ROWS =
  /已扣费\s*[¥￥]|扣费金额|扣费项目|扣费服务|扣费内容|已续费\s*[¥￥]|续费金额|续费项目|收单机构|退款到账通知|已支付\s*[¥￥]/;

// A payment-method row naming Alipay (or its balances) says another wallet carried it, whatever rows the mail shares
// with WeChat Pay's cards ("续费金额：￥25.00 / 支付方式：支付宝" in a merchant's own renewal mail).
const OTHER_WALLET_METHOD = /支付宝|支付寶|余额宝|餘額寶|花呗|花唄|Alipay/i;

function isWeChatPay(notice: Notice, text: string): boolean {
  if (BANK_TAGGED.test(text)) return false;
  const method = labelValue(text, METHOD_LABELS);
  if (method && OTHER_WALLET_METHOD.test(method)) return false;
  if (!WECHAT_OWN_ROWS.test(text) && looksLikeBankAccountMessage(text)) return false;
  if (
    (notice.sender && WECHAT_SENDER.test(notice.sender)) ||
    (notice.senderName && WECHAT_SENDER.test(notice.senderName))
  )
    return true;
  // Through the WeChat app, a card is WeChat Pay's when it says so or has its rows; else another account's.
  if (notice.sender && WECHAT_APP.test(notice.sender.trim()))
    return WECHAT_WORDING.test(text) || /财付通|微信支付/.test(text);
  return WECHAT_WORDING.test(text);
}

function kindOf(text: string): EventKind {
  if (chineseNonPayment(text) || /预授权|冻结/.test(text)) return "other";
  if (REFUND.test(text) && /退款到账|退款金额|退款成功|已退款/.test(text)) return "refund";
  if (CANCELLATION.test(text)) return "cancellation";
  if (SIGNED_UP.test(text)) return "signup";
  // A signup often names its first deduction ("开通…，下次扣费时间…"): still a signup.
  if (SIGNUP.test(text) && !DONE_DEDUCTION.test(text) && !/扣费金额|续费金额|付款金额/.test(text)) return "signup";
  if (RENEWAL_NOTICE.test(text) && !DONE_DEDUCTION.test(text)) return "renewal_notice";
  if (CHARGE.test(text)) return "charge";
  if (REFUND.test(text)) return "refund";
  return "other";
}

/** WeChat Pay's own notices (service-account cards, app pushes). */
export const readWeChatPay: Extractor = (notice) => {
  const text = subjectAndText(notice);
  if (!hasChinese(text) || !isWeChatPay(notice, text)) return null;
  // Read once: the kind and the merchant are both told from the text without its advice clauses.
  const plain = withoutAdvice(text);
  const kind = kindOf(plain);
  if (kind === "other") return cnEvent(notice, { kind });

  const amount = pickAmount(text, AMOUNT_CUE, kind);
  if (!amount && (kind === "charge" || kind === "refund")) return cnEvent(notice, { kind: "other" });
  const method = labelValue(text, METHOD_LABELS);
  const time = labelValue(
    text,
    "扣费时间|续费时间|支付时间|付款时间|到账时间|退款时间|交易时间|开通时间|关闭时间|时间",
  );
  // Sentences are read without their advice ("如需取消请前往支付宝-我的-设置…自动扣款" names no payee).
  const { merchant, merchant_legal } = readMerchant(notice, plain);
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
    // A refund card may glue the order number inside its product row: "商品详情某商城-订单编号8800…".
    reference: referenceAfter(text, "交易单号|商户单号|订单号|订单编号|退款单号") ?? referenceInText(text),
    card_tail: method ? tailInParentheses(method) : cardTail(text),
    channel: "wechat_pay",
    renews_at: renewalDate(text, notice, kind),
  });
};
