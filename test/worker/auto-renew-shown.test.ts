// A cancelled or ended membership does not renew, and its pages say so: its stored switch may still be on
// (recording a cancellation changes the status, not the switch), but "自动续费 开" would tell the user otherwise.
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { addDays, localDate, zonedInstant } from "../../workers/time/zones";
import { testNow } from "../support/clock";
import { signIn } from "../support/dashboard";
import { call, createMembership, sweepAt } from "../support/helpers";

async function cancelled(locale: "zh-CN" | "en") {
  const browser = await signIn({ locale, timezone: "Asia/Shanghai" });
  const renewal = addDays(localDate(testNow(), "Asia/Shanghai"), 10);
  const membership = await createMembership(browser.user.api_token, { next_renewal_on: renewal, auto_renew: true });
  const recorded = await call("POST", `/api/v1/memberships/${membership.id}/cancellations`, {
    token: browser.user.api_token,
    body: { side: "platform", cancelled_at: new Date(testNow() - 3_600_000).toISOString() },
  });
  expect(recorded.status).toBe(201);
  const stored = await call("GET", `/api/v1/memberships/${membership.id}`, { token: browser.user.api_token });
  expect(stored.body).toMatchObject({ status: "cancelled", auto_renew: true });
  return { browser, membership, renewal };
}

/** The value shown beside 自动续费 / Auto-renew on the membership's page. */
const detailAutoRenew = (html: string) => html.match(/<dt>(?:自动续费|Auto-renew)<\/dt><dd>([^<]*)<\/dd>/)?.[1];

async function printed(token: string, id: string) {
  const response = await exports.default.fetch(
    new Request(`https://watchdog.test/api/v1/memberships/${id}/timeline?format=html`, {
      headers: { authorization: `Bearer ${token}` },
    }),
  );
  expect(response.status).toBe(200);
  return (await response.text()).match(/<tr><th>(?:自动续费|Auto-renew)<\/th><td>([^<]*)<\/td><\/tr>/)?.[1];
}

describe("auto-renew on a membership that will not renew", () => {
  it("shows 关（已取消） on the page and in the printable timeline of a cancelled membership", async () => {
    const { browser, membership } = await cancelled("zh-CN");
    expect(detailAutoRenew((await browser.get(`/app/memberships/${membership.id}`)).html)).toBe("关（已取消）");
    expect(await printed(browser.user.api_token, membership.id)).toBe("关（已取消）");
    const list = (await browser.get("/app/memberships")).html;
    const row = list.slice(list.indexOf(`href="/app/memberships/${membership.id}"`));
    expect(row.slice(0, row.indexOf("</li>"))).toContain("不会再续费");
  });

  it("says Off (cancelled) in English, and Off (ended) once its paid period is over", async () => {
    const { browser, membership, renewal } = await cancelled("en");
    expect(detailAutoRenew((await browser.get(`/app/memberships/${membership.id}`)).html)).toBe("Off (cancelled)");
    expect(await printed(browser.user.api_token, membership.id)).toBe("Off (cancelled)");

    await sweepAt(zonedInstant(Date.parse(`${renewal}T00:00:00Z`), "Asia/Shanghai"));
    const ended = await call("GET", `/api/v1/memberships/${membership.id}`, { token: browser.user.api_token });
    expect(ended.body.status).toBe("ended");
    expect(detailAutoRenew((await browser.get(`/app/memberships/${membership.id}`)).html)).toBe("Off (ended)");
    expect(await printed(browser.user.api_token, membership.id)).toBe("Off (ended)");
  });

  it("still shows an active membership's own switch", async () => {
    const browser = await signIn({ locale: "zh-CN" });
    const on = await createMembership(browser.user.api_token);
    const off = await createMembership(browser.user.api_token, { auto_renew: false });
    expect(detailAutoRenew((await browser.get(`/app/memberships/${on.id}`)).html)).toBe("开");
    expect(detailAutoRenew((await browser.get(`/app/memberships/${off.id}`)).html)).toBe("关");
    expect(await printed(browser.user.api_token, on.id)).toBe("开");
  });
});
