// The add/edit membership form's fields: their names (the API's, but the amount typed as a decimal), the form's
// values as typed, and each field's label, hint and message when refused, in zh-CN and en.
import type { Locale } from "../../texts/alerts";

export const FORM_FIELDS = [
  "name",
  "merchant_aliases",
  "amount",
  "currency",
  "cycle_count",
  "cycle_unit",
  "next_renewal_on",
  "auto_renew",
  "channel",
  "cancel_notice_days",
  "refund_window_days",
  "trial_ends_on",
  "lead_days",
  "cancel_url",
  "cancel_steps",
  "support_contact",
  "notes",
] as const;

export type FormField = (typeof FORM_FIELDS)[number];
/** The form exactly as typed (a checkbox is "on" or ""), so a refused form comes back unchanged. */
export type MembershipFormValues = Record<FormField, string>;
export type FieldErrors = Partial<Record<FormField, string>>;

interface FieldText {
  label: string;
  hint?: string;
  /** What a valid value looks like: shown when the value was refused. */
  invalid: string;
}

export const FIELDS: Record<Locale, Record<FormField, FieldText>> = {
  "zh-CN": {
    name: { label: "名称", invalid: "请填写名称（不超过 100 字）" },
    merchant_aliases: {
      label: "账单上的商户名",
      hint: "扣款短信、支付宝/微信账单里出现的名字，用逗号或换行分隔",
      invalid: "最多 50 个，每个不超过 100 字",
    },
    amount: { label: "每期金额", hint: "例如 25.00", invalid: "请填写金额，例如 25.00（小数位不超过该币种的位数）" },
    currency: { label: "币种", hint: "CNY、USD、HKD…", invalid: "请填写支持的三位币种代码，例如 CNY、USD" },
    cycle_count: { label: "每几个周期扣一次", invalid: "请填写 1 到 120 的整数" },
    cycle_unit: { label: "周期", invalid: "请选择周期" },
    next_renewal_on: { label: "下次续费日", invalid: "请选择下次续费的日期" },
    auto_renew: { label: "自动续费（到期自动扣款）", invalid: "请选择是否自动续费" },
    channel: { label: "付款渠道", invalid: "请选择付款渠道" },
    cancel_notice_days: {
      label: "须提前几天取消",
      hint: "有的平台要求续费前若干天关闭自动续费",
      invalid: "请填写 0 到 365 的整数",
    },
    refund_window_days: {
      label: "退款期限（天）",
      hint: "扣款后几天内可以申请退款，不清楚就填 0",
      invalid: "请填写 0 到 365 的整数",
    },
    trial_ends_on: { label: "试用结束日", hint: "没有试用就留空", invalid: "请选择日期，或留空" },
    lead_days: {
      label: "提前几天提醒",
      hint: "留空则用设置里的默认值",
      invalid: "请填写 0 到 90 的整数，或留空",
    },
    cancel_url: { label: "取消网址", invalid: "请填写以 https:// 或 http:// 开头的网址，或留空" },
    cancel_steps: {
      label: "取消步骤",
      hint: "平台关闭自动续费的路径，以及付款渠道解除免密/自动扣款协议的路径",
      invalid: "不超过 2000 字",
    },
    support_contact: { label: "客服联系方式", invalid: "不超过 500 字" },
    notes: { label: "备注", invalid: "不超过 2000 字" },
  },
  en: {
    name: { label: "Name", invalid: "Enter a name (up to 100 characters)" },
    merchant_aliases: {
      label: "Merchant names on bills",
      hint: "How it appears in charge SMS, Alipay/WeChat bills or card statements; separate with commas or new lines",
      invalid: "Up to 50 names of at most 100 characters each",
    },
    amount: {
      label: "Amount per cycle",
      hint: "e.g. 25.00",
      invalid: "Enter an amount such as 25.00 (no more decimals than the currency has)",
    },
    currency: {
      label: "Currency",
      hint: "CNY, USD, EUR…",
      invalid: "Enter a supported 3-letter currency code such as CNY or USD",
    },
    cycle_count: { label: "Every how many periods", invalid: "Enter a whole number from 1 to 120" },
    cycle_unit: { label: "Period", invalid: "Choose a billing period" },
    next_renewal_on: { label: "Next renewal", invalid: "Choose the next renewal date" },
    auto_renew: { label: "Renews automatically (charged when due)", invalid: "Choose whether it renews" },
    channel: { label: "Payment channel", invalid: "Choose how you pay" },
    cancel_notice_days: {
      label: "Cancel at least (days before renewal)",
      hint: "Some services need renewal switched off days ahead",
      invalid: "Enter a whole number of days from 0 to 365",
    },
    refund_window_days: {
      label: "Refund window (days)",
      hint: "Days after a charge in which you can ask for a refund; 0 if unsure",
      invalid: "Enter a whole number of days from 0 to 365",
    },
    trial_ends_on: {
      label: "Trial ends on",
      hint: "Leave empty when there is no trial",
      invalid: "Choose a date or leave it empty",
    },
    lead_days: {
      label: "Warn me (days before)",
      hint: "Empty: your default from Settings",
      invalid: "Enter a whole number from 0 to 90, or leave it empty",
    },
    cancel_url: {
      label: "Cancel URL",
      invalid: "Enter a web address starting with https:// or http://, or leave it empty",
    },
    cancel_steps: {
      label: "How to cancel",
      hint: "Where the service's auto-renewal is switched off, and where the payment channel's auto-deduct agreement is closed",
      invalid: "At most 2000 characters",
    },
    support_contact: { label: "Customer service", invalid: "At most 500 characters" },
    notes: { label: "Notes", invalid: "At most 2000 characters" },
  },
};

export const fieldLabel = (field: FormField, locale: Locale) => FIELDS[locale][field].label;
