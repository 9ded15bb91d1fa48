// Provider outages and crashes around a send, through the real webhook and scheduled handlers against the
// fake Resend and Twilio: an outage that ends is delivered exactly once per alert and channel, one that
// outlasts the attempts ends dead and visible with nothing sent after, and a Worker that dies between the
// provider's acceptance and recording it sends no second e-mail (same Idempotency-Key) and no second SMS.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Env } from "../../workers/env";
import worker from "../../workers/index";
import { testDate, testNow } from "../support/clock";
import { envWith, type Fault, faultyD1 } from "../support/faults-d1";
import { alipayCharge, call, createMembership, createUser, sweepAt as sweepWith } from "../support/helpers";
import { confirmPhone } from "../support/phone";

const fake = (env as unknown as { FAKE_PROVIDERS_URL: string }).FAKE_PROVIDERS_URL;
// This file's scope at the fake: its sends and requests are counted apart from other test files'.
const SCOPE = "faults-delivery";
const providers = { RESEND_BASE_URL: `${fake}/${SCOPE}`, TWILIO_BASE_URL: `${fake}/${SCOPE}` };
const healthy = envWith(env.DB, providers);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

type Channel = "email" | "sms";
type Recorded = { channel: Channel; headers: Record<string, string>; body: string; status: number | null };

let phones = 0;
/** A user on e-mail and SMS with a membership cancelled on both sides: a charge for it raises one charge_after_cancel. */
async function cancelledMembership() {
  phones += 1;
  const phone = `+1707${String(testNow() % 1000).padStart(3, "0")}${String(phones).padStart(4, "0")}`;
  const user = await createUser({ phone, locale: "en", timezone: "Europe/Berlin" });
  await confirmPhone(user.api_token, phone, { channels: ["email", "sms"] });
  const membership = await createMembership(user.api_token, { next_renewal_on: testDate(40) });
  // Both sides cancelled, so the only alert in the days these tests cover is the charge's (no half_cancelled).
  for (const side of ["platform", "payment_channel"]) {
    const cancelled = await call("POST", `/api/v1/memberships/${membership.id}/cancellations`, {
      token: user.api_token,
      body: { side, cancelled_at: new Date(testNow() - 2 * HOUR).toISOString() },
    });
    expect(cancelled.status).toBe(201);
  }
  return { user, phone, email: user.email as string };
}

/** The charge arrives by webhook; its alert's deliveries are tried at once (waitUntil), which we wait for. */
async function charge(user: Awaited<ReturnType<typeof createUser>>, target: Env = healthy): Promise<number> {
  const ctx = createExecutionContext();
  const request = new Request(user.webhook_url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(alipayCharge({ reference: crypto.randomUUID() })),
  });
  const at = testNow();
  const response = await worker.fetch(request, target, ctx);
  expect(response.status).toBe(201);
  // A Worker that died mid-delivery leaves its waitUntil rejected: that is the crash being modelled.
  await waitOnExecutionContext(ctx).catch(() => {});
  return at;
}

const sweepAt = (instant: number, target: Env = healthy) => sweepWith(instant, target);

async function failNext(channel: Channel, modes: string[], to: string) {
  for (const mode of modes) {
    const response = await fetch(`${fake}/_fail?scope=${SCOPE}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ channel, mode, to, times: 1, holdMs: 1500 }),
    });
    expect(response.ok).toBe(true);
  }
}

async function sentTo(to: string) {
  const response = await fetch(`${fake}/_sent?scope=${SCOPE}&to=${encodeURIComponent(to)}`);
  return ((await response.json()) as { items: { idempotencyKey?: string }[] }).items;
}

/** Every request the fake received for this recipient, answered or not. */
async function requestsTo(channel: Channel, to: string): Promise<Recorded[]> {
  const response = await fetch(`${fake}/_requests?scope=${SCOPE}`);
  const { items } = (await response.json()) as { items: Recorded[] };
  const needle = channel === "email" ? JSON.stringify(to) : `To=${encodeURIComponent(to)}`;
  return items.filter((request) => request.channel === channel && request.body.includes(needle));
}

const deliveriesOf = async (userId: string) =>
  (
    await env.DB.prepare(
      "select channel, status, attempts, last_error from deliveries where user_id = ? order by channel",
    )
      .bind(userId)
      .all<{ channel: Channel; status: string; attempts: number; last_error: string | null }>()
  ).results;

const alertCount = (userId: string) =>
  env.DB.prepare("select count(*) as n from alerts where user_id = ?").bind(userId).first<number>("n");

describe("a provider outage", () => {
  it("that ends after three failures on each channel delivers each alert exactly once per channel", async () => {
    const users = [await cancelledMembership(), await cancelledMembership()];
    for (const { email, phone } of users) {
      // E-mail: a 500, a 429, then a timeout in which Resend did send it; SMS: 500, 429, 500 (surely not sent).
      await failNext("email", ["500", "429", "timeout"], email);
      await failNext("sms", ["500", "429", "500"], phone);
    }
    const start = Math.max(...(await Promise.all(users.map(({ user }) => charge(user)))));
    // Backoff after failures 1, 2, 3 is 1, 5 and 30 minutes: a sweep before each wait is over sends nothing.
    const schedule = [
      { at: 30_000, attempts: 1 },
      { at: 2 * MINUTE, attempts: 2 },
      { at: 4 * MINUTE, attempts: 2 },
      { at: 10 * MINUTE, attempts: 3 },
      { at: 30 * MINUTE, attempts: 3 },
      { at: 45 * MINUTE, attempts: 4 },
      { at: 3 * HOUR, attempts: 4 },
      { at: 12 * HOUR, attempts: 4 },
      { at: 30 * HOUR, attempts: 4 },
    ];
    for (const { at, attempts } of schedule) {
      await sweepAt(start + at);
      for (const { email, phone } of users) {
        expect(await requestsTo("email", email)).toHaveLength(attempts);
        expect(await requestsTo("sms", phone)).toHaveLength(attempts);
      }
    }
    for (const { user, email, phone } of users) {
      expect(await alertCount(user.id)).toBe(1);
      expect(await deliveriesOf(user.id)).toEqual([
        expect.objectContaining({ channel: "email", status: "sent", attempts: 4, last_error: null }),
        expect.objectContaining({ channel: "sms", status: "sent", attempts: 4, last_error: null }),
      ]);
      expect(await sentTo(email)).toHaveLength(1);
      expect(await sentTo(phone)).toHaveLength(1);
      // Every try of the e-mail carried the same key, so the send inside the timeout was the only one.
      const keys = new Set((await requestsTo("email", email)).map((request) => request.headers["idempotency-key"]));
      expect(keys.size).toBe(1);
    }
  });

  it("that outlasts the attempts ends dead with its error shown by GET /api/v1/alerts, and nothing is sent after", async () => {
    const { user, email, phone } = await cancelledMembership();
    // Exactly as many failures as there are attempts: the provider is back right after the last one.
    await failNext("email", ["500", "500", "500", "500", "500"], email);
    await failNext("sms", ["429", "429", "429", "429", "429"], phone);
    const start = await charge(user);
    for (const at of [2 * MINUTE, 10 * MINUTE, 45 * MINUTE, 3 * HOUR, 12 * HOUR]) await sweepAt(start + at);
    expect(await deliveriesOf(user.id)).toEqual([
      expect.objectContaining({ channel: "email", status: "dead", attempts: 5 }),
      expect.objectContaining({ channel: "sms", status: "dead", attempts: 5 }),
    ]);

    for (const at of [24 * HOUR, 48 * HOUR, 96 * HOUR]) await sweepAt(start + at);
    expect(await requestsTo("email", email)).toHaveLength(5);
    expect(await requestsTo("sms", phone)).toHaveLength(5);
    expect(await sentTo(email)).toEqual([]);
    expect(await sentTo(phone)).toEqual([]);

    const listed = await call("GET", "/api/v1/alerts", { token: user.api_token });
    expect(listed.status).toBe(200);
    const [alert] = listed.body.items as { kind: string; deliveries: { channel: string; status: string }[] }[];
    expect(alert?.kind).toBe("charge_after_cancel");
    expect(alert?.deliveries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          channel: "email",
          status: "dead",
          attempts: 5,
          last_error: expect.stringMatching(/500/),
        }),
        expect.objectContaining({
          channel: "sms",
          status: "dead",
          attempts: 5,
          last_error: expect.stringMatching(/429/),
        }),
      ]),
    );
  });
});

// The update that records a send, for one channel: Resend ids are UUIDs, Twilio message sids start with SM.
const recordingTheSend = (channel: Channel): Fault => ({
  method: "statement",
  sql: /^update "deliveries" set "status" = \?, "sent_at" = \?/,
  values: (values) =>
    values.some(
      (value) => typeof value === "string" && (channel === "sms" ? /^SM[0-9a-f]{32}$/ : /^[0-9a-f-]{36}$/).test(value),
    ),
});

describe("a crash between the provider accepting and the Worker recording it", () => {
  it("sends no second e-mail: the retry carries the same Idempotency-Key and Resend answers with the first send", async () => {
    const { user, email, phone } = await cancelledMembership();
    const crash = faultyD1(recordingTheSend("email"));
    const start = await charge(user, envWith(crash.db, providers));
    expect(crash.failed).toHaveLength(1);
    expect(await sentTo(email)).toHaveLength(1);
    // The e-mail is still leased and unrecorded; the SMS after it in the same run went out and was recorded.
    expect(await deliveriesOf(user.id)).toEqual([
      expect.objectContaining({ channel: "email", status: "pending", attempts: 1 }),
      expect.objectContaining({ channel: "sms", status: "sent", attempts: 1 }),
    ]);

    await sweepAt(start + 2 * MINUTE); // the lease still holds: no one else may send it yet
    expect(await requestsTo("email", email)).toHaveLength(1);
    await sweepAt(start + 11 * MINUTE);
    await sweepAt(start + 3 * HOUR);

    const requests = await requestsTo("email", email);
    expect(requests).toHaveLength(2);
    expect(new Set(requests.map((request) => request.headers["idempotency-key"])).size).toBe(1);
    expect(await sentTo(email)).toHaveLength(1);
    expect(await sentTo(phone)).toHaveLength(1);
    expect((await deliveriesOf(user.id))[0]).toMatchObject({ channel: "email", status: "sent", attempts: 2 });
  });

  it("sends no second SMS: Twilio has no idempotency, so the in-flight mark ends it dead as 'outcome unknown'", async () => {
    const { user, email, phone } = await cancelledMembership();
    const crash = faultyD1(recordingTheSend("sms"));
    const start = await charge(user, envWith(crash.db, providers));
    expect(crash.failed).toHaveLength(1);
    expect(await sentTo(phone)).toHaveLength(1);
    expect((await deliveriesOf(user.id))[1]).toMatchObject({ channel: "sms", status: "pending", attempts: 1 });

    for (const at of [2 * MINUTE, 11 * MINUTE, 3 * HOUR, 24 * HOUR]) await sweepAt(start + at);

    expect(await requestsTo("sms", phone)).toHaveLength(1);
    expect(await sentTo(phone)).toHaveLength(1);
    expect(await sentTo(email)).toHaveLength(1);
    const [emailDelivery, smsDelivery] = await deliveriesOf(user.id);
    expect(emailDelivery).toMatchObject({ status: "sent" });
    expect(smsDelivery).toMatchObject({ status: "dead", attempts: 1 });
    expect(smsDelivery?.last_error).toMatch(/^outcome unknown \(in flight since .+\); not retried/);
    const listed = await call("GET", "/api/v1/alerts", { token: user.api_token });
    const [alert] = listed.body.items as { deliveries: { channel: string; status: string; last_error: string }[] }[];
    expect(alert?.deliveries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          channel: "sms",
          status: "dead",
          last_error: expect.stringMatching(/outcome unknown/),
        }),
      ]),
    );
  });
});
