import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { database } from "../../workers/db/client";
import { DEFAULT_SENDS_PER_RUN, deliverDue } from "../../workers/deliver/outbox";
import { testDate, testNow } from "../support/clock";
import { alipayCharge, call, createMembership, createUser, postEvent, sweepAt } from "../support/helpers";
import { confirmPhone } from "../support/phone";

declare module "cloudflare:workers" {
  interface ProvidedEnv {
    FAKE_PROVIDERS_URL: string;
  }
}

const fake = (env as unknown as { FAKE_PROVIDERS_URL: string }).FAKE_PROVIDERS_URL;

type Sent = { channel: "email" | "sms"; to: string; subject?: string; body?: string; idempotencyKey?: string };

async function sentTo(to: string): Promise<Sent[]> {
  const response = await fetch(`${fake}/_sent?to=${encodeURIComponent(to)}`);
  return ((await response.json()) as { items: Sent[] }).items;
}

async function failNext(channel: "email" | "sms", mode: string, to: string, times = 1) {
  const response = await fetch(`${fake}/_fail`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ channel, mode, to, times, holdMs: 1500 }),
  });
  expect(response.ok).toBe(true);
}

const deliveriesOf = async (userId: string) =>
  (
    await env.DB.prepare(
      "select channel, status, attempts, last_error, provider_id from deliveries where user_id = ? order by channel",
    )
      .bind(userId)
      .all<{
        channel: string;
        status: string;
        attempts: number;
        last_error: string | null;
        provider_id: string | null;
      }>()
  ).results;

/** Waits for the at-once attempt (run with waitUntil after the webhook answered) to be recorded. */
async function settled(userId: string, expected: number) {
  for (let i = 0; i < 100; i += 1) {
    const rows = await deliveriesOf(userId);
    // Leased and in flight still reads "pending"; wait for the attempt's outcome.
    if (rows.length === expected && rows.every((row) => row.status !== "pending")) return rows;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return deliveriesOf(userId);
}

let phones = 0;
/** A user with e-mail and SMS and a 爱奇艺 membership cancelled on both sides: a charge for it is one charge_after_cancel. */
async function chargedAfterCancel(overrides: Record<string, unknown> = {}, channels = ["email", "sms"]) {
  phones += 1;
  const phone = `+1415${String(testNow() % 1_000_000)
    .padStart(6, "0")
    .slice(0, 3)}${String(phones).padStart(4, "0")}`;
  const user = await createUser({ phone, locale: "en", timezone: "America/Los_Angeles", ...overrides });
  await confirmPhone(user.api_token, phone, { channels });
  const membership = await createMembership(user.api_token, { next_renewal_on: testDate(40) });
  // Both sides, so that no half_cancelled alert joins in while a test sweeps a day or two ahead.
  for (const side of ["platform", "payment_channel"]) {
    await call("POST", `/api/v1/memberships/${membership.id}/cancellations`, {
      token: user.api_token,
      body: { side, cancelled_at: new Date(testNow() - 2 * 3_600_000).toISOString() },
    });
  }
  return { user, phone, membership };
}

async function charge(webhookUrl: string) {
  expect((await postEvent(webhookUrl, alipayCharge())).status).toBe(201);
}

describe("delivering alerts", () => {
  it("sends one e-mail and one SMS per alert at once, and nothing more on later sweeps", async () => {
    const { user, phone } = await chargedAfterCancel();
    await charge(user.webhook_url);
    const rows = await settled(user.id, 2);
    expect(rows).toEqual([
      expect.objectContaining({ channel: "email", status: "sent", attempts: 1 }),
      expect.objectContaining({ channel: "sms", status: "sent", attempts: 1 }),
    ]);
    for (let hour = 1; hour <= 3; hour += 1) await sweepAt(testNow() + hour * 3_600_000);
    const emails = await sentTo(user.email as string);
    const texts = await sentTo(phone);
    expect(emails).toHaveLength(1);
    expect(texts).toHaveLength(1);
    expect(emails[0]?.subject).toContain("25.00");
    expect(texts[0]?.body).toMatch(/25\.00/);
  });

  it("retries a provider 500 from the sweep, with the same idempotency key, and sends once", async () => {
    const { user, phone } = await chargedAfterCancel();
    await failNext("email", "500", user.email as string);
    await failNext("sms", "500", phone);
    await charge(user.webhook_url);
    expect(await settled(user.id, 2)).toEqual([
      expect.objectContaining({ channel: "email", status: "failed", attempts: 1 }),
      expect.objectContaining({ channel: "sms", status: "failed", attempts: 1 }),
    ]);
    await sweepAt(testNow() + 2 * 60_000); // after the first backoff
    expect(await deliveriesOf(user.id)).toEqual([
      expect.objectContaining({ channel: "email", status: "sent", attempts: 2 }),
      expect.objectContaining({ channel: "sms", status: "sent", attempts: 2 }),
    ]);
    const requests = (await (await fetch(`${fake}/_requests`)).json()) as {
      items: { path: string; headers: Record<string, string>; body: string }[];
    };
    const keys = requests.items
      .filter((request) => request.path.endsWith("/emails") && request.body.includes(user.email as string))
      .map((request) => request.headers["idempotency-key"]);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(1);
    expect(await sentTo(user.email as string)).toHaveLength(1);
    expect(await sentTo(phone)).toHaveLength(1);
  });

  it("delivers an e-mail whose first try timed out exactly once, thanks to the idempotency key", async () => {
    const { user } = await chargedAfterCancel({}, ["email"]);
    await failNext("email", "timeout", user.email as string);
    await charge(user.webhook_url);
    expect(await settled(user.id, 1)).toEqual([expect.objectContaining({ status: "failed" })]);
    await sweepAt(testNow() + 2 * 60_000);
    expect(await deliveriesOf(user.id)).toEqual([expect.objectContaining({ status: "sent", attempts: 2 })]);
    expect(await sentTo(user.email as string)).toHaveLength(1);
  });

  it("does not resend an SMS whose outcome is unknown: Twilio has no idempotency key", async () => {
    const { user, phone } = await chargedAfterCancel({}, ["email", "sms"]);
    await failNext("sms", "drop", phone);
    await charge(user.webhook_url);
    const rows = await settled(user.id, 2);
    expect(rows[1]).toMatchObject({ channel: "sms", status: "dead" });
    expect(rows[1]?.last_error).toMatch(/unknown/);
    await sweepAt(testNow() + 3_600_000);
    expect(await sentTo(phone)).toHaveLength(1); // the one the dropped connection did send
  });

  it("marks a delivery dead with its last error after the attempt bound", async () => {
    const { user } = await chargedAfterCancel({}, ["email"]);
    await failNext("email", "500", user.email as string, 10);
    await charge(user.webhook_url);
    await settled(user.id, 1);
    for (let hour = 1; hour <= 30; hour += 1) await sweepAt(testNow() + hour * 3_600_000);
    const [row] = await deliveriesOf(user.id);
    expect(row).toMatchObject({ status: "dead", attempts: 5 });
    expect(row?.last_error).toMatch(/500/);
    const alerts = await call("GET", "/api/v1/alerts", { token: user.api_token });
    const items = alerts.body.items as { deliveries: { status: string; last_error: string | null }[] }[];
    expect(items[0]?.deliveries[0]).toMatchObject({ status: "dead", last_error: expect.stringMatching(/500/) });
  });

  it("never texts a user who only chose e-mail", async () => {
    const { user, phone } = await chargedAfterCancel({}, ["email"]);
    await charge(user.webhook_url);
    expect(await settled(user.id, 1)).toEqual([expect.objectContaining({ channel: "email", status: "sent" })]);
    expect(await sentTo(phone)).toEqual([]);
  });

  it("holds deliveries during quiet hours and sends them when they end", async () => {
    const { user } = await chargedAfterCancel({}, ["email"]);
    // Quiet all day but the hour before now in the user's zone: whatever now is, it is quiet.
    const clock = (offsetMinutes: number) =>
      new Date(testNow() + offsetMinutes * 60_000).toLocaleTimeString("en-GB", {
        timeZone: "America/Los_Angeles",
        hour: "2-digit",
        minute: "2-digit",
      });
    await call("PATCH", "/api/v1/me", {
      token: user.api_token,
      body: { quiet_hours: { start: clock(-60), end: clock(120) } },
    });
    await charge(user.webhook_url);
    for (let i = 0; i < 40 && (await deliveriesOf(user.id))[0]?.status !== "pending"; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await sweepAt(testNow() + 60 * 60_000); // still quiet
    expect(await sentTo(user.email as string)).toEqual([]);
    expect((await deliveriesOf(user.id))[0]).toMatchObject({ status: "pending", attempts: 0 });
    await sweepAt(testNow() + 125 * 60_000); // quiet hours over
    expect(await sentTo(user.email as string)).toHaveLength(1);
  });

  it("with no provider credentials, lands in the local outbox: logged, marked sent to outbox, listed by the API", async () => {
    const user = await createUser({ locale: "en" });
    const now = testNow();
    const at = new Date(now).toISOString();
    await env.DB.batch([
      env.DB.prepare(
        `insert into alerts (id, user_id, kind, dedupe_key, title, body, facts, created_at)
         values ('alr_outbox', ?, 'renewal_upcoming', 'renewal_upcoming:x:2026-12-01', 'Spotify renews on Dec 1: 11.99 USD',
                 'Cancel in Settings → Apple ID → Subscriptions.', '{}', ?)`,
      ).bind(user.id, at),
      env.DB.prepare(
        `insert into deliveries (id, alert_id, user_id, channel, status, attempts, next_attempt_at, created_at)
         values ('dlv_outbox', 'alr_outbox', ?, 'email', 'pending', 0, ?, ?)`,
      ).bind(user.id, at, at),
    ]);
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const report = await deliverDue(
      database(env.DB),
      { email: null, sms: null, from: "alerts@localhost", sendsPerRun: DEFAULT_SENDS_PER_RUN },
      now,
      user.id,
    );
    const logged = log.mock.calls.flat().join("\n");
    log.mockRestore();
    expect(report).toMatchObject({ sent: 1 });
    expect(logged).toContain("Spotify renews on Dec 1");
    const listed = await call("GET", "/api/v1/alerts", { token: user.api_token });
    const items = listed.body.items as { deliveries: unknown[] }[];
    expect(items[0]?.deliveries).toEqual([expect.objectContaining({ channel: "email", status: "sent", attempts: 1 })]);
    const row = await env.DB.prepare("select provider_id from deliveries where id = 'dlv_outbox'").first();
    expect(row?.provider_id).toBe("outbox");
  });
});
