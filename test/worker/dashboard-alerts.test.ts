// The dashboard's alert list: what the watchdog raised and how each delivery went.
import { describe, expect, it } from "vitest";
import { testNow } from "../support/clock";
import { fetchPage, signIn } from "../support/dashboard";
import { alipayCharge, call, createMembership, postEvent } from "../support/helpers";

async function deliveredAlerts(token: string, count: number) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const list = await call("GET", "/api/v1/alerts", { token });
    const items = list.body.items as { deliveries: { status: string }[] }[];
    if (items.length >= count && items.every((item) => item.deliveries.every((d) => d.status === "sent"))) return items;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const last = await call("GET", "/api/v1/alerts", { token });
  throw new Error(`alerts were not delivered: ${JSON.stringify(last.body)}`);
}

describe("dashboard alerts", () => {
  it("lists a charge after cancellation and an unknown charge, with their e-mail deliveries, in English", async () => {
    const browser = await signIn({ locale: "en", timezone: "Asia/Shanghai" });
    const token = browser.user.api_token;
    const membership = await createMembership(token);
    const cancelled = await call("POST", `/api/v1/memberships/${membership.id}/cancellations`, {
      token,
      body: { side: "platform", cancelled_at: new Date(testNow() - 7_200_000).toISOString() },
    });
    expect(cancelled.status).toBe(201);
    expect((await postEvent(browser.user.webhook_url, alipayCharge())).status).toBe(201);
    const unknown = alipayCharge({
      kind: "signup",
      merchant: "某某健身俱乐部",
      amount_minor: 19900,
      reference: "GYM-1",
    });
    expect((await postEvent(browser.user.webhook_url, unknown)).status).toBe(201);
    await deliveredAlerts(token, 2);

    const page = await browser.get("/app/alerts");
    expect(page.status).toBe(200);
    expect(page.html).toContain("Charged after cancelling");
    expect(page.html).toContain("Unknown subscription");
    expect(page.html).toContain(`href="/app/memberships/${membership.id}"`);
    expect(page.html).toContain('href="/app/inbox"');
    expect(page.html).toMatch(/E-mail: sent/);
    expect(page.html).not.toContain("<script");

    const filtered = await browser.get("/app/alerts?kind=unknown_subscription");
    expect(filtered.html).toContain("Unknown subscription");
    expect(filtered.html).not.toContain(`href="/app/memberships/${membership.id}"`);
  });

  it("speaks Chinese to a zh-CN user, shows only their own alerts, and needs a session", async () => {
    const other = await signIn({ locale: "zh-CN" });
    await postEvent(other.user.webhook_url, alipayCharge({ merchant: "神秘商户", reference: "X-1" }));
    const browser = await signIn({ locale: "zh-CN" });
    const page = await browser.get("/app/alerts");
    expect(page.html).toContain("提醒记录");
    expect(page.html).toContain("还没有提醒");
    expect(page.html).not.toContain("神秘商户");
    expect((await fetchPage("/app/alerts")).status).toBe(303);
  });
});
