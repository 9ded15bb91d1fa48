// POST /hooks/twilio/sms: signed SMS replies to alerts (cancelled, snooze a day, stop SMS), answered in TwiML.
import { createRoute, z } from "@hono/zod-openapi";
import { and, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { ErrorEnvelope } from "../../schema/common";
import { alerts, cancellations, deliveries, memberships, type UserRow, users } from "../../schema/tables";
import { localDate, localDateTime } from "../calendar";
import type { Db } from "../db/client";
import { insertCancellation } from "../db/memberships";
import { channelName } from "../deliver/texts";
import {
  NOT_REGISTERED_TEXT,
  parseReply,
  REPLY_TEXTS,
  type ReplyCommand,
  type ReplyLocale,
  twimlMessage,
} from "../inbound/sms-reply";
import { newId, sha256Hex } from "../tokens";
import { verifyTwilioSignature } from "../twilio-signature";
import { newRouter } from "./context";
import { ApiError } from "./errors";
import { jsonContent } from "./openapi";
import { enforceLimit } from "./rate-limit";

const PATH = "/hooks/twilio/sms";
const SNOOZE_MS = 24 * 60 * 60 * 1000;

const TwilioSmsPost = z
  .object({
    From: z.string().openapi({ example: "+8613800138000" }),
    To: z.string(),
    Body: z.string().openapi({ description: "1 / 已取消 / DONE, 2 / 稍后 / LATER, STOP / 退订, anything else: help." }),
    MessageSid: z.string(),
    AccountSid: z.string(),
  })
  .openapi("TwilioSmsPost");

type Target = {
  alertId: string;
  userId: string;
  membershipId: string;
  name: string;
  status: string;
  channel: string;
};

/**
 * The account a reply is from — the one that confirmed the number (at most one: a unique index), never one that
 * merely typed it — and the alert it is about: its latest with a membership sent (or due) by SMS, else its latest
 * with a membership.
 */
async function findSender(db: Db, phone: string) {
  const target = {
    alertId: alerts.id,
    userId: alerts.userId,
    // Distinct column names only: D1 batches return rows keyed by name, so a second "id" would shift the fields.
    membershipId: alerts.membershipId,
    name: memberships.name,
    status: memberships.status,
    channel: memberships.channel,
  };
  const confirmedBy = and(eq(users.phone, phone), isNotNull(users.phoneVerifiedAt));
  const newestFirst = [desc(alerts.createdAt), desc(alerts.id)] as const;
  const [senders, bySms, anyAlert] = await db.batch([
    db.select().from(users).where(confirmedBy).limit(1),
    db
      .select(target)
      .from(alerts)
      .innerJoin(users, eq(users.id, alerts.userId))
      .innerJoin(memberships, and(eq(memberships.id, alerts.membershipId), isNull(memberships.deletedAt)))
      .innerJoin(
        deliveries,
        and(
          eq(deliveries.alertId, alerts.id),
          eq(deliveries.channel, "sms"),
          inArray(deliveries.status, ["sent", "pending"]),
        ),
      )
      .where(confirmedBy)
      .orderBy(...newestFirst)
      .limit(1),
    db
      .select(target)
      .from(alerts)
      .innerJoin(users, eq(users.id, alerts.userId))
      .innerJoin(memberships, and(eq(memberships.id, alerts.membershipId), isNull(memberships.deletedAt)))
      .where(and(confirmedBy, isNotNull(alerts.membershipId)))
      .orderBy(...newestFirst)
      .limit(1),
  ]);
  const row = bySms[0] ?? anyAlert[0];
  const alert: Target | undefined = row?.membershipId ? { ...row, membershipId: row.membershipId } : undefined;
  const user = senders[0];
  return { user, alert: alert?.userId === user?.id ? alert : undefined };
}

async function markCancelled(db: Db, user: UserRow, alert: Target, reply: { body: string; sid: string }, now: number) {
  const texts = REPLY_TEXTS[user.locale];
  if (alert.status !== "active") {
    const platform = await db
      .select({ id: cancellations.id })
      .from(cancellations)
      .where(and(eq(cancellations.membershipId, alert.membershipId), eq(cancellations.side, "platform")))
      .limit(1);
    // Already on record (or this very reply retried): nothing new to store.
    if (platform.length > 0) return texts.alreadyCancelled(alert.name);
  }
  const quoted = reply.body.trim().slice(0, 160);
  await insertCancellation(
    db,
    user.id,
    {
      id: newId("can"),
      membershipId: alert.membershipId,
      userId: user.id,
      side: "platform",
      cancelledAt: new Date(now).toISOString(),
      reference: reply.sid ? `twilio:${reply.sid}`.slice(0, 80) : null,
      evidence: `SMS reply '${quoted}' on ${localDateTime(now, user.timezone)} (${user.timezone}) to alert ${alert.alertId}`,
    },
    new Date(now).toISOString(),
    localDate(now, user.timezone),
  );
  return texts.cancelled(alert.name, channelName(alert.channel, user.locale));
}

/** Holds the alert's undelivered messages for a day: until now + 24 h, or later if already held longer (never 48 h). */
async function snooze(db: Db, user: UserRow, alert: Target, now: number) {
  const texts = REPLY_TEXTS[user.locale];
  const until = new Date(now + SNOOZE_MS).toISOString();
  const held = await db
    .update(deliveries)
    .set({ nextAttemptAt: sql`max(coalesce(${deliveries.nextAttemptAt}, ''), ${until})` })
    .where(and(eq(deliveries.alertId, alert.alertId), inArray(deliveries.status, ["pending", "failed"])))
    .returning({ id: deliveries.id });
  if (held.length === 0) return texts.nothingToSnooze(alert.name);
  return texts.snoozed(alert.name, localDateTime(now + SNOOZE_MS, user.timezone));
}

/** No more SMS for the account that confirmed this number; its undelivered SMS become dead. */
async function stopSms(db: Db, user: UserRow, now: number) {
  const kept = user.channels.filter((channel) => channel !== "sms");
  await db.batch([
    db
      .update(users)
      .set({ channels: kept.length > 0 ? kept : ["email"], updatedAt: new Date(now).toISOString() })
      .where(eq(users.id, user.id)),
    db
      .update(deliveries)
      .set({ status: "dead", lastError: "SMS stopped by the user's reply" })
      .where(
        and(
          eq(deliveries.userId, user.id),
          eq(deliveries.channel, "sms"),
          inArray(deliveries.status, ["pending", "failed"]),
        ),
      ),
  ]);
  return REPLY_TEXTS[user.locale].stopped;
}

async function answer(
  db: Db,
  command: ReplyCommand,
  found: Awaited<ReturnType<typeof findSender>>,
  reply: { body: string; sid: string },
  now: number,
): Promise<string> {
  const { user, alert } = found;
  if (!user) return NOT_REGISTERED_TEXT;
  const texts = REPLY_TEXTS[user.locale as ReplyLocale];
  switch (command) {
    case "help":
      return texts.help;
    case "stop":
      return stopSms(db, user, now);
    case "cancelled":
      return alert ? markCancelled(db, user, alert, reply, now) : `${texts.noAlert} ${texts.help}`;
    case "snooze":
      return alert ? snooze(db, user, alert, now) : `${texts.noAlert} ${texts.help}`;
  }
}

const forbidden = (message: string) => new ApiError(403, "forbidden", message);

export const twilioRepliesRouter = newRouter();
twilioRepliesRouter.openAPIRegistry.register("TwilioSmsPost", TwilioSmsPost);
twilioRepliesRouter.openapi(
  createRoute({
    method: "post",
    path: PATH,
    tags: ["inbound"],
    summary:
      "Twilio's incoming-SMS webhook: a signed reply to an alert (1 cancelled, 2 snooze a day, STOP no more SMS), " +
      "acting only on the account that confirmed the sending number. " +
      "Set it as the Messaging webhook of the Twilio number, at PUBLIC_URL + /hooks/twilio/sms.",
    request: {
      headers: z.object({ "x-twilio-signature": z.string().optional() }),
      // A plain reference, not a zod body: every posted field (known or not) is part of the signature.
      body: {
        required: true,
        content: { "application/x-www-form-urlencoded": { schema: { $ref: "#/components/schemas/TwilioSmsPost" } } },
      },
    },
    responses: {
      200: { content: { "text/xml": { schema: z.string() } }, description: "TwiML with the answer SMS." },
      403: jsonContent(ErrorEnvelope, "Missing or wrong X-Twilio-Signature, or Twilio is not configured."),
      413: jsonContent(ErrorEnvelope, "Body too large."),
      415: jsonContent(ErrorEnvelope, "Not a form post."),
    },
  }),
  async (c) => {
    const authToken = c.env.TWILIO_AUTH_TOKEN;
    if (!authToken) throw forbidden("Twilio replies are not configured (TWILIO_AUTH_TOKEN is not set).");
    const signature = c.req.header("x-twilio-signature");
    if (!signature) throw forbidden("Missing X-Twilio-Signature.");
    const contentType = c.req.header("content-type") ?? "";
    if (!/^application\/x-www-form-urlencoded\b/i.test(contentType)) {
      throw new ApiError(415, "unsupported_media_type", "Twilio posts application/x-www-form-urlencoded.");
    }
    const params = [...new URLSearchParams(await c.req.text())];
    // Twilio signs the URL it called, which is the public one, not whatever Host reached the Worker.
    const url = `${c.env.PUBLIC_URL.replace(/\/+$/, "")}${PATH}${new URL(c.req.url).search}`;
    if (!(await verifyTwilioSignature(authToken, url, params, signature))) {
      throw forbidden("X-Twilio-Signature does not match this request.");
    }
    const field = (name: string) => params.find(([key]) => key === name)?.[1] ?? "";
    const from = field("From").trim();
    // After the signature check, so forged posts cannot use up a real sender's window.
    if (from) await enforceLimit(c, "HOOK_RATE_LIMIT", `twilio:${await sha256Hex(from)}`, "from this number");
    const reply = { body: field("Body"), sid: field("MessageSid") };
    const found = from ? await findSender(c.var.db, from) : { user: undefined, alert: undefined };
    const text = await answer(c.var.db, parseReply(reply.body), found, reply, c.var.now);
    return c.body(twimlMessage(text), 200, { "content-type": "text/xml; charset=utf-8" });
  },
);
