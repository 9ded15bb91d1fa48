// The memberships pages' words in zh-CN and en: the list, the add page with its presets, and editing.

export const TEXT = {
  "zh-CN": {
    title: "会员",
    add: "添加会员",
    empty: "还没有登记会员。添加第一个会员，我们会在续费和最晚取消日之前提醒你，并核对每一笔扣款。",
    deleted: "会员已删除；它的扣款和取消记录仍保留作证据。",
    nextRenewal: "下次续费",
    cancelBy: "最晚取消",
    noRenewal: "不会再续费",
    halfCancelled: "只取消了一半",
    chooseTitle: "从常见服务开始",
    chooseHint: "选一个服务，表单会填好账单上的商户名、常见价格、付款渠道和取消路径，你再按自己的账单修改。",
    byChannel: "或者按付款方式开始",
    byChannelHint: "只填好该渠道解除自动扣款的路径。",
    blank: "空白表单",
    paidOtherwise: "用别的方式付款？",
    suggestion: (merchant: string, name: string) =>
      `「${merchant}」是「${name}」账单上的名字。从这个预设开始，会一并填好取消路径和客服联系方式：`,
    editTitle: "编辑会员",
    back: "返回",
  },
  en: {
    title: "Memberships",
    add: "Add membership",
    empty:
      "No memberships yet. Add your first one and we will remind you before it renews and before the last day to cancel, and check every charge.",
    deleted: "Membership deleted; its charges and cancellations are kept as evidence.",
    nextRenewal: "Next renewal",
    cancelBy: "Cancel by",
    noRenewal: "Will not renew",
    halfCancelled: "Half cancelled",
    chooseTitle: "Start from a common service",
    chooseHint:
      "Pick a service and the form comes filled in with the names on bills, the usual price, the payment channel and where to cancel; then adjust it to your bill.",
    byChannel: "Or start from how you pay",
    byChannelHint: "Fills in where that channel's auto-deduct agreement is closed.",
    blank: "Blank form",
    paidOtherwise: "Paid another way?",
    suggestion: (merchant: string, name: string) =>
      `“${merchant}” is how ${name} appears on bills. Start from that preset to fill in where to cancel and whom to ask:`,
    editTitle: "Edit membership",
    back: "Back",
  },
} as const;
