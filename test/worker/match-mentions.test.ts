// A notice whose merchant line names only the company that collected the money still belongs to the membership
// it names elsewhere ("用途：喜马拉雅会员自动续费"), through the webhook and through the dry run alike; without that
// mention it belongs to none.
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, createMembership, createUser } from "../support/helpers";

const PAYEE_LINE = "【浙商银行】您尾号1234的借记卡快捷支付扣款25.00元，交易对方：深圳市某某网络科技有限公司";
const WITH_MENTION = `${PAYEE_LINE}，用途：喜马拉雅会员自动续费。`;
const WITHOUT_MENTION = `${PAYEE_LINE}。`;

async function setUp() {
  const user = await createUser();
  const membership = await createMembership(user.api_token, {
    name: "喜马拉雅会员",
    merchant_aliases: ["喜马拉雅"],
    channel: "bank_card",
  });
  return { user, membership };
}

async function dryRun(token: string, text: string) {
  const response = await exports.default.fetch(
    new Request("https://watchdog.test/api/v1/parse", {
      method: "POST",
      body: text,
      headers: { "content-type": "text/plain", authorization: `Bearer ${token}` },
    }),
  );
  expect(response.status).toBe(200);
  const [item] = ((await response.json()) as { items: { membership_id: string | null }[] }).items;
  return item;
}

describe("a membership the notice names besides its merchant", () => {
  it("is matched in the dry run, and not when the notice does not name it", async () => {
    const { user, membership } = await setUp();
    expect((await dryRun(user.api_token, WITH_MENTION))?.membership_id).toBe(membership.id);
    expect((await dryRun(user.api_token, WITHOUT_MENTION))?.membership_id).toBeNull();
  });

  it("is matched when the notice arrives through the webhook", async () => {
    const { user, membership } = await setUp();
    for (const text of [WITH_MENTION, WITHOUT_MENTION]) {
      const response = await exports.default.fetch(
        new Request(user.webhook_url, {
          method: "POST",
          body: JSON.stringify({ from: "95527", text }),
          headers: { "content-type": "application/json" },
        }),
      );
      expect(response.status).toBe(201);
    }
    const events = (await call("GET", "/api/v1/events", { token: user.api_token })).body.items as {
      membership_id: string | null;
    }[];
    expect(events.map((event) => event.membership_id).sort()).toEqual([membership.id, null].sort());
  });
});
