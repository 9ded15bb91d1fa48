// Every field of an event read from a notice says where it was read (a labelled value, a line, the sender's tag,
// the notice's own time), through GET /api/v1/events/{id} and the dry run; an event posted as JSON has none.
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { testDate } from "../support/clock";
import { call, createUser } from "../support/helpers";

const fixtureText = (file: string) =>
  new TextDecoder().decode(Uint8Array.from(atob(env.TEST_FIXTURES.files[file] ?? ""), (c) => c.charCodeAt(0)));

async function postSms(webhookUrl: string, from: string, text: string) {
  const response = await exports.default.fetch(
    new Request(webhookUrl, {
      method: "POST",
      body: JSON.stringify({ from, text }),
      headers: { "content-type": "application/json" },
    }),
  );
  expect(response.status).toBe(201);
}

async function onlyEvent(token: string) {
  const list = await call("GET", "/api/v1/events", { token });
  const [event] = list.body.items as { id: string }[];
  if (!event) throw new Error("no event stored");
  return call("GET", `/api/v1/events/${event.id}`, { token });
}

describe("GET /api/v1/events/{id}", () => {
  it("shows where each field of a labelled bank message was read", async () => {
    const user = await createUser();
    // The fixture's message, dated the day before the test clock: a transaction time far ahead of its arrival would
    // be no time at all, and the test would pin the calendar.
    const yesterday = testDate(-1);
    const text = fixtureText("sms/bank-wechat-official-account.txt").replace(/\d{4}-\d{2}-\d{2}/, yesterday);
    expect(text).toContain(`交易时间：${yesterday} 20:15:33`);
    await postSms(user.webhook_url, "com.tencent.mm", text);
    const response = await onlyEvent(user.api_token);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ kind: "charge", merchant: "财付通-爱奇艺", merchant_legal: null });
    expect(response.body.provenance).toEqual({
      reader: "cn-bank",
      fields: {
        amount_minor: { from: "label", label: "交易金额", text: "出账 25.00 人民币元" },
        currency: { from: "label", label: "交易金额", text: "出账 25.00 人民币元" },
        merchant: { from: "label", label: "交易类型", text: "消费财付通-爱奇艺" },
        occurred_at: { from: "label", label: "交易时间", text: `${yesterday} 20:15:33` },
        card_tail: { from: "label", label: "交易卡号", text: "尾号0877借记卡" },
        channel: { from: "label", label: "交易类型", text: "消费财付通-爱奇艺" },
      },
    });
  });

  it("says a time nobody wrote is the notice's own, and quotes the words around a value in a sentence", async () => {
    const user = await createUser();
    await postSms(user.webhook_url, "95555", "【招商银行】您尾号1234的招行信用卡消费25.00人民币，如有疑问请致电。");
    const { body } = await onlyEvent(user.api_token);
    const fields = (body.provenance as { fields: Record<string, { from: string; text?: string }> }).fields;
    expect(fields.amount_minor).toEqual({ from: "text", text: expect.stringContaining("消费25.00") });
    expect(fields.card_tail?.text).toContain("尾号1234");
    expect(fields.occurred_at).toEqual({ from: "received_at" });
  });

  it("has no provenance for an event posted as JSON, and is a 404 for an unknown or another user's id", async () => {
    const owner = await createUser();
    const other = await createUser();
    const posted = await exports.default.fetch(
      new Request(owner.webhook_url, {
        method: "POST",
        body: JSON.stringify({
          kind: "charge",
          amount_minor: 100,
          currency: "USD",
          occurred_at: "2026-01-02T03:04:05Z",
        }),
        headers: { "content-type": "application/json" },
      }),
    );
    expect(posted.status).toBe(201);
    const { body } = await onlyEvent(owner.api_token);
    expect(body.provenance).toBeNull();
    expect((await call("GET", `/api/v1/events/${body.id}`, { token: other.api_token })).status).toBe(404);
    expect((await call("GET", "/api/v1/events/evt_nothing", { token: owner.api_token })).status).toBe(404);
  });
});

describe("POST /api/v1/parse", () => {
  it("shows the reader and each field's source for a raw e-mail", async () => {
    const user = await createUser();
    const response = await exports.default.fetch(
      new Request("https://watchdog.test/api/v1/parse", {
        method: "POST",
        body: Uint8Array.from(atob(env.TEST_FIXTURES.files["email/paypal-receipt.eml"] ?? ""), (c) => c.charCodeAt(0)),
        headers: { "content-type": "message/rfc822", authorization: `Bearer ${user.api_token}` },
      }),
    );
    expect(response.status).toBe(200);
    const [item] = ((await response.json()) as { items: Record<string, unknown>[] }).items;
    const provenance = item?.provenance as { reader: string; fields: Record<string, { from: string }> };
    expect(provenance.reader).toBe("paypal");
    expect(Object.keys(provenance.fields).sort()).toEqual(
      ["amount_minor", "currency", "merchant", "occurred_at", "reference", "channel"].sort(),
    );
    expect(item?.merchant_legal).toBeNull();
  });
});
