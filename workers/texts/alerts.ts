// Alert texts in zh-CN and en: a title saying what happened to which membership, a body saying what to do
// next (where to cancel, how to get money back, what evidence to keep) and a short form that fits two SMS.
import type { LOCALES, PAYMENT_CHANNELS } from "../../schema/tables";
import { formatMoney } from "../money/format";
import type { AlertDraft, AlertKind } from "../rules/types";
import { alertKindName } from "./kind-names";

/** The languages the product speaks (the profile's `locale`): every text module is keyed by it. */
export type Locale = (typeof LOCALES)[number];
export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];

export interface AlertTexts {
  title: string;
  body: string;
  sms: string;
}

export interface TextExtras {
  /** The membership's own cancel steps (not among the draft's facts). */
  cancelSteps?: string | null;
  /** Link to the membership's printable timeline, the evidence for a dispute. */
  timelineUrl?: string;
}

type Facts = AlertDraft["facts"];

// ---- channel guides (also used by the printable timeline) ----

// The one place channels are named. In English each is a name in title case, the generic ones too, so that
// "Credit Card" sits beside "WeChat Pay" in a list, a menu or a sentence without looking like a different kind
// of thing; brands keep their own spelling inside that rule (WeChat, PayPal).
const CHANNEL_NAMES: Record<PaymentChannel, Record<Locale, string>> = {
  alipay: { "zh-CN": "支付宝", en: "Alipay" },
  wechat_pay: { "zh-CN": "微信支付", en: "WeChat Pay" },
  bank_card: { "zh-CN": "银行卡", en: "Bank Card" },
  credit_card: { "zh-CN": "信用卡", en: "Credit Card" },
  apple: { "zh-CN": "Apple", en: "Apple" },
  google_play: { "zh-CN": "Google Play", en: "Google Play" },
  paypal: { "zh-CN": "PayPal", en: "PayPal" },
  platform_balance: { "zh-CN": "平台余额", en: "Platform Balance" },
  other: { "zh-CN": "付款渠道", en: "Other Channel" },
};

export function channelName(channel: string | null | undefined, locale: Locale): string {
  return (CHANNEL_NAMES[channel as PaymentChannel] ?? CHANNEL_NAMES.other)[locale];
}

/** Menu paths where the payment side's auto-deduct agreement or the store subscription is switched off. */
const AGREEMENT_MENUS: Partial<Record<PaymentChannel, Record<Locale, string[]>>> = {
  alipay: {
    "zh-CN": ["支付宝 我的", "设置", "支付设置", "免密支付/自动扣款"],
    en: ["Alipay: Me", "Settings", "Payment Settings", "Auto-deduct"],
  },
  wechat_pay: {
    "zh-CN": ["微信 我", "服务", "钱包", "支付设置", "自动续费"],
    en: ["WeChat: Me", "Services", "Wallet", "Payment Settings", "Auto-renewal"],
  },
  apple: { "zh-CN": ["iPhone 设置", "Apple ID", "订阅"], en: ["iPhone Settings", "Apple ID", "Subscriptions"] },
  google_play: {
    "zh-CN": ["Google Play", "付款和订阅", "订阅"],
    en: ["Google Play", "Payments & subscriptions", "Subscriptions"],
  },
  paypal: {
    "zh-CN": ["PayPal", "设置", "付款", "自动付款"],
    en: ["PayPal", "Settings", "Payments", "Automatic payments"],
  },
};

const CARD_AGREEMENT: Record<Locale, { long: string; short: string }> = {
  "zh-CN": { long: "致电发卡行（卡背面的电话）停止对该商户的自动扣款/代扣", short: "致电发卡行停止代扣" },
  en: {
    long: "call your card issuer (the number on the back of the card) to stop recurring payments to this merchant",
    short: "call your card issuer to stop the recurring payment",
  },
};

const PLATFORM_DEFAULT: Record<Locale, { long: string; short: string }> = {
  "zh-CN": {
    long: "在该平台 App 或官网：我的 → 会员中心 → 自动续费管理 → 关闭",
    short: "在App 我的>会员中心>自动续费 关闭",
  },
  en: {
    long: "in the service's app or website: Account → Membership → Manage auto-renewal → Turn off",
    short: "turn off auto-renewal in the app: Account > Membership",
  },
};

/** Where the payment side's agreement is closed; `short` uses ">" so an English SMS stays GSM-7. */
export function agreementPath(channel: string | null | undefined, locale: Locale, short = false): string | null {
  const menu = AGREEMENT_MENUS[channel as PaymentChannel]?.[locale];
  if (menu) return menu.join(short ? ">" : " → ");
  if (channel === "bank_card" || channel === "credit_card") return CARD_AGREEMENT[locale][short ? "short" : "long"];
  return null;
}

/** Where to dispute a charge with the payment channel, after the merchant's own support. */
const REFUND_PATHS: Record<PaymentChannel, Record<Locale, string>> = {
  alipay: {
    "zh-CN": "支付宝 账单 → 该笔交易 → 投诉/申请退款，或拨打支付宝客服 95188",
    en: "Alipay: Bills → the transaction → Complain / Request refund, or call Alipay on 95188",
  },
  wechat_pay: {
    "zh-CN": "微信 我 → 服务 → 钱包 → 账单 → 该笔交易 → 投诉，或拨打微信支付客服 95017",
    en: "WeChat: Me → Services → Wallet → Bills → the transaction → Complaint, or call WeChat Pay on 95017",
  },
  bank_card: {
    "zh-CN": "致电发卡行（卡背面的电话）对这笔交易提出争议/拒付（chargeback），注意发卡行规定的时限",
    en: "call your card issuer (the number on the card) to dispute the charge (chargeback) within the issuer's window",
  },
  credit_card: {
    "zh-CN": "致电发卡行（卡背面的电话）对这笔交易提出争议/拒付（chargeback），注意发卡行规定的时限",
    en: "call your card issuer (the number on the card) to dispute the charge (chargeback) within the issuer's window",
  },
  apple: {
    "zh-CN": "在 reportaproblem.apple.com 对该订单申请退款",
    en: "request a refund at reportaproblem.apple.com",
  },
  google_play: {
    "zh-CN": "在 Google Play 订单记录中找到该订单并申请退款",
    en: "request a refund from the order in your Google Play order history",
  },
  paypal: {
    "zh-CN": "在 PayPal 争议解决中心（Resolution Center）发起争议",
    en: "open a dispute in the PayPal Resolution Center",
  },
  platform_balance: {
    "zh-CN": "向平台客服书面申请退回余额",
    en: "ask the service's support in writing to return the balance",
  },
  other: {
    "zh-CN": "向付款渠道（支付宝/微信支付/发卡行）投诉这笔扣款",
    en: "dispute the charge with whoever carried the payment (wallet, card issuer)",
  },
};

export function refundPath(channel: string | null | undefined, locale: Locale): string {
  return (REFUND_PATHS[channel as PaymentChannel] ?? REFUND_PATHS.other)[locale];
}

export const CONSUMER_COMPLAINT: Record<Locale, string> = {
  "zh-CN": "仍不解决：拨打 12315 或在全国12315平台（12315.cn）投诉",
  en: "If that fails: complain to a consumer agency (12315 in China, the FTC at reportfraud.ftc.gov in the US, or your local one)",
};

export const EVIDENCE_TO_KEEP: Record<Locale, string> = {
  "zh-CN": "保留证据：取消成功页面截图（带时间）、扣款通知原件、订单号、与客服的聊天记录。",
  en: "Keep evidence: screenshots of the cancellation confirmation (with the time), the original charge notices, order numbers and chats with support.",
};

// ---- formatting ----

/** ¥25.00 for yuan in Chinese texts, else "11.99 USD"; null when the fact has no amount. */
export function amountText(amountMinor: unknown, currency: unknown, locale: Locale): string | null {
  if (typeof amountMinor !== "number" || typeof currency !== "string" || !currency) return null;
  let formatted: string;
  try {
    formatted = formatMoney(amountMinor, currency);
  } catch {
    return `${amountMinor} ${currency} (minor units)`;
  }
  return locale === "zh-CN" && currency === "CNY" ? `¥${formatted.slice(0, -" CNY".length)}` : formatted;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "12月1日" / "Dec 1" for a YYYY-MM-DD; the text itself otherwise. */
function shortDate(date: string, locale: Locale): string {
  const parts = /^\d{4}-(\d{2})-(\d{2})$/.exec(date);
  if (!parts) return date;
  const [month, day] = [Number(parts[1]), Number(parts[2])];
  return locale === "zh-CN" ? `${month}月${day}日` : `${MONTHS[month - 1]} ${day}`;
}

function inDays(days: unknown, locale: Locale): string {
  if (typeof days !== "number") return "";
  const zh = locale === "zh-CN";
  if (days <= 0) return zh ? "就是今天" : "today";
  if (days === 1) return zh ? "明天" : "tomorrow";
  return zh ? `还有 ${days} 天` : `in ${days} days`;
}

const text = (facts: Facts, key: string): string | null => {
  const value = facts[key];
  return typeof value === "string" && value.trim() ? value.trim() : null;
};

function clip(value: string, max: number, ellipsis: string): string {
  return value.length <= max ? value : `${value.slice(0, max - ellipsis.length)}${ellipsis}`;
}

// ---- SMS length ----

// GSM 03.38: the basic set costs one septet, the extension set two; anything else forces UCS-2.
const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENSION = "^{}\\[~]|€\f";

/** What two concatenated SMS segments hold for this text, measured in the same units as `smsLength`. */
export function smsLength(message: string): { length: number; limit: number } {
  let septets = 0;
  for (const char of message) {
    if (GSM_BASIC.includes(char)) septets += 1;
    else if (GSM_EXTENSION.includes(char)) septets += 2;
    // UCS-2 counts UTF-16 code units: an emoji is two.
    else return { length: message.length, limit: 134 };
  }
  return { length: septets, limit: 306 };
}

const fits = (message: string) => {
  const { length, limit } = smsLength(message);
  return length <= limit;
};

/** The head plus the first next step that still fits in two segments; the last candidate is the short one. */
function fitSms(head: string, steps: string[], separator: string): string {
  for (const step of steps) {
    const message = `${head}${separator}${step}`;
    if (fits(message)) return message;
  }
  let message = `${head}${separator}${steps.at(-1) ?? ""}`;
  while (!fits(message)) message = message.slice(0, -1);
  return message;
}

// ---- the kinds ----

interface Context {
  locale: Locale;
  zh: boolean;
  facts: Facts;
  extra: TextExtras;
  name: string;
  /** The name as an SMS carries it. */
  smsName: string;
  /** How an SMS starts: the kind's one name (kind-names.ts), 【取消截止】 or "Cancel-by date: ". */
  head: string;
  channel: string | null;
}

interface Parts {
  title: string;
  body: string[];
  smsHead: string;
  /** Next steps for the SMS, best first; the last one must be short. */
  smsSteps: string[];
}

/** How to stop the membership: the platform side, then the payment side when it is separate. */
function cancelLines(ctx: Context): string[] {
  const { zh, locale, facts, extra } = ctx;
  const steps = extra.cancelSteps?.trim();
  const url = text(facts, "cancel_url");
  const support = text(facts, "support_contact");
  const agreement = agreementPath(ctx.channel, locale);
  const store = ctx.channel === "apple" || ctx.channel === "google_play";
  const platform = steps
    ? steps
    : url
      ? zh
        ? `打开 ${url} 关闭自动续费`
        : `open ${url} and turn off auto-renewal`
      : support
        ? zh
          ? `联系客服（${support}）要求关闭自动续费`
          : `ask support (${support}) to turn off auto-renewal`
        : store && agreement
          ? agreement
          : PLATFORM_DEFAULT[locale].long;
  const lines = [zh ? `· 在平台取消：${platform}` : `· Cancel with the service: ${platform}`];
  if (agreement && !store) {
    lines.push(
      zh
        ? `· 再关闭${channelName(ctx.channel, locale)}的自动扣款：${agreement}（平台和付款渠道两边不同步，只取消一边仍会扣款）`
        : `· Then close the ${channelName(ctx.channel, locale)} auto-payment: ${agreement} (the two sides do not sync; cancelling one still lets the other charge)`,
    );
  } else if (store && (steps || url || support)) {
    lines.push(zh ? `· 或在：${agreement}` : `· Or: ${agreement}`);
  }
  return lines;
}

/** The SMS next step for cancelling, best first, ending with a short fallback. */
function cancelSmsSteps(ctx: Context): string[] {
  const { zh, locale, facts, extra } = ctx;
  const candidates: string[] = [];
  const steps = extra.cancelSteps?.trim().replace(/\s+/g, " ");
  const url = text(facts, "cancel_url");
  const support = text(facts, "support_contact");
  const agreement = agreementPath(ctx.channel, locale, true);
  if (steps) candidates.push(zh ? `取消：${steps}` : `To cancel: ${steps}`);
  if (url) candidates.push(zh ? `取消：${url}` : `Cancel at ${url}`);
  if (support) candidates.push(zh ? `联系客服取消：${support}` : `Ask support to cancel: ${support}`);
  if (agreement) candidates.push(zh ? `关闭：${agreement}` : `Turn off: ${agreement}`);
  candidates.push(zh ? "请及时取消并关闭自动扣款" : "Cancel it and turn off the auto-payment");
  return candidates;
}

function refundLines(ctx: Context): string[] {
  const { zh, locale, facts } = ctx;
  const support = text(facts, "support_contact");
  return [
    zh
      ? `· 先找平台客服要求退款${support ? `（${support}）` : ""}`
      : `· Ask the service's support for a refund first${support ? ` (${support})` : ""}`,
    zh
      ? `· 不处理就找付款渠道：${refundPath(ctx.channel, locale)}`
      : `· If they refuse: ${refundPath(ctx.channel, locale)}`,
    `· ${CONSUMER_COMPLAINT[locale]}`,
  ];
}

function withTimeline(steps: string[], ctx: Context): string[] {
  const url = ctx.extra.timelineUrl;
  if (!url) return steps;
  const timeline = ctx.zh ? `证据：${url}` : `Evidence: ${url}`;
  const separator = ctx.zh ? "；" : "; ";
  // The timeline link is worth most next to the first step; without room, the steps alone.
  return [...steps.slice(0, -1).map((step) => `${step}${separator}${timeline}`), ...steps];
}

function money(ctx: Context, amountKey = "amount_minor", currencyKey = "currency"): string | null {
  return amountText(ctx.facts[amountKey], ctx.facts[currencyKey], ctx.locale);
}

function date(ctx: Context, key: string): { long: string; short: string } {
  const value = text(ctx.facts, key) ?? "";
  return { long: value, short: shortDate(value, ctx.locale) };
}

/** price_changed raised by the notice that announces the new price, before any charge: there is still time. */
function priceAnnounced(ctx: Context): Parts {
  const { zh, name, smsName } = ctx;
  const amount = money(ctx) ?? "";
  const expected = money(ctx, "expected_amount_minor") ?? "";
  const renewal = date(ctx, "renewal_on");
  const deadline = date(ctx, "deadline_on");
  return {
    title: zh
      ? `「${name}」要涨价：${amount}（原 ${expected}）`
      : `${name} will charge ${amount} instead of ${expected}`,
    body: zh
      ? [
          `「${name}」通知将从 ${renewal.long} 起扣款 ${amount}，不是登记的 ${expected}。`,
          `接受新价格的话，请在这里更新会员金额；不想按新价格续费，最晚 ${deadline.long} 取消：`,
          ...cancelLines(ctx),
        ]
      : [
          `${name} says it will charge ${amount} from ${renewal.long}, not the ${expected} you registered.`,
          `If you accept the new price, update the membership's amount here. If not, cancel by ${deadline.long}:`,
          ...cancelLines(ctx),
        ],
    smsHead: zh
      ? `${ctx.head}${smsName}将于${renewal.short}起扣${amount}（原${expected}），不续请在${deadline.short}前取消。`
      : `${ctx.head}${smsName} will charge ${amount} from ${renewal.short} (was ${expected}); cancel by ${deadline.short} if not.`,
    smsSteps: cancelSmsSteps(ctx),
  };
}

const KINDS: Record<AlertKind, (ctx: Context) => Parts> = {
  renewal_upcoming(ctx) {
    const { zh, name, smsName } = ctx;
    const amount = money(ctx) ?? "";
    const renewal = date(ctx, "renewal_on");
    const days = inDays(ctx.facts.days_left, ctx.locale);
    return {
      title: zh
        ? `「${name}」将于 ${renewal.long} 自动续费 ${amount}`
        : `${name} renews on ${renewal.short} for ${amount}`,
      body: zh
        ? [
            `「${name}」将于 ${renewal.long}（${days}）通过${channelName(ctx.channel, ctx.locale)}自动续费，扣款 ${amount}。`,
            "如果不再需要，请在扣款前取消：",
            ...cancelLines(ctx),
          ]
        : [
            `${name} renews automatically on ${renewal.long} (${days}) and ${channelName(ctx.channel, ctx.locale)} will be charged ${amount}.`,
            "If you no longer want it, cancel before the charge:",
            ...cancelLines(ctx),
          ],
      smsHead: zh
        ? `${ctx.head}${smsName}将于${renewal.short}自动扣费${amount}。`
        : `${ctx.head}${smsName} renews ${renewal.short} for ${amount}.`,
      smsSteps: cancelSmsSteps(ctx),
    };
  },

  cancel_deadline(ctx) {
    const { zh, name, smsName } = ctx;
    const amount = money(ctx) ?? "";
    const deadline = date(ctx, "deadline_on");
    const renewal = date(ctx, "renewal_on");
    const notice = ctx.facts.cancel_notice_days;
    const days = inDays(ctx.facts.days_left, ctx.locale);
    return {
      title: zh
        ? `「${name}」最晚 ${deadline.long} 取消，否则续费 ${amount}`
        : `Last day to cancel ${name}: ${deadline.short}`,
      body: zh
        ? [
            `「${name}」要求至少提前 ${notice} 天取消：${deadline.long}（${days}）是能阻止 ${renewal.long} 续费（扣款 ${amount}）的最后一天。`,
            "如果不再需要，今天就取消：",
            ...cancelLines(ctx),
          ]
        : [
            `${name} must be cancelled at least ${notice} days before it renews: ${deadline.long} (${days}) is the last day that stops the ${renewal.long} renewal of ${amount}.`,
            "If you no longer want it, cancel now:",
            ...cancelLines(ctx),
          ],
      smsHead: zh
        ? `${ctx.head}${smsName}须在${deadline.short}前取消，否则${renewal.short}扣${amount}。`
        : `${ctx.head}last day to cancel ${smsName} is ${deadline.short}, else ${amount} on ${renewal.short}.`,
      smsSteps: cancelSmsSteps(ctx),
    };
  },

  trial_ending(ctx) {
    const { zh, name, smsName } = ctx;
    const amount = money(ctx) ?? "";
    const trial = date(ctx, "trial_ends_on");
    const days = inDays(ctx.facts.days_left, ctx.locale);
    return {
      title: zh
        ? `「${name}」试用 ${trial.long} 结束，之后自动扣费 ${amount}`
        : `${name} trial ends ${trial.short}, then ${amount}`,
      body: zh
        ? [
            `「${name}」的试用期 ${trial.long}（${days}）结束，之后会自动转为付费，扣款 ${amount}。`,
            "如果不想付费，请在试用结束前取消：",
            ...cancelLines(ctx),
          ]
        : [
            `The ${name} trial ends on ${trial.long} (${days}); after that it turns into a paid membership and ${amount} is charged.`,
            "If you do not want to pay, cancel before the trial ends:",
            ...cancelLines(ctx),
          ],
      smsHead: zh
        ? `${ctx.head}${smsName}试用${trial.short}结束，之后扣费${amount}。`
        : `${ctx.head}${smsName} ends ${trial.short}, then ${amount}.`,
      smsSteps: cancelSmsSteps(ctx),
    };
  },

  charge_after_cancel(ctx) {
    const { zh, name, smsName, locale } = ctx;
    const amount = money(ctx) ?? "";
    const charged = date(ctx, "charged_on");
    const cancelled = date(ctx, "cancelled_on");
    const reference = text(ctx.facts, "reference");
    const closes = text(ctx.facts, "refund_window_closes_on");
    const agreement = agreementPath(ctx.channel, locale);
    const agreementShort = agreementPath(ctx.channel, locale, true);
    return {
      title: zh ? `已取消的「${name}」仍被扣款 ${amount}` : `${name} charged ${amount} after you cancelled`,
      body: zh
        ? [
            `你已于 ${cancelled.long} 取消「${name}」，但 ${charged.long} 仍被扣款 ${amount}${reference ? `（订单号 ${reference}）` : ""}。`,
            `现在就要回这笔钱${closes ? `，退款期限到 ${closes}` : ""}：`,
            ...refundLines(ctx),
            ...(agreement ? [`· 同时检查并关闭${channelName(ctx.channel, locale)}的自动扣款：${agreement}`] : []),
          ]
        : [
            `You cancelled ${name} on ${cancelled.long}, yet ${amount} was charged on ${charged.long}${reference ? ` (reference ${reference})` : ""}.`,
            `Get it back now${closes ? `; the refund window closes on ${closes}` : ""}:`,
            ...refundLines(ctx),
            ...(agreement
              ? [`· Also check the ${channelName(ctx.channel, locale)} auto-payment is closed: ${agreement}`]
              : []),
          ],
      smsHead: zh
        ? `${ctx.head}${smsName}已取消，${charged.short}仍被扣${amount}。`
        : `${ctx.head}${smsName} took ${amount} on ${charged.short}.`,
      smsSteps: withTimeline(
        [
          ...(agreementShort
            ? [
                zh
                  ? `请找客服退款并关闭自动扣款：${agreementShort}，保留截图`
                  : `Ask support for a refund and turn off: ${agreementShort}. Keep screenshots.`,
              ]
            : []),
          zh ? "请联系客服退款并保留截图" : "Ask support for a refund; keep screenshots.",
        ],
        ctx,
      ),
    };
  },

  half_cancelled(ctx) {
    const { zh, name, smsName, locale } = ctx;
    const amount = money(ctx) ?? "";
    const cancelled = date(ctx, "cancelled_on");
    const renewal = date(ctx, "renewal_on");
    const channel = channelName(ctx.channel, locale);
    const agreement = agreementPath(ctx.channel, locale) ?? refundPath(ctx.channel, locale);
    const agreementShort = agreementPath(ctx.channel, locale, true);
    return {
      title: zh
        ? `「${name}」只取消了一半：${channel}自动扣款还开着`
        : `${name} is only half cancelled: the ${channel} auto-payment is still on`,
      body: zh
        ? [
            `你在 ${cancelled.long} 已在平台取消「${name}」，但还没有确认关闭${channel}的自动扣款协议。两边不同步，${renewal.long} 仍可能扣款 ${amount}。`,
            `请关闭：${agreement}`,
            "关闭后截图，并在这里记录一次“付款渠道”一侧的取消。",
          ]
        : [
            `You cancelled ${name} with the service on ${cancelled.long}, but the ${channel} auto-payment agreement is not confirmed closed. The two sides do not sync, so ${amount} may still be charged on ${renewal.long}.`,
            `Close it: ${agreement}`,
            "Take a screenshot once it is closed and record a payment_channel cancellation here.",
          ],
      smsHead: zh
        ? `${ctx.head}${smsName}平台已取消，${channel}扣款仍开着，${renewal.short}可能扣${amount}。`
        : `${ctx.head}${smsName} is cancelled but the ${channel} auto-payment is on: ${amount} may go on ${renewal.short}.`,
      smsSteps: [
        ...(agreementShort ? [zh ? `请关闭：${agreementShort}` : `Turn off: ${agreementShort}`] : []),
        zh ? `请关闭${channel}自动扣款` : `Close the ${channel} auto-payment`,
      ],
    };
  },

  price_changed(ctx) {
    if (text(ctx.facts, "deadline_on")) return priceAnnounced(ctx);
    const { zh, name, smsName } = ctx;
    const amount = money(ctx) ?? "";
    const expected = money(ctx, "expected_amount_minor") ?? "";
    const charged = date(ctx, "charged_on");
    const reference = text(ctx.facts, "reference");
    return {
      title: zh
        ? `「${name}」扣款变成 ${amount}（原 ${expected}）`
        : `${name} charged ${amount} instead of ${expected}`,
      body: zh
        ? [
            `${charged.long}「${name}」扣款 ${amount}，与登记的 ${expected} 不同${reference ? `（订单号 ${reference}）` : ""}。`,
            "如果你同意新价格，请在这里更新会员金额；如果没有被告知涨价，请保留扣款通知并：",
            ...refundLines(ctx),
            "不想继续的话：",
            ...cancelLines(ctx),
          ]
        : [
            `${name} charged ${amount} on ${charged.long}, not the ${expected} you registered${reference ? ` (reference ${reference})` : ""}.`,
            "If you accept the new price, update the membership's amount here. If nobody told you about it, keep the charge notice and:",
            ...refundLines(ctx),
            "To stop it altogether:",
            ...cancelLines(ctx),
          ],
      smsHead: zh
        ? `${ctx.head}${smsName}${charged.short}扣了${amount}，原价${expected}。`
        : `${ctx.head}${smsName} charged ${amount} on ${charged.short}, not ${expected}.`,
      smsSteps: [
        zh ? "未同意涨价请找客服退款或取消" : "Not agreed? Ask support for a refund or cancel it.",
        ...cancelSmsSteps(ctx).slice(-1),
      ],
    };
  },

  unknown_subscription(ctx) {
    const { zh, name, smsName, locale } = ctx;
    const amount = money(ctx);
    const occurred = date(ctx, "occurred_on");
    const previous = text(ctx.facts, "previous_on");
    const agreement = agreementPath(ctx.channel, locale);
    const agreementShort = agreementPath(ctx.channel, locale, true);
    const anyAgreement = zh
      ? "支付宝（我的 → 设置 → 支付设置 → 免密支付/自动扣款）、微信（我 → 服务 → 钱包 → 支付设置 → 自动续费）和银行卡账单"
      : "the auto-payment lists in Alipay (Me → Settings → Payment Settings → Auto-deduct) and WeChat (Me → Services → Wallet → Payment Settings → Auto-renewal), and your card statements";
    const what = amount
      ? zh
        ? `扣款 ${amount}`
        : `a charge of ${amount}`
      : zh
        ? "签约自动扣款"
        : "a new automatic payment";
    return {
      title: zh
        ? `发现未登记的自动扣款：${name}${amount ? ` ${amount}` : ""}`
        : `Unregistered subscription? ${name}${amount ? ` ${amount}` : ""}`,
      body: zh
        ? [
            `${occurred.long} 收到「${name}」的${what}${previous ? `，${previous} 也扣过一次，看起来是周期扣费` : ""}，但它不属于你登记的任何会员。`,
            "· 如果是你的会员：在这里登记它，或把这条事件分配给已有会员。",
            `· 如果不认识：检查并关闭 ${agreement ?? anyAgreement}，再找商户或付款渠道退款（${refundPath(ctx.channel, locale)}）。`,
            EVIDENCE_TO_KEEP[locale],
          ]
        : [
            `On ${occurred.long} ${name} took ${what}${previous ? `, and also on ${previous}: it looks recurring` : ""}, but it belongs to none of your registered memberships.`,
            "· If it is yours: register it here, or assign the event to an existing membership.",
            `· If you do not recognise it: check and close ${agreement ?? anyAgreement}, then ask the merchant or the payment channel for a refund (${refundPath(ctx.channel, locale)}).`,
            EVIDENCE_TO_KEEP[locale],
          ],
      smsHead: zh
        ? `${ctx.head}${smsName}${occurred.short}${amount ? `扣了${amount}` : "签约了自动扣款"}，不在你的会员列表中。`
        : `${ctx.head}${smsName}${amount ? ` charged ${amount}` : " set up an auto-payment"} on ${occurred.short}.`,
      smsSteps: [
        ...(agreementShort ? [zh ? `不认识请关闭：${agreementShort}` : `Not yours? Turn off: ${agreementShort}`] : []),
        zh ? "是会员请登记，不认识请关闭扣款" : "Register it, or check and turn off the auto-payment",
      ],
    };
  },

  renewal_unconfirmed(ctx) {
    const { zh, name, smsName, locale } = ctx;
    const amount = money(ctx) ?? "";
    const renewal = date(ctx, "renewal_on");
    const since = ctx.facts.days_since;
    const channel = channelName(ctx.channel, locale);
    return {
      title: zh
        ? `「${name}」${renewal.long} 的续费没有收到扣款通知`
        : `No charge seen for ${name}'s renewal on ${renewal.short}`,
      body: zh
        ? [
            `「${name}」按计划 ${renewal.long} 续费扣款 ${amount}，${since} 天过去了还没有收到匹配的扣款通知。`,
            `请查一下${channel}账单：`,
            "· 已经扣了：把那条通知转发过来，或在事件列表里把它分配给这个会员（可能是商户名或金额变了）。",
            "· 没有扣：会员可能已停止，请更新它的状态；如果你已取消，请记录取消。",
          ]
        : [
            `${name} was due to renew on ${renewal.long} for ${amount}; ${since} days later no matching charge has arrived.`,
            `Please check your ${channel} statement:`,
            "· If it was charged: forward that notice, or assign the event to this membership (the merchant name or price may have changed).",
            "· If not: the membership may have stopped; update its status, or record the cancellation if you cancelled.",
          ],
      smsHead: zh
        ? `${ctx.head}${smsName}${renewal.short}应扣${amount}，未收到扣款通知。`
        : `${ctx.head}no charge seen for ${smsName}'s ${renewal.short} renewal of ${amount}.`,
      smsSteps: [zh ? `请核对${channel}账单并转发通知` : `Check your ${channel} statement and forward the notice.`],
    };
  },

  refund_window_closing(ctx) {
    const { zh, name, smsName, locale } = ctx;
    const amount = money(ctx) ?? "";
    const charged = date(ctx, "charged_on");
    const closes = date(ctx, "refund_window_closes_on");
    const days = inDays(ctx.facts.days_left, locale);
    const reference = text(ctx.facts, "reference");
    return {
      title: zh
        ? `「${name}」${amount} 的退款期限 ${closes.long} 截止`
        : `Refund window for ${name}'s ${amount} charge closes ${closes.short}`,
      body: zh
        ? [
            `${charged.long} 取消后仍被扣的 ${amount}${reference ? `（订单号 ${reference}）` : ""} 还没有退款记录，退款期限 ${closes.long}（${days}）。`,
            "请在期限前申请：",
            ...refundLines(ctx),
          ]
        : [
            `The ${amount} charged on ${charged.long} after you cancelled${reference ? ` (reference ${reference})` : ""} has not been refunded; the refund window closes on ${closes.long} (${days}).`,
            "Ask for it before then:",
            ...refundLines(ctx),
          ],
      smsHead: zh
        ? `${ctx.head}${smsName}被扣的${amount}退款期限${closes.short}截止。`
        : `${ctx.head}${smsName}'s ${amount} charge can be refunded until ${closes.short}.`,
      smsSteps: withTimeline(
        [
          zh
            ? `请找客服退款，不行就${refundPath(ctx.channel, locale)}`
            : `Ask support for a refund, else ${refundPath(ctx.channel, locale)}.`,
          zh ? "请尽快联系客服申请退款" : "Ask support for a refund now.",
        ],
        ctx,
      ),
    };
  },
};

/** Title, body and SMS for an alert in the user's language. */
export function renderAlert(
  draft: Pick<AlertDraft, "kind" | "facts">,
  locale: Locale,
  extra: TextExtras = {},
): AlertTexts {
  const zh = locale === "zh-CN";
  const facts = draft.facts;
  const name = text(facts, "name") ?? text(facts, "merchant") ?? (zh ? "未知商户" : "an unknown merchant");
  const ctx: Context = {
    locale,
    zh,
    facts,
    extra,
    name,
    // A name outside GSM-7 turns an English SMS into UCS-2, which holds less than half as much.
    smsName: zh || smsLength(name).limit < 306 ? clip(name, 20, zh ? "…" : "...") : clip(name, 40, "..."),
    channel: text(facts, "channel"),
    head: zh ? `【${alertKindName(draft.kind, locale)}】` : `${alertKindName(draft.kind, locale)}: `,
  };
  const parts = KINDS[draft.kind](ctx);
  const evidence = EVIDENCE_TO_KEEP[locale];
  const body = [...parts.body];
  if (!body.includes(evidence)) body.push(evidence);
  if (extra.timelineUrl)
    body.push(
      zh ? `证据时间线（可打印）：${extra.timelineUrl}` : `Evidence timeline (printable): ${extra.timelineUrl}`,
    );
  return {
    title: parts.title,
    body: body.join("\n"),
    sms: fitSms(parts.smsHead, parts.smsSteps, zh ? "" : " "),
  };
}
