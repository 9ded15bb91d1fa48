// Bundled by bench.mjs for Node: the same pure code the Worker runs on a notice — MIME parse, unwrapping,
// extraction and matching against a user's memberships — timed per fixture next to postal-mime alone; and the
// Worker's own `interpret`, which the score (reading-score.mjs) checks every fixture through.
import PostalMime from "postal-mime";
import { interpret } from "../inbound/interpret";
import { type MatchableMembership, matchEvent } from "../match";
import { extractEvent } from "../read";
import { readEmail } from "../read/mime";
import { messageParts } from "../read/mime-parts";
import { smsFromFields, smsNotice } from "../read/sms";
import { localDate } from "../time/zones";

type Context = Parameters<typeof readEmail>[1];

const membership = (
  id: string,
  name: string,
  merchantAliases: string[],
  amountMinor: number,
  currency: string,
  channel: MatchableMembership["channel"],
): MatchableMembership => ({
  id,
  name,
  merchantAliases,
  amountMinor,
  currency,
  channel,
  nextRenewalOn: "2026-12-01",
  cycleUnit: "month",
  cycleCount: 1,
  status: "active",
  trialEndsOn: null,
  anchorDay: 1,
});

/** A user with a typical handful of memberships, Chinese and international: what matching runs against. */
export const BENCH_MEMBERSHIPS: MatchableMembership[] = [
  membership("mem_1", "爱奇艺黄金VIP", ["爱奇艺", "iQIYI", "支付宝-爱奇艺"], 2500, "CNY", "alipay"),
  membership("mem_2", "腾讯视频VIP", ["腾讯视频", "财付通-腾讯视频"], 2500, "CNY", "wechat_pay"),
  membership("mem_3", "百度网盘超级会员", ["百度网盘", "北京百度网讯科技有限公司"], 3000, "CNY", "alipay"),
  membership("mem_4", "Apple Music", ["Apple Music", "APPLE.COM/BILL"], 1099, "USD", "apple"),
  membership("mem_5", "Netflix", ["Netflix", "NETFLIX.COM"], 1549, "USD", "credit_card"),
  membership("mem_6", "Spotify Premium", ["Spotify", "Spotify AB"], 1099, "EUR", "paypal"),
  membership("mem_7", "YouTube Premium", ["YouTube", "Google YouTube"], 1399, "USD", "google_play"),
  membership("mem_8", "京东PLUS", ["京东", "京东PLUS"], 19800, "CNY", "wechat_pay"),
];

/** What the Worker does with a received e-mail before storing it: parse, read, match. */
export async function readAndMatchEmail(bytes: Uint8Array, context: Context) {
  const event = extractEvent(await readEmail(bytes, context));
  return { event, match: matchEvent(event, BENCH_MEMBERSHIPS, { timeZone: context.timeZone }) };
}

/** The same for an SMS posted by a forwarder app. */
export function readAndMatchSms(text: string, receivedAt: number, timeZone: string) {
  const event = extractEvent(smsNotice(smsFromFields({ text }), receivedAt));
  return { event, match: matchEvent(event, BENCH_MEMBERSHIPS, { timeZone }) };
}

export { extractEvent, interpret, localDate, messageParts, PostalMime, readEmail, smsFromFields, smsNotice };
