import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, createUser } from "../support/helpers";

async function postEvent(webhookUrl: string, event: Record<string, unknown>) {
  const response = await exports.default.fetch(
    new Request(webhookUrl, {
      method: "POST",
      body: JSON.stringify(event),
      headers: { "content-type": "application/json" },
    }),
  );
  expect(response.status).toBe(201);
}

const charge = {
  kind: "charge",
  amount_minor: 2500,
  currency: "CNY",
  merchant: "支付宝-爱奇艺",
  occurred_at: "2026-11-20T02:00:00Z",
  reference: "2026112022001",
  channel: "alipay",
};

describe("GET /api/v1/events", () => {
  it("lists the user's events newest first, filtered by kind and matching", async () => {
    const user = await createUser();
    await postEvent(user.webhook_url, charge);
    await postEvent(user.webhook_url, {
      ...charge,
      kind: "refund",
      reference: "R-1",
      occurred_at: "2026-11-21T02:00:00Z",
    });
    const all = await call("GET", "/api/v1/events", { token: user.api_token });
    expect(all.status).toBe(200);
    expect((all.body.items as { kind: string }[]).map((event) => event.kind)).toEqual(["refund", "charge"]);
    const refunds = await call("GET", "/api/v1/events?kind=refund", { token: user.api_token });
    expect(refunds.body.items).toHaveLength(1);
    const unmatched = await call("GET", "/api/v1/events?unmatched=true", { token: user.api_token });
    expect(unmatched.body.items).toHaveLength(2);
    const matched = await call("GET", "/api/v1/events?unmatched=false", { token: user.api_token });
    expect(matched.body.items).toHaveLength(0);
  });

  it("never shows another user's events", async () => {
    const owner = await createUser();
    const other = await createUser();
    await postEvent(owner.webhook_url, charge);
    expect((await call("GET", "/api/v1/events", { token: other.api_token })).body.items).toEqual([]);
  });

  it("answers bad filters with 400 naming them", async () => {
    const user = await createUser();
    const response = await call("GET", "/api/v1/events?kind=salary&limit=0", { token: user.api_token });
    expect(response.status).toBe(400);
    expect((response.body.error as { message: string }).message).toMatch(/^query\.(kind|limit)/);
  });
});

describe("POST /api/v1/parse", () => {
  async function parse(token: string, body: string, contentType: string) {
    const response = await exports.default.fetch(
      new Request("https://watchdog.test/api/v1/parse", {
        method: "POST",
        body,
        headers: { "content-type": contentType, authorization: `Bearer ${token}` },
      }),
    );
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it("reads a raw e-mail, an SMS and event JSON without storing anything", async () => {
    const user = await createUser();
    const mail = "From: Apple <no_reply@email.apple.com>\r\nSubject: Your receipt from Apple.\r\n\r\nTOTAL: $18.00\r\n";
    for (const [body, type] of [
      [mail, "message/rfc822"],
      ["您尾号1234的招行信用卡消费25.00人民币【招商银行】", "text/plain"],
      [JSON.stringify(charge), "application/json"],
    ] as const) {
      const response = await parse(user.api_token, body, type);
      expect(response.status, type).toBe(200);
      expect(response.body.items).toEqual([expect.objectContaining({ membership_id: null })]);
    }
    const json = await parse(user.api_token, JSON.stringify(charge), "application/json");
    expect(json.body.items).toEqual([expect.objectContaining({ ...charge, occurred_at: "2026-11-20T02:00:00.000Z" })]);
    for (const table of ["inbound_messages", "events", "alerts"]) {
      const stored = await env.DB.prepare(`select count(*) as n from ${table} where user_id = ?`)
        .bind(user.id)
        .first("n");
      expect(stored, table).toBe(0);
    }
  });

  it("says which membership the event would match, and why", async () => {
    const user = await createUser();
    const created = await call("POST", "/api/v1/memberships", {
      token: user.api_token,
      body: {
        name: "爱奇艺黄金VIP",
        merchant_aliases: ["爱奇艺"],
        amount_minor: 2500,
        currency: "CNY",
        cycle_unit: "month",
        next_renewal_on: "2026-11-21",
        channel: "alipay",
      },
    });
    const response = await parse(user.api_token, JSON.stringify(charge), "application/json");
    expect(response.body.items).toEqual([
      expect.objectContaining({ membership_id: created.body.id, match: expect.objectContaining({ alias: "爱奇艺" }) }),
    ]);
    const stored = await env.DB.prepare("select count(*) as n from events where user_id = ?").bind(user.id).first("n");
    expect(stored).toBe(0);
  });

  it("answers unreadable bodies with 400 and needs a token", async () => {
    const user = await createUser();
    expect((await parse(user.api_token, "{oops", "application/json")).status).toBe(400);
    expect((await parse(user.api_token, "", "text/plain")).status).toBe(400);
    expect((await parse("nope", "hello", "text/plain")).status).toBe(401);
  });
});
