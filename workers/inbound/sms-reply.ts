// Short SMS replies to an alert ("1", "已取消", "SNOOZE", "退订", …) read into a command, and the TwiML answers.
import type { DomainError } from "../services/errors";
import type { Locale } from "../texts/alerts";

export type ReplyCommand = "cancelled" | "snooze" | "stop" | "help";
export type ReplyLocale = Locale;

const COMMANDS: Record<string, ReplyCommand> = {
  "1": "cancelled",
  已取消: "cancelled",
  取消了: "cancelled",
  CANCELLED: "cancelled",
  CANCELED: "cancelled",
  DONE: "cancelled",
  "2": "snooze",
  稍后: "snooze",
  SNOOZE: "snooze",
  LATER: "snooze",
  退订: "stop",
  // Twilio's own opt-out keywords: the carrier side stops SMS to the number on these, so the watchdog does too.
  STOP: "stop",
  STOPALL: "stop",
  UNSUBSCRIBE: "stop",
  CANCEL: "stop",
  END: "stop",
  QUIT: "stop",
  OPTOUT: "stop",
  REVOKE: "stop",
};

/**
 * The command a reply asks for: trimmed, case-insensitive, full-width forms folded (NFKC: "１" → "1",
 * "ＳＴＯＰ" → "STOP"), trailing punctuation and quotes ignored. Anything unknown asks for help.
 */
export function parseReply(body: string): ReplyCommand {
  const word = body
    .normalize("NFKC")
    .trim()
    .replace(/^["'“”‘’「」]+|["'“”‘’「」.!。！～~]+$/gu, "")
    .trim()
    .toUpperCase();
  return COMMANDS[word] ?? "help";
}

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** A TwiML document answering with one SMS (the text escaped; characters XML 1.0 forbids dropped). */
export function twimlMessage(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping the control characters XML cannot carry.
  const clean = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "");
  const escaped = clean.replace(/[&<>"']/g, (char) => XML_ESCAPES[char] ?? char);
  return `<?xml version="1.0" encoding="UTF-8"?><Response><Message>${escaped}</Message></Response>`;
}

/** What each answer says, per locale. */
export const REPLY_TEXTS = {
  "zh-CN": {
    help: "回复 1 或「已取消」：标记最近提醒的会员已取消；2 或「稍后」：推迟一天再提醒；「退订」：停止短信提醒。",
    notRegistered: "此号码未在 renewal-watchdog 登记或尚未确认。请在设置中填写手机号并输入验证码。",
    noAlert: "没有可处理的会员提醒。",
    cancelled: (name: string, channel: string) =>
      `已记录「${name}」在平台已取消。别忘了在${channel}关闭自动扣款，并保留截图作为证据。`,
    alreadyCancelled: (name: string) => `「${name}」已记录为平台已取消，无需重复回复。`,
    snoozed: (name: string, until: string) => `好的，「${name}」的提醒推迟到 ${until} 再发。`,
    nothingToSnooze: (name: string) => `「${name}」的提醒都已送达，没有待发送的提醒可推迟。`,
    stopped: "已停止短信提醒，之后只通过邮件通知您。可在个人资料中重新开启短信。",
    notNow: "暂时无法处理这条回复，请稍后再试，或在网页上操作。",
  },
  en: {
    help: "Reply 1 or DONE: mark the membership of the last alert cancelled; 2 or LATER: remind me in a day; STOP: no more SMS.",
    notRegistered: "This number is not registered or not confirmed: confirm your phone in Settings.",
    noAlert: "There is no membership alert to act on.",
    cancelled: (name: string, channel: string) =>
      `Recorded: ${name} cancelled on the platform. Also turn off the auto-deduct at ${channel}, and keep a screenshot as evidence.`,
    alreadyCancelled: (name: string) => `${name} is already recorded as cancelled on the platform.`,
    snoozed: (name: string, until: string) => `OK: the reminder for ${name} waits until ${until}.`,
    nothingToSnooze: (name: string) =>
      `Every reminder for ${name} was already delivered; nothing is waiting to snooze.`,
    stopped: "SMS alerts stopped; you will get alerts by e-mail. Turn SMS back on in your profile.",
    notNow: "That reply could not be acted on just now; try again later, or use the dashboard.",
  },
} satisfies Record<ReplyLocale, unknown>;

/** Both languages, for a sender whose locale is unknown. */
export const NOT_REGISTERED_TEXT = `${REPLY_TEXTS["zh-CN"].notRegistered} ${REPLY_TEXTS.en.notRegistered}`;

/**
 * A service's refusal as the reply's answer (TwiML has no statuses: the sender reads a text): nothing to act on
 * says so and lists the commands; anything else asks to try later. Nothing was changed either way.
 */
export function replyForError(error: DomainError, locale: ReplyLocale): string {
  const texts = REPLY_TEXTS[locale];
  return error.kind === "not_found" ? `${texts.noAlert} ${texts.help}` : texts.notNow;
}
