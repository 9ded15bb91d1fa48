// Starting points for the "add membership" form: common services (how they appear on bills, what they
// usually cost, where to switch renewal off) and payment channels (where their auto-deduct agreement lives).
import type { CYCLE_UNITS, PAYMENT_CHANNELS } from "../../../schema/tables";
import { normalizeMerchant } from "../../match";
import type { Locale } from "../../texts/alerts";

type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];
type Text = Record<Locale, string>;

export interface ServicePreset {
  key: string;
  name: Text;
  /** How the merchant appears on bills, SMS and receipts; the matcher compares charges against these. */
  merchantAliases: string[];
  /** The usual price of the auto-renewing plan, as a decimal in the currency; the user checks their bill. */
  amount: string;
  currency: string;
  cycleUnit: (typeof CYCLE_UNITS)[number];
  cycleCount: number;
  channel: PaymentChannel;
  cancelNoticeDays?: number;
  refundWindowDays?: number;
  cancelUrl?: string;
  /** Where renewal is switched off on the service itself (its app or website). */
  platformSteps: Text;
  /** Who to ask when the switch is missing or a charge came anyway. */
  supportContact?: Text;
}

/**
 * Where each payment channel's auto-deduct agreement (or store subscription) is closed. Cancelling on the
 * platform alone leaves an Alipay/WeChat/card agreement able to charge again, so the form fills both in.
 * Chinese apps keep their Chinese menu names in the English text: that is what the user sees on screen.
 */
const CHANNEL_CANCEL_PATHS: Partial<Record<PaymentChannel, Text>> = {
  alipay: {
    "zh-CN": "支付宝：我的 → 设置 → 支付设置 → 免密支付/自动扣款 → 选择该服务 → 关闭服务",
    en: "Alipay: 我的 → 设置 → 支付设置 → 免密支付/自动扣款 (Me → Settings → Payment settings → Auto-deduct) → the service → 关闭服务 (turn off)",
  },
  wechat_pay: {
    "zh-CN": "微信：我 → 服务 → 钱包 → 支付设置 → 自动续费 → 选择该服务 → 关闭扣费服务",
    en: "WeChat: 我 → 服务 → 钱包 → 支付设置 → 自动续费 (Me → Services → Wallet → Payment settings → Auto-renewal) → the service → 关闭扣费服务 (turn off)",
  },
  apple: {
    "zh-CN": "App Store：iPhone 设置 → Apple ID（你的名字）→ 订阅 → 选择该订阅 → 取消订阅",
    en: "App Store: Settings → Apple ID → Subscriptions → the subscription → Cancel Subscription",
  },
  google_play: {
    "zh-CN": "Google Play：Play 商店 → 个人资料（头像）→ 付款和订阅 → 订阅 → 选择该订阅 → 取消订阅",
    en: "Google Play: Play Store → profile → Payments & subscriptions → Subscriptions → the subscription → Cancel subscription",
  },
  paypal: {
    "zh-CN": "PayPal：设置 → 付款 → 管理自动付款 → 选择该商户 → 取消",
    en: "PayPal: Settings → Payments → Manage automatic payments → the merchant → Cancel",
  },
  bank_card: {
    "zh-CN":
      "银行卡：在发卡行 App 的「快捷支付/代扣管理」中解除该商户的协议，或致电发卡行（卡背面电话）停止对该商户的代扣",
    en: "Bank Card: in your bank's app, end this merchant's quick-pay / direct-debit agreement, or call the bank (number on the card) to stop its recurring debits",
  },
  credit_card: {
    "zh-CN": "信用卡：在服务的账户中删除已保存的卡；仍被扣款时致电发卡行（卡背面电话）要求停止对该商户的定期扣款",
    en: "Credit Card: remove the saved card from the service's account; if charges continue, call the issuer (number on the back) to block recurring payments to this merchant",
  },
  platform_balance: {
    "zh-CN": "平台余额：没有外部扣款协议，在平台内关闭自动续费即可",
    en: "Platform Balance: there is no outside payment agreement; turning renewal off on the platform is enough",
  },
};

/** The channel's own cancel path, or null when the channel is unknown ("other"). */
export function channelCancelPath(channel: string, locale: Locale): string | null {
  return CHANNEL_CANCEL_PATHS[channel as PaymentChannel]?.[locale] ?? null;
}

/** The channels offered as starting points, in the order shown. */
export const CHANNEL_PRESETS = Object.keys(CHANNEL_CANCEL_PATHS) as PaymentChannel[];

/** The cancel steps a preset fills in: the platform's switch first, then the payment channel's agreement. */
export function presetCancelSteps(platformSteps: string | null, channel: string, locale: Locale): string {
  return [platformSteps, channelCancelPath(channel, locale)].filter(Boolean).join("\n");
}

// Prices are the usual auto-renewing ("连续包月") price when the preset was written; the form says to check
// the bill. Menu paths follow each app's current wording; a renamed menu is one edit here.
export const SERVICE_PRESETS: ServicePreset[] = [
  {
    key: "iqiyi",
    name: { "zh-CN": "爱奇艺 VIP", en: "iQIYI VIP" },
    merchantAliases: ["爱奇艺", "iQIYI", "北京爱奇艺科技有限公司", "支付宝-爱奇艺", "财付通-爱奇艺"],
    amount: "25.00",
    currency: "CNY",
    cycleUnit: "month",
    cycleCount: 1,
    channel: "alipay",
    platformSteps: {
      "zh-CN": "爱奇艺 App：我的 → 我的VIP会员 → 管理自动续费 → 关闭自动续费",
      en: "iQIYI app: 我的 (Me) → 我的VIP会员 (My VIP) → 管理自动续费 (Manage auto-renewal) → turn off",
    },
  },
  {
    key: "tencent_video",
    name: { "zh-CN": "腾讯视频 VIP", en: "Tencent Video VIP" },
    merchantAliases: ["腾讯视频", "腾讯视频VIP", "财付通-腾讯视频", "深圳市腾讯计算机系统有限公司"],
    amount: "25.00",
    currency: "CNY",
    cycleUnit: "month",
    cycleCount: 1,
    channel: "wechat_pay",
    platformSteps: {
      "zh-CN": "腾讯视频 App：我的 → VIP会员 → 自动续费管理 → 关闭自动续费",
      en: "Tencent Video app: 我的 (Me) → VIP会员 → 自动续费管理 (Auto-renewal) → turn off",
    },
  },
  {
    key: "youku",
    name: { "zh-CN": "优酷 VIP", en: "Youku VIP" },
    merchantAliases: ["优酷", "优酷会员", "优酷VIP", "支付宝-优酷", "优酷信息技术（北京）有限公司"],
    amount: "25.00",
    currency: "CNY",
    cycleUnit: "month",
    cycleCount: 1,
    channel: "alipay",
    platformSteps: {
      "zh-CN": "优酷 App：我的 → 会员中心 → 自动续费管理 → 取消自动续费",
      en: "Youku app: 我的 (Me) → 会员中心 (Membership) → 自动续费管理 (Auto-renewal) → cancel",
    },
  },
  {
    key: "mgtv",
    name: { "zh-CN": "芒果TV 会员", en: "Mango TV membership" },
    merchantAliases: ["芒果TV", "芒果TV会员", "湖南快乐阳光互动娱乐传媒有限公司"],
    amount: "22.00",
    currency: "CNY",
    cycleUnit: "month",
    cycleCount: 1,
    channel: "alipay",
    platformSteps: {
      "zh-CN": "芒果TV App：我的 → 会员中心 → 自动续费管理 → 取消自动续费",
      en: "Mango TV app: 我的 (Me) → 会员中心 (Membership) → 自动续费管理 (Auto-renewal) → cancel",
    },
  },
  {
    key: "bilibili",
    name: { "zh-CN": "哔哩哔哩大会员", en: "bilibili Premium (大会员)" },
    merchantAliases: ["哔哩哔哩", "bilibili", "B站", "上海宽娱数码科技有限公司"],
    amount: "15.00",
    currency: "CNY",
    cycleUnit: "month",
    cycleCount: 1,
    channel: "alipay",
    platformSteps: {
      "zh-CN": "哔哩哔哩 App：我的 → 我的大会员 → 自动续费管理 → 取消自动续费",
      en: "bilibili app: 我的 (Me) → 我的大会员 (Premium) → 自动续费管理 (Auto-renewal) → cancel",
    },
  },
  {
    key: "netease_music",
    name: { "zh-CN": "网易云音乐黑胶VIP", en: "NetEase Cloud Music VIP" },
    merchantAliases: ["网易云音乐", "网易云音乐黑胶VIP", "杭州网易云音乐科技有限公司"],
    amount: "15.00",
    currency: "CNY",
    cycleUnit: "month",
    cycleCount: 1,
    channel: "alipay",
    platformSteps: {
      "zh-CN": "网易云音乐 App：我的 → 会员中心 → 管理自动续费 → 关闭自动续费",
      en: "NetEase Cloud Music app: 我的 (Me) → 会员中心 (Membership) → 管理自动续费 (Auto-renewal) → turn off",
    },
  },
  {
    key: "qq_music",
    name: { "zh-CN": "QQ音乐绿钻", en: "QQ Music Green Diamond" },
    merchantAliases: ["QQ音乐", "QQ音乐绿钻", "腾讯音乐", "财付通-QQ音乐"],
    amount: "15.00",
    currency: "CNY",
    cycleUnit: "month",
    cycleCount: 1,
    channel: "wechat_pay",
    platformSteps: {
      "zh-CN": "QQ音乐 App：我的 → 绿钻会员中心 → 自动续费管理 → 关闭自动续费",
      en: "QQ Music app: 我的 (Me) → 绿钻 (Green Diamond) → 自动续费管理 (Auto-renewal) → turn off",
    },
  },
  {
    key: "baidu_netdisk",
    name: { "zh-CN": "百度网盘超级会员", en: "Baidu Netdisk SVIP" },
    merchantAliases: ["百度网盘", "百度网盘超级会员", "百度", "北京百度网讯科技有限公司"],
    amount: "25.00",
    currency: "CNY",
    cycleUnit: "month",
    cycleCount: 1,
    channel: "alipay",
    platformSteps: {
      "zh-CN": "百度网盘 App：我的 → 会员中心 → 自动续费管理 → 取消自动续费",
      en: "Baidu Netdisk app: 我的 (Me) → 会员中心 (Membership) → 自动续费管理 (Auto-renewal) → cancel",
    },
  },
  {
    key: "jd_plus",
    name: { "zh-CN": "京东PLUS会员", en: "JD PLUS" },
    merchantAliases: ["京东PLUS", "京东", "京东商城", "网银在线", "北京京东世纪贸易有限公司"],
    amount: "148.00",
    currency: "CNY",
    cycleUnit: "year",
    cycleCount: 1,
    channel: "wechat_pay",
    platformSteps: {
      "zh-CN": "京东 App：我的 → PLUS会员 → 右上角设置 → 自动续费管理 → 关闭自动续费",
      en: "JD app: 我的 (Me) → PLUS会员 → settings (top right) → 自动续费管理 (Auto-renewal) → turn off",
    },
  },
  {
    key: "taobao_88vip",
    name: { "zh-CN": "淘宝88VIP", en: "Taobao 88VIP" },
    merchantAliases: ["88VIP", "淘宝", "天猫", "淘宝88VIP"],
    amount: "88.00",
    currency: "CNY",
    cycleUnit: "year",
    cycleCount: 1,
    channel: "alipay",
    platformSteps: {
      "zh-CN": "淘宝 App：我的淘宝 → 88VIP → 右上角设置 → 自动续费 → 关闭",
      en: "Taobao app: 我的淘宝 (My Taobao) → 88VIP → settings (top right) → 自动续费 (Auto-renewal) → turn off",
    },
  },
  {
    key: "meituan",
    name: { "zh-CN": "美团会员", en: "Meituan membership" },
    merchantAliases: ["美团", "美团会员", "美团外卖会员", "北京三快在线科技有限公司"],
    amount: "15.00",
    currency: "CNY",
    cycleUnit: "month",
    cycleCount: 1,
    channel: "wechat_pay",
    platformSteps: {
      "zh-CN": "美团 App：我的 → 美团会员 → 会员权益页底部「自动续费管理」→ 关闭自动续费",
      en: "Meituan app: 我的 (Me) → 美团会员 → 自动续费管理 at the bottom (Auto-renewal) → turn off",
    },
  },
  {
    key: "eleme",
    name: { "zh-CN": "饿了么超级吃货卡", en: "Ele.me Super Foodie Card" },
    merchantAliases: ["饿了么", "超级吃货卡", "拉扎斯网络科技（上海）有限公司"],
    amount: "15.00",
    currency: "CNY",
    cycleUnit: "month",
    cycleCount: 1,
    channel: "alipay",
    platformSteps: {
      "zh-CN": "饿了么 App：我的 → 超级吃货卡 → 右上角「…」→ 自动续费管理 → 关闭自动续费",
      en: "Ele.me app: 我的 (Me) → 超级吃货卡 → “…” (top right) → 自动续费管理 (Auto-renewal) → turn off",
    },
  },
  {
    key: "wps",
    name: { "zh-CN": "WPS会员", en: "WPS membership" },
    merchantAliases: ["WPS", "WPS会员", "金山办公", "珠海金山办公软件有限公司"],
    amount: "15.00",
    currency: "CNY",
    cycleUnit: "month",
    cycleCount: 1,
    channel: "wechat_pay",
    platformSteps: {
      "zh-CN": "WPS Office App：我 → 会员中心 → 自动续费管理 → 取消自动续费",
      en: "WPS Office app: 我 (Me) → 会员中心 (Membership) → 自动续费管理 (Auto-renewal) → cancel",
    },
  },
  {
    key: "apple_music",
    name: { "zh-CN": "Apple Music", en: "Apple Music" },
    merchantAliases: ["Apple Music", "APPLE.COM/BILL", "Apple", "苹果"],
    amount: "11.00",
    currency: "CNY",
    cycleUnit: "month",
    cycleCount: 1,
    channel: "apple",
    cancelUrl: "https://apps.apple.com/account/subscriptions",
    platformSteps: {
      "zh-CN": "iPhone 设置 → Apple ID → 订阅 → Apple Music → 取消订阅（在 App Store 付款的订阅只能在这里取消）",
      en: "iPhone Settings → Apple ID → Subscriptions → Apple Music → Cancel Subscription (an App Store subscription is cancelled only there)",
    },
    supportContact: { "zh-CN": "reportaproblem.apple.com", en: "reportaproblem.apple.com" },
  },
  {
    key: "icloud_plus",
    name: { "zh-CN": "iCloud+", en: "iCloud+" },
    merchantAliases: ["iCloud", "iCloud+", "APPLE.COM/BILL", "Apple"],
    amount: "6.00",
    currency: "CNY",
    cycleUnit: "month",
    cycleCount: 1,
    channel: "apple",
    platformSteps: {
      "zh-CN": "iPhone 设置 → Apple ID → iCloud → 管理账户储存空间 → 更改储存空间方案 → 降级选项 → 免费",
      en: "iPhone Settings → Apple ID → iCloud → Manage Account Storage → Change Storage Plan → Downgrade Options → Free",
    },
    supportContact: { "zh-CN": "reportaproblem.apple.com", en: "reportaproblem.apple.com" },
  },
  {
    key: "netflix",
    name: { "zh-CN": "Netflix", en: "Netflix" },
    merchantAliases: ["Netflix", "NETFLIX.COM"],
    amount: "15.49",
    currency: "USD",
    cycleUnit: "month",
    cycleCount: 1,
    channel: "credit_card",
    cancelUrl: "https://www.netflix.com/cancelplan",
    platformSteps: {
      "zh-CN": "netflix.com：账户 → 取消会员资格 → 完成取消",
      en: "netflix.com: Account → Cancel Membership → Finish Cancellation",
    },
  },
  {
    key: "spotify",
    name: { "zh-CN": "Spotify Premium", en: "Spotify Premium" },
    merchantAliases: ["Spotify", "SPOTIFY AB", "Spotify P"],
    amount: "11.99",
    currency: "USD",
    cycleUnit: "month",
    cycleCount: 1,
    channel: "credit_card",
    cancelUrl: "https://www.spotify.com/account/subscription/",
    platformSteps: {
      "zh-CN": "spotify.com 网页（App 内不能取消）：账户 → 管理套餐 → 取消 Premium",
      en: "spotify.com in a browser (not in the app): Account → Manage your plan → Cancel Premium",
    },
  },
  {
    key: "youtube_premium",
    name: { "zh-CN": "YouTube Premium（Google Play）", en: "YouTube Premium (Google Play)" },
    merchantAliases: ["YouTube Premium", "Google YouTube", "GOOGLE *YouTube", "Google Play"],
    amount: "13.99",
    currency: "USD",
    cycleUnit: "month",
    cycleCount: 1,
    channel: "google_play",
    cancelUrl: "https://www.youtube.com/paid_memberships",
    platformSteps: {
      "zh-CN": "YouTube：头像 → 购买内容和会员 → YouTube Premium → 停用；在 Google Play 购买的也可在 Play 商店取消",
      en: "YouTube: profile picture → Purchases and memberships → YouTube Premium → Deactivate; bought in Google Play, it can also be cancelled in the Play Store",
    },
  },
  {
    key: "chatgpt_plus",
    name: { "zh-CN": "ChatGPT Plus", en: "ChatGPT Plus" },
    merchantAliases: ["OpenAI", "ChatGPT", "OPENAI *CHATGPT SUBSCR"],
    amount: "20.00",
    currency: "USD",
    cycleUnit: "month",
    cycleCount: 1,
    channel: "credit_card",
    platformSteps: {
      "zh-CN": "chatgpt.com：头像 → 设置 → 账户 → 管理 → 取消订阅（在 iPhone App 内购买的要在 App Store 取消）",
      en: "chatgpt.com: profile → Settings → Account → Manage → Cancel plan (bought in the iPhone app: cancel in the App Store)",
    },
  },
  {
    key: "adobe_cc",
    name: { "zh-CN": "Adobe Creative Cloud", en: "Adobe Creative Cloud" },
    merchantAliases: ["Adobe", "ADOBE *CREATIVE CLOUD", "Adobe Systems"],
    amount: "59.99",
    currency: "USD",
    cycleUnit: "month",
    cycleCount: 1,
    channel: "paypal",
    // Adobe refunds in full within 14 days of the order; later, an annual plan paid monthly costs a fee to end.
    refundWindowDays: 14,
    cancelUrl: "https://account.adobe.com/plans",
    platformSteps: {
      "zh-CN": "account.adobe.com：方案 → 管理方案 → 取消您的方案（按年订阅、按月付款的方案提前取消可能收取违约金）",
      en: "account.adobe.com: Plans → Manage plan → Cancel your plan (an annual plan paid monthly may charge an early-termination fee)",
    },
  },
];

export function servicePreset(key: string): ServicePreset | undefined {
  return SERVICE_PRESETS.find((preset) => preset.key === key);
}

/**
 * The presets that already list `merchant` among their bill names (compared as the matcher compares them, so
 * "财付通-爱奇艺" and "支付宝-爱奇艺" both find 爱奇艺): the suggestions for a membership started from a notice.
 */
export function presetsForMerchant(merchant: string): ServicePreset[] {
  const wanted = normalizeMerchant(merchant);
  return SERVICE_PRESETS.filter((preset) =>
    preset.merchantAliases.some((alias) => normalizeMerchant(alias) === wanted),
  );
}
