// Drives the real Worker entry points the way Cloudflare would, for tests that read like promises.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { inboundMessages, inboundOriginals } from "../../schema/tables";
import { database } from "../../workers/db/client";
import type { Env } from "../../workers/env";
import worker from "../../workers/index";
import { testDate, testNow } from "./clock";

export const ADMIN_TOKEN = "test-admin-token-0123456789";

type Json = Record<string, unknown>;

export async function call(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Json; headers: Headers }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const response = await exports.default.fetch(new Request(`https://watchdog.test${path}`, { method, headers, body }));
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Json) : {}, headers: response.headers };
}

let counter = 0;

/** A fresh user through the real admin route; returns its one-time secrets too. */
export async function createUser(overrides: Json = {}) {
  counter += 1;
  const response = await call("POST", "/api/v1/users", {
    token: ADMIN_TOKEN,
    body: { email: `user${counter}-${crypto.randomUUID().slice(0, 8)}@example.com`, ...overrides },
  });
  if (response.status !== 201) throw new Error(`createUser: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as Json & { id: string; api_token: string; inbound_address: string; webhook_url: string };
}

export const iqiyi = {
  name: "爱奇艺黄金VIP",
  merchant_aliases: ["爱奇艺", "iQIYI", "财付通-爱奇艺"],
  amount_minor: 2500,
  currency: "CNY",
  cycle_unit: "month",
  cycle_count: 1,
  // Twenty days ahead of the test clock: far enough that no reminder (cancel-by date included) falls due while a
  // test sweeps a day or two ahead; tests about reminders set their own dates.
  next_renewal_on: testDate(20),
  auto_renew: true,
  channel: "alipay",
  cancel_notice_days: 7,
};

export async function createMembership(token: string, overrides: Json = {}) {
  const response = await call("POST", "/api/v1/memberships", { token, body: { ...iqiyi, ...overrides } });
  if (response.status !== 201) throw new Error(`createMembership: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as Json & { id: string };
}

/** An inbound e-mail as the Email Workers runtime hands it to the `email` handler. */
export function inboundEmail(to: string, raw: string, from = "forwarder@example.com") {
  const bytes = new TextEncoder().encode(raw);
  const headerBlock = raw.split(/\r?\n\r?\n/)[0] ?? "";
  const headers = new Headers();
  for (const line of headerBlock.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  const rejections: string[] = [];
  const message = {
    from,
    to,
    headers,
    raw: new Response(bytes).body as ReadableStream<Uint8Array>,
    rawSize: bytes.byteLength,
    setReject: (reason: string) => void rejections.push(reason),
    forward: async () => ({ messageId: "" }),
    reply: async () => ({ messageId: "" }),
  } as unknown as ForwardableEmailMessage;
  return { message, rejections };
}

/** Posts the project's own event JSON to a user's webhook, as a bank or a script would. */
export function postEvent(webhookUrl: string, event: Record<string, unknown>): Promise<Response> {
  return exports.default.fetch(
    new Request(webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(event),
    }),
  );
}

/** A charge of ¥25.00 via Alipay an hour ago: the typical auto-renewal deduction the tests deliver. */
export const alipayCharge = (overrides: Record<string, unknown> = {}) => ({
  kind: "charge",
  amount_minor: 2500,
  currency: "CNY",
  merchant: "支付宝-爱奇艺",
  channel: "alipay",
  occurred_at: new Date(testNow() - 3_600_000).toISOString(),
  ...overrides,
});

/**
 * The originals kept for a user's inbound messages, wherever each is: in RAW (e-mails) or in D1 beside the
 * message (webhook posts, read back through the schema's bytes column). A message whose original is in
 * neither is listed with `text: null`.
 */
export async function originalsOf(userId: string): Promise<{ messageId: string; text: string | null }[]> {
  const rows = await database(env.DB)
    .select({ id: inboundMessages.id, rawKey: inboundMessages.rawKey, body: inboundOriginals.body })
    .from(inboundMessages)
    .leftJoin(inboundOriginals, eq(inboundOriginals.messageId, inboundMessages.id))
    .where(eq(inboundMessages.userId, userId))
    .orderBy(inboundMessages.receivedAt);
  return Promise.all(
    rows.map(async ({ id, rawKey, body }) => {
      if (rawKey) return { messageId: id, text: (await (await env.RAW.get(rawKey))?.text()) ?? null };
      return { messageId: id, text: body && new TextDecoder().decode(body) };
    }),
  );
}

/** One run of the real scheduled handler at `instant`, with `target`'s bindings (the tests' own by default). */
export async function sweepAt(instant: number, target: Env = env as Env) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: instant, cron: "*/15 * * * *" }), target, ctx);
  await waitOnExecutionContext(ctx);
}
