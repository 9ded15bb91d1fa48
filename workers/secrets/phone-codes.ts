// Confirming a phone: the six-digit code texted to it (made, hashed, bounded in time and tries), the limits on
// how often one can be sent, and the texts of the code SMS and of the e-mail to an account that lost its number.
import type { Locale } from "../texts/alerts";
import { sha256Hex } from "./tokens";

export const CODE_MINUTES = 10;
/** Wrong codes allowed per code; the next try is refused and a new code is needed. */
export const MAX_CODE_ATTEMPTS = 5;
/** A new code at most once a minute, and five a day: nobody can use the watchdog to flood a number. */
export const RESEND_SECONDS = 60;
export const CODES_PER_DAY = 5;
export const DAY_MS = 24 * 3_600_000;

/** Six decimal digits, uniform: bytes above the largest multiple of 10^6 are drawn again. */
export function newPhoneCode(): string {
  const limit = 4_294_000_000; // 4294 × 10^6 ≤ 2^32
  for (;;) {
    const [value = limit] = crypto.getRandomValues(new Uint32Array(1));
    if (value < limit) return String(value % 1_000_000).padStart(6, "0");
  }
}

/** What is stored instead of the code: bound to the account and the number, so it confirms nothing else. */
export const phoneCodeHash = (userId: string, phone: string, code: string) =>
  sha256Hex(`phone-code\n${userId}\n${phone}\n${code}`);

/** A typed code as digits only: spaces, dashes and full-width digits ("１２３ ４５６") are typing, not content. */
export const normalizeCode = (typed: string) => typed.normalize("NFKC").replace(/[\s-]/g, "");

export const CODE_SMS: Record<Locale, (code: string) => string> = {
  "zh-CN": (code) =>
    `renewal-watchdog 验证码 ${code}，${CODE_MINUTES} 分钟内有效，用于确认此号码接收续费提醒。请勿告诉他人；如非本人操作请忽略。`,
  en: (code) =>
    `renewal-watchdog code ${code}: confirms this number for renewal alerts, valid ${CODE_MINUTES} minutes. Never share it; if you did not ask, ignore this text.`,
};

/** The e-mail to an account whose confirmed number was just confirmed by another account. */
export const RELEASED_EMAIL: Record<Locale, { subject: string; body: (phone: string) => string }> = {
  "zh-CN": {
    subject: "你的手机号已被另一个账户确认",
    body: (phone) =>
      `手机号 ${phone} 刚刚在另一个 renewal-watchdog 账户中通过短信验证码确认（例如号码已转给他人或补办了 SIM 卡）。` +
      "从现在起，你的短信提醒不再发送到这个号码，来自这个号码的回复也不再作用于你的账户；邮件提醒照常发送。\n\n" +
      "如果这个号码仍然是你的，请在「设置」里重新发送验证码并确认。",
  },
  en: {
    subject: "Your phone number was confirmed by another account",
    body: (phone) =>
      `The number ${phone} was just confirmed with a texted code by another renewal-watchdog account (the number was ` +
      "passed on, or its SIM re-issued, say). From now on your SMS alerts no longer go to it and replies from it no " +
      "longer act on your account; e-mail alerts go on as before.\n\n" +
      "If the number is still yours, send yourself a new code in Settings and confirm it again.",
  },
};
