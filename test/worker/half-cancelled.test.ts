// "Half cancelled" only where there is a second side: an Alipay / WeChat Pay / bank / PayPal agreement outlives a
// platform cancellation; a credit card (Netflix on a Visa) has none, so cancelling on the platform is the whole of it.
import { describe, expect, it } from "vitest";
import { testDate, testNow } from "../support/clock";
import { signIn } from "../support/dashboard";
import { call, createMembership, sweepAt } from "../support/helpers";

const DAY = 86_400_000;

async function cancelledOnPlatform(channel: string) {
  const browser = await signIn({ locale: "en", timezone: "Asia/Shanghai" });
  const membership = await createMembership(browser.user.api_token, {
    name: `Netflix via ${channel}`,
    channel,
    next_renewal_on: testDate(20),
  });
  const recorded = await call("POST", `/api/v1/memberships/${membership.id}/cancellations`, {
    token: browser.user.api_token,
    body: { side: "platform", cancelled_at: new Date(testNow() - 60_000).toISOString() },
  });
  expect(recorded.status).toBe(201);
  return { browser, membership };
}

const kinds = async (token: string) =>
  ((await call("GET", "/api/v1/alerts", { token })).body.items as { kind: string }[]).map((alert) => alert.kind);

describe("half cancelled", () => {
  it("never says it of a credit-card membership: the platform side is the whole cancellation", async () => {
    const { browser, membership } = await cancelledOnPlatform("credit_card");
    const detail = (await browser.get(`/app/memberships/${membership.id}`)).html;
    expect(detail).not.toContain("Half cancelled");
    expect(detail).toContain("Cancelling on the platform is enough: Credit Card holds no separate auto-deduct");
    expect((await browser.get("/app/memberships")).html).not.toContain("Half cancelled");
    await sweepAt(testNow() + 3 * DAY);
    expect(await kinds(browser.user.api_token)).not.toContain("half_cancelled");
  });

  it("says it at once of an Alipay membership, and the sweep reminds two days later", async () => {
    const { browser, membership } = await cancelledOnPlatform("alipay");
    const detail = (await browser.get(`/app/memberships/${membership.id}`)).html;
    expect(detail).toContain("Half cancelled: the platform side is recorded, but the Alipay auto-deduct agreement");
    expect((await browser.get("/app/memberships")).html).toContain("Half cancelled");
    await sweepAt(testNow() + 3 * DAY);
    expect(await kinds(browser.user.api_token)).toContain("half_cancelled");
  });
});
