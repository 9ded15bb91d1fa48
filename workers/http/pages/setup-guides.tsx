// Setup instructions on the settings page, filled in with the user's own inbound address and webhook URL:
// mail forwarding rules (Gmail, Outlook.com, QQ 邮箱), an Android SMS forwarder, an iOS Shortcut, a curl test.
import type { Child } from "hono/jsx";
import type { Locale } from "../../texts/alerts";

// Senders and subject words of the notices the readers understand (see workers/read/).
const SENDERS = [
  "service@mail.alipay.com",
  "no_reply@email.apple.com",
  "googleplay-noreply@google.com",
  "service@paypal.com",
  "service@intl.paypal.com",
  "stripe.com",
];
const SUBJECT_WORDS = ["扣款", "自动续费", "续费", "订阅", "receipt", "subscription", "renewal"];
const SMS_KEYWORDS = "扣款|消费|支出|续费|退款|支付宝|微信支付|财付通";

const gmailQuery = () => `from:(${SENDERS.join(" OR ")}) OR subject:(${SUBJECT_WORDS.join(" OR ")})`;

// What the hook reads (workers/read/sms.ts): the text in `content`, the sender in `from`, the time in
// `timestamp`. SmsForwarder's [org_content] is the bare SMS, without its default header and footer lines.
const SMS_FORWARDER_TEMPLATE = '{"from":"[from]","content":"[org_content]","timestamp":"[timestamp]"}';

const TEST_SMS = "【招商银行】您账户1234于11月20日10:00在【支付宝-爱奇艺】发生快捷支付扣款，人民币25.00";

export const curlTest = (webhookUrl: string) =>
  `curl -X POST '${webhookUrl}' -H 'Content-Type: application/json' -d '${JSON.stringify({ from: "95555", content: TEST_SMS })}'`;

const TEXT = {
  "zh-CN": {
    heading: "设置通知来源",
    intro: "续费看门狗只能看到你转发给它的通知。下面每一步都已填好你自己的地址。",
    inbound: "你的专属收件地址",
    webhook: "你的 Webhook 地址",
    shownOnce:
      "这个地址只在创建账户时显示过一次（服务器没有配置 LINK_SECRET，无法再次计算）。请使用当时保存的地址；找不到的话请联系管理员重新生成。",
    placeholderInbound: "<你的收件地址>",
    placeholderWebhook: "<你的 Webhook 地址>",
    gmail: {
      title: "Gmail：自动转发扣款邮件",
      steps: (address: Child, query: Child) => [
        <>右上角齿轮 → 查看所有设置 → 转发和 POP/IMAP → 添加转发地址，填入 {address}。</>,
        <>
          Gmail
          会往这个地址发一封确认邮件。续费看门狗会收下它：打开「待认领」里的「未识别的通知」，主题里的数字就是确认码，回到
          Gmail 填入确认。（不要在这里打开「转发所有邮件」。）
        </>,
        <>设置 → 过滤器和屏蔽的地址 → 创建新过滤器，在「包含字词」里填入 {query}</>,
        <>创建过滤器 → 勾选「转发到」并选择上面的地址 → 创建过滤器。</>,
      ],
    },
    outlook: {
      title: "Outlook.com / Hotmail：收件规则",
      steps: (address: Child) => [
        <>设置（齿轮）→ 邮件 → 规则 → 添加新规则。</>,
        <>条件：「发件人」包含 service@mail.alipay.com 等，或「主题包含」扣款、自动续费、receipt、subscription。</>,
        <>操作：「转发到」{address} → 保存。</>,
      ],
    },
    qq: {
      title: "QQ 邮箱：收信规则",
      steps: (address: Child) => [
        <>设置 → 收信规则 → 创建收信规则。</>,
        <>条件：发件人包含 service@mail.alipay.com（或邮件主题包含「扣款」「自动续费」），可多建几条。</>,
        <>执行操作：勾选「转发到」，填入 {address} → 立即创建。</>,
      ],
    },
    sms: {
      title: "安卓：短信转发器（SmsForwarder）",
      steps: (url: Child, template: Child, keywords: Child) => [
        <>安装 SmsForwarder（短信转发器），授予读取短信的权限。</>,
        <>发送通道 → 添加 → Webhook：请求方式 POST，Webhook 地址填 {url}，「密钥」留空。</>,
        <>消息模板填 {template}（不填也可以：默认的表单 from/content/timestamp 同样能识别）。</>,
        <>
          转发规则 → 添加：类型「短信」，匹配字段「短信内容」，匹配模式「正则匹配」，值填 {keywords}，发送通道选上面的
          Webhook。
        </>,
        <>在 App 里点「测试」，或用下面的 curl 命令，然后到「待认领」里看看。</>,
      ],
    },
    shortcut: {
      title: "iPhone：快捷指令自动化",
      steps: (url: Child) => [
        <>
          快捷指令 → 自动化 → 新建个人自动化 → 信息 → 信息包含「扣款」（再建几个：消费、续费、退款），选「立即运行」。
        </>,
        <>添加操作「获取 URL 的内容」：URL 填 {url}，方法 POST，请求体 JSON。</>,
        <>
          JSON 里加两个文本字段：content = 快捷指令输入的「内容」，from =
          快捷指令输入的「发件人」。（没有发件人也能识别。）
        </>,
      ],
    },
    curl: { title: "测试 Webhook", intro: "在电脑终端运行，会在「待认领」或对应会员下出现一条 ¥25.00 的扣款：" },
  },
  en: {
    heading: "Connect your notices",
    intro: "Renewal watchdog only sees the notices you forward to it. Every step below already has your own address.",
    inbound: "Your inbound address",
    webhook: "Your webhook URL",
    shownOnce:
      "This was shown once, when your account was created (the server has no LINK_SECRET to work it out again). Use the one you saved then, or ask the operator for a new one.",
    placeholderInbound: "<your inbound address>",
    placeholderWebhook: "<your webhook URL>",
    gmail: {
      title: "Gmail: forward payment e-mails",
      steps: (address: Child, query: Child) => [
        <>Settings (gear) → See all settings → Forwarding and POP/IMAP → Add a forwarding address: {address}.</>,
        <>
          Gmail sends a confirmation e-mail to that address. The watchdog accepts it: open Inbox → “Not understood”; the
          number in its subject is the confirmation code to enter in Gmail. (Do not turn on “Forward a copy of incoming
          mail” for everything.)
        </>,
        <>Settings → Filters and Blocked Addresses → Create a new filter, with “Has the words”: {query}</>,
        <>Create filter → tick “Forward it to” and pick the address above → Create filter.</>,
      ],
    },
    outlook: {
      title: "Outlook.com / Hotmail: an inbox rule",
      steps: (address: Child) => [
        <>Settings (gear) → Mail → Rules → Add new rule.</>,
        <>
          Condition: “From” contains service@mail.alipay.com and the like, or “Subject includes” receipt, subscription,
          扣款, 自动续费.
        </>,
        <>Action: “Forward to” {address} → Save.</>,
      ],
    },
    qq: {
      title: "QQ Mail (QQ 邮箱): a receiving rule",
      steps: (address: Child) => [
        <>设置 (Settings) → 收信规则 (Receiving rules) → 创建收信规则 (Create).</>,
        <>
          Condition: sender contains service@mail.alipay.com (or subject contains 扣款 / 自动续费); add more rules as
          needed.
        </>,
        <>Action: tick 转发到 (Forward to) and enter {address} → 立即创建 (Create).</>,
      ],
    },
    sms: {
      title: "Android: SmsForwarder (短信转发器)",
      steps: (url: Child, template: Child, keywords: Child) => [
        <>Install SmsForwarder and let it read SMS.</>,
        <>发送通道 (Senders) → Add → Webhook: method POST, URL {url}, leave the secret (密钥) empty.</>,
        <>
          Message template (消息模板): {template} (or leave it empty: its default form fields from/content/timestamp are
          read too).
        </>,
        <>
          转发规则 (Rules) → Add: type SMS, field “SMS content”, mode “regex”, value {keywords}, sender: the webhook
          above.
        </>,
        <>Press “Test” in the app, or run the curl line below, then look in your Inbox.</>,
      ],
    },
    shortcut: {
      title: "iPhone: a Shortcuts automation",
      steps: (url: Child) => [
        <>
          Shortcuts → Automation → New Personal Automation → Message → Message contains “扣款” (add more: 消费, 续费,
          退款) → Run Immediately.
        </>,
        <>Add the action “Get Contents of URL”: URL {url}, method POST, request body JSON.</>,
        <>
          Add two text fields: content = the Shortcut Input's Content, from = the Shortcut Input's Sender (it works
          without a sender too).
        </>,
      ],
    },
    curl: {
      title: "Test the webhook",
      intro: "Run this in a terminal; a 25.00 CNY charge appears in your Inbox (or under the matching membership):",
    },
  },
};

function Guide(props: { title: string; steps: Child[] }) {
  return (
    <section class="card">
      <h3>{props.title}</h3>
      <ol>
        {props.steps.map((step) => (
          <li>{step}</li>
        ))}
      </ol>
    </section>
  );
}

/** The setup cards; an address or URL that cannot be shown again is null and explained instead. */
export function SetupGuides(props: { locale: Locale; inboundAddress: string | null; webhookUrl: string | null }) {
  const text = TEXT[props.locale];
  const address = <code>{props.inboundAddress ?? text.placeholderInbound}</code>;
  const url = <code>{props.webhookUrl ?? text.placeholderWebhook}</code>;
  return (
    <>
      <h2 id="setup">{text.heading}</h2>
      <p class="muted">{text.intro}</p>
      <section class="card">
        <p>
          <strong>{text.inbound}</strong>
          <br />
          {props.inboundAddress ? <code>{props.inboundAddress}</code> : <span class="muted">{text.shownOnce}</span>}
        </p>
        <p>
          <strong>{text.webhook}</strong>
          <br />
          {props.webhookUrl ? <code>{props.webhookUrl}</code> : <span class="muted">{text.shownOnce}</span>}
        </p>
      </section>
      <Guide title={text.gmail.title} steps={text.gmail.steps(address, <code>{gmailQuery()}</code>)} />
      <Guide title={text.outlook.title} steps={text.outlook.steps(address)} />
      <Guide title={text.qq.title} steps={text.qq.steps(address)} />
      <Guide
        title={text.sms.title}
        steps={text.sms.steps(url, <code>{SMS_FORWARDER_TEMPLATE}</code>, <code>{SMS_KEYWORDS}</code>)}
      />
      <Guide title={text.shortcut.title} steps={text.shortcut.steps(url)} />
      <section class="card">
        <h3>{text.curl.title}</h3>
        <p>{text.curl.intro}</p>
        <pre>{curlTest(props.webhookUrl ?? text.placeholderWebhook)}</pre>
      </section>
    </>
  );
}
