import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../workers/index";
import { fixtureText } from "../support/fixtures";
import { createUser, inboundEmail, originalsOf, sweepAt } from "../support/helpers";

const ALIPAY_MAIL = fixtureText("inline/alipay-auto-debit-return-path.eml");

async function mail(to: string, raw: string) {
  const { message, rejections } = inboundEmail(to, raw);
  const ctx = createExecutionContext();
  await worker.email(message, env, ctx);
  await waitOnExecutionContext(ctx);
  return rejections;
}

async function hook(url: string, body: BodyInit, contentType: string, headers: Record<string, string> = {}) {
  const response = await exports.default.fetch(
    new Request(url, { method: "POST", body, headers: { "content-type": contentType, ...headers } }),
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const count = (sql: string, ...bindings: unknown[]) =>
  env.DB.prepare(sql)
    .bind(...bindings)
    .first<number>("n");

describe("inbound e-mail", () => {
  it("keeps the original, records the message and reads it into one event", async () => {
    const user = await createUser();
    expect(await mail(user.inbound_address, ALIPAY_MAIL)).toEqual([]);
    const row = await env.DB.prepare("select * from inbound_messages where user_id = ?").bind(user.id).first();
    expect(row).toMatchObject({ source: "email", status: "processed", attempts: 1, content_type: "message/rfc822" });
    const original = await env.RAW.get(String(row?.raw_key));
    expect(await original?.text()).toBe(ALIPAY_MAIL);
    expect(await count("select count(*) as n from events where inbound_message_id = ?", row?.id)).toBe(1);
  });

  it("gives one event for the same e-mail delivered three times", async () => {
    const user = await createUser();
    for (let i = 0; i < 3; i += 1) await mail(user.inbound_address, ALIPAY_MAIL);
    expect(await count("select count(*) as n from inbound_messages where user_id = ?", user.id)).toBe(1);
    expect(await count("select count(*) as n from events where user_id = ?", user.id)).toBe(1);
  });

  it("stores one message, one event and one original when the same e-mail arrives four times at once", async () => {
    const user = await createUser();
    const results = await Promise.all(Array.from({ length: 4 }, () => mail(user.inbound_address, ALIPAY_MAIL)));
    expect(results).toEqual([[], [], [], []]);
    expect(await count("select count(*) as n from inbound_messages where user_id = ?", user.id)).toBe(1);
    expect(await count("select count(*) as n from events where user_id = ?", user.id)).toBe(1);
    // The losers' originals were put in RAW before they lost: they are removed again.
    expect((await env.RAW.list({ prefix: `raw/${user.id}/` })).objects).toHaveLength(1);
    expect(await originalsOf(user.id)).toEqual([expect.objectContaining({ text: ALIPAY_MAIL })]);
  });

  it.each([
    ["malformed MIME", "this is not\r\n\r\nan e-mail at all: \u0000\u0001 --boundary--"],
    [
      "an unknown charset",
      ALIPAY_MAIL.replace("charset=UTF-8", "charset=x-klingon-8").replace(/Message-ID:.*\r\n/, ""),
    ],
    ["an empty body", "From: a@example.com\r\nSubject: empty\r\n\r\n"],
    [
      "a broken multipart",
      'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/html; charset=gbk\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not base64!!!',
    ],
  ])("never throws on %s and records it as an event of kind other or better", async (_case, raw) => {
    const user = await createUser();
    expect(await mail(user.inbound_address, raw)).toEqual([]);
    const row = await env.DB.prepare("select status from inbound_messages where user_id = ?").bind(user.id).first();
    expect(row?.status).toBe("processed");
    expect(await count("select count(*) as n from events where user_id = ?", user.id)).toBe(1);
  });

  it("rejects mail over the size bound without storing it", async () => {
    const user = await createUser();
    const { message, rejections } = inboundEmail(user.inbound_address, ALIPAY_MAIL);
    Object.defineProperty(message, "rawSize", { value: 11 * 1024 * 1024 });
    await worker.email(message, env, createExecutionContext());
    expect(rejections[0]).toMatch(/too large/i);
    expect(await count("select count(*) as n from inbound_messages where user_id = ?", user.id)).toBe(0);
  });
});

describe("POST /hooks/{webhook_token}", () => {
  const sms = "您账户1234于11月20日10:00在【支付宝-爱奇艺】发生快捷支付扣款，人民币25.00【招商银行】";

  it("stores an SMS-forwarder form post once, however often it is posted", async () => {
    const user = await createUser();
    const form = new URLSearchParams({
      from: "95555",
      content: `95555\n${sms}\nSIM1_中国移动_\nSubId：1\n2026-11-20 10:00:03\nPixel 8`,
      timestamp: "1763604003000",
      sign: "abc%3D",
    }).toString();
    const first = await hook(user.webhook_url, form, "application/x-www-form-urlencoded");
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ duplicate: false, status: "processed" });
    expect(first.body.events).toHaveLength(1);
    for (let i = 0; i < 2; i += 1) {
      const again = await hook(user.webhook_url, form, "application/x-www-form-urlencoded");
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ duplicate: true, inbound_message_id: first.body.inbound_message_id });
    }
    expect(await count("select count(*) as n from events where user_id = ?", user.id)).toBe(1);
    const row = await env.DB.prepare("select raw_key, sender from inbound_messages where user_id = ?")
      .bind(user.id)
      .first();
    expect(row?.sender).toBe("95555");
    // The post is kept byte for byte beside its message in D1, not as an object in RAW.
    expect(row?.raw_key).toBeNull();
    expect(await originalsOf(user.id)).toEqual([{ messageId: first.body.inbound_message_id, text: form }]);
  });

  it("stores one message and one event when the same SMS is posted five times at once", async () => {
    const user = await createUser();
    const body = JSON.stringify({ from: "95555", content: sms, timestamp: "2026-11-20T10:00:03+08:00" });
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => hook(user.webhook_url, body, "application/json")),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 200, 201]);
    // Every answer names the one stored message and its one event.
    const ids = new Set(answers.map((answer) => answer.body.inbound_message_id));
    expect(ids.size).toBe(1);
    for (const answer of answers) expect(answer.body.events).toHaveLength(1);
    expect(await count("select count(*) as n from inbound_messages where user_id = ?", user.id)).toBe(1);
    expect(await count("select count(*) as n from events where user_id = ?", user.id)).toBe(1);
    expect(await originalsOf(user.id)).toEqual([{ messageId: [...ids][0], text: body }]);
  });

  it("checks who is posting before what: an unknown webhook is 404 whatever the body", async () => {
    const unknown = `https://watchdog.test/hooks/wh${"a".repeat(32)}`;
    for (const [body, type] of [
      ["", "application/json"],
      ["{not json", "application/json"],
      ["GIF89a", "image/gif"],
    ]) {
      expect((await hook(unknown, body as string, type as string)).status).toBe(404);
    }
  });

  it("accepts the project's own event JSON and deduplicates it by reference", async () => {
    const user = await createUser();
    const event = {
      kind: "charge",
      amount_minor: 1199,
      currency: "USD",
      merchant: "Spotify AB",
      occurred_at: "2026-11-20T08:00:00Z",
      reference: "TX-778812",
      channel: "paypal",
    };
    const first = await hook(user.webhook_url, JSON.stringify(event), "application/json");
    expect(first.status).toBe(201);
    expect(first.body.events).toEqual([
      expect.objectContaining({ ...event, occurred_at: "2026-11-20T08:00:00.000Z", card_tail: null, renews_at: null }),
    ]);
    const replay = await hook(user.webhook_url, JSON.stringify({ ...event, merchant: "Spotify" }), "application/json");
    expect(replay.body.duplicate).toBe(true);
    expect(await count("select count(*) as n from events where user_id = ?", user.id)).toBe(1);
  });

  it.each([
    ["malformed JSON", '{"kind": "charge",', "application/json", 400, "malformed_json"],
    ["a bad event field", '{"kind":"charge","occurred_at":"yesterday"}', "application/json", 400, "invalid_request"],
    [
      "an event with an amount but no currency",
      '{"kind":"charge","occurred_at":"2026-11-20T08:00:00Z","amount_minor":5}',
      "application/json",
      400,
      "invalid_request",
    ],
    ["JSON without any SMS text", '{"from":"95555"}', "application/json", 400, "invalid_request"],
    ["a JSON array", "[1,2]", "application/json", 415, "unsupported_media_type"],
    ["a multipart body", "--x--", "multipart/form-data; boundary=x", 415, "unsupported_media_type"],
    ["an empty body", "", "application/json", 400, "empty_body"],
    ["an image", "GIF89a", "image/gif", 415, "unsupported_media_type"],
  ])("answers %s with a clear 4xx and stores nothing", async (_case, body, contentType, status, code) => {
    const user = await createUser();
    const response = await hook(user.webhook_url, body, contentType);
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ error: { code } });
    expect(await count("select count(*) as n from inbound_messages where user_id = ?", user.id)).toBe(0);
  });

  it("answers 413 to a 6 MB body and 404 to unknown tokens", async () => {
    const user = await createUser();
    const huge = await hook(user.webhook_url, `{"text":"${"x".repeat(6 * 1024 * 1024)}"}`, "application/json");
    expect(huge.status).toBe(413);
    const unknown = await hook(
      "https://watchdog.test/hooks/whaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      '{"text":"hi"}',
      "application/json",
    );
    expect(unknown.status).toBe(404);
    const garbage = await hook("https://watchdog.test/hooks/..%2F..%2Fapi", '{"text":"hi"}', "application/json");
    expect(garbage.status).toBe(404);
    expect(await count("select count(*) as n from inbound_messages where user_id = ?", user.id)).toBe(0);
  });
});

describe("the sweep retries what was not read", () => {
  it("reads a message left pending by a crashed handler from its kept original", async () => {
    const user = await createUser();
    // What a handler leaves behind if it dies after recording the message, before reading it.
    await env.RAW.put(`raw/${user.id}/msg_crashed`, ALIPAY_MAIL);
    await env.DB.prepare(
      `insert into inbound_messages (id, user_id, source, dedupe_key, received_at, content_type, raw_size, raw_key, status)
       values ('msg_crashed', ?, 'email', 'mid:<crashed@x>', '2026-11-20T02:00:00.000Z', 'message/rfc822', 10, ?, 'pending')`,
    )
      .bind(user.id, `raw/${user.id}/msg_crashed`)
      .run();
    await sweepAt(Date.parse("2026-11-20T02:00:30Z")); // too fresh: its handler may still be at work
    expect(await count("select count(*) as n from events where inbound_message_id = 'msg_crashed'")).toBe(0);
    await sweepAt(Date.parse("2026-11-20T02:05:00Z"));
    expect(await count("select count(*) as n from events where inbound_message_id = 'msg_crashed'")).toBe(1);
    await sweepAt(Date.parse("2026-11-20T02:20:00Z"));
    expect(await count("select count(*) as n from events where inbound_message_id = 'msg_crashed'")).toBe(1);
    const row = await env.DB.prepare("select status, attempts from inbound_messages where id = 'msg_crashed'").first();
    expect(row).toEqual({ status: "processed", attempts: 1 });
  });

  it("keeps an unreadable message as failed with its error, and stops after the attempt cap", async () => {
    const user = await createUser();
    await env.RAW.put(`raw/${user.id}/msg_bad`, "\u0000\u0001");
    await env.DB.prepare(
      `insert into inbound_messages (id, user_id, source, dedupe_key, received_at, content_type, raw_size, raw_key, status)
       values ('msg_bad', ?, 'webhook', 'sha256:bad', '2026-11-20T02:00:00.000Z', 'application/octet-stream', 2, ?, 'pending')`,
    )
      .bind(user.id, `raw/${user.id}/msg_bad`)
      .run();
    for (let minute = 5; minute < 60; minute += 5) await sweepAt(Date.parse("2026-11-20T02:00:00Z") + minute * 60_000);
    const row = await env.DB.prepare(
      "select status, attempts, last_error from inbound_messages where id = 'msg_bad'",
    ).first();
    expect(row).toMatchObject({ status: "failed", attempts: 5 });
    expect(String(row?.last_error)).toContain("unreadable webhook body");
  });
});
