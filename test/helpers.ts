// Drives the real Worker entry points the way Cloudflare would, for tests that read like promises.
import { env, exports } from "cloudflare:workers";

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
  next_renewal_on: "2026-12-01",
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
  occurred_at: new Date(Date.now() - 3_600_000).toISOString(),
  ...overrides,
});

/**
 * The originals kept for a user's inbound messages, wherever each is: in RAW (e-mails) or in D1 beside the
 * message (webhook posts). A message whose original is in neither is listed with `text: null`.
 */
export async function originalsOf(userId: string): Promise<{ messageId: string; text: string | null }[]> {
  const { results } = await env.DB.prepare(
    `select m.id, m.raw_key, o.body from inbound_messages m
     left join inbound_originals o on o.message_id = m.id where m.user_id = ? order by m.received_at`,
  )
    .bind(userId)
    .all<{ id: string; raw_key: string | null; body: number[] | ArrayBuffer | null }>();
  return Promise.all(
    results.map(async ({ id, raw_key, body }) => {
      if (raw_key) return { messageId: id, text: (await (await env.RAW.get(raw_key))?.text()) ?? null };
      const bytes = body === null ? null : body instanceof ArrayBuffer ? new Uint8Array(body) : Uint8Array.from(body);
      return { messageId: id, text: bytes && new TextDecoder().decode(bytes) };
    }),
  );
}
