// Chinese bank SMS, bank app pushes and bank WeChat official-account messages → one event; also the
// careful generic reader for any Chinese payment text. Exports the small Chinese reading helpers the
// Alipay and WeChat Pay readers share (label values, amounts that are not balances, tails, dates).

import { type FoundMoney, findMoney, parseMoney } from "./amounts";
import { findCalendarDate, findTransactionInstant } from "./dates";
import { cleanMerchant as cleanName, notAMerchant, readMerchant } from "./merchant";
import { chineseNonPayment } from "./other-cn";
import type { EventKind, ExtractedEvent, Extractor, Notice, PaymentChannel } from "./types";

export const CN_ZONE = "Asia/Shanghai";
const CJK = /[\u4e00-\u9fff]/;

// ---------------------------------------------------------------------------------------------
// Shared helpers

/** When the notice was sent, else received: the anchor for dates written without a year. */
export function noticeTime(notice: Notice): number {
  return notice.sentAt ?? notice.receivedAt;
}

// Hong Kong and Macau write numeric dates day first (03/05 is 3 May); the mainland and Taiwan month first.
const HONG_KONG_ZONES = new Set(["Asia/Hong_Kong", "Asia/Macau"]);
const HONG_KONG_MONEY = /HKD|HK\$|港幣|港币|港元|MOP/;

export function dateContext(notice: Notice) {
  const dayFirst =
    (notice.timeZone !== undefined && HONG_KONG_ZONES.has(notice.timeZone)) ||
    HONG_KONG_MONEY.test(notice.text.slice(0, 600));
  return { receivedAt: noticeTime(notice), timeZone: CN_ZONE, dayFirst };
}

export function hasChinese(text: string): boolean {
  return CJK.test(text);
}

/** Subject and body as the Chinese readers read them. */
export function subjectAndText(notice: Notice): string {
  return notice.subject ? `${notice.subject}\n${notice.text}` : notice.text;
}

const labelCache = new Map<string, RegExp>();

/**
 * The value after a label: "交易对象：爱奇艺", "扣费金额￥25.00" (glued, as WeChat Pay renders it),
 * "付款方式\t余额宝" (a flattened table row) or the label alone on its line with the value on the next.
 */
export function labelValue(text: string, labels: string): string | null {
  let regex = labelCache.get(labels);
  if (!regex) {
    // The label starts a line or follows a separator, so "金额" does not fire inside "扣费金额" on its own.
    regex = new RegExp(
      `(?:^|[\\n\\t，,；;。 ])[ \\t*]*(?:${labels})[ \\t*]*(?:[：:\\t][ \\t]*|\\n[ \\t]*)?([^\\n\\t]*)`,
      "m",
    );
    labelCache.set(labels, regex);
  }
  const match = regex.exec(text);
  if (!match) return null;
  let value = (match[1] ?? "").trim();
  if (!value) {
    // Label on its own line: take the next non-empty line.
    const rest = text.slice((match.index ?? 0) + match[0].length);
    value = /^\s*([^\n]+)/.exec(rest)?.[1]?.trim() ?? "";
  }
  return value.replace(/^[：:]\s*/, "").trim() || null;
}

// Figures that are not what was paid: balances, credit limits, points, fees, discounts, limits, totals. The word
// leads its own figure ("余额1,204.77", "可用额度：人民币23,412.00", "最低还款额375.93元"); money taken from a
// balance ("从账户余额自动扣除29.90元", "扣除余额29.90元") is still what was paid.
const NOT_THE_AMOUNT =
  /(?<!扣除|扣减|从|使用)(?:余额|额度|積分|积分|限额|手续费|优惠|立减|折扣|原价|待还|应还|最低还款额?|账单金额|累计|剩余|共计|合计)(?:[为是：:\s]|人民币|RMB|CNY|金额|额)*$/;
const CLAUSE_START = /[，,。；;！!\n（(【[]/;

/** The clause of `text` that leads up to `index`: from the last separator before it. */
function clauseBefore(text: string, index: number): string {
  let start = index;
  while (start > 0 && index - start < 24 && !CLAUSE_START.test(text[start - 1] as string)) start -= 1;
  return text.slice(start, index);
}

/** Amounts in a Chinese text (bare numbers and ¥ are CNY), without balances, limits and fees. */
export function paymentAmounts(text: string): FoundMoney[] {
  return findMoney(text, { defaultCurrency: "CNY" }).filter((m) => !NOT_THE_AMOUNT.test(clauseBefore(text, m.index)));
}

// A changed price: the new one is what the next renewal costs ("续费价格由68元调整为78元", "从25元上调至28元").
const NEW_PRICE = /(?:调整|調整|上调|上調|下调|下調|变更|變更|提高|降低|涨|漲)(?:为|為|至|到)|新价格|新價格/;
// What a signup or a reminder will charge from now on, past an introductory price ("首月¥9.00已支付，次月起每月¥19.00").
const COMING_PRICE = /次月起|此后|之后|续费(?:金额|价格)|每期扣款|每期|每月|每季|每年/;

function amountAfter(text: string, amounts: FoundMoney[], cue: RegExp, reach = 24): FoundMoney | null {
  const found = cue.exec(text);
  if (!found) return null;
  return amounts.find((m) => m.index >= found.index && m.index - (found.index + found[0].length) <= reach) ?? null;
}

/** The amount the notice is about: the first after one of `cues` (a regex source), else the first payment amount. */
export function pickAmount(text: string, cues: RegExp, kind?: EventKind): FoundMoney | null {
  const amounts = paymentAmounts(text);
  if (amounts.length === 0) return null;
  const changed = amountAfter(text, amounts, NEW_PRICE, 8);
  if (changed) return changed;
  if (kind === "signup" || kind === "renewal_notice") {
    const coming = amountAfter(text, amounts, COMING_PRICE, 8);
    if (coming) return coming;
  }
  const after = amountAfter(text, amounts, cues);
  if (after) return after;
  return amounts[0] ?? null;
}

const TAIL_PATTERNS = [
  /尾[号號数數][：:为為是\s]*[*＊xX]*(\d{3,4})(?![\d年月日])/,
  // Taiwan / HK receipts and some mainland mails: 末四碼 3391, 卡號後四碼：3391, 后四位1234.
  /(?:末|[后後])[四4][码碼位][：:为為是\s]*(\d{4})(?!\d)/,
  /(\d{4})的(?:[^，,。\d]{0,6})?(?:信用卡|借记卡|储蓄卡|银行卡|账户|卡)/,
  // "信用卡(1234)", "Visa 信用卡 (**** 6610)".
  /(?:卡|账户|账号|卡号)\s*[（(]\s*[*＊xX•·]*\s*(\d{3,4})\s*[）)]/,
  /(?:账户|账号|卡号|帳戶|帳號|賬戶|卡號|信用卡|借记卡|储蓄卡|银行卡|单位卡|主卡|附属卡|卡)[：:为\s]*[*＊xX]{0,12}\s?(\d{4})(?![\d年月日时分:：.])/,
  // Hong Kong: 信用卡（Visa 結尾 5120）.
  /(?:結尾|结尾)[：:為为是\s]*(\d{4})(?!\d)/,
];

/** Last 3–4 digits of the card or account, as written ("尾号097" → "097"). */
export function cardTail(text: string): string | null {
  for (const pattern of TAIL_PATTERNS) {
    const match = pattern.exec(text);
    if (match?.[1]) return match[1];
  }
  return null;
}

/** The digits in a "中国银行储蓄卡(7575)" style payment-method value. */
export function tailInParentheses(value: string | null): string | null {
  if (!value) return null;
  // "(7575)", "(尾号7575)", and the bank named inside: "(中国银行6021)", "(招商银行 尾号1234)".
  return /[（(][^（）()\d]{0,12}?\s*(?:尾号|尾號)?[*＊]*(\d{3,4})\s*[）)]/.exec(value)?.[1] ?? cardTail(value);
}

// An order number written straight after its word inside a sentence: "…（自动续费）订单KM20250101123456将于…".
const REFERENCE_IN_TEXT =
  /(?:订单编号|订单号|订单|訂單編號|訂單號碼|訂單號|訂單|交易单号|交易單號|交易号|交易編號)[：:\s]*([A-Za-z]{0,4}\d{8,40})(?!\d)/;

/** An order number glued to its word in a sentence, when no label row states one. */
export function referenceInText(text: string): string | null {
  return REFERENCE_IN_TEXT.exec(text)?.[1] ?? null;
}

// A bilingual notice writes the English label after the Chinese one: "參考編號 Ref. No.: XY…", "交易編號 Transaction No.:".
// The English label may stand without a colon, as a bilingual table writes it ("收據編號 Receipt No.\tVIU-…").
const ENGLISH_LABEL =
  /^(?:Ref(?:erence)?|Transaction|Txn|Order|Receipt)\.?\s*(?:(?:No|Number|ID|#)\.?\s*[:：]?|[:：])\s*/i;

/** Order / transaction number after one of the labels (a regex source). */
export function referenceAfter(text: string, labels: string): string | null {
  const value = labelValue(text, labels)?.replace(ENGLISH_LABEL, "");
  return value ? (/^[A-Za-z0-9][A-Za-z0-9_-]{5,63}/.exec(value)?.[0] ?? null) : null;
}

// Reference labels of a bank's or wallet's own notice, Simplified, Traditional and the English beside them.
const REFERENCE_LABELS =
  "订单号|訂單號碼|訂單編號|訂單號|交易单号|交易單號|交易流水号|流水号|交易号|交易編號|交易序號|交易参考编号|交易參考編號|参考编号|參考編號|参考号码|參考號碼|参考号|參考號|凭证号|Reference No\\.?|Reference Number|Ref\\. No\\.?|Transaction No\\.?";

/** Trimmed merchant text without brackets or quotes (merchant.ts), for the readers that import it from here. */
export const cleanMerchant = cleanName;

// In a merchant name "微信" means WeChat Pay ("微信自动续费"); in free text it may be a bank's own WeChat
// account ("关注微信公众号"), so text needs the payment words.
const ALIPAY_WORD = /支付宝|alipay/i;
const WECHAT_IN_MERCHANT = /财付通|微信|tenpay|wechat/i;
const WECHAT_IN_TEXT = /财付通|微信支付|微信零钱|微信红包|微信转账|tenpay|wechat ?pay/i;

/** The wallet a merchant name (or, stricter, a whole text) names: Alipay or WeChat Pay, else null. */
export function walletChannel(value: string | null, inText = false): PaymentChannel | null {
  if (!value) return null;
  const alipay = value.search(ALIPAY_WORD);
  const wechat = value.search(inText ? WECHAT_IN_TEXT : WECHAT_IN_MERCHANT);
  if (alipay < 0 && wechat < 0) return null;
  if (wechat < 0) return "alipay";
  if (alipay < 0) return "wechat_pay";
  return alipay < wechat ? "alipay" : "wechat_pay";
}

/**
 * The instant of the first date in the first of `texts` that has one, else the notice's own time. A day without a
 * time is a calendar day in China (findTransactionInstant).
 */
export function occurredAt(notice: Notice, ...texts: (string | null | undefined)[]): string {
  for (const text of texts) {
    const written = text ? findTransactionInstant(text, dateContext(notice), noticeTime(notice)) : null;
    if (written) return written;
  }
  return new Date(noticeTime(notice)).toISOString();
}

/** The first date in `text` (looking forward), as YYYY-MM-DD. */
export function calendarDate(text: string | null, notice: Notice): string | null {
  return text ? findCalendarDate(text, dateContext(notice)) : null;
}

// Advice clauses name actions the user has not taken ("如需取消请前往…关闭免密支付"), so kinds are read
// without them.
// A mail may wrap the clause onto the next line ("…在“我的-设置”中\n查看或解除该代扣协议。"): it runs on to a line
// that is no label row.
const ADVICE =
  /(?:(?:如|若|倘若|假如|如果)(?:您|你)?(?:不想|不再|不需|不希望|无需|無需|不同意|不接受|想要?取消|要取消|需要?取消)|如需|如要|若需|若要|如欲|若欲|如想|如不需要|如不再需要|如您不需要|如你不需要|如不想|如无需|如不同意|可随时|随时可|您可|你可|可前往|可在|可于|可登录|可进入|请前往|請前往|请在|请登录|如有疑问|如有疑問|如有任何問題|如非本人)[^。！!\n]*(?:\n(?![^\n]{0,12}[：:\t])[^。！!\n]*)?/g;
// Conditional or future clauses describe what will happen, not what has: "扣款成功后，会员权益以商家页面显示
// 为准", "届时将从你的支付宝账户扣款25.00元", "若续费成功，…".
const CONDITIONAL = new RegExp(
  [
    "(?:扣款|扣费|扣費|付款|支付|续费|續費|续订|續訂|交易|开通|開通|签约|簽約)成功(?:之|以)?[后後][^。！!\\n]*",
    "(?:届时|屆時)[^。！!\\n]*",
    "(?:如果|假如|若|一旦|待)[^，,。！!\\n]{0,30}?(?:成功|扣款|扣费|扣費|支付|付款|续费|續費)[^，,。！!\\n]*",
  ].join("|"),
  "g",
);

/** `text` without advice and conditional clauses, for telling what happened. */
export function withoutAdvice(text: string): string {
  return text.replace(ADVICE, "").replace(CONDITIONAL, "");
}

export function cnEvent(notice: Notice, fields: Partial<ExtractedEvent> & { kind: EventKind }): ExtractedEvent {
  const event: ExtractedEvent = {
    kind: fields.kind,
    amount_minor: fields.amount_minor ?? null,
    currency: fields.currency ?? null,
    merchant: fields.merchant ?? null,
    occurred_at: fields.occurred_at ?? new Date(noticeTime(notice)).toISOString(),
    reference: fields.reference ?? null,
    card_tail: fields.card_tail ?? null,
    channel: fields.kind === "other" ? null : (fields.channel ?? null),
    renews_at: fields.kind === "other" ? null : (fields.renews_at ?? null),
  };
  if (fields.merchant_legal) event.merchant_legal = fields.merchant_legal;
  if (event.kind === "other") {
    // "other" is never a payment: no payment facts at all, so nothing downstream mistakes it for one.
    return { ...event, amount_minor: null, currency: null, merchant: null, reference: null, card_tail: null };
  }
  if (event.amount_minor === null) event.currency = null;
  return event;
}

// ---------------------------------------------------------------------------------------------
// Bank notices

// Traditional characters of the words that tell a notice's kind and sender, each with its Simplified form: a Taiwan
// or Hong Kong bank's "於…消費新臺幣390元", "【例示銀行】", "入帳" are told by the same words as the mainland's. Only
// the kind and the bank are told from the folded text; every value is read from the text as written.
const TRADITIONAL_PAIRS =
  "銀银號号費费續续訂订單单戶户額额還还轉转動动開开關关約约貨货帳账賬账買买購购繳缴簽签務务會会員员筆笔項项於于進进時时間间結结閉闭終终證证碼码聯联儲储記记農农郵邮發发餘余廣广興兴權权詳详請请應应匯汇現现資资錢钱將将屆届後后辦办優优減减價价漲涨調调變变說说對对認认驗验網网寶宝幣币臺台電电無无為为與与閱阅";
const SIMPLIFIED = new Map<string, string>();
for (let index = 0; index < TRADITIONAL_PAIRS.length; index += 2)
  SIMPLIFIED.set(TRADITIONAL_PAIRS[index] as string, TRADITIONAL_PAIRS[index + 1] as string);
const TRADITIONAL = new RegExp(`[${[...SIMPLIFIED.keys()].join("")}]`, "g");
// A notice in Traditional characters shows them in its first lines; a mainland one is not folded at all.
const TRADITIONAL_HEAD = new RegExp(TRADITIONAL.source);
const HEAD_CHARS = 400;

/** `text` with the Traditional characters of kind and bank words in their Simplified form (itself when it has none). */
export function folded(text: string): string {
  if (!TRADITIONAL_HEAD.test(text.slice(0, HEAD_CHARS))) return text;
  return text.replace(TRADITIONAL, (character) => SIMPLIFIED.get(character) ?? character);
}

const BANK_TAG =
  /[【[]([^】\]\n]{0,12}?(?:银行|銀行|信用卡|农信|農信|农商|農商|信用社|邮储|郵儲|银联|銀聯)[^】\]\n]{0,6})[】\]]/;
const BANK_WORD =
  /银行|信用卡|借记卡|储蓄卡|尾号|账户\s*[*＊]?\d{3,4}|招行|工行|建行|农行|中行|交行|浦发|民生|光大|广发|邮储|中信|兴业|平安银行/;
// Bank SMS senders: 955xx / 96xxx short codes (not 95188 Alipay or 95017 WeChat Pay), and bank apps by
// package. 106… gateways are shared by every kind of company, so they say nothing.
const BANK_SENDER =
  /^(?:\+?86)?(?!95188$|95017$)(?:95\d{3}|96\d{3})$|^(?:cmb\.pb|com\.icbc|com\.chinamworld|com\.android\.bankabc|com\.ccb|com\.bankcomm|com\.cmbc|com\.spdb|com\.cebbank|com\.cgbchina|com\.yitong\.mbank\.psbc|com\.ecitic|com\.cib|com\.pingan)/i;

// Kinds by wording. Order matters: a hold, an income or a repayment is checked before the debit words
// they often share ("预授权…消费", "退款…支付宝").
// A hold is no payment: 预授权, and Hong Kong's 預先授權 (Traditional 預 is not folded).
const PRE_AUTHORISATION = /[预預]先?授[权權](?!完成)/;
// Taiwan cards write a refund to the card as 刷退 (swiped back).
const REFUND = /退款|退货|退税|退回|冲正|撤销|返还|刷退/;
const CANCELLATION =
  /(?:解约|关闭|取消|解除|终止)(?:了)?[^，。,\n]{0,24}(?:自动续费|自动续订|自动扣款|自动扣费|免密支付|代扣|签约|协议|授权|连续包月)|(?:自动续费|自动扣款|自动扣费|免密支付|代扣|签约|协议|连续包月)[^，。,\n]{0,24}(?:已|成功)?(?:解约|关闭|取消|解除|终止)(?:成功)?/;
const SIGNUP =
  /(?:签约|开通|开启|绑定)(?!的)(?:了)?[^，。,\n]{0,24}(?:自动续费|自动扣款|自动扣费|免密支付|代扣|连续包月)|(?:自动续费|自动扣款|自动扣费|免密支付|代扣|连续包月)[^，。,\n]{0,24}(?:签约|开通|开启)(?:成功)?|签约成功/;
// A reminder says so ("云服务器ECS自动续费提醒"), whatever it recalls of the signup ("已开通自动续费").
const REMINDER = /(?:续费|续订|扣款|扣费|到期)提醒/;
const RENEWAL_NOTICE =
  /即将(?:到期|续费|自动续费|扣款|扣费|自动扣款)|将(?:于|在)[^，。,\n]{0,30}(?:自动续费|续费|续订|扣款|扣费|自动扣款|到期)|将(?:自动续费|自动扣款|为您自动|为你自动)|到期后(?:将)?自动续费|扣款提醒|续费提醒|扣费提醒/;
const DEBIT =
  /消费|支出|实付|實付|扣款|扣费|支付|付款|支取|交易|转出|缴费|购买|取款|代扣|提现|汇款|下单|(?:成功)?扣除|出账|刷卡|签账/;
// Money that moved without a merchant charge: salary, transfers in, repayments; none is a payment fact.
const NOT_A_PAYMENT = /还款|入账|转入|存入|收入|工资|代发|汇入|到账|还款日|账单日|账单已出|额度调整|登录|绑定成功/;
const PAYMENT_CUE =
  /交易金额|扣款金额|扣费金额|支出金额|消费金额|支付金额|付款金额|退款金额|金额|消费|支出|扣款|扣费|支付|付款|支取|交易|退款|退货|出账/;

// A signup's own wording: the agreement was opened, whatever its first period cost ("自动续费开通成功 … 首月¥9.00
// 已支付", "您已成功开通超级会员连续包月自动续费服务"); a subscription taken out ("訂閱成功", "您的訂閱已生效").
export const SIGNED_UP =
  /(?<!续)订阅(?:已)?(?:成功|生效|开通|启用)|(?:成功订购|订购成功)[^。！!\n]{0,40}?(?:连续包[月季年]|自动续订|自动续费|包月)|(?:多[谢謝]|感[谢謝])(?:你|您)(?:订购|订阅)(?!的)|成功订阅|(?:自动续费|自动扣款|自动扣费|扣费服务|扣款服务|免密支付|代扣)(?:服务)?(?:开通|签约)成功|(?:开通|签约)(?:自动续费|自动扣款|自动扣费|扣费服务|扣款服务|免密支付|代扣)(?:服务)?成功|成功(?:开通|签约)(?:了)?[^，。,\n]{0,24}(?:自动续费|自动扣款|自动扣费|扣费服务|扣款服务|免密支付|代扣|连续包[月季年])/;

// A price change for the coming renewals: "续费价格由68元调整为78元", "价格将于12月01日起由25元上调至30元".
// Also "调整方案价格" and "费用将从每月 NT$300 调整为每月 NT$330" (Traditional texts are folded first).
export const PRICE_CHANGE =
  /(?:价格|费用|月费|年费|月租|订阅费)[^，。,\n]{0,24}(?:调整|上调|上涨|变更|提高)|(?:调整|上调|调涨)[^，。,\n]{0,8}(?:价格|费用)|涨价|调价|新价格/;

function kindOf(text: string): EventKind {
  if (PRE_AUTHORISATION.test(text)) return "other";
  if (CANCELLATION.test(text)) return "cancellation";
  if (SIGNED_UP.test(text)) return "signup";
  if ((PRICE_CHANGE.test(text) || REMINDER.test(text)) && !DONE_DEDUCTION.test(text)) return "renewal_notice";
  // A signup often names its first deduction ("开通…，将于11月5日扣款"): still a signup.
  if (SIGNUP.test(text) && !DONE_DEDUCTION.test(text) && !/成功(?:消费|支付|扣款)|支出/.test(text)) return "signup";
  if (RENEWAL_NOTICE.test(text) && !DONE_DEDUCTION.test(text)) return "renewal_notice";
  if (REFUND.test(text)) return "refund";
  // "收入(退款…)" is a refund (above); other incomes and repayments are not payments.
  const debit = DEBIT.exec(text);
  const income = NOT_A_PAYMENT.exec(text);
  if (debit && (!income || debit.index < income.index || /还款日|账单日/.test(income[0]))) return "charge";
  return "other";
}

// Credit-card notices name the card (信用卡/贷记卡), a bank's credit-card brand (广发卡 is CGB's; 龙卡信用卡,
// 牡丹信用卡 carry 信用卡 anyway) or the credit line left (可用额度/信用额度), which debit cards do not have.
const CREDIT_CARD = /信用卡|贷记卡|貸記卡|準貸記卡|准贷记卡/;
// Hong Kong calls a debit card 扣賬卡.
const DEBIT_CARD = /借记卡|储蓄卡|借記卡|儲蓄卡|金融卡|簽帳卡|签账卡|扣賬卡|扣账卡|活期/;
const CREDIT_HINT =
  /广发卡|廣發卡|可用额度|可用額度|信用额度|信用額度|临时额度|[本下]期(?:账单|帳單)|最低还款|最低應繳/;

/** credit_card / bank_card from the card a bank notice names; null outside a bank notice naming no card. */
export function cardChannel(text: string, bank: boolean): PaymentChannel | null {
  if (CREDIT_CARD.test(text)) return "credit_card";
  if (DEBIT_CARD.test(text)) return "bank_card";
  if (CREDIT_HINT.test(text)) return "credit_card";
  return bank ? "bank_card" : null;
}

/** The notice comes from a bank by its tag, sender number or app, or sender name (not by its wording). */
export function fromBank(notice: Notice, text: string): boolean {
  if (BANK_TAG.test(text)) return true;
  if (notice.sender && BANK_SENDER.test(notice.sender.trim())) return true;
  return Boolean(notice.senderName && /银行|銀行|信用卡/.test(notice.senderName));
}

function isBankNotice(notice: Notice, text: string): boolean {
  return fromBank(notice, text) || BANK_WORD.test(text);
}

// A bank named by name ("兴业银行信用卡", "招行"), not the "银行卡" any wallet writes.
// Taiwan and Hong Kong banks often sign without 銀行: 中國信託, 國泰世華, 台新, 滙豐, 恒生, 中銀香港.
const NAMES_A_BANK =
  /[\u4e00-\u9fff]{2,8}[银銀]行(?!卡)|招行|工行|建行|农行|中行|交行|浦发|民生|光大|广发|邮储|中信|兴业|平安银行|中國信託|國泰世華|台新|玉山|永豐|富邦|聯邦|元大|兆豐|華南|彰銀|合庫|星展|渣打|花旗|滙豐|匯豐|恒生|中銀香港|東亞/;
// 数字人民币 names the wallet it paid from ("支付钱包：中国银行钱包"): a wallet a bank runs is no card.
const METHOD_LABELS = "支付方式|付款方式|扣款方式|扣费方式|续费方式|退款方式|付款账户|支付账户|支付钱包|付款钱包";
// What a payment-method value names: a wallet's own balance or credit (余额宝, 花呗, 零钱通), or a card.
const ALIPAY_METHOD = /支付宝|余额宝|花呗|Alipay/i;
// "零钱" alone is any wallet's balance (抖音支付 has one too); 零钱通 is WeChat Pay's own.
const WECHAT_METHOD = /微信|零钱通|财付通|WeChat/i;

/** The channel a payment-method value names ("招商银行信用卡(9042)", "零钱通", "美团月付"): null when none listed. */
export function methodChannel(method: string): PaymentChannel | null {
  if (ALIPAY_METHOD.test(method)) return "alipay";
  if (WECHAT_METHOD.test(method)) return "wechat_pay";
  return cardChannel(method, false);
}

/**
 * How a Chinese notice says it was paid: the wallet behind the payee ("财付通-爱奇艺"), else the payment method it
 * states, else a wallet or a card in its wording; a bank's own notice naming no card is a debit card. Never the
 * app that forwarded it: a 京东支付 card forwarded by com.tencent.mm is no WeChat Pay.
 */
export function paidThrough(notice: Notice, text: string, merchant: string | null): PaymentChannel | null {
  const wallet = walletChannel(merchant);
  if (wallet) return wallet;
  const method = labelValue(text, METHOD_LABELS);
  if (method) return methodChannel(method);
  return walletChannel(text, true) ?? cardChannel(text, fromBank(notice, text) || NAMES_A_BANK.test(text));
}

// ---------------------------------------------------------------------------------------------
// Label：value transaction messages (banks' WeChat official accounts, app pushes, some mails):
//   交易卡号：尾号0877借记卡 / 交易时间：2026-06-12 20:15:33 / 交易类型：消费财付通-爱奇艺 /
//   交易金额：出账 25.00 人民币元 / 可用余额: 3,208.66 人民币元
// The direction (出账/入账, 支出/收入, a sign) and the type word tell the kind; the payee is the merchant
// row or the type value after its type word.

const ROW_LABEL =
  /^[ \t*]*(?:交易类型|业务类型|交易种类|交易金额|消费金额|支出金额|扣款金额|入账金额|收入金额|交易时间|消费时间|交易日期|交易卡号|卡号|交易账户|交易账号|账户|账号|账户尾号|卡号尾号|商户名称|交易商户|消费商户|交易对方|对方户名|对方账户名|收款方|交易渠道|交易地点|交易摘要|摘要|用途|可用余额|账户余额|余额|可用额度)[ \t*]*[：:]/gm;
const AMOUNT_ROW = "交易金额|消费金额|支出金额|扣款金额|入账金额|收入金额|金额";
const CARD_ROW = "交易卡号|卡号尾号|账户尾号|卡号|交易账户|交易账号|账户|账号";
const OUTBOUND = /出账|支出|消费|扣款|扣费|支付|付款|转出|取款|缴费|借方|代扣|刷卡|^\s*[-−－]/;
const INBOUND = /入账|收入|存入|转入|贷方|汇入|到账|工资|代发|还款|^\s*\+/;
// A bank's card appends a call to action to the type row ("消费->点击领取优惠券", "消费>>查看详情", "消费→领取"):
// from its arrow or its first action word on, no name.
const PROMO_TAIL = /\s*(?:[-－=]*[>＞》→]+|点击|點擊|查看|详情|詳情|立即|领取|領取).*$/;
const TYPE_WORD =
  /^(?:消费|支出|快捷支付|网上支付|网络支付|网银支付|银联(?:消费|支付)?|无卡支付|POS消费|支付(?!宝)|扣款|代扣|缴费|退款|退货|转账|转出|取款|刷卡|[(（]|[)）]|\s)+/;

/** How many rows of a label：value transaction message `text` has (0 when it is prose). */
export function labelledRows(text: string): number {
  return text.match(ROW_LABEL)?.length ?? 0;
}

const CARD_OR_TYPE_ROW = new RegExp(`^[ \\t*]*(?:${CARD_ROW}|交易类型)[ \\t*]*[：:]`, "m");

/** A bank's own account message: label rows about a card or account, or a card tail, and no wallet card rows. */
export function looksLikeBankAccountMessage(text: string): boolean {
  const rows = labelledRows(text);
  if (rows >= 3 && CARD_OR_TYPE_ROW.test(text)) return true;
  return /尾[号號]\s*[*＊]?\d{3,4}/.test(text) && /出账|入账|可用余额|账户余额|活期余额/.test(text);
}

// Compiled once per label set (callers pass a few constant sets), like labelCache above.
const rowCache = new Map<string, RegExp>();

/** The value of a "label：value" row (the label starts its line and a colon follows it). */
function rowValue(text: string, labels: string): string | null {
  let regex = rowCache.get(labels);
  if (!regex) {
    regex = new RegExp(`^[ \\t*]*(?:${labels})[ \\t*]*[：:][ \\t]*([^\\n]*)`, "m");
    rowCache.set(labels, regex);
  }
  const match = regex.exec(text);
  return match?.[1]?.trim() || null;
}

function moneyIn(value: string | null): FoundMoney | null {
  if (!value) return null;
  const found = findMoney(value, { defaultCurrency: "CNY" })[0];
  if (found) return found;
  // "交易金额：25" without decimals or a marker: in an amount row a bare number is the amount.
  const bare = /(?<![\d.,])([-−－]?)\s*(\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)(?![\d.,])/.exec(value);
  const parsed = bare?.[2] ? parseMoney(bare[2], { defaultCurrency: "CNY" }) : null;
  return parsed && bare ? { ...parsed, index: bare.index, raw: bare[0], negative: Boolean(bare[1]) } : null;
}

function readLabelled(notice: Notice, text: string, bank: boolean): ExtractedEvent | null {
  if (labelledRows(text) < 3) return null;
  const amountValue = rowValue(text, AMOUNT_ROW);
  const amount = moneyIn(amountValue);
  if (!amountValue || !amount) return null;
  const cardValue = rowValue(text, CARD_ROW);
  if (!bank && !cardValue) return null;
  const type = rowValue(text, "交易类型|业务类型|交易种类|交易摘要|摘要") ?? "";

  let kind: EventKind;
  if (PRE_AUTHORISATION.test(type) || PRE_AUTHORISATION.test(text)) kind = "other";
  else if (/退款|退货|冲正|撤销|退税/.test(type)) kind = "refund";
  else if (INBOUND.test(amountValue) || INBOUND.test(type)) kind = "other";
  else if (OUTBOUND.test(amountValue) || amount.negative || OUTBOUND.test(type)) kind = "charge";
  else return null;
  if (kind === "other") return cnEvent(notice, { kind });

  const named = readMerchant(notice, text);
  const fromType = cleanMerchant(type.replace(PROMO_TAIL, "").replace(TYPE_WORD, ""));
  const merchant = named.merchant ?? (fromType && !notAMerchant(fromType) && fromType.length >= 2 ? fromType : null);
  const wallet = walletChannel(merchant) ?? walletChannel(type) ?? walletChannel(text, true);
  const tail =
    (cardValue && (cardTail(cardValue) ?? /(\d{3,4})(?!\d)\D*$/.exec(cardValue)?.[1])) || cardTail(text) || null;
  return cnEvent(notice, {
    kind,
    amount_minor: amount.amount_minor,
    currency: amount.currency,
    merchant,
    merchant_legal: named.merchant === merchant ? named.merchant_legal : null,
    occurred_at: occurredAt(notice, rowValue(text, "交易时间|消费时间|交易日期|时间"), text),
    reference: referenceAfter(text, REFERENCE_LABELS),
    card_tail: tail,
    channel: wallet ?? cardChannel(text, true),
    renews_at: null,
  });
}

// Words a sender display name adds to the brand: "KKBOX 客服中心", "网易云音乐通知", "Netflix Billing".
const SENDER_SUFFIX =
  /[\s-]*(?:客服中心|客服|通知|服務中心|服务中心|服務|服务|團隊|团队|會員中心|会员中心|Team|Support|Billing|Notifications?|No-?reply)$/i;

/** The brand a merchant's mail is sent under: its display name without "客服中心", "通知", "Billing". */
export function senderBrand(notice: Notice): string | null {
  const name = notice.senderName
    ?.replace(/^["'\s]+|["'\s]+$/g, "")
    .replace(SENDER_SUFFIX, "")
    .trim();
  if (!name || name.includes("@") || /^(?:no-?reply|service|info|support)$/i.test(name)) return null;
  return cleanMerchant(name);
}

/** Chinese bank notices, and the generic reader for Chinese payment texts. */
export const readCnBank: Extractor = (notice) => {
  const text = subjectAndText(notice);
  if (!hasChinese(text)) return null;
  const simplified = folded(text);
  const bank = isBankNotice(notice, simplified);
  if (chineseNonPayment(text)) return bank ? cnEvent(notice, { kind: "other" }) : null;
  const labelled = readLabelled(notice, text, bank);
  if (labelled) return labelled;

  const plain = withoutAdvice(text);
  const kind = kindOf(simplified === text ? plain : withoutAdvice(simplified));
  const amount = pickAmount(text, PAYMENT_CUE, kind);
  // Outside a bank's own notice, only a text that reads as a payment with an amount is ours.
  if (!bank && (kind === "other" || (!amount && (kind === "charge" || kind === "refund")))) return null;
  if (kind === "other") return cnEvent(notice, { kind });

  const named = readMerchant(notice, plain);
  // A merchant's own mail that names no payee is about the brand it is sent under (阿里云, Netflix), though it
  // names the card it takes ("付款方式 信用卡（末四碼 8825）"): only a mail a bank sends is about no brand of its own.
  const ownMail = notice.source === "email" && !fromBank(notice, simplified);
  const merchant = named.merchant ?? (ownMail ? senderBrand(notice) : null);
  const merchant_legal = named.merchant ? named.merchant_legal : null;
  const channel = paidThrough(notice, text, merchant);
  const time = labelValue(text, "交易时间|扣款时间|消费时间|签约时间|开通时间|时间");
  // A bank mentions "开通快捷支付" or a debit word without any amount: no payment fact to record.
  if ((kind === "charge" || kind === "refund") && !amount) return cnEvent(notice, { kind: "other" });
  return cnEvent(notice, {
    kind,
    amount_minor: amount?.amount_minor ?? null,
    currency: amount?.currency ?? null,
    merchant,
    merchant_legal,
    // A renewal notice's dates are about the future; the notice itself is the event.
    occurred_at:
      kind === "renewal_notice"
        ? occurredAt(notice)
        : kind === "signup"
          ? occurredAt(notice, time)
          : occurredAt(notice, time, text),
    reference: referenceAfter(text, REFERENCE_LABELS) ?? referenceInText(text),
    card_tail: cardTail(text),
    channel,
    renews_at: renewalDate(text, notice, kind),
  });
};

const NEXT_DEDUCTION = "下[次期](?:自动|自動)?(?:扣款|扣费|扣費|续费|續費|续订|續訂|付款|收费|收費|计费|計費)";
const RENEWAL_CUE = new RegExp(
  `将于|將於|将在|將在|到期(?:日|时间|時間)?|${NEXT_DEDUCTION}(?:日期|时间|時間|日)?|预计扣款|預計扣款|(?:续费|續費)(?:日期|时间|時間)|扣款(?:日期|时间|時間)|有效期(?:限)?至|服务期至|服務期至|到期日`,
);
const NEXT_DEDUCTION_CUE = new RegExp(NEXT_DEDUCTION);
const NO_AUTO_RENEWAL =
  /(?:不会|不會|不|无需|無需|并不|並不|非)(?:自动|自動)(?:续费|續費|续订|續訂|扣费|扣費|扣款)|无自动续费|無自動續費/;
const STATED_RENEWAL = new RegExp(
  `${NEXT_DEDUCTION}|预计扣款|預計扣款|有效期(?:限)?至|服务期至|服務期至|到期(?:日|时间|時間)`,
);

/**
 * The renewal / deduction date a notice announces: the first date after 将于/到期/下次…, else (for a
 * renewal notice or signup) any date. A charge states one only with an explicit 下次扣款/有效期至 cue.
 */
export function renewalDate(text: string, notice: Notice, kind: EventKind): string | null {
  const announcing = kind === "renewal_notice" || kind === "signup";
  // A cancellation's 有效期至 / 到期 is when access ends, which is no renewal; so is a one-off purchase's that says it
  // will not renew ("有效期至2026-04-01，到期不自动续费").
  const ends = kind === "cancellation" || NO_AUTO_RENEWAL.test(text);
  const cues = ends ? NEXT_DEDUCTION_CUE : announcing ? RENEWAL_CUE : STATED_RENEWAL;
  const cue = cues.exec(text);
  if (cue) {
    const after = calendarDate(text.slice(cue.index, cue.index + 80), notice);
    if (after) return after;
  }
  if (!announcing || ends) return null;
  // Any date, as a last resort, only when it is still to come: "订购时间：2025-09-03" is the signup's own day.
  const any = calendarDate(text, notice);
  const today = new Date(noticeTime(notice)).toISOString().slice(0, 10);
  return any && any > today ? any : null;
}

/** Wording of a deduction that already happened: it outranks any "将于…到期" about the next period. */
// Not when the wording is conditional: "扣款成功后…", "如支付成功…", "届时扣款成功".
export const DONE_DEDUCTION =
  /(?<!(?:如|若|待|如果|一旦|届时|屆時)\s*)(?:扣款成功|扣费成功|扣費成功|支付成功|付款成功|续费成功|續費成功|代扣成功|已扣款|已扣费|已扣費|已续费|已續費|已支付)(?!\s*(?:之|以)?[后後])/;
