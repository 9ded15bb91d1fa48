// The timeline link in alerts: signed for one membership, expiring, and the page opens without a token.
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { LINK_DAYS, timelineLink } from "../../workers/secrets/links";
import { testDate, testNow } from "../support/clock";
import { alipayCharge, call, createMembership, createUser, postEvent } from "../support/helpers";

const open = (url: string) => exports.default.fetch(new Request(url));

async function alertWithLink() {
  const user = await createUser({ locale: "zh-CN" });
  const membership = await createMembership(user.api_token, { next_renewal_on: testDate(40) });
  await call("POST", `/api/v1/memberships/${membership.id}/cancellations`, {
    token: user.api_token,
    body: { side: "platform", cancelled_at: new Date(testNow() - 7_200_000).toISOString() },
  });
  const response = await postEvent(user.webhook_url, alipayCharge());
  expect(response.status).toBe(201);
  const row = await env.DB.prepare("select body from alerts where user_id = ?").bind(user.id).first<{ body: string }>();
  const link = /https:\/\/watchdog\.test\/timeline\/\S+/.exec(row?.body ?? "")?.[0];
  return { user, membership, link };
}

describe("timeline links in alerts", () => {
  it("puts a signed link to the membership's timeline in the alert, which opens the page without a token", async () => {
    const { membership, link } = await alertWithLink();
    expect(link).toMatch(new RegExp(`/timeline/${membership.id}\\?exp=\\d+&sig=[\\w-]+$`));
    const page = await open(link as string);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    const html = await page.text();
    expect(html).toContain("爱奇艺黄金VIP");
    expect(html).toContain("¥25.00");
  });

  it("refuses a tampered, re-targeted, expired or unsigned link with 403", async () => {
    const { link } = await alertWithLink();
    const other = await alertWithLink();
    const url = new URL(link as string);
    const sig = url.searchParams.get("sig") as string;
    // Change a full-value character (the last one carries padding bits), to a different one for sure.
    const flipped = `${sig.slice(0, -2)}${sig.at(-2) === "A" ? "B" : "A"}${sig.slice(-1)}`;
    const attempts = [
      `${url.origin}${url.pathname}?exp=${url.searchParams.get("exp")}&sig=${flipped}`,
      `${url.origin}${url.pathname}?exp=${Number(url.searchParams.get("exp")) + 1}&sig=${sig}`,
      `${url.origin}/timeline/${other.membership.id}?exp=${url.searchParams.get("exp")}&sig=${sig}`,
      `${url.origin}${url.pathname}`,
      `${url.origin}${url.pathname}?exp=abc&sig=%%%`,
    ];
    for (const attempt of attempts) {
      const response = await open(attempt);
      expect(response.status, attempt).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: "invalid_link" } });
    }
    const expired = await timelineLink(
      { publicUrl: "https://watchdog.test", secret: "test-link-secret-0123456789abcdef" },
      other.membership.id,
      testNow() - (LINK_DAYS + 1) * 86_400_000,
    );
    expect((await open(expired)).status).toBe(403);
  });
});
