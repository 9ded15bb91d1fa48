// A notice's time more than a day ahead of its arrival (FUTURE_BOUND_MS) is no time: an SMS-forwarder post
// stamped in the year 3000, an e-mail dated years ahead, a text whose own date lies years ahead all take the
// arrival time, as a notice without a time does; a time within the bound is kept as sent.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../workers/index";
import { FUTURE_BOUND_MS } from "../../workers/read/index";
import { localDate } from "../../workers/time/zones";
import { testNow } from "../support/clock";
import { call, createUser, inboundEmail } from "../support/helpers";

const HOUR = 3_600_000;
const SMS = "您尾号1234的卡消费人民币25.00元，商户：爱奇艺。【工商银行】";

/** The one event stored for the user, with the arrival time of its message. */
async function storedTimes(userId: string) {
  const row = await env.DB.prepare(
    "select e.occurred_at, m.received_at from events e join inbound_messages m on m.id = e.inbound_message_id where e.user_id = ?",
  )
    .bind(userId)
    .first<{ occurred_at: string; received_at: string }>();
  if (!row) throw new Error("no event stored");
  return { occurred: Date.parse(row.occurred_at), received: Date.parse(row.received_at) };
}

async function postSms(webhook: string, fields: Record<string, unknown>, form = false) {
  const response = await exports.default.fetch(
    new Request(webhook, {
      method: "POST",
      headers: { "content-type": form ? "application/x-www-form-urlencoded" : "application/json" },
      body: form
        ? new URLSearchParams(Object.entries(fields).map(([key, value]) => [key, String(value)]))
        : JSON.stringify(fields),
    }),
  );
  expect(response.status).toBe(201);
}

describe("far-future notice times", () => {
  it("bounds them at a day ahead of the arrival", () => {
    expect(FUTURE_BOUND_MS).toBe(24 * HOUR);
  });

  it("read an SMS-forwarder timestamp in the year 3000 as no time: the arrival time stands in", async () => {
    const year3000 = Date.UTC(3000, 0, 1);
    for (const [timestamp, form] of [
      ["3000-01-01T00:00:00+08:00", false],
      [year3000 / 1000, false],
      [String(year3000 / 1000), true],
      [new Date(testNow() + 2 * FUTURE_BOUND_MS).toISOString(), false],
      [Math.round((testNow() + FUTURE_BOUND_MS + HOUR) / 1000), true],
    ] as const) {
      const user = await createUser();
      await postSms(user.webhook_url, { from: "95588", content: SMS, timestamp }, form);
      const { occurred, received } = await storedTimes(user.id);
      expect(occurred, String(timestamp)).toBe(received);
    }
  });

  it("keep a timestamp within the bound as sent, ahead or behind", async () => {
    for (const offset of [-3 * HOUR, 2 * HOUR, FUTURE_BOUND_MS - HOUR]) {
      const user = await createUser();
      const sent = Math.round((testNow() + offset) / 1000) * 1000;
      await postSms(user.webhook_url, { from: "95588", content: SMS, timestamp: new Date(sent).toISOString() });
      expect((await storedTimes(user.id)).occurred, String(offset)).toBe(sent);
    }
  });

  it("read an e-mail dated years ahead as received now", async () => {
    const user = await createUser();
    const raw = [
      "From: service@mail.alipay.com",
      `To: ${user.inbound_address}`,
      "Subject: Alipay",
      "Date: Wed, 01 Jan 3000 10:00:00 +0800",
      `Message-ID: <far-future-${crypto.randomUUID()}@mail.alipay.com>`,
      "Content-Type: text/plain; charset=utf-8",
      "",
      "自动扣款成功 扣款金额 25.00元 扣款说明：爱奇艺黄金VIP会员连续包月",
      "",
    ].join("\r\n");
    const { message, rejections } = inboundEmail(user.inbound_address, raw);
    const ctx = createExecutionContext();
    await worker.email(message, env, ctx);
    await waitOnExecutionContext(ctx);
    expect(rejections).toEqual([]);
    const { occurred, received } = await storedTimes(user.id);
    expect(occurred).toBe(received);
  });

  it("read a date in the text years ahead as no date, in the stored event and the dry run alike", async () => {
    const ahead = Number(localDate(testNow(), "Asia/Shanghai").slice(0, 4)) + 5;
    const text = `您尾号1234的卡于${ahead}年01月01日10:00消费人民币25.00元，商户：爱奇艺。【工商银行】`;
    const user = await createUser();
    await postSms(user.webhook_url, { from: "95588", content: text });
    const { occurred, received } = await storedTimes(user.id);
    expect(occurred).toBe(received);

    const before = testNow();
    const dry = await call("POST", "/api/v1/parse", {
      token: user.api_token,
      body: { from: "95588", content: text, timestamp: "3000-01-01T00:00:00+08:00" },
    });
    expect(dry.status).toBe(200);
    const [event] = dry.body.items as { occurred_at: string }[];
    const dryOccurred = Date.parse(event?.occurred_at ?? "");
    expect(dryOccurred).toBeGreaterThanOrEqual(before - 1000);
    expect(dryOccurred).toBeLessThanOrEqual(testNow() + 1000);
  });
});
