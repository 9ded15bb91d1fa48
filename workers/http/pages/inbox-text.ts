// The inbox's words in zh-CN and en.
import type { Locale } from "../../texts/alerts";

export type PaymentKind = "charge" | "refund" | "renewal_notice" | "cancellation" | "signup";

export const TEXT = {
  "zh-CN": {
    title: "待认领",
    intro: "这些通知没能自动对应到你的会员。选好会员后点「归入」，以后同一商户名的通知会自动归入。",
    kinds: {
      charge: "扣款",
      refund: "退款",
      renewal_notice: "续费通知",
      cancellation: "取消确认",
      signup: "签约/开通",
    } as Record<PaymentKind, string>,
    merchantUnknown: "（未识别商户）",
    cardTail: (tail: string) => `尾号 ${tail}`,
    assignTo: "归入会员",
    choose: "请选择会员…",
    inactive: "已取消/已结束",
    assign: "归入",
    newMembership: "新建会员",
    dismiss: "一次性消费，不是订阅",
    noMemberships: "你还没有会员可归入。",
    done: {
      assigned: "已归入。这个会员以后会自动认出这个商户名。",
      dismissed: "已作为一次性消费忽略，不再出现在这里，相关提醒也已处理。同一商户再次扣款时仍会提醒你。",
    } as Record<string, string>,
    chooseFirst: "请先选择要归入的会员。",
    emptyTitle: "没有待认领的通知",
    empty:
      "扣款短信、续费邮件到达后，能自动对应到会员的会直接归入；对应不上的会出现在这里。通知来源：把支付邮件自动转发到你的专属收件地址，或让短信转发 App / iOS 快捷指令把银行短信发到你的 Webhook 地址。",
    emptyLink: "在设置里查看你的地址和设置步骤",
    other: (count: number) => `未识别的通知（${count}）`,
    otherIntro:
      "这些消息不是付款通知（例如验证邮件、广告）。Gmail 等邮箱的转发确认邮件也会出现在这里，确认码在主题里。",
    from: "发件人",
    subject: "主题",
    noHeadline: "（没有发件人或主题）",
    received: "收到于",
  },
  en: {
    title: "Inbox",
    intro:
      "These notices could not be matched to a membership. Pick one and press Assign: notices from the same merchant name will then match by themselves.",
    kinds: {
      charge: "Charge",
      refund: "Refund",
      renewal_notice: "Renewal notice",
      cancellation: "Cancellation",
      signup: "Sign-up",
    } as Record<PaymentKind, string>,
    merchantUnknown: "(merchant not recognised)",
    cardTail: (tail: string) => `card ••${tail}`,
    assignTo: "Membership",
    choose: "Choose a membership…",
    inactive: "Cancelled / ended",
    assign: "Assign",
    newMembership: "New membership",
    dismiss: "One-off, not a subscription",
    noMemberships: "You have no memberships to assign to yet.",
    done: {
      assigned: "Assigned. This membership will recognise the merchant's name from now on.",
      dismissed:
        "Dismissed as a one-off: it leaves the inbox and any alert about it is resolved. Should the merchant charge again, you will be warned again.",
    } as Record<string, string>,
    chooseFirst: "Choose the membership to assign the notice to first.",
    emptyTitle: "Nothing to sort out",
    empty:
      "Charge texts and renewal e-mails that match a membership are filed automatically; those that do not show up here. Notices arrive when your mail rule forwards payment e-mails to your own inbound address, or an SMS-forwarder app or iOS Shortcut posts bank texts to your webhook URL.",
    emptyLink: "See your address and the setup steps in Settings",
    other: (count: number) => `Not understood (${count})`,
    otherIntro:
      "These messages were not payment notices (sign-up codes, newsletters…). Gmail's forwarding confirmation lands here too, with the code in its subject.",
    from: "From",
    subject: "Subject",
    noHeadline: "(no sender or subject)",
    received: "Received",
  },
} as const;

export type Text = (typeof TEXT)[Locale];
