// The outbox: every alert has a delivery row per channel, written with the alert. This sends the ones
// that are due — at once from the request that raised them (waitUntil), and again from the sweep — with
// backoff, quiet hours and a bound on attempts, so an alert is neither lost nor sent twice.
import type { UserRow } from "../../schema/tables";
import { SMS_IN_FLIGHT } from "../db/alerts";
import type { Db } from "../db/client";
import { cancelStepsOf, type DueDelivery, dueDeliveries, leaseDelivery, updateDelivery } from "../db/deliveries";
import type { Env } from "../env";
import type { AlertKind } from "../rules";
import { renderAlert } from "../texts/alerts";
import { escapeHtml } from "../texts/escape-html";
import { addDays, localDate, wallClock, zonedInstant } from "../time/zones";
import type { EmailProvider, SendResult, SmsProvider } from "./providers";
import { resendProvider } from "./resend";
import { twilioProvider } from "./twilio";

export const MAX_ATTEMPTS = 5;
// Waits after the 1st, 2nd, … failed attempt: a provider outage of hours is still delivered the same day.
const BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 8 * 3_600_000];
// A send in progress holds its delivery this long, so a sweep running meanwhile does not send it again.
const LEASE_MS = 10 * 60_000;
/** Why an SMS delivery did not go out to a phone its account has not confirmed (or lost to another account). */
export const PHONE_NOT_CONFIRMED = "phone not confirmed";
// Provider calls one invocation may make. The Workers Free plan allows 50 subrequests per invocation; past that
// fetch() throws, and for Twilio a failed call must count as "maybe sent" (dead, never retried). So a run takes
// at most this many deliveries and leaves the rest, untouched, for the next sweep. Paid plans may raise it.
export const DEFAULT_SENDS_PER_RUN = 40;

export interface Providers {
  email: EmailProvider | null;
  sms: SmsProvider | null;
  from: string;
  /** How many deliveries one run may take (SENDS_PER_RUN, default DEFAULT_SENDS_PER_RUN). */
  sendsPerRun: number;
}

/** Real providers where credentials are configured; null means the local outbox (logged, marked sent). */
export function providersFrom(env: Env): Providers {
  const timeoutMs = Number(env.PROVIDER_TIMEOUT_MS) || undefined;
  return {
    email: env.RESEND_API_KEY
      ? resendProvider({ apiKey: env.RESEND_API_KEY, baseUrl: env.RESEND_BASE_URL, timeoutMs })
      : null,
    sms:
      env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN && env.TWILIO_FROM
        ? twilioProvider({
            accountSid: env.TWILIO_ACCOUNT_SID,
            authToken: env.TWILIO_AUTH_TOKEN,
            from: env.TWILIO_FROM,
            baseUrl: env.TWILIO_BASE_URL,
            timeoutMs,
          })
        : null,
    from: env.ALERT_FROM,
    sendsPerRun: Math.max(1, Math.floor(Number(env.SENDS_PER_RUN)) || DEFAULT_SENDS_PER_RUN),
  };
}

/** The end of the user's quiet hours if `now` falls inside them, else null. Hours are wall-clock in their zone. */
export function quietUntil(
  user: Pick<UserRow, "quietHoursStart" | "quietHoursEnd" | "timezone">,
  now: number,
): number | null {
  const { quietHoursStart: start, quietHoursEnd: end, timezone } = user;
  if (!start || !end || start === end) return null;
  const clock = new Date(wallClock(now, timezone).utc).toISOString().slice(11, 16);
  const inside = start < end ? clock >= start && clock < end : clock >= start || clock < end;
  if (!inside) return null;
  // Quiet hours that wrap midnight end tomorrow when they began today before midnight.
  const today = localDate(now, timezone);
  const endDay = start > end && clock >= start ? addDays(today, 1) : today;
  return zonedInstant(Date.parse(`${endDay}T${end}:00Z`), timezone);
}

function emailHtml(title: string, body: string): string {
  const paragraphs = body
    .split(/\n{2,}/)
    .map((block) => `<p>${escapeHtml(block).replace(/\n/g, "<br>")}</p>`)
    .join("");
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:36rem"><h2>${escapeHtml(title)}</h2>${paragraphs}</body></html>`;
}

export type DeliveryReport = { sent: number; deferred: number; failed: number; dead: number };

/**
 * Sends what is due (for one user, from a request; for everyone, from the sweep). Each delivery is leased
 * (attempt counted, next try pushed out) before its provider is called, so two runs never send it twice.
 */
export async function deliverDue(db: Db, providers: Providers, now: number, userId?: string): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, deferred: 0, failed: 0, dead: 0 };
  const nowIso = new Date(now).toISOString();
  for (const due of await dueDeliveries(db, nowIso, providers.sendsPerRun, userId)) {
    try {
      report[await deliverOne(db, providers, due, now)] += 1;
    } catch (error) {
      // D1 failed around this one (its lease or its outcome went unrecorded). It stays leased, or marked in
      // flight if it is an SMS, for the sweep to settle; the deliveries after it still go out now.
      console.error("outbox: delivery not recorded", due.delivery.id, error);
      report.failed += 1;
    }
  }
  return report;
}

async function deliverOne(db: Db, providers: Providers, due: DueDelivery, now: number): Promise<keyof DeliveryReport> {
  const { delivery, user } = due;
  const nowIso = new Date(now).toISOString();
  if (delivery.channel === "sms" && delivery.lastError?.startsWith(SMS_IN_FLIGHT)) {
    await updateDelivery(db, delivery.id, {
      status: "dead",
      lastError: `outcome unknown (${delivery.lastError}); not retried, to avoid a second SMS`,
    });
    return "dead";
  }
  // An SMS delivery exists only where the user's channels or a ladder's rung asked for one; turning SMS off
  // (settings or STOP) kills the ones not sent yet, so here only the phone and a STOP are checked again.
  if (delivery.channel === "sms" && (!user.phone || user.smsStoppedAt)) {
    await updateDelivery(db, delivery.id, { status: "dead", lastError: "SMS is turned off or no phone number is set" });
    return "dead";
  }
  // A number is texted only once this account confirmed it (a code texted to it), and only while it still holds
  // it: anyone can type someone else's number. Not retried: the alert is not held back for a later confirmation.
  if (delivery.channel === "sms" && !user.phoneVerifiedAt) {
    await updateDelivery(db, delivery.id, { status: "dead", lastError: PHONE_NOT_CONFIRMED });
    return "dead";
  }
  const quiet = quietUntil(user, now);
  if (quiet !== null) {
    await updateDelivery(db, delivery.id, { nextAttemptAt: new Date(quiet).toISOString() });
    return "deferred";
  }
  // Lease it: count the attempt and hold it before calling out. A delivery withdrawn meanwhile (its alert was
  // resolved since it was read as due) is not taken.
  const attempts = delivery.attempts + 1;
  const leased = await leaseDelivery(db, delivery, {
    attempts,
    nextAttemptAt: new Date(now + LEASE_MS).toISOString(),
    ...(delivery.channel === "sms" && { lastError: `${SMS_IN_FLIGHT}${nowIso}` }),
  });
  if (!leased) return "deferred"; // another run took it, or its alert was resolved

  const result = await send(db, providers, due);
  if (result.outcome === "sent") {
    await updateDelivery(db, delivery.id, {
      status: "sent",
      sentAt: nowIso,
      providerId: result.providerId,
      lastError: null,
    });
    return "sent";
  }
  const giveUp =
    result.outcome === "reject" ||
    (result.outcome === "unknown" && delivery.channel === "sms") ||
    attempts >= MAX_ATTEMPTS;
  const wait = BACKOFF_MS[Math.min(attempts - 1, BACKOFF_MS.length - 1)] ?? LEASE_MS;
  await updateDelivery(db, delivery.id, {
    status: giveUp ? "dead" : "failed",
    lastError: `${result.outcome}: ${result.error}`.slice(0, 500),
    nextAttemptAt: new Date(now + wait).toISOString(),
  });
  return giveUp ? "dead" : "failed";
}

async function send(db: Db, providers: Providers, { delivery, alert, user }: DueDelivery): Promise<SendResult> {
  try {
    if (delivery.channel === "email") {
      const email = {
        to: user.email,
        from: providers.from,
        subject: alert.title,
        text: alert.body,
        html: emailHtml(alert.title, alert.body),
        // The delivery's id: the same on every retry, so Resend sends it at most once.
        idempotencyKey: delivery.id,
      };
      if (!providers.email) return toLocalOutbox(email.to, `${email.subject}\n${email.text}`);
      return await providers.email.send(email);
    }
    const cancelSteps = alert.membershipId ? await cancelStepsOf(db, alert.membershipId) : null;
    const { sms } = renderAlert({ kind: alert.kind as AlertKind, facts: alert.facts ?? {} }, user.locale, {
      cancelSteps,
    });
    if (!providers.sms) return toLocalOutbox(user.phone ?? "", sms);
    return await providers.sms.send({ to: user.phone ?? "", body: sms });
  } catch (error) {
    return { outcome: "retry", error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * No provider configured: the message lands in the local outbox — logged (where `npm run dev` shows it) and
 * answered as sent to "outbox". Alerts, sign-in links and phone codes all go this way in dev.
 */
export function toLocalOutbox(to: string, text: string): SendResult {
  console.log(`[outbox] to ${to}\n${text}`);
  return { outcome: "sent", providerId: "outbox" };
}
