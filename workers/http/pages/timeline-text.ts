// The printable timeline's words in zh-CN and en: its headings, the membership's terms, each kind of entry, and
// the steps for asking for money back.
import type { Locale } from "../../texts/alerts";

export const LABELS = {
  "zh-CN": {
    title: "会员争议证据",
    intro:
      "本页汇总该会员的登记条款、匹配到的扣款/通知、取消记录与提醒，按时间排序，可打印或另存为 PDF 提交给客服、支付渠道或消费者投诉平台。",
    generated: "生成时间",
    zone: "时区",
    terms: "会员条款",
    timeline: "时间线",
    time: "时间",
    what: "事项",
    details: "详情",
    empty: "暂无记录",
    refund: "怎么要回钱",
    evidence: "随附证据",
    fields: {
      name: "名称",
      aliases: "账单上的名称",
      price: "金额 / 周期",
      next: "下次续费",
      autoRenew: "自动续费",
      channel: "付款渠道",
      notice: "取消须提前",
      refundWindow: "退款期限",
      trial: "试用结束",
      cancelUrl: "取消网址",
      cancelSteps: "取消步骤",
      support: "客服",
      status: "状态",
      created: "登记时间",
      notes: "备注",
    },
    days: (n: number) => `${n} 天`,
    cycle: (count: number, unit: string) =>
      // 每天 / 每周 / 每个月 / 每年; with a count: 每 3 个月.
      `每${count === 1 ? "" : ` ${count} `}${{ day: "天", week: "周", month: "个月", year: "年" }[unit] ?? unit}`,
    status: { active: "生效中", cancelled: "已取消", ended: "已结束" } as Record<string, string>,
    entry: {
      membership_created: "登记会员",
      event: {
        charge: "扣款",
        refund: "退款",
        renewal_notice: "续费通知",
        cancellation: "取消确认",
        signup: "签约/开通",
        other: "其他通知",
      } as Record<string, string>,
      cancellation: {
        platform: "在平台取消",
        payment_channel: "在付款渠道关闭自动扣款",
        customer_service: "通过客服取消",
      } as Record<string, string>,
      alert: "提醒",
    },
    reference: "订单号",
    cardTail: "卡尾号",
    merchant: "商户",
    message: "原始消息",
    via: { email: "邮件", webhook: "短信/Webhook" } as Record<string, string>,
    received: "收到于",
    bytes: (n: number) => `${n} 字节`,
    evidenceNote: "证据说明",
    halfCancelled: (channel: string, path: string) =>
      `注意：已在平台取消，但未记录${channel}一侧关闭自动扣款。请到 ${path} 确认关闭并截图。`,
    steps: {
      platform: (contact: string | null) =>
        contact
          ? `先联系平台客服要求退款：${contact}`
          : "先联系平台客服（App 内在线客服）要求退款，说明已取消仍被扣款。",
      channel: (name: string, path: string) => `平台不处理，找${name}：${path}`,
      window: (n: number) => `该会员的退款期限为扣款后 ${n} 天，请在期限内提出。`,
    },
    evidenceItems: [
      "本时间线（打印或另存为 PDF）",
      "取消成功页面的截图（带时间），以及关闭自动扣款的截图",
      "原始扣款通知、续费通知（上表“原始消息”列出的邮件/短信）",
      "订单号、交易单号，与客服的聊天记录或工单号",
    ],
  },
  en: {
    title: "Membership dispute kit",
    intro:
      "This page gathers the membership's registered terms, the charges and notices matched to it, its cancellations and alerts, in time order. Print it or save it as PDF for customer service, the payment channel or a consumer complaint.",
    generated: "Generated",
    zone: "Time zone",
    terms: "Membership terms",
    timeline: "Timeline",
    time: "Time",
    what: "What",
    details: "Details",
    empty: "Nothing recorded yet",
    refund: "How to get your money back",
    evidence: "Evidence to attach",
    fields: {
      name: "Name",
      aliases: "Names on statements",
      price: "Price / cycle",
      next: "Next renewal",
      autoRenew: "Auto-renew",
      channel: "Payment channel",
      notice: "Cancellation notice",
      refundWindow: "Refund window",
      trial: "Trial ends",
      cancelUrl: "Cancel at",
      cancelSteps: "Cancel steps",
      support: "Customer service",
      status: "Status",
      created: "Registered",
      notes: "Notes",
    },
    days: (n: number) => `${n} day${n === 1 ? "" : "s"}`,
    cycle: (count: number, unit: string) => (count === 1 ? `every ${unit}` : `every ${count} ${unit}s`),
    status: { active: "active", cancelled: "cancelled", ended: "ended" } as Record<string, string>,
    entry: {
      membership_created: "Membership registered",
      event: {
        charge: "Charge",
        refund: "Refund",
        renewal_notice: "Renewal notice",
        cancellation: "Cancellation confirmed",
        signup: "Sign-up",
        other: "Other notice",
      } as Record<string, string>,
      cancellation: {
        platform: "Cancelled with the service",
        payment_channel: "Auto-payment closed at the payment channel",
        customer_service: "Cancelled via customer service",
      } as Record<string, string>,
      alert: "Alert",
    },
    reference: "Reference",
    cardTail: "Card ending",
    merchant: "Merchant",
    message: "Original message",
    via: { email: "e-mail", webhook: "SMS / webhook" } as Record<string, string>,
    received: "received",
    bytes: (n: number) => `${n} bytes`,
    evidenceNote: "Evidence",
    halfCancelled: (channel: string, path: string) =>
      `Note: cancelled with the service, but closing the ${channel} auto-payment is not recorded. Check ${path} and take a screenshot.`,
    steps: {
      platform: (contact: string | null) =>
        contact
          ? `Ask the service's customer service for a refund first: ${contact}`
          : "Ask the service's customer service (in-app support) for a refund first, stating that you had cancelled.",
      channel: (_name: string, path: string) => `If they refuse: ${path}`,
      window: (n: number) => `This membership's refund window is ${n} days after a charge; ask within it.`,
    },
    evidenceItems: [
      "This timeline (printed or saved as PDF)",
      "Screenshots of the cancellation confirmation (with the time) and of the closed auto-payment",
      "The original charge and renewal notices (the messages listed under “Original message” above)",
      "Order and transaction numbers, chats with customer service or ticket numbers",
    ],
  },
} as const;

export type Labels = (typeof LABELS)[Locale];
