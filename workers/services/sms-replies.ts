// What an SMS reply to an alert does (1 cancelled, 2 snooze a day, STOP no more SMS, anything else help), for
// the account that confirmed the sending number. The Twilio webhook is its door.

import { hasPlatformCancellation, holdDeliveries, type ReplyTarget, stopSms } from "../db/sms-replies";
import { REPLY_TEXTS, type ReplyCommand } from "../inbound/sms-reply";
import { channelName } from "../texts/alerts";
import { localDateTime } from "../time/zones";
import type { UserCtx } from "./context";
import { notFound } from "./errors";
import { recordCancellation } from "./memberships";

const SNOOZE_MS = 24 * 60 * 60 * 1000;

export interface SmsReply {
  body: string;
  /** Twilio's MessageSid, kept as the cancellation's reference. */
  sid: string;
}

/** Records the platform side's cancellation with the reply as its evidence (once, however often it arrives). */
async function markCancelled(ctx: UserCtx, alert: ReplyTarget, reply: SmsReply): Promise<string> {
  const { user, now } = ctx;
  const texts = REPLY_TEXTS[user.locale];
  // Already on record (or this very reply retried): nothing new to store.
  if (alert.status !== "active" && (await hasPlatformCancellation(ctx.db, alert.membershipId))) {
    return texts.alreadyCancelled(alert.name);
  }
  const quoted = reply.body.trim().slice(0, 160);
  await recordCancellation(ctx, alert.membershipId, {
    side: "platform",
    cancelled_at: new Date(now).toISOString(),
    reference: reply.sid ? `twilio:${reply.sid}`.slice(0, 80) : null,
    evidence: `SMS reply '${quoted}' on ${localDateTime(now, user.timezone)} (${user.timezone}) to alert ${alert.alertId}`,
  });
  return texts.cancelled(alert.name, channelName(alert.channel, user.locale));
}

/** Holds the alert's undelivered messages for a day: until now + 24 h, or later if already held longer (never 48 h). */
async function snooze(ctx: UserCtx, alert: ReplyTarget): Promise<string> {
  const { user, now } = ctx;
  const texts = REPLY_TEXTS[user.locale];
  const held = await holdDeliveries(ctx.db, alert.alertId, new Date(now + SNOOZE_MS).toISOString());
  if (held === 0) return texts.nothingToSnooze(alert.name);
  return texts.snoozed(alert.name, localDateTime(now + SNOOZE_MS, user.timezone));
}

/** No more SMS for the account that confirmed this number; its undelivered SMS become dead. */
async function stop(ctx: UserCtx): Promise<string> {
  const { user } = ctx;
  const kept = user.channels.filter((channel) => channel !== "sms");
  await stopSms(ctx.db, user.id, kept.length > 0 ? kept : ["email"], new Date(ctx.now).toISOString());
  return REPLY_TEXTS[user.locale].stopped;
}

/**
 * The answer to the user's reply, after doing what it asks. Cancelling or snoozing with no alert to act on (or
 * one whose membership went away meanwhile) is not found: the door answers that in the reply's own words.
 */
export async function answerReply(
  ctx: UserCtx,
  alert: ReplyTarget | undefined,
  command: ReplyCommand,
  reply: SmsReply,
): Promise<string> {
  switch (command) {
    case "help":
      return REPLY_TEXTS[ctx.user.locale].help;
    case "stop":
      return stop(ctx);
    case "cancelled":
      if (!alert) throw notFound("Alert");
      return markCancelled(ctx, alert, reply);
    case "snooze":
      if (!alert) throw notFound("Alert");
      return snooze(ctx, alert);
  }
}
