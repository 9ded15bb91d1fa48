// Alerts that can be dealt with, on the dashboard: each open alert on /app/alerts has a resolve form (no script,
// CSRF token), resolved ones stay listed with their reason, Home's "needs action" shows open ones only, and a filter
// that finds nothing says so instead of "no alerts yet".
import { describe, expect, it } from "vitest";
import { testNow } from "../support/clock";
import { type Browser, fetchPage, signIn } from "../support/dashboard";
import { alipayCharge, call, createMembership, postEvent } from "../support/helpers";

const hoursAgo = (hours: number) => new Date(testNow() - hours * 3_600_000).toISOString();

/** An unknown subscription (an Alipay sign-up nothing claims), its event and its alert. */
async function unknownSignup(browser: Browser, merchant = "某某健身俱乐部") {
  const posted = await postEvent(
    browser.user.webhook_url,
    alipayCharge({ kind: "signup", merchant, amount_minor: 19900, occurred_at: hoursAgo(1), reference: merchant }),
  );
  expect(posted.status).toBe(201);
  const [event] = ((await posted.json()) as { events: { id: string }[] }).events;
  const alerts = await call("GET", "/api/v1/alerts?kind=unknown_subscription", { token: browser.user.api_token });
  const alert = (alerts.body.items as { id: string; event_id: string }[]).find((each) => each.event_id === event?.id);
  expect(alert).toBeDefined();
  return { eventId: event?.id as string, alertId: alert?.id as string };
}

/** The <article> of one alert on the alerts page. */
const card = (html: string, id: string) =>
  html.match(new RegExp(`<article[^>]*id="${id}"[\\s\\S]*?</article>`))?.[0] ?? "";

const stateOf = async (browser: Browser, id: string) => {
  const list = await call("GET", "/api/v1/alerts", { token: browser.user.api_token });
  return (list.body.items as { id: string; state: string; resolution: unknown }[]).find((alert) => alert.id === id);
};

describe("resolving alerts on the dashboard", () => {
  it("offers a resolve form on an open alert, and keeps the resolved one listed with its reason", async () => {
    const browser = await signIn({ locale: "en", timezone: "Asia/Shanghai" });
    const { alertId } = await unknownSignup(browser);

    const home = await browser.get("/app");
    expect(home.html).toContain('<li class="action unknown_subscription"');
    expect(home.html).toContain(`href="/app/alerts?state=open#${alertId}"`);

    const page = await browser.get("/app/alerts");
    const open = card(page.html, alertId);
    expect(open).toContain(`action="/app/alerts/${alertId}/resolve"`);
    expect(open).toMatch(/<input type="hidden" name="_csrf" value="[^"]+"/);
    for (const reason of ["refunded", "disputed", "not_mine", "ignored"]) {
      expect(open).toContain(`<option value="${reason}">`);
    }
    expect(open).toContain(">Mark resolved</button>");
    expect(page.html).not.toContain("<script");

    const resolved = await browser.post(`/app/alerts/${alertId}/resolve`, { reason: "refunded" });
    expect(resolved.status).toBe(303);
    expect(resolved.location).toBe(`/app/alerts?done=resolved#${alertId}`);
    expect(await stateOf(browser, alertId)).toMatchObject({ state: "resolved", resolution: { reason: "refunded" } });

    const after = await browser.get("/app/alerts?done=resolved");
    expect(after.html).toContain("Marked resolved");
    const done = card(after.html, alertId);
    expect(done).toContain('data-state="resolved"');
    expect(done).toMatch(/Resolved: Refunded · \d{4}-\d{2}-\d{2}/);
    expect(done).not.toContain("<form");
    expect(card((await browser.get("/app/alerts?state=resolved")).html, alertId)).toContain("Resolved: Refunded");
    expect(card((await browser.get("/app/alerts?state=open")).html, alertId)).toBe("");

    const homeAfter = await browser.get("/app");
    expect(homeAfter.html).not.toContain('<li class="action unknown_subscription"');
    expect(homeAfter.html).toContain("Nothing needs your action");
  });

  it("keeps the filter it was posted from, and shows what the watchdog resolved by itself", async () => {
    const browser = await signIn({ locale: "en" });
    const { eventId, alertId } = await unknownSignup(browser);
    const other = await unknownSignup(browser, "Globex Streaming");
    await browser.get("/app/alerts?kind=unknown_subscription&state=open");
    const resolved = await browser.post(`/app/alerts/${other.alertId}/resolve?kind=unknown_subscription&state=open`, {
      reason: "not_mine",
    });
    expect(resolved.location).toBe(`/app/alerts?kind=unknown_subscription&state=open&done=resolved#${other.alertId}`);

    const membership = await createMembership(browser.user.api_token, { name: "Gym", merchant_aliases: [] });
    await call("PATCH", `/api/v1/events/${eventId}`, {
      token: browser.user.api_token,
      body: { membership_id: membership.id },
    });
    const page = await browser.get("/app/alerts?state=resolved");
    expect(card(page.html, alertId)).toContain("Resolved by itself: Assigned to a membership");
    expect(card(page.html, other.alertId)).toContain("Resolved: Not mine");
  });

  it("speaks Chinese to a zh-CN user", async () => {
    const browser = await signIn({ locale: "zh-CN" });
    const { alertId } = await unknownSignup(browser);
    const page = await browser.get("/app/alerts");
    expect(card(page.html, alertId)).toContain(">标为已处理</button>");
    expect(card(page.html, alertId)).toContain('<option value="not_mine">不是我的</option>');
    await browser.post(`/app/alerts/${alertId}/resolve`, { reason: "disputed" });
    expect(card((await browser.get("/app/alerts")).html, alertId)).toContain("已处理：已申诉，等待结果");
  });

  it("refuses a post without a reason, another user's alert, a second resolve and a foreign form, changing nothing", async () => {
    const alice = await signIn({ locale: "en" });
    const bob = await signIn({ locale: "en" });
    const { alertId } = await unknownSignup(alice);
    const path = `/app/alerts/${alertId}/resolve`;

    const empty = await alice.post(path, { reason: "" });
    expect(empty.status).toBe(400);
    expect(empty.html).toContain("Choose an outcome first.");
    expect((await alice.post(path, { reason: "kept_it" })).status).toBe(400);
    expect((await bob.post(path, { reason: "refunded" })).status).toBe(404);
    const foreign = await fetchPage(path, {
      cookie: alice.cookie,
      form: { reason: "refunded" },
      headers: { origin: "https://evil.example" },
    });
    expect(foreign.status).toBe(403);
    expect(await stateOf(alice, alertId)).toMatchObject({ state: "open", resolution: null });

    expect((await alice.post(path, { reason: "ignored" })).status).toBe(303);
    const twice = await alice.post(path, { reason: "refunded" });
    expect(twice.status).toBe(409);
    expect(twice.html).toContain("This alert was already resolved.");
    expect(await stateOf(alice, alertId)).toMatchObject({ resolution: { reason: "ignored" } });
  });
});

describe("a filter that finds nothing", () => {
  it("says no alert matches it and offers to clear it, while other alerts exist", async () => {
    const browser = await signIn({ locale: "en" });
    await unknownSignup(browser);
    for (const filter of ["?state=resolved", "?kind=trial_ending", "?kind=unknown_subscription&state=resolved"]) {
      const page = await browser.get(`/app/alerts${filter}`);
      expect(page.html, filter).toContain("No alerts match this filter.");
      expect(page.html, filter).toContain('<a href="/app/alerts">Show all alerts</a>');
      expect(page.html, filter).not.toContain("No alerts yet");
    }
  });

  it("says it in Chinese too, and still says there are none yet when there are none", async () => {
    const browser = await signIn({ locale: "zh-CN" });
    expect((await browser.get("/app/alerts")).html).toContain("还没有提醒");
    await unknownSignup(browser);
    const page = await browser.get("/app/alerts?state=resolved");
    expect(page.html).toContain("没有符合这个筛选条件的提醒。");
    expect(page.html).toContain('<a href="/app/alerts">查看全部提醒</a>');
    expect(page.html).not.toContain("还没有提醒");
  });
});
