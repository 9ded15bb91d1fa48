// D1 failing in the middle of an ingest, through the real e-mail and webhook handlers: whatever point it
// fails at, the notice is either kept (recorded, original in RAW) for the sweep, or refused so the sender
// tries again — never lost, never half-written — and in the end it is read exactly once: one event, one
// set of alerts, each alert delivered once per channel.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Env } from "../../workers/env";
import worker from "../../workers/index";
import { testDate, testNow } from "../support/clock";
import { envWith, type Fault, faultyD1 } from "../support/faults-d1";
import {
  alipayCharge,
  call,
  createMembership,
  createUser,
  inboundEmail,
  originalsOf,
  sweepAt as sweepWith,
} from "../support/helpers";
import { confirmPhone } from "../support/phone";

const fake = (env as unknown as { FAKE_PROVIDERS_URL: string }).FAKE_PROVIDERS_URL;
// The fake's scope for this file: what went out here is counted apart from other test files.
const SCOPE = "faults-ingest";
const providers = { RESEND_BASE_URL: `${fake}/${SCOPE}`, TWILIO_BASE_URL: `${fake}/${SCOPE}` };
const healthy = envWith(env.DB, providers);

type User = Awaited<ReturnType<typeof createUser>>;
type Source = "email" | "webhook";

let phones = 0;
/** A user on e-mail and SMS with a cancelled 爱奇艺 membership: the charge they forward is a charge_after_cancel. */
async function cancelledMembership() {
  phones += 1;
  const phone = `+1628${String(testNow() % 1000).padStart(3, "0")}${String(phones).padStart(4, "0")}`;
  const user = await createUser({ phone, locale: "en", timezone: "Asia/Shanghai" });
  await confirmPhone(user.api_token, phone, { channels: ["email", "sms"] });
  const membership = await createMembership(user.api_token, { next_renewal_on: testDate(40) });
  const cancelled = await call("POST", `/api/v1/memberships/${membership.id}/cancellations`, {
    token: user.api_token,
    body: { side: "platform", cancelled_at: new Date(testNow() - 2 * 3_600_000).toISOString() },
  });
  expect(cancelled.status).toBe(201);
  return { user, phone, membership };
}

function chargeMail(id: string): string {
  return [
    "From: =?UTF-8?B?5pSv5LuY5a6d?= <service@mail.alipay.com>",
    "To: li.lei@example.com",
    "Subject: =?UTF-8?B?6Ieq5Yqo5omj5qy+5oiQ5Yqf?=",
    `Date: ${new Date(testNow() - 60 * 60_000).toUTCString()}`,
    `Message-ID: <${id}@mail.alipay.com>`,
    "Content-Type: text/plain; charset=UTF-8",
    "",
    "自动扣款成功",
    "扣款金额：¥25.00",
    "扣款说明：爱奇艺黄金VIP会员连续包月",
    "交易对象：北京爱奇艺科技有限公司",
    "付款方式：余额宝",
    "",
  ].join("\r\n");
}

/** What the sender saw: refused (the e-mail handler threw: a temporary SMTP failure; the webhook a non-2xx), or not. */
type Delivered = { refused: boolean; status: number | null; rejections: string[] };

/** Delivers the same notice (same Message-ID / same webhook reference) the way a sender would, each time. */
function notice(source: Source, user: User) {
  const id = `fault-${crypto.randomUUID()}`;
  const raw = chargeMail(id);
  const body = JSON.stringify(alipayCharge({ reference: id }));
  return async (target: Env): Promise<Delivered> => {
    const ctx = createExecutionContext();
    if (source === "email") {
      const { message, rejections } = inboundEmail(user.inbound_address, raw, "forwarder@example.com");
      let refused = false;
      try {
        await worker.email(message, target, ctx);
      } catch {
        refused = true;
      }
      await waitOnExecutionContext(ctx).catch(() => {});
      return { refused, status: null, rejections };
    }
    const request = new Request(user.webhook_url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    const response = await worker.fetch(request, target, ctx);
    await response.arrayBuffer();
    await waitOnExecutionContext(ctx).catch(() => {});
    return { refused: response.status >= 300, status: response.status, rejections: [] };
  };
}

const sweepAt = (instant: number, target: Env = healthy) => sweepWith(instant, target);

const rows = async <T>(sql: string, ...bindings: unknown[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...bindings)
      .all<T>()
  ).results;

/** Everything the user's notices left in D1 and RAW, and every way it could be half-written. */
async function stored(userId: string) {
  const messages = await rows<{ id: string; status: string; attempts: number; raw_key: string | null }>(
    "select id, status, attempts, raw_key from inbound_messages where user_id = ?",
    userId,
  );
  const originals = await originalsOf(userId);
  const events = await rows<{ id: string; inbound_message_id: string }>(
    "select id, inbound_message_id from events where user_id = ?",
    userId,
  );
  const alerts = await rows<{ id: string; kind: string; event_id: string | null }>(
    "select id, kind, event_id from alerts where user_id = ?",
    userId,
  );
  const deliveries = await rows<{ alert_id: string; channel: string; status: string }>(
    "select alert_id, channel, status from deliveries where user_id = ? order by channel",
    userId,
  );
  const halfWritten = [
    ...events
      .filter((e) => messages.find((m) => m.id === e.inbound_message_id)?.status !== "processed")
      .map((e) => `event ${e.id} of a message not marked processed`),
    ...alerts
      .filter((a) => a.event_id && !events.some((e) => e.id === a.event_id))
      .map((a) => `alert ${a.id} without its event`),
    ...alerts
      .filter((a) => deliveries.filter((d) => d.alert_id === a.id).length !== 2)
      .map((a) => `alert ${a.id} without a delivery per channel`),
    ...deliveries
      .filter((d) => !alerts.some((a) => a.id === d.alert_id))
      .map((d) => `delivery of a missing alert ${d.alert_id}`),
    ...(events.length > 0 && alerts.length === 0 ? ["a charge after cancellation stored without its alert"] : []),
    ...originals.filter((o) => o.text === null).map((o) => `message ${o.messageId} without its original`),
  ];
  return { messages, events, alerts, deliveries, halfWritten };
}

async function sentTo(to: string) {
  const response = await fetch(`${fake}/_sent?scope=${SCOPE}&to=${encodeURIComponent(to)}`);
  return ((await response.json()) as { items: unknown[] }).items;
}

// Where D1 fails. `kept`: the message is recorded when the handler returns, so the sender is not asked to retry.
// `failures`: how many calls the fault hits (the first ones that match).
const FAULTS: { point: string; fault: (source: Source) => Fault | Fault[]; kept: boolean; failures?: number }[] = [
  {
    point: "looking up the user, a replay and the memberships (one batch)",
    fault: (source) => ({
      method: "batch",
      sql: new RegExp(`"users"."${source === "email" ? "inbound" : "webhook"}_token_hash"`),
    }),
    kept: false,
  },
  {
    point: "reading the membership's history to run the rules",
    fault: () => ({ method: "statement", sql: /^select .* from "events" where \("events"."membership_id" in/ }),
    kept: true,
  },
  {
    point: "storing the message with its event, alerts and deliveries (D1 rolls the batch back)",
    fault: () => ({ method: "batch", sql: /^insert into "events"/, mode: "rollback" }),
    kept: true,
  },
  {
    point: "storing the message with its event, alerts and deliveries, committed but its answer lost",
    fault: () => ({ method: "batch", sql: /^insert into "events"/, mode: "lost-answer" }),
    kept: true,
  },
  {
    point: "storing the message with its reading, and then recording it alone as well",
    fault: () => ({ method: "any", sql: /^insert into "inbound_messages"/, times: 2 }),
    kept: false,
    failures: 2,
  },
  {
    point: "storing the message with its reading (rolled back), then finding out whether it was stored",
    fault: () => [
      { method: "batch", sql: /^insert into "events"/, mode: "rollback" },
      // The lookup after the failed batch, by user id and dedupe key (the first lookup goes by the token hash).
      { method: "batch", sql: /"inbound_messages"."user_id" = \? and "inbound_messages"."dedupe_key" = \?/ },
    ],
    kept: false,
    failures: 2,
  },
];

describe.each(["email", "webhook"] as const)("D1 failing during a %s ingest", (source) => {
  it.each(FAULTS)(
    "while $point: nothing lost, nothing half-written, read exactly once in the end",
    async ({ fault, kept, failures = 1 }) => {
      const { user, phone } = await cancelledMembership();
      const send = notice(source, user);
      // Several faults: each wraps the one before, so each hits its own call.
      const faults = [fault(source)].flat();
      let faulty = faultyD1(faults[0] as Fault);
      const hit = [faulty];
      for (const next of faults.slice(1)) {
        faulty = faultyD1(next, faulty.db);
        hit.push(faulty);
      }
      const start = testNow();

      const first = await send(envWith(faulty.db, providers));
      // The faults were hit, exactly where they were aimed.
      expect(hit.flatMap((f) => f.failed)).toHaveLength(failures);
      // A temporary failure, never a permanent bounce: setReject is only for unknown addresses and oversize mail.
      expect(first.rejections).toEqual([]);
      expect(first.refused).toBe(!kept);
      if (source === "webhook") expect(first.status).toBe(kept ? 201 : 500);

      const after = await stored(user.id);
      expect(after.halfWritten).toEqual([]);
      if (kept) {
        // Kept for the sweep: recorded with its original, or already read in full.
        expect(after.messages).toHaveLength(1);
        expect(after.messages[0]?.status).toMatch(/^(pending|failed|processed)$/);
      } else {
        // Refused: the sender delivers it again, and this time it is kept (or found already kept).
        const again = await send(healthy);
        expect(again.refused).toBe(false);
        if (source === "webhook") expect(again.status).toBe(after.messages.length === 0 ? 201 : 200);
        expect((await stored(user.id)).halfWritten).toEqual([]);
      }

      await sweepAt(start + 30_000); // inside the grace period: the handler may still be at work
      await sweepAt(start + 2 * 60_000);
      await sweepAt(start + 20 * 60_000);

      const final = await stored(user.id);
      expect(final.halfWritten).toEqual([]);
      expect(final.messages).toEqual([expect.objectContaining({ status: "processed" })]);
      expect(final.events).toHaveLength(1);
      expect(final.alerts.map((alert) => alert.kind)).toEqual(["charge_after_cancel"]);
      expect(final.deliveries).toEqual([
        expect.objectContaining({ channel: "email", status: "sent" }),
        expect.objectContaining({ channel: "sms", status: "sent" }),
      ]);
      expect(await sentTo(user.email as string)).toHaveLength(1);
      expect(await sentTo(phone)).toHaveLength(1);
    },
  );
});

describe("a D1 failure during the sweep", () => {
  it("leaves a message the sweep could not read recorded, and the next sweep reads it once", async () => {
    const { user } = await cancelledMembership();
    const send = notice("webhook", user);
    const start = testNow();
    const first = await send(
      envWith(faultyD1({ method: "batch", sql: /^insert into "events"/, mode: "rollback" }).db, providers),
    );
    expect(first.status).toBe(201);

    const failing = faultyD1({ method: "batch", sql: /^insert into "events"/, mode: "rollback" });
    await sweepAt(start + 2 * 60_000, envWith(failing.db, providers));
    expect(failing.failed).toHaveLength(1);
    const between = await stored(user.id);
    expect(between.halfWritten).toEqual([]);
    expect(between.events).toEqual([]);
    expect(between.messages).toEqual([expect.objectContaining({ status: "failed" })]);

    await sweepAt(start + 20 * 60_000);
    await sweepAt(start + 40 * 60_000);
    const final = await stored(user.id);
    expect(final.messages).toEqual([expect.objectContaining({ status: "processed" })]);
    expect(final.events).toHaveLength(1);
    expect(final.alerts).toHaveLength(1);
    expect(await sentTo(user.email as string)).toHaveLength(1);
  });

  it("reads a message once when two sweeps retry it at the same time", async () => {
    const { user, phone } = await cancelledMembership();
    const start = testNow();
    const rollback: Fault = { method: "batch", sql: /^insert into "events"/, mode: "rollback" };
    expect((await notice("webhook", user)(envWith(faultyD1(rollback).db, providers))).status).toBe(201);
    // Two invocations overlapping (a slow sweep and the next one): both find the message due and read it.
    await Promise.all([sweepAt(start + 2 * 60_000), sweepAt(start + 2 * 60_000)]);
    await sweepAt(start + 20 * 60_000);
    const final = await stored(user.id);
    expect(final.halfWritten).toEqual([]);
    expect(final.events).toHaveLength(1);
    expect(final.alerts).toHaveLength(1);
    expect(await sentTo(user.email as string)).toHaveLength(1);
    expect(await sentTo(phone)).toHaveLength(1);
  });

  it("still reads the other messages and sends what is due when one message's reading hits a D1 error", async () => {
    const stuck = await cancelledMembership();
    const fine = await cancelledMembership();
    const start = testNow();
    const rollback: Fault = { method: "batch", sql: /^insert into "events"/, mode: "rollback" };
    expect((await notice("webhook", stuck.user)(envWith(faultyD1(rollback).db, providers))).status).toBe(201);
    expect((await notice("webhook", fine.user)(envWith(faultyD1(rollback).db, providers))).status).toBe(201);

    // The sweep reads the oldest first: the stuck user's message fails again, even its failure cannot be recorded.
    const sweepFaults = faultyD1({
      method: "statement",
      sql: /^update "inbound_messages" set "status" = \?, "attempts"/,
      times: 1,
    });
    const doubleFault = faultyD1({ method: "batch", sql: /^insert into "events"/, mode: "rollback" }, sweepFaults.db);
    await sweepAt(start + 2 * 60_000, envWith(doubleFault.db, providers));
    expect(doubleFault.failed).toHaveLength(1);
    expect(sweepFaults.failed).toHaveLength(1);

    const fineState = await stored(fine.user.id);
    expect(fineState.messages).toEqual([expect.objectContaining({ status: "processed" })]);
    expect(await sentTo(fine.user.email as string)).toHaveLength(1);
    const stuckState = await stored(stuck.user.id);
    expect(stuckState.halfWritten).toEqual([]);
    expect(stuckState.events).toEqual([]);

    await sweepAt(start + 20 * 60_000);
    expect((await stored(stuck.user.id)).events).toHaveLength(1);
    expect(await sentTo(stuck.user.email as string)).toHaveLength(1);
  });
  it("goes on with the other messages and the deliveries when one message cannot even be marked failed", async () => {
    const lost = await cancelledMembership();
    const fine = await cancelledMembership();
    const start = testNow();
    const rollback: Fault = { method: "batch", sql: /^insert into "events"/, mode: "rollback" };
    expect((await notice("webhook", lost.user)(envWith(faultyD1(rollback).db, providers))).status).toBe(201);
    expect((await notice("webhook", fine.user)(envWith(faultyD1(rollback).db, providers))).status).toBe(201);
    // The older message's original is gone, and recording that fails too.
    const [message] = (await stored(lost.user.id)).messages;
    await env.DB.prepare("delete from inbound_originals where message_id = ?").bind(message?.id).run();
    const failing = faultyD1({ method: "statement", sql: /^update "inbound_messages" set "status" = \?, "attempts"/ });
    await sweepAt(start + 2 * 60_000, envWith(failing.db, providers));
    expect(failing.failed).toHaveLength(1);

    expect((await stored(fine.user.id)).messages).toEqual([expect.objectContaining({ status: "processed" })]);
    expect(await sentTo(fine.user.email as string)).toHaveLength(1);
    expect(await sentTo(fine.phone)).toHaveLength(1);
    await sweepAt(start + 20 * 60_000);
    const [after] = (await stored(lost.user.id)).messages;
    expect(after).toMatchObject({ status: "failed" });
    const row = await env.DB.prepare("select last_error from inbound_messages where id = ?").bind(after?.id).first();
    expect(row?.last_error).toBe("original message missing from storage");
  });
});
