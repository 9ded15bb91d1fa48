// The hot paths stay indexed: every statement that ingest and the sweep make is run through EXPLAIN QUERY PLAN,
// and none may read a whole table that grows with users, notices or time.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../workers/index";
import { testNow } from "../support/clock";
import { type D1Call, envWith, faultyD1 } from "../support/faults-d1";
import { alipayCharge, createMembership, createUser, inboundEmail, sweepAt } from "../support/helpers";
import { tableScans } from "../support/query-plan";
import { GROWING_TABLES } from "../support/stored";

/** How many recorded statements match `pattern`. */
const statements = (calls: D1Call[], pattern: RegExp) =>
  calls.flatMap((call) => call.sql).filter((sql) => pattern.test(sql)).length;

/** A D1 that fails nothing and records every statement, with its bound values. */
const recordingEnv = () => {
  const recording = faultyD1({ method: "any", sql: /^$/ });
  return { recording, target: envWith(recording.db) };
};

async function post(url: string, body: unknown, target: ReturnType<typeof recordingEnv>["target"]) {
  const ctx = createExecutionContext();
  const request = new Request(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const response = await worker.fetch(request, target, ctx);
  await waitOnExecutionContext(ctx);
  return response.status;
}

async function someUsers() {
  const users = [];
  for (let i = 0; i < 3; i += 1) {
    const user = await createUser();
    await createMembership(user.api_token);
    users.push(user);
  }
  return users;
}

describe("statements that never read a whole growing table", () => {
  it("a webhook notice, matched and unmatched, and its replay", async () => {
    const [user] = await someUsers();
    if (!user) throw new Error("no user");
    const { recording, target } = recordingEnv();
    expect(await post(user.webhook_url, alipayCharge({ reference: "plan-1" }), target)).toBe(201);
    expect(await post(user.webhook_url, alipayCharge({ reference: "plan-1" }), target)).toBe(200);
    const unknown = alipayCharge({ reference: "plan-2", merchant: "某不知名会员" });
    expect(await post(user.webhook_url, unknown, target)).toBe(201);
    // The unmatched charge looked for earlier unmatched payments (unknown_subscription); the match read history.
    expect(statements(recording.calls, /"events"."membership_id" is null/)).toBeGreaterThan(0);
    expect(statements(recording.calls, /"events"."membership_id" in/)).toBeGreaterThan(0);
    expect(await tableScans(recording.calls, GROWING_TABLES)).toEqual([]);
  });

  it("a forwarded e-mail", async () => {
    const [user] = await someUsers();
    if (!user) throw new Error("no user");
    const { recording, target } = recordingEnv();
    const raw = [
      "From: service@mail.alipay.com",
      "To: li.lei@example.com",
      "Subject: =?UTF-8?B?6Ieq5Yqo5omj5qy+5oiQ5Yqf?=",
      `Date: ${new Date(testNow()).toUTCString()}`,
      "Message-ID: <plan-mail@mail.alipay.com>",
      "Content-Type: text/plain; charset=UTF-8",
      "",
      "自动扣款成功 扣款金额：¥25.00 扣款说明：爱奇艺黄金VIP会员连续包月",
      "",
    ].join("\r\n");
    const { message } = inboundEmail(user.inbound_address, raw);
    const ctx = createExecutionContext();
    await worker.email(message, target, ctx);
    await waitOnExecutionContext(ctx);
    expect(recording.calls.length).toBeGreaterThan(1);
    expect(await tableScans(recording.calls, GROWING_TABLES)).toEqual([]);
  });

  it("the cron sweep: due memberships, retries and deliveries", async () => {
    const users = await someUsers();
    // Something for every part of the sweep: a membership due now, and an alert waiting to go out.
    const user = users[0];
    if (!user) throw new Error("no user");
    const soon = new Date(testNow() + 2 * 86_400_000).toISOString().slice(0, 10);
    await createMembership(user.api_token, { next_renewal_on: soon, name: "后天续费" });
    const { recording, target } = recordingEnv();
    await sweepAt(testNow(), target);
    // Each part of the sweep was reached: the due page, the retry query and the deliveries of the alert raised.
    expect(statements(recording.calls, /"memberships"."next_due_on" <= \?/)).toBeGreaterThan(0);
    expect(statements(recording.calls, /from "inbound_messages" inner join "users"/)).toBeGreaterThan(0);
    expect(statements(recording.calls, /^insert into "alerts"/)).toBeGreaterThan(0);
    expect(statements(recording.calls, /from "deliveries"/)).toBeGreaterThan(0);
    expect(await tableScans(recording.calls, GROWING_TABLES)).toEqual([]);
  });
});
