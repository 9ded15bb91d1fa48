// Who was paid, in a Chinese notice: every place the payee or the service is named — labelled values (扣费项目,
// 扣款说明, 服务名称, 商户名称, 交易对象, 收款方…), payees behind a channel prefix anywhere in a sentence (完成财付通-X交易,
// 收到财付通-X退款, 抖音支付快捷--X, [退款:财付通-X]), a bank's payee sentence (在【X】, 支出(X), 向X支出), the name cell of
// a table row, a quoted service (你开通的“X”服务), a title line (X自动续费成功) and the sender's tag (【喜马拉雅】) —
// gathered from the notice's one segmentation and ranked once. A service name beats the legal company behind it
// (扣款说明：优酷VIP会员 over 交易对象：优酷信息技术（北京）有限公司), and the company is kept as merchant_legal. Pure;
// the Chinese readers share it, and any reader can ask it for the best name and where it was found.
import { isCurrency } from "../../schema/vocabulary";
import { monthOf } from "./dates";
import { LEXICONS } from "./lexicons";
import {
  ANCHOR_WORDS,
  CARD_WORDS,
  FUNCTION_WORDS,
  MONTH_WORDS,
  PAYEE_LABEL_WORDS,
  PLAN_MORPHEMES,
  PLAN_NAME_WORDS,
  PLAN_WORDS,
  PRODUCT_WORDS,
  SIGN_OFF_AROUND,
  SIGN_OFF_BEFORE,
} from "./lexicons/merchant-words";
import { UNIVERSAL_LEXICONS } from "./lexicons/universal";
import { escapeRegExp } from "./patterns";
import { type Segmented, segmentsOf } from "./segment";
import type { Notice } from "./types";

/** Where a merchant name was found. */
export type MerchantOrigin =
  | "label" // 扣费项目迅雷超级会员 / 交易对象：… / 摘要:…
  | "payee_sentence" // a bank's 在【X】 / 支出(消费X) / 向X支出 / 在X消费
  | "channel_prefix" // 财付通-X, 支付宝-X, 京东支付-X, 抖音支付快捷--X anywhere in a sentence
  | "row" // an unlabelled table row: date | X | 消费 | amount
  | "quote" // 你开通的“X”服务
  | "title" // a title line: X自动续费成功
  | "subscribed" // 您訂閱的X服務
  | "sender_tag" // 【X】 opening or closing the notice
  | "service_sentence"; // 您的X已续费成功 / 开通X的自动续费 / 向X付款

/** What the name is: the service paid for, or the payee (which may be its legal company). */
export type MerchantRole = "service" | "payee";

export interface MerchantCandidate {
  name: string;
  origin: MerchantOrigin;
  role: MerchantRole;
  /** The label the name was written under, for a labelled value. */
  label?: string;
}

export interface MerchantChoice {
  merchant: string | null;
  /** The legal company behind the service, when the notice names both. */
  merchant_legal: string | null;
  /** The candidate the merchant was read from. */
  from: MerchantCandidate | null;
}

// Ranks: lower wins. A labelled value beats a name read from the wording; a sender's tag beats a plan named in a
// sentence ("【WPS】您已开通超级会员连续包月…": the plan is no payee), but not a quoted or labelled service.
const RANK: Record<MerchantOrigin, number> = {
  label: 0,
  payee_sentence: 1,
  channel_prefix: 2,
  row: 3,
  quote: 4,
  title: 5,
  subscribed: 6,
  sender_tag: 7,
  service_sentence: 8,
};

// ---------------------------------------------------------------------------------------------
// Lexicons

// What was paid for, as WeChat Pay, Alipay, app stores and merchants label it.
const SERVICE_LABELS =
  "扣费项目|续费项目|扣费服务|扣费内容|续费服务|扣款项目|扣款说明|扣款服务|服务名称|商品名称|商品说明|订单名称|产品名称|订阅项目|业务名称|会员名称|会员类型|套餐名称|扣費項目|續費項目|扣費服務|扣費內容|續費服務|扣款項目|扣款說明|扣款服務|服務名稱|商品名稱|商品說明|訂單名稱|產品名稱|訂閱項目|業務名稱|會員名稱|會員類型|套餐名稱";
// Who was paid. The short generic ones (商户, 商家, 对方, 摘要, 用途) count only with a colon or a tab after them.
const PAYEE_LABELS =
  "交易对象|交易对方|交易对手|交易對手|商户名称|商户全称|商家名称|收款方|收款人|收款商户|收款单位|退款商户|交易商户|消费商户|特约商户|对方户名|对方账户名|交易说明|交易摘要|交易地点|交易對象|交易對方|商戶名稱|商家名稱|商店名稱|收款商戶|交易商戶|消費商戶|特約商店|特約商店名稱|特店名稱|特店名称|交易說明|交易地點";
// Alipay's English cards: "Merchant: …", "Description: …".
const SHORT_LABELS =
  "商户|商戶|商家|商店|特店|对方|對方|摘要|用途|商品|Merchant|Payee|Description|Item|Product|Trading partner|Counterparty";
// Labels glued to their value ("扣费项目迅雷超级会员", as WeChat Pay renders its cards) are read only at a line's
// start and only for labels no sentence begins with.
const GLUED_LABELS = new RegExp(`^[ \\t*]*(${SERVICE_LABELS}|${PAYEE_LABELS})[ \\t*]*(?![：:\\t ])([^\\n]+)$`);
const SEPARATED_LABELS = new RegExp(
  `(?:^|[，,；;。 ])[ \\t*]*(${SERVICE_LABELS}|${PAYEE_LABELS}|${SHORT_LABELS})[ \\t*]*[：:][ \\t]*([^\\t\\n]*)`,
  "g",
);
const SERVICE_LABEL = new RegExp(`^(?:${SERVICE_LABELS}|商品|Description|Item|Product)$`);
const GLUED_LABEL_ALONE = new RegExp(`^(?:${SERVICE_LABELS}|${PAYEE_LABELS})$`);
// A glued label's line is short: a row of a card, not a sentence that starts with the same word.
const GLUED_LINE_CHARS = 40;
// A glued "label" that is really a title: 扣费服务关闭通知, 扣费服务开通成功.
const TITLE_WORDS = /(?:通知|提醒|成功|失败|已关闭|已开通)$/;

// Channels that carry a payment and are written before the payee with a dash: 财付通-爱奇艺, 支付宝-优酷,
// 京东支付-京东读书, 抖音支付快捷--番茄小说, 美团支付-美团会员, 云闪付-…, 银联-….
const CHANNEL_NAME = "支付宝|财付通|微信支付|云闪付|银联|网联|快钱|翼支付|度小满|[\\u4e00-\\u9fff]{2,4}支付";
// The payee runs until a debit word, a clause break or a bracket (a full-width （…） inside the name is kept).
const CHANNEL_PREFIXED = new RegExp(
  `(?:${CHANNEL_NAME})(?:快捷)?[-－—]{1,2}(?:[^\\s，,。；;：:【】\\[\\]()（）…]|（[^（）\\n]{1,20}）)+?(?=交易|消费|支出|退款|退货|扣款|付款|快捷支付|[\\s，,。；;：:【】\\[\\]()（）…]|$)`,
  "g",
);

// What follows a payee sentence's verb: a currency (mainland, Hong Kong, Taiwan), a figure or an amount word.
const MONEY_AHEAD =
  "(?=\\s*(?:人民币|人民幣|RMB|CNY|HKD|TWD|港[幣币元]|新?[臺台][幣币]|HK\\$|NT\\$|[¥￥\\d]|[-−－]\\s*\\d|金额|金額))";
// What a fee paid is called between the verb and the figure: 繳付月費 HK$48.00, 缴纳会费.
const FEE = "(?:月[費费]|年[費费]|[會会][費费]|[費费]用)?";

// Bank payee sentences, most specific first. Each captures the payee as the bank wrote it.
const PAYEE_SENTENCES: RegExp[] = [
  // CMB: 在【财付通-滴滴出行】发生快捷支付扣款
  /在【([^】]{1,60})】/,
  // ICBC: 支出(消费支付宝-爱奇艺) / 收入(退款支付宝-…) / 支出(缴费财付通-…)
  /(?:支出|收入|消费|付款)[(（](?:消费|缴费|退款|退货|支付(?![宝寶])|网上支付|快捷支付)?([^()（）]{1,60})[)）]/,
  // CCB credit card: 消费（美团支付-美团支…） / 消费退货/退税（支付宝-支付宝-…）
  /(?:消费|退货|退税|支付)[^（(，,。\d]{0,8}[（(]([^（）()]{1,60})[）)]/,
  // CCB debit: 向美团支出 / 向美团支付-美团App老山东招牌炒鸡*支出人民币24.15元; ABC: 向北京爱奇艺科技有限公司
  // 完成支付宝交易人民币-19.80 (向{payee}, then optionally 完成/进行 and the wallet, then the debit word)
  // Hong Kong and Taiwan: 向 某音樂 繳付月費 HK$48.00, 向X付款NT$270.
  new RegExp(
    `向([^，,。\\n]{1,60}?)(?:完成|进行|進行|发生|發生|成功)?(?:(?:支付宝|支付寶|财付通|財付通|微信支付|微信|银联|銀聯|云闪付|快捷|网上|網上|网络|網絡|无卡|無卡)[^，,。\\n\\d]{0,4}?)?(?:支出|支付|付款|转账|轉賬|消费|消費|交易|扣款|繳付|缴付|繳費|缴费|缴纳|繳納)${FEE}${MONEY_AHEAD}`,
  ),
  // CMB older: 在财付通-滴滴出行快捷支付27.78元; BOC credit: 在钱袋宝消费RMB138.20元 (and 在X银联消费: the card network's
  // word); Taiwan: 於X付款NT$150;
  // Hong Kong, the amount first: 以 HKD 438.50 在 X 簽賬成功; Taiwan: 在X刷卡消費新臺幣390元, 於X消費刷退NT$90
  new RegExp(
    `(?:在|於)([^，,。\\n【】於在]{1,60}?)(?:发生|成功)?(?:刷卡|國外|国外|國內|国内|海外|網路|网络|線上|线上|银联|銀聯|云闪付|雲閃付)?(?:快捷支付|网上支付|网络支付|消费|消費|支付|扣款|付款|交易|簽賬|签账|簽帳|刷卡)(?=\\s*(?:[，,]|扣款|退款|刷退|退貨|退货|交易|成功)|${MONEY_AHEAD})`,
  ),
  // Your transaction at a payee: 您於 某咖啡 的交易已完成退款, 你在某商城的订单.
  /(?:您|你)(?:於|于|在)\s*([^，,。\n【】於于在]{1,60}?)\s*的(?:交易|消費|消费|訂單|订单|付款|支付)/,
  // A card spend with its payee in brackets after the figure: 國外消費US$10.00（某公司）.
  // And a refund so: 刷退新臺幣1,280元(momo購物網).
  /(?:消费|消費|簽帳|签账|刷卡|刷退|退貨|退货|退款)\s*(?:[A-Z]{0,3}\$|[A-Z]{3}\s?|[¥￥]|人民币|人民幣|新?[臺台][幣币]|港[幣币])?\s*\d[\d,]*(?:\.\d+)?\s*元?\s*[（(]([^（）()\n]{2,60})[）)]/,
  // Hong Kong card alerts: 於2026年3月3日在X進行一項港幣120.00元的交易.
  /在([^，,。\n【】]{1,60}?)(?:進行|进行|作出|完成)(?:了)?(?:一[項项筆笔])?(?=[^，,。\n]{0,24}(?:交易|消費|消费|簽賬|签账|簽帳|付款|支付))/,
  // A wallet's payment to a payee after the figure: 付款NT$270給某影音, 支付HK$ 58.00予 某餐廳（觀塘）.
  /(?:付款|支付|轉帳|轉賬|转账)(?:成功)?\s*(?:NT\$|HK\$|US\$|MOP\$?|[A-Z]{3}|新?[臺台][幣币]|港[幣币]|人民[币幣]|[¥￥$])?\s*\d[\d,]*(?:\.\d+)?\s*元?\s*(?:給|给|予)\s*([^，,。\n（(]{1,40}?)\s*(?=[，,。\n（(]|$)/,
  // A refund from a payee: 收到X退款港幣48.00元, 有一筆X退款NT$290.
  new RegExp(`(?:收到|有一[筆笔])([^，,。\\n【】]{1,40}?)(?:的)?(?:退款|退貨|退货)${MONEY_AHEAD}`),
  // The English half of a bilingual notice, when the Chinese one names no payee: "paid HK$48.00 to X with…",
  // "A transaction of HKD 120.00 … at X on 3 Mar".
  /\b(?:paid|payment|transaction|purchase|spent|charged)\b(?:[^.\n]|\.(?=\d)){0,80}?\b(?:to|at)\s+([A-Z0-9][\w.*&'+-]*(?: [A-Z0-9][\w.*&'+-]*){0,4}?)(?=\s+(?:on|with|using|via|for)\b|\s*[.,]|\s*$)/m,
];

// Sentences that name the service: 您的美团会员（月卡）已于01月03日续费成功; 开通了网易云音乐的自动续费服务; 向X付款.
const SERVICE_SENTENCES: RegExp[] = [
  // Where the user opened what the notice is about: 您在百度文库开通的“VIP连续包月”自动续费服务已关闭.
  /(?:您|你)(?:在|於|于)\s*([^，,。；;\n“”「」『』]{2,30}?)\s*(?:开通|開通|订阅|訂閱|签约|簽約|购买|購買)的/,
  /(?:您|你)的\s*([^，,。；;\n（(“”「」]{2,30}?)\s*(?:[（(][^）)\n]{1,12}[）)])?\s*(?:已于|已经|已)[^，,。\n]{0,16}?(?:续费|扣款|扣费|续订)成功/,
  // 您的爱奇艺会员自动续费服务将于…扣款; 你在芒果TV的账号扣费成功 (WeChat Pay's 备注).
  /(?:您|你)的\s*([^，,。；;\n（(“”「」]{2,30}?)(?:自动续费|自动扣款|连续包[月季年])*(?:服务)?\s*(?:将于|将在|即将)/,
  // Hong Kong and Taiwan: 你的 某影音 每月訂閱將於 2026年12月1日 自動續訂.
  /(?:您|你)的\s*([^，,。；;\n（(“”「」]{2,30}?)\s*(?:每月|每年|月費|年費|月租)?(?:訂閱|订阅|會籍|服務)?\s*(?:將於|將在|即將)/,
  /(?:您|你)在([^，,。；;\n]{2,30}?)的(?:账号|账户)/,
  // 您的 某音樂 訂閱已於 2026/11/23 完成續訂: the subscription renewed, named before its word.
  /(?:您|你)的\s*([^，,。；;\n（(“”「」]{2,30}?)\s*(?:每月|每年)?(?:訂閱|订阅|會籍|会籍)(?:已經|已经|已)(?:於|于)?[^，,。\n]{0,20}?(?:完成)?(?:續訂|续订|續費|续费|扣款)/,
  // The service a user has open, before its plan in brackets: 您当前开通的 某某会员（连续包年） 下次续费….
  /(?:您|你)(?:当前|目前|已)?(?:开通|開通|订阅|訂閱|购买|購買)的\s*([^，,。；;\n（(“”「」]{2,30}?)\s*[（(][^）)\n]{1,12}[）)]/,
  // Not "关闭后将不再自动扣费": what follows the closing, not what was closed.
  /(?:开通|签约|关闭|解约|取消)(?![后後])(?:了)?[「“"《]?([^，。,\n「」“”"《》]{2,40}?)[」”"》]?(?:的)?(?:自动扣款|自动续费|自动扣费|免密支付|代扣|扣款服务|扣费服务)/,
  /向([^，。,\n]{2,40}?)(?:付款|支付)(?=\s*(?:人民币|RMB|[¥￥\d]))/,
];

// The service the user subscribed to, named in a sentence: "您訂閱的X月租型服務將於…". It beats the sender's tag,
// which on carrier billing is the telco that collects for it ("【某電信】…將併入電信帳單").
const SUBSCRIBED =
  /(?:您|你)(?:所|已)?(?:订阅|訂閱)的\s*[「“"]?([^，,。；;\n「」“”"]{2,30}?)[」”"]?\s*(?:月租|包月|月費|月费|年費|年费)?型?(?:服务|服務)/;

// A title line naming the service before what happened to it: 美团会员自动续费成功, 芒果TV会员续费成功.
const TITLE = /^\s*(.{2,20}?)(?:自动续费|自动扣款|自动扣费|续费|续订|扣款|扣费|开通)成功(?:通知|提醒)?\s*$/;
const TITLE_LINES = 4;

// Names that are a plan or a verb, not a service: "自动续费开通成功" is no service called 自动续费.
const PLAN_ONLY =
  /^(?:以下|如下|该|此|自动续费|自动扣款|自动扣费|自动|连续包[月季年]|包[月季年]|[月季年周]卡|S?VIP|会员|黄金|白金|铂金|钻石|超级|豪华|高级|尊享|服务|扣款|扣费|续费|支付|付款|交易|代扣|免密支付|已|你|您|成功)+$/i;

// Sender tags that are the channel or the bank, not the payee.
const CHANNEL_TAG =
  /银行|銀行|信用卡|农信|農信|农商|農商|信用社|邮储|郵儲|银联|銀聯|支付宝|微信|财付通|云闪付|京东支付|抖音支付|美团支付|Web발신|国외발신/;

// Quoted text that is a way through an app ("我的-设置-支付设置-免密支付/自动扣款"), a button, or a screen of it
// (前往「帳戶」頁面, 在“账单”中查看), not a name.
// Nor a plan's name ("您的「尊榮方案（年繳）」將於…自動續訂", "訂購「SUPER 月費計劃」"): the brand is the merchant.
const PLAN_NOUNS = "方案|計劃|计划|套餐";
const NOT_A_QUOTED_NAME = new RegExp(
  `[-－>＞/／]|设置|設置|设定|設定|我的|App|APP|${PLAN_NOUNS}|^(?:关闭|取消|管理|查看|确定|同意|开通|立即|更换|点击)|^(?:账户|帐户|帳戶|账号|帐号|帳號|个人中心|個人中心|会员中心|會員中心|钱包|錢包|账单|帳單|订单|訂單|付款方式|支付方式)$`,
);

// What a bank writes in a merchant slot when there is no payee ("支出(无卡支付)", "支出(银联消费)"), and captures
// that ran into the rest of the sentence (a time, an amount, the account).
const GENERIC_MERCHANT =
  /^(?:无卡支付|无卡|银联|网联|云闪付|银联消费|银联入账|网上支付|网上银行|手机银行|快捷支付|网络支付|网联快捷支付|消费|支付|扣款|POS消费|ATM取款|取款|转账|汇款|工资|代发|还款|跨行|本行|他行|柜面|自助|出账|入账|网银跨行汇款|跨行汇款)$/;
const RAN_ON = /\d{1,2}[:：]\d{2}|\d+年|\d+月\d+日|使用|进行|尾号|账户|银行卡|借记卡|储蓄卡|元$|人民币|RMB|[¥￥]/;

/** A name that is no payee: a bank's slot filler, or a capture that ran into a time, amount or account. */
export function notAMerchant(merchant: string): boolean {
  return GENERIC_MERCHANT.test(merchant) || RAN_ON.test(merchant) || PLAN_ONLY.test(merchant);
}

const COMPANY = /(?:有限公司|有限责任公司|股份公司|集团公司|分公司|公司|Co\.?,? ?Ltd\.?|Inc\.?|Limited|LLC)$/i;

/** A legal company's name ("北京爱奇艺科技有限公司"), not a service's. */
export function isCompany(name: string): boolean {
  return COMPANY.test(name);
}

// ---------------------------------------------------------------------------------------------
// Cleaning

// Words a bank writes around the payee: a type word before it ("消费财付通-…", "退款:"), the way it was paid after
// it ("财付通-微信读书 快捷支付"), and a bank tag glued to the end ("财付通-哔哩哔哩[兴业银行]").
const LEADING_WORDS = /^(?:消费|支出|缴费|退款|退货|快捷支付|网上支付|支付(?!宝)|扣款)[：:\s]*/;
const TRAILING_WORDS = /(?:\s*(?:快捷支付|网上支付|网络支付)|\s*[【[][^】\]]{1,12}[】\]]?)+$/;

/** Trimmed merchant text without brackets or quotes; a cut name ("美团支…") loses only its ellipsis. */
export function cleanMerchant(value: string | null | undefined): string | null {
  if (!value) return null;
  // A labelled value inside a sentence runs on to the next one ("对方户名:微信红包。…"): stop at the full stop.
  let merchant = (value.split(/[。；;]/)[0] ?? "")
    .trim()
    .replace(/[，,：:！!\s]+$/, "")
    .replace(/(?:…|\.{3}|。。。)+$/, "")
    .replace(/^[【[「“"'《(（]+|[】\]」”"'》)）]+$/g, "")
    .trim();
  merchant = merchant.replace(/(?:…|\.{3})+$/, "").trim();
  if (!merchant || merchant.length > 80) return null;
  return merchant;
}

/** A name as read from a slot: cleaned, without the type and payment words around it. */
function slotName(value: string | null | undefined): string | null {
  const cleaned = cleanMerchant(value);
  if (!cleaned) return null;
  const name = cleanMerchant(cleaned.replace(LEADING_WORDS, "").replace(TRAILING_WORDS, ""));
  return name && name.length >= 2 && !notAMerchant(name) ? name : null;
}

// A plan a sentence names is no merchant ("您的訂閱方案即將自動續訂"): the brand is. A labelled service keeps its plan
// ("扣款說明：Spotify Premium 個人方案"), as the item the notice says was paid for.
const PLAN_NAME = new RegExp(`(?:${PLAN_NOUNS})$`);

// ---------------------------------------------------------------------------------------------
// Candidates

// The facts of a notice are near its top; footers and small print are not searched.
const MAX_LINES = 80;

const SEPARATOR = /[：:]/;
const MERCHANT_LABEL = new RegExp(`^(?:${SERVICE_LABELS}|${PAYEE_LABELS}|${SHORT_LABELS})$`);
const roleOf = (label: string): MerchantRole => (SERVICE_LABEL.test(label) ? "service" : "payee");

function labelled(segmented: Segmented, out: MerchantCandidate[]): void {
  const lines = segmented.lines;
  const push = (label: string, value: string | undefined) => {
    // Inside a sentence the value ends at its clause: "商户：番茄小说，付款方式：零钱".
    const name = slotName(value?.split(/，|,(?=[\u4e00-\u9fff])/)[0]);
    if (name) out.push({ name, origin: "label", role: roleOf(label), label });
    return Boolean(name);
  };
  // Table rows ("label | value", a header row over a row of values) as the segmentation paired them.
  const tablePairs = segmented.pairs.filter(
    (pair) => (pair.layout === "row" || pair.layout === "column") && MERCHANT_LABEL.test(pair.label),
  );
  for (let index = 0; index < Math.min(lines.length, MAX_LINES); index += 1) {
    const line = lines[index] as string;
    if (!line) continue;
    let found = false;
    if (line.includes("\t")) {
      for (const pair of tablePairs) if (pair.line === index && push(pair.label, pair.value)) found = true;
      if (found) continue;
    }
    if (SEPARATOR.test(line)) {
      SEPARATED_LABELS.lastIndex = 0;
      for (const match of line.matchAll(SEPARATED_LABELS)) {
        // "label：" alone on its line: the value is on the next one.
        const value = match[2]?.trim() ? match[2] : lines[index + 1];
        if (push(match[1] as string, value)) found = true;
      }
    }
    if (found || line.length > GLUED_LINE_CHARS) continue;
    const trimmed = line.trim();
    // A distinctive label alone on its line, its value on the next (an HTML table flattened cell by cell).
    if (GLUED_LABEL_ALONE.test(trimmed)) {
      push(trimmed, lines[index + 1]);
      continue;
    }
    const glued = GLUED_LABELS.exec(line);
    if (glued?.[1] && glued[2] && !TITLE_WORDS.test(glued[2].trim())) push(glued[1], glued[2]);
  }
}

function firstMatches(patterns: RegExp[], text: string, origin: MerchantOrigin, out: MerchantCandidate[]): void {
  for (const pattern of patterns) {
    const name = slotName(pattern.exec(text)?.[1]?.replace(/(?:快捷支付|快捷|网上支付|消费|交易)$/, ""));
    if (name && !PLAN_NAME.test(name))
      out.push({ name, origin, role: origin === "payee_sentence" ? "payee" : "service" });
  }
}

const APP_PATH = /我的|设置|首页|钱包|[-－][^-－]+[-－][^-－]+[-－]/;
// A brand's wallet paying with a card ("某某支付-某某银行信用卡", "美团支付-储蓄卡") names the method, not the payee.
const CARD_AFTER_CHANNEL =
  /[-－—](?:[\u4e00-\u9fff]{0,8}(?:银行|銀行))?(?:信用卡|储蓄卡|儲蓄卡|借记卡|借記卡|银行卡|銀行卡|零钱|余额)/;
// The word glued before a brand-named channel ("于京东支付-…", "完成京东支付-…") is the sentence's, not the name's.
const GLUED_BEFORE = /^(?:于|在|向|从|经|通过|完成|收到|使用)/;

function channelPrefixed(text: string, out: MerchantCandidate[]): void {
  if (!/[-－—]/.test(text)) return;
  CHANNEL_PREFIXED.lastIndex = 0;
  for (const match of text.matchAll(CHANNEL_PREFIXED)) {
    const name = slotName(match[0].replace(GLUED_BEFORE, ""));
    // The name after the dash must be there ("财付通-" alone is no payee), and be no way through the app
    // ("支付宝-我的-设置-支付设置").
    if (name && /[-－—][^-－—]/.test(name) && !APP_PATH.test(name) && !CARD_AFTER_CHANNEL.test(name))
      out.push({ name, origin: "channel_prefix", role: "payee" });
  }
}

// A table row without labels: its cells are a date, the name, a type word and the amount.
const TYPE_CELL = /^(?:消费|支出|扣款|扣费|退款|退货|刷卡消费|网上消费|快捷支付|预授权)$/;
const FIGURE_CELL = /\d/;

function rowNames(lines: string[], out: MerchantCandidate[]): void {
  for (const line of lines.slice(0, MAX_LINES)) {
    if (!line.includes("\t")) continue;
    const cells = line.split("\t").map((cell) => cell.trim());
    const type = cells.findIndex((cell) => TYPE_CELL.test(cell));
    if (type < 1 || !cells.slice(type + 1).some((cell) => FIGURE_CELL.test(cell))) continue;
    const name = slotName(cells[type - 1]);
    if (name && !FIGURE_CELL.test(name)) out.push({ name, origin: "row", role: "payee" });
  }
}

// A quote inside an advice clause the reader left out of `text` ("如想繼續…可隨時於「VIP 中心」重新訂閱") is a place
// in the app, not the service.
function quotedNames(segmented: Segmented, text: string, out: MerchantCandidate[]): void {
  for (const span of segmented.quoted) {
    if (NOT_A_QUOTED_NAME.test(span) || !text.includes(span)) continue;
    // "“天翼云盘黄金会员（连续包月）”": the plan's note in brackets is no part of the name.
    const name = slotName(span.replace(/\s*[（(][^（）()]*[）)]?\s*$/, ""));
    if (name && name.length <= 30) out.push({ name, origin: "quote", role: "service" });
  }
}

function titleName(lines: string[], out: MerchantCandidate[]): void {
  for (const line of lines.slice(0, TITLE_LINES)) {
    const name = slotName(TITLE.exec(line)?.[1]);
    if (name) out.push({ name, origin: "title", role: "service" });
  }
}

// Sentences are searched in the notice's first characters: a mail's footer names no payee.
const SENTENCE_CHARS = 3000;

/** Each origin's search, in rank order (RANK), so a reader can stop at the first that settles the name. */
function searches(segmented: Segmented, text: string): ((out: MerchantCandidate[]) => void)[] {
  const lines = segmented.lines;
  const head = text.length > SENTENCE_CHARS ? text.slice(0, SENTENCE_CHARS) : text;
  return [
    (out) => labelled(segmented, out),
    (out) => firstMatches(PAYEE_SENTENCES, head, "payee_sentence", out),
    (out) => channelPrefixed(head, out),
    (out) => rowNames(lines, out),
    (out) => quotedNames(segmented, text, out),
    (out) => titleName(lines, out),
    (out) => firstMatches([SUBSCRIBED], head, "subscribed", out),
    (out) => {
      const tag = segmented.senderTag;
      const name = tag && !CHANNEL_TAG.test(tag) ? slotName(tag) : null;
      if (name) out.push({ name, origin: "sender_tag", role: "payee" });
    },
    (out) => firstMatches(SERVICE_SENTENCES, head, "service_sentence", out),
  ];
}

/** Every name the notice gives its payee or service, in rank order, in the order of the notice within each. */
export function merchantCandidates(segmented: Segmented, text = segmented.lines.join("\n")): MerchantCandidate[] {
  const out: MerchantCandidate[] = [];
  for (const search of searches(segmented, text)) search(out);
  return out;
}

// A company named in passing: "你的北京爱奇艺科技有限公司账号（138****6620）续费成功", "向湖南…有限公司付款".
const LEGAL_MENTION =
  /(?:(?:你|您)(?:的|在)|向)([\u4e00-\u9fff（）()A-Za-z]{4,40}?(?:有限公司|有限责任公司|股份公司|公司))(?:的)?(?:账号|账户|付款|支付)/;

/**
 * The best name among `candidates`: the highest-ranked, except that a legal company yields to a service named
 * anywhere in the notice, and is then its merchant_legal. A service read from a label keeps any company the
 * notice names as payee (or in passing, in `text`) as merchant_legal.
 */
export function chooseMerchant(candidates: MerchantCandidate[], text = ""): MerchantChoice {
  if (candidates.length === 0) return { merchant: null, merchant_legal: null, from: null };
  const ranked = [...candidates].sort((a, b) => RANK[a.origin] - RANK[b.origin]);
  let best = ranked[0] as MerchantCandidate;
  const service = ranked.find((candidate) => candidate.role === "service" && !isCompany(candidate.name));
  // A payee written behind its channel ("支付宝-北京三快在线科技有限公司") is the bank's name for it: kept whole.
  if (isCompany(best.name) && best.origin !== "channel_prefix" && service) best = service;
  let legal: string | null = null;
  if (best.role === "service") {
    legal =
      ranked.find((candidate) => candidate.role === "payee" && isCompany(candidate.name))?.name ??
      LEGAL_MENTION.exec(text)?.[1] ??
      null;
  }
  return { merchant: best.name, merchant_legal: legal && legal !== best.name ? legal : null, from: best };
}

/**
 * The merchant of a Chinese notice, read from its segmentation and `text` (the body, or subject and body as the
 * reader reads them, without advice clauses). Searches stop once the name is settled: a name that is no legal
 * company, or a company with a service found beside it.
 */
export function readMerchant(notice: Notice, text = notice.text): MerchantChoice {
  const out: MerchantCandidate[] = [];
  for (const search of searches(segmentsOf(notice), text)) {
    search(out);
    const best = out[0];
    if (best && (!isCompany(best.name) || best.origin === "channel_prefix")) break;
    if (best && out.some((candidate) => candidate.role === "service" && !isCompany(candidate.name))) break;
  }
  return chooseMerchant(out, text);
}

// ---------------------------------------------------------------------------------------------
// Refinement: one last look at the merchant any reader read, in any language

const lower = (words: string[]) => new Set(words.map((word) => word.toLowerCase()));
const FUNCTION_SET = lower(FUNCTION_WORDS);
const ANCHOR_SET = lower(ANCHOR_WORDS);
const CARD_SET = lower(CARD_WORDS);
const PLAN_SET = lower(PLAN_WORDS);
const MONTH_SET = lower(MONTH_WORDS);
const LABEL_SET = lower([
  ...PAYEE_LABEL_WORDS,
  ...UNIVERSAL_LEXICONS.flatMap((lexicon) => lexicon.merchantLabels),
  ...LEXICONS.flatMap((lexicon) => lexicon.labels.merchant.words),
]);
const PLAN_RUN = new RegExp(`^(?:${PLAN_MORPHEMES.join("|")})+$`);
// What a masked card number or its last digits look like: 1234, ****1234, x1234, •••• 7070.
const CARD_DIGITS = /^[*x•·#.]*\d{2,}$|^[*x•·#]{2,}$/i;
const PUNCTUATION = /^[-–—|:/·•]+$/;

type WordKind = "function" | "anchor" | "card" | "plan" | "punct";

/** What one word of a captured merchant is, when it is a word of the sentence around a name; null for a name's. */
function wordKind(token: string): WordKind | null {
  if (PUNCTUATION.test(token)) return "punct";
  // A word in capitals is a card descriptor's ("PATREON* MEMBERSHIP"), never the sentence's.
  if (/^[^a-zà-ÿ]*[A-ZÀ-Þ][^a-zà-ÿ]*[A-ZÀ-Þ]/.test(token)) return null;
  const word = token
    .toLowerCase()
    .replace(/[®™]|\([rc]\)|\(tm\)/g, "")
    .replace(/^[("'“‘«]+|[)"'”’»,.;!?]+$/g, "");
  if (ANCHOR_SET.has(word)) return "anchor";
  if (FUNCTION_SET.has(word)) return "function";
  if (CARD_SET.has(word) || CARD_DIGITS.test(word)) return "card";
  if (PLAN_SET.has(word) || PLAN_RUN.test(word)) return "plan";
  return null;
}

const isDateWord = (token: string) => {
  const word = token.toLowerCase().replace(/[.,]$/, "");
  return MONTH_SET.has(word) || monthOf(word) !== undefined || /^\d{1,4}(?:[./-]\d{1,4}){0,2}$/.test(word);
};
const AMOUNT = /^[-+−]?(?:\p{Sc}|[A-Z]{3})?\s?\d[\d.,\s]*(?:\p{Sc}|[A-Z]{3})?$/u;
const HAS_MONEY = /\p{Sc}|[.,]\d{2}$/u;
// A letter code is money only when it is a currency's, with nothing but the figure beside it: "USD 24" is an
// amount, "YES24" a name.
const CODED_FIGURE = /^([A-Z]{3})\s?[\d.,]+$|^[\d.,]+\s?([A-Z]{3})$/;

function isMoney(name: string): boolean {
  if (HAS_MONEY.test(name)) return true;
  const coded = CODED_FIGURE.exec(name);
  return Boolean(coded && isCurrency((coded[1] ?? coded[2]) as string));
}

/** A date ("März 2026", "03/2026") or an amount ("€ 13,99") a reader took for the name. */
function dateOrAmount(name: string, tokens: string[]): boolean {
  if (AMOUNT.test(name) && isMoney(name)) return true;
  return /\d/.test(name) && tokens.every(isDateWord) && tokens.some((token) => !/^\d+$/.test(token));
}

/**
 * The name without the sentence it was read with: a label kept before it ("支払い先：ピッコマ"), a leading clause
 * of the sentence's words holding a possessive or a plan word ("tu suscripción a X", "Il tuo abbonamento a X"),
 * a trailing clause of function, card and plan words ("X posted to your Visa Debit Card", "X è attivo",
 * "X para o cartão", "X – je abonnement", "X 月租方案"). Null when nothing of a name is left: a card phrase
 * ("seu cartao final"), a date or an amount.
 */
export function trimMerchantClauses(merchant: string, keepPlan = false): string | null {
  let name = merchant;
  const labelled = /^([^：:]{1,16}?)\s*[：:]\s*(\S.*)$/.exec(name);
  if (labelled && LABEL_SET.has((labelled[1] as string).trim().toLowerCase())) name = labelled[2] as string;
  const tokens = [...name.matchAll(/\S+/g)];
  const words = tokens.map((token) => token[0]);
  if (dateOrAmount(name, words)) return null;
  if (tokens.length < 2) return name;
  const kinds = words.map(wordKind);
  if (kinds.every(Boolean)) return kinds.includes("card") && kinds.some((kind) => kind !== "card") ? null : name;
  let start = kinds.indexOf(null);
  const lead = kinds.slice(0, start);
  if (!lead.includes("anchor") && !lead.includes("plan")) start = 0;
  let end = tokens.length;
  while (end > start + 1 && kinds[end - 1] !== null) end -= 1;
  // A trailing run of card words alone is the name's ("Apple Card"); a clause starts with the sentence's words.
  // A labelled value keeps the plan it names ("扣款說明：星河影音 月費方案"), as a wallet's 扣费项目 does.
  const clause = kinds.slice(end);
  if (kinds[end] === "card" || (keepPlan && clause.every((kind) => kind === "plan" || kind === "punct")))
    end = tokens.length;
  if (start === 0 && end === tokens.length) return name;
  const first = tokens[start] as RegExpMatchArray;
  const last = tokens[end - 1] as RegExpMatchArray;
  const kept = name.slice(first.index, (last.index ?? 0) + last[0].length).replace(/[\s,;:–—-]+$/, "");
  return kept || name;
}

const LATIN_WORD = /[A-Za-z0-9À-ɏ]/;

const PLAN_NAME_SET = lower(PLAN_NAME_WORDS);
const PRODUCT_ALTERNATIVES = PRODUCT_WORDS.map(escapeRegExp).join("|");
const PRODUCT_AFTER = new RegExp(`^((?: ?(?:${PRODUCT_ALTERNATIVES}))+)(.)?`, "s");
// The word after a fuller name, past spaces, dashes and an opening bracket: "Plus plan", "Premium – Annual".
const WORD_AFTER = /^[\s\-–—(（]*([^\s\-–—()（）.,:;!?。、]+)/;
// A fuller name in a plan's row: "プラン\t広告つきABEMAプレミアム", "Plan:\tCalm Premium – Annual".
const planRow = (line: string) => PLAN_NAME_SET.has(/^[\s*・■◇]*([^\s:：\t]+)/.exec(line)?.[1]?.toLowerCase() ?? "");

/** The fuller name `brand + product` names a plan: a plan word after it, a plan row holding it. */
function namesAPlan(fuller: string, text: string): boolean {
  for (let at = text.indexOf(fuller); at >= 0; at = text.indexOf(fuller, at + fuller.length)) {
    const after = WORD_AFTER.exec(text.slice(at + fuller.length, at + fuller.length + 24))?.[1]?.toLowerCase();
    if (after && PLAN_NAME_SET.has(after)) return true;
    const lineStart = text.lastIndexOf("\n", at) + 1;
    if (planRow(text.slice(lineStart, at))) return true;
  }
  return false;
}

/** The product word stands in the notice without the brand ("Premium Individual", "プラン\tプレミアム"): a tier. */
function standsAlone(product: string, brand: string, text: string): boolean {
  const latin = LATIN_WORD.test(product[0] as string);
  for (let at = text.indexOf(product); at >= 0; at = text.indexOf(product, at + product.length)) {
    const before = text.slice(Math.max(0, at - brand.length - 1), at);
    if (before.endsWith(brand) || before.endsWith(`${brand} `)) continue;
    if (latin && (LATIN_WORD.test(text[at - 1] ?? " ") || LATIN_WORD.test(text[at + product.length] ?? " "))) continue;
    return true;
  }
  return false;
}

/**
 * The fuller name of the service when the notice writes one: the brand read, followed (with or without a space)
 * by a product word (PRODUCT_WORDS) — "FOD" → "FODプレミアム", "YouTube" → "YouTube Premium", "리디" → "리디셀렉트".
 * Not when the fuller name is a plan of the brand ("Dropbox Plus plan", "プラン\t広告つきABEMAプレミアム") or
 * the product word names a tier on its own ("Premium Individual").
 */
export function fullerName(brand: string, text: string): string | null {
  if (brand.length < 2) return null;
  for (let from = text.indexOf(brand); from >= 0; from = text.indexOf(brand, from + brand.length)) {
    if (LATIN_WORD.test(text[from - 1] ?? " ") && LATIN_WORD.test(brand[0] as string)) continue;
    const product = PRODUCT_AFTER.exec(text.slice(from + brand.length, from + brand.length + 16));
    if (!product?.[1] || (product[2] !== undefined && LATIN_WORD.test(product[2]) && LATIN_WORD.test(product[1])))
      continue;
    const fuller = brand + product[1];
    const products = product[1].trim().split(" ");
    if (namesAPlan(fuller, text) || products.some((word) => standsAlone(word, brand, text))) return null;
    return fuller;
  }
  return null;
}

// A sender signing off with its name, on a line of its own.
const SIGN_OFF = new RegExp(
  `^[ \\t]*(?:(?:${SIGN_OFF_BEFORE.map(escapeRegExp).join("|")})[ \\t]+([^\\n]{2,40}?)|(?:(?:${SIGN_OFF_AROUND.join("|")})[ \\t]+)?([^\\n]{2,40}?)[ \\t-]?[Tt]eam)[ \\t]*[.!]?[ \\t]*$`,
  "m",
);
// The payee a card notice writes after the card and its last digits: "no seu cartao final 4412 - IFOOD *IFOOD valor".
const AFTER_CARD_DIGITS =
  /^[\s\d*x•]*\d[\s]*[-–:,]?\s*([A-Z0-9*][A-Z0-9*.&'/ -]{0,38}[A-Z0-9*.])(?=\s+[a-z]|\s+\p{Sc}|\s+[A-Z]{1,3}\$|\s*[,;]|\s*$)/u;

/** Where a notice names its payee when the reader's name was no name: after the card phrase, or in the sign-off. */
function namedElsewhere(rejected: string, text: string): string | null {
  const at = text.indexOf(rejected);
  if (at >= 0) {
    const descriptor = AFTER_CARD_DIGITS.exec(text.slice(at + rejected.length, at + rejected.length + 80))?.[1];
    if (descriptor && wordKind(descriptor) === null) return descriptor.trim();
  }
  const signed = SIGN_OFF.exec(text);
  const name = cleanMerchant(signed?.[1] ?? signed?.[2]);
  return name && !/\s\S+\s\S+\s/.test(name) && wordKind(name) === null ? name : null;
}

/** The notice writes `name` as a labelled value, whole: "扣款說明：星河影音 月費方案", "Service\tX Monthly". */
function labelledValue(name: string, text: string): boolean {
  return new RegExp(`[：:\\t][ \\t]*${escapeRegExp(name)}[ \\t]*(?:\\n|$)`).test(text);
}

// A notice's subject and the top of its text: where a fuller name or a sign-off is looked for.
const REFINE_CHARS = 4000;

// "towards UPI Mandate JioHotstar", "UPI AutoPay - Netflix": the mandate's name for itself, before its payee's.
const MANDATE_PREFIX = /^(?:UPI[\s-]+)?(?:Mandate|AutoPay|Auto Pay|e-?Mandate)[\s:–-]+(?=\S)/i;

/**
 * Any reader's merchant, refined once the reader is done: a mandate's own name before it dropped, the sentence it
 * was read with trimmed away
 * (trimMerchantClauses), a date, amount or card phrase replaced by the name the notice gives elsewhere (or
 * none), and the brand replaced by the fuller service name the notice writes (fullerName) — unless `titled`:
 * a store's reader, whose name is the item's title by convention (Apple's lockup, Google Play's app).
 */
export function refineMerchant(received: string | null, notice: Notice, titled = false): string | null {
  if (!received) return received;
  const merchant = received.replace(MANDATE_PREFIX, "");
  const text = `${notice.subject ?? ""}\n${notice.text.slice(0, REFINE_CHARS)}`;
  const trimmed = trimMerchantClauses(merchant, /\s/.test(merchant) && labelledValue(merchant, text));
  if (trimmed === null) return namedElsewhere(merchant, text);
  return titled ? trimmed : (fullerName(trimmed, text) ?? trimmed);
}
