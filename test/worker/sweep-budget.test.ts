import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { DEFAULT_SENDS_PER_RUN } from "../../workers/deliver/outbox";
import type { Env } from "../../workers/env";
import { DUE_PAGE, MAX_DUE_PAGES, RETRY_BATCH } from "../../workers/services/sweep";
import { testNow } from "../support/clock";
import { type D1Call, envWith, faultyD1 } from "../support/faults-d1";
import { createUser, sweepAt } from "../support/helpers";

const PAID_QUERIES_PER_INVOCATION = 1000;
const fake = (env as unknown as { FAKE_PROVIDERS_URL: string }).FAKE_PROVIDERS_URL;

const isoDay = (instant: number) => new Date(instant).toISOString().slice(0, 10);

/** One full page of memberships due today for `userId`, each renewing in two days (a renewal_upcoming alert). */
async function fullPageDue(userId: string, now: number) {
  const rows = [];
  const renewal = isoDay(now + 2 * 86_400_000);
  for (let i = 0; i < DUE_PAGE; i += 1) {
    rows.push(
      `('mem_budget_${i}','${userId}','会员${i}','["爱奇艺"]',2500,'CNY','month',1,'${renewal}',${Number(renewal.slice(8))},1,'alipay','active','2026-01-01T00:00:00.000Z','${isoDay(now - 86_400_000)}')`,
    );
  }
  for (let i = 0; i < rows.length; i += 50) {
    await env.DB.prepare(
      `insert into memberships (id,user_id,name,merchant_aliases,amount_minor,currency,cycle_unit,cycle_count,next_renewal_on,anchor_day,auto_renew,channel,status,created_at,next_due_on) values ${rows.slice(i, i + 50).join(",")}`,
    ).run();
  }
}

/** A webhook SMS recorded as failed a while ago, its original kept: the sweep reads it again. */
async function failedMessage(userId: string, now: number) {
  const body = JSON.stringify({
    from: "95555",
    content: "您账户1234于11月20日10:00在【支付宝-爱奇艺】发生快捷支付扣款，人民币25.00【招商银行】",
  });
  const receivedAt = new Date(now - 10 * 60_000).toISOString();
  await env.DB.batch([
    env.DB.prepare(
      "insert into inbound_messages (id, user_id, source, dedupe_key, received_at, content_type, raw_size, status, attempts) values ('msg_budget', ?, 'webhook', 'sms:budget', ?, 'application/json', ?, 'failed', 1)",
    ).bind(userId, receivedAt, body.length),
    env.DB.prepare("insert into inbound_originals (message_id, body) values ('msg_budget', ?)").bind(
      new TextEncoder().encode(body),
    ),
  ]);
}

/** Where in the call list each phase starts: the retry query, then the due-deliveries query. */
function phases(calls: D1Call[]) {
  const starts = (pattern: RegExp) => calls.findIndex((call) => call.sql.some((sql) => pattern.test(sql)));
  const retries = starts(/from "inbound_messages" inner join "users"/);
  const deliveries = starts(/from "deliveries" inner join "alerts"/);
  return { retries, deliveries };
}

describe("one sweep's D1 queries", () => {
  it("stay under a Paid invocation's 1,000 however much is due", async () => {
    const user = await createUser({ locale: "en", timezone: "UTC" });
    const now = testNow();
    await fullPageDue(user.id, now);
    await failedMessage(user.id, now);
    const recording = faultyD1({ method: "any", sql: /^$/ });
    const target = { ...envWith(recording.db), RESEND_BASE_URL: `${fake}/sweep-budget` } as Env;
    await sweepAt(now, target);

    const { calls } = recording;
    const { retries, deliveries } = phases(calls);
    expect(retries).toBeGreaterThan(0);
    expect(deliveries).toBeGreaterThan(retries);
    // One full page (its alerts raised), then the next page's query that finds nothing more.
    const alerts = await env.DB.prepare("select count(*) as n from alerts where user_id = ?").bind(user.id).first("n");
    expect(alerts).toBe(DUE_PAGE);
    const perPage = retries - 1;
    // The one message read again, and the deliveries sent (the budget's worth: the page raised more than that).
    const sent = await env.DB.prepare("select count(*) as n from deliveries where user_id = ? and status = 'sent'")
      .bind(user.id)
      .first<number>("n");
    expect(sent).toBe(DEFAULT_SENDS_PER_RUN);
    const retried = await env.DB.prepare("select status from inbound_messages where id = 'msg_budget'").first("status");
    expect(retried).toBe("processed");
    const perRetry = deliveries - retries - 1;
    const perDelivery = (calls.length - deliveries - 1) / DEFAULT_SENDS_PER_RUN;
    const worst =
      MAX_DUE_PAGES * perPage + 1 + (1 + RETRY_BATCH * perRetry) + (1 + DEFAULT_SENDS_PER_RUN * perDelivery);
    expect(worst, JSON.stringify({ perPage, perRetry, perDelivery })).toBeLessThanOrEqual(PAID_QUERIES_PER_INVOCATION);
  });
});
