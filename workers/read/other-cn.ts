// Chinese texts that are not payment facts even when they carry an amount: one-time codes, parcel
// notices, marketing, failed deductions and statements. The Chinese readers check this first so an OTP for a
// ¥25.00 payment, or a 自动扣款失败 naming the ¥25.00 it could not take, stays "other".

// 验证码/校验码/动态码 next to a 4–8 digit code ("短信密码" is what some banks call the same thing). The code
// must be there: debit messages often append "切勿向他人泄露验证码", which alone is no OTP.
// Simplified and Traditional (驗證碼, 認證碼, 動態密碼, 簡訊密碼), and "OTP" as Taiwan and Hong Kong banks write it.
const CODE_WORD =
  "(?:验证码|驗證碼|认证码|認證碼|校验码|校驗碼|动态密码|動態密碼|动态码|動態碼|短信密码|簡訊密碼|简讯密码|确认码|確認碼|一次性密码|一次性密碼|(?<![A-Za-z])OTP(?![A-Za-z])(?:密码|密碼|碼|码)?)";
const ONE_TIME_CODE = new RegExp(
  `${CODE_WORD}[^0-9a-zA-Z\\n]{0,12}[0-9]{4,8}(?![0-9])|(?<![0-9.])[0-9]{4,8}[^0-9\\n]{0,8}${CODE_WORD}|verification code|one-time (?:pass)?code`,
  "i",
);
const DELIVERY = /快递|取件|驿站|包裹|派送|运单|丰巢|菜鸟|签收/;
// An order shipped: whatever it names as paid was paid before, in a notice of its own.
const SHIPPED = /已发货|已發貨|已发出|已發出|揽收|攬收|已出库|已出庫/;
// Marketing closes with an opt-out: 回T退订 / 退订回T / 拒收请回复R. Service SMS about a renewal close the same
// way, so an opt-out means marketing only when nothing was or will be charged.
const MARKETING = /退订回?[TtNn]|回[TtNn]退订|拒收请回复|回复?TD退订/;
const PAYMENT_FACT =
  /尾号|账户\d|卡\d{4}|扣款|扣费|支出|消费\s*[¥￥人RM\d]|续费(?:金额|成功|价格)|已续费|已自动续费|将于[^，。\n]{0,20}(?:续费|扣款|扣费|到期)/;
// A bank's or merchant's campaign: its period, its rules, the cashback it promises and the sign-up it asks for.
// Amounts in it are thresholds and rewards ("綁定…自動扣款，單筆NT$149起即享…"); nothing was paid unless the text
// states a payment that happened: a card's tail, or money taken.
const CAMPAIGN =
  /活動期間|活动期间|活動辦法|活动规则|活動規則|活动细则|活動細則|登錄活動|登录活动|立即登錄|立即登录|回饋|回馈|滿額|满额|優惠期間|优惠期间/;
const PAYMENT_MADE =
  /尾号|尾號|末四碼|末4碼|卡\d{4}|已扣|扣款成功|扣費成功|扣费成功|交易成功|支付成功|付款成功|已自动续费|已自動續費|消[费費]\s*(?:NT\$|HK\$|MOP|新[臺台]幣|港幣|[¥￥$人RM\d])|簽賬/;
// A deduction that did not happen (not "如扣款失败…", which is advice in a reminder).
// Nor "扣款失败将导致实例停机": what a failure would lead to; nor "以免因扣款失败导致…": what the advice avoids;
// nor "余额不足将（导致）续费失败": what would happen if the balance ran short.
const FAILED =
  /(?<!(?:如|若|如果|一旦|以免|以防|避免|防止)因?|(?:将|將|会|會|则|則|可能)(?:导致|導致|造成)?)(?:扣款|扣费|扣費|支付|付款|交易|续费|續費|代扣)(?:失败|失敗|未成功|不成功)(?!\s*(?:将|將|会|會|可能|则|則|后|後|时|時|的话|的話))|未能(?:成功)?(?:扣款|扣费|支付|付款)|(?:扣款|扣费|付款|支付)未能成功|本次未扣除|未[獲获](?:批核|批准|核准)|[遭被]拒[絕绝]|拒[絕绝](?:交易|授[權权])/;
// Statements and bill exports: the amounts are totals over a period, not a payment.
const STATEMENT =
  /电子账单|電子帳單|对账单|對帳單|账单流水|帳單明細|本期账单|本期應繳|本期应还|本期應還|最低还款额|最低應繳/;

// A card check: a small authorisation the bank says is only a verification and will not be captured
// ("授權交易NT$1元…此為驗證交易，不會請款").
// Not the advice "請勿提供卡片驗證碼": a verification code is no verification.
const VERIFICATION = /[验驗][证證]性?交易|(?:卡片|[绑綁]定)[验驗][证證](?![码碼])|不[会會][请請]款/;

export type ChineseNonPayment = "one_time_code" | "delivery" | "marketing" | "failed" | "statement" | "verification";

/** Why a Chinese text is not a payment notice, or null when it may be one. */
export function chineseNonPayment(text: string): ChineseNonPayment | null {
  // The Chinese readers ask in turn about the same text (cn-receipt, then cn-bank): the last answer is kept.
  if (text === lastText) return lastReason;
  lastReason = nonPaymentReason(text);
  lastText = text;
  return lastReason;
}

let lastText: string | null = null;
let lastReason: ChineseNonPayment | null = null;

function nonPaymentReason(text: string): ChineseNonPayment | null {
  if (ONE_TIME_CODE.test(text)) return "one_time_code";
  // A bank debit message that also mentions a delivery company (e.g. 顺丰速运 as payee) is still a payment,
  // so parcels count only when no debit wording is present.
  if (SHIPPED.test(text) || (DELIVERY.test(text) && !/消费|支出|扣款|扣费|支付|付款/.test(text))) return "delivery";
  if (MARKETING.test(text) && !PAYMENT_FACT.test(text)) return "marketing";
  if (CAMPAIGN.test(text) && !PAYMENT_MADE.test(text)) return "marketing";
  if (FAILED.test(text)) return "failed";
  if (VERIFICATION.test(text)) return "verification";
  if (STATEMENT.test(text)) return "statement";
  return null;
}
