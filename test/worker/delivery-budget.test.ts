import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { DEFAULT_SENDS_PER_RUN, providersFrom } from "../../workers/deliver/outbox";
import type { Env } from "../../workers/env";
import { testNow } from "../support/clock";
import { createUser, sweepAt } from "../support/helpers";

const fake = (env as unknown as { FAKE_PROVIDERS_URL: string }).FAKE_PROVIDERS_URL;
// This file's own scope at the fake providers, so other files' e-mails are not counted.
const withBudget = (sends: string | undefined) =>
  ({ ...env, RESEND_BASE_URL: `${fake}/delivery-budget`, SENDS_PER_RUN: sends }) as Env;

/** `count` alerts for the user, each with one e-mail delivery due at `dueAt`. */
async function dueAlerts(userId: string, count: number, dueAt: string) {
  const statements = [];
  for (let i = 0; i < count; i += 1) {
    const id = `alr_budget_${userId}_${i}`;
    statements.push(
      env.DB.prepare(
        "insert into alerts (id, user_id, kind, dedupe_key, title, body, created_at) values (?, ?, 'unknown_subscription', ?, 'title', 'body', ?)",
      ).bind(id, userId, `unknown_subscription:budget:${i}`, dueAt),
      env.DB.prepare(
        "insert into deliveries (id, alert_id, user_id, channel, status, next_attempt_at, created_at) values (?, ?, ?, 'email', 'pending', ?, ?)",
      ).bind(`dlv_budget_${userId}_${i}`, id, userId, dueAt, dueAt),
    );
  }
  await env.DB.batch(statements);
}

const statuses = async (userId: string) =>
  (
    await env.DB.prepare("select status, attempts from deliveries where user_id = ? order by id")
      .bind(userId)
      .all<{ status: string; attempts: number }>()
  ).results;

async function sentTo(to: string) {
  const response = await fetch(`${fake}/_sent?scope=delivery-budget&to=${encodeURIComponent(to)}`);
  return ((await response.json()) as { items: unknown[] }).items;
}

describe("deliveries per invocation", () => {
  it("a sweep sends at most SENDS_PER_RUN and the next sweeps send the rest, each once", async () => {
    const user = await createUser({ locale: "en" });
    const now = testNow();
    await dueAlerts(user.id, 5, new Date(now - 60_000).toISOString());
    const target = withBudget("2");

    await sweepAt(now, target);
    expect(await sentTo(user.email as string)).toHaveLength(2);
    const after = await statuses(user.id);
    expect(after.filter((row) => row.status === "sent")).toHaveLength(2);
    // The rest were not touched: no attempt counted, nothing leased, still due.
    expect(after.filter((row) => row.status === "pending")).toEqual([
      { status: "pending", attempts: 0 },
      { status: "pending", attempts: 0 },
      { status: "pending", attempts: 0 },
    ]);

    await sweepAt(now + 15 * 60_000, target);
    await sweepAt(now + 30 * 60_000, target);
    expect(await sentTo(user.email as string)).toHaveLength(5);
    expect((await statuses(user.id)).every((row) => row.status === "sent" && row.attempts === 1)).toBe(true);
  });

  it("defaults to 40, under the Free plan's 50 subrequests, and takes a larger number on Paid", () => {
    expect(DEFAULT_SENDS_PER_RUN).toBeLessThan(50);
    expect(providersFrom(withBudget(undefined)).sendsPerRun).toBe(DEFAULT_SENDS_PER_RUN);
    expect(providersFrom(withBudget("")).sendsPerRun).toBe(DEFAULT_SENDS_PER_RUN);
    expect(providersFrom(withBudget("nonsense")).sendsPerRun).toBe(DEFAULT_SENDS_PER_RUN);
    expect(providersFrom(withBudget("0")).sendsPerRun).toBe(DEFAULT_SENDS_PER_RUN);
    expect(providersFrom(withBudget("500")).sendsPerRun).toBe(500);
  });
});
