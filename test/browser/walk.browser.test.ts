// A new user's walk through every page in Chromium at 375 px: root → login → home, an alert resolved with a
// reason, an inbox item dismissed as a one-off, then the same pages in the other language — and no page, /docs
// and the printable timeline included, scrolls sideways.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  api,
  createUser,
  horizontalOverflow,
  launchBrowser,
  openTab,
  screenshot,
  shanghaiDate,
  signIn,
  worker,
} from "./harness";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function post(url: string, body: Record<string, unknown>) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { events: { id: string; membership_id: string | null }[] };
}

/** A user with a membership charged after its cancellation, and a sign-up from a merchant nothing knows. */
async function userWithAlerts(locale: "zh-CN" | "en") {
  const user = await createUser({ locale, timezone: "Asia/Shanghai" });
  const membership = await api("POST", "/api/v1/memberships", user.api_token, {
    name: "爱奇艺黄金VIP",
    merchant_aliases: ["爱奇艺", "支付宝-爱奇艺"],
    amount_minor: 2500,
    currency: "CNY",
    cycle_unit: "month",
    cycle_count: 1,
    next_renewal_on: shanghaiDate(20),
    auto_renew: true,
    channel: "alipay",
  });
  expect(membership.status).toBe(201);
  const membershipId = membership.body.id as string;
  for (const side of ["platform", "payment_channel"]) {
    const cancelled = await api("POST", `/api/v1/memberships/${membershipId}/cancellations`, user.api_token, {
      side,
      cancelled_at: new Date(Date.now() - 2 * 86_400_000).toISOString(),
    });
    expect(cancelled.status).toBe(201);
  }
  const hour = new Date(Date.now() - 3_600_000).toISOString();
  await post(user.webhook_url, {
    kind: "charge",
    amount_minor: 2500,
    currency: "CNY",
    merchant: "支付宝-爱奇艺",
    channel: "alipay",
    occurred_at: hour,
    reference: "2026120200017",
  });
  const signup = await post(user.webhook_url, {
    kind: "signup",
    merchant: "上海某某网络科技有限公司",
    channel: "wechat_pay",
    occurred_at: hour,
  });
  const alerts = await api("GET", "/api/v1/alerts", user.api_token);
  const kinds = (alerts.body.items as { kind: string }[]).map((alert) => alert.kind).sort();
  expect(kinds).toEqual(["charge_after_cancel", "unknown_subscription"]);
  return { user, membershipId, signupEventId: signup.events[0]?.id as string };
}

/** The 404 page is loaded with status 404 on purpose; Chromium logs that as a failed load. */
const notTheMissingPage = (error: string) => !error.includes("/app/no-such-page: Failed to load resource");

async function fits(page: Page, name: string) {
  expect({ page: name, ...(await horizontalOverflow(page)) }).toMatchObject({ page: name, fits: true });
  await screenshot(page, `walk-${name}`);
}

/** The open alerts' states by kind, from the API. */
async function alertStates(token: string) {
  const alerts = await api("GET", "/api/v1/alerts", token);
  return Object.fromEntries(
    (alerts.body.items as { kind: string; state: string }[]).map((alert) => [alert.kind, alert.state]),
  );
}

describe("a new user's walk at 375 px", () => {
  it("root → login → home in Chinese, resolves an alert, dismisses an inbox item; every page fits", async () => {
    const { user, membershipId, signupEventId } = await userWithAlerts("zh-CN");
    const { page, errors } = await openTab(browser, { locale: "zh-CN" });

    // The root sends a browser that is not signed in to the sign-in page.
    await page.goto("/");
    await page.waitForURL(/\/login(?:\?|$)/);
    await fits(page, "zh-login");
    await signIn(page, user.email);
    await page.goto("/");
    await page.waitForURL(/\/app$/);
    await fits(page, "zh-home");
    const needsAction = page.locator("main");
    expect(await needsAction.getByText("取消后仍扣款").count()).toBeGreaterThan(0);

    // Resolve the charge after cancellation with a reason, on the alerts page.
    await page.goto("/app/alerts");
    const card = page.locator(".alert", { hasText: "取消后仍扣款" }).first();
    await card.locator('select[name="reason"]').selectOption("refunded");
    await Promise.all([page.waitForURL(/done=resolved/), card.getByRole("button", { name: "标为已处理" }).click()]);
    await fits(page, "zh-alerts-resolved");
    expect((await alertStates(user.api_token)).charge_after_cancel).toBe("resolved");

    // Dismiss the unknown sign-up as a one-off: it leaves the inbox and its alert resolves by itself.
    await page.goto("/app/inbox");
    expect(await page.getByText("上海某某网络科技有限公司").count()).toBeGreaterThan(0);
    const item = page.locator(`form[action="/app/inbox/${signupEventId}/dismiss"]`);
    await Promise.all([page.waitForURL(/done=dismissed/), item.getByRole("button").click()]);
    expect(await page.locator(`form[action="/app/inbox/${signupEventId}/dismiss"]`).count()).toBe(0);
    await fits(page, "zh-inbox-dismissed");
    expect(await alertStates(user.api_token)).toEqual({
      charge_after_cancel: "resolved",
      unknown_subscription: "resolved",
    });

    // Home's "needs action" lists open alerts only; the history keeps both.
    await page.goto("/app");
    expect(await page.locator(`a[href^="/app/alerts"]`, { hasText: "取消后仍扣款" }).count()).toBe(0);
    await page.goto("/app/alerts?state=resolved");
    expect(await page.locator(".alert.resolved").count()).toBe(2);

    // Every other page, the 404 page, the API reference and the printable timeline: none scrolls sideways.
    for (const [name, path] of [
      ["memberships", "/app/memberships"],
      ["membership", `/app/memberships/${membershipId}`],
      ["membership-new", "/app/memberships/new"],
      ["membership-edit", `/app/memberships/${membershipId}/edit`],
      ["settings", "/app/settings"],
      ["not-found", "/app/no-such-page"],
      ["docs", "/docs"],
    ]) {
      await page.goto(path as string);
      await fits(page, `zh-${name}`);
    }
    await page.goto(`/app/memberships/${membershipId}`);
    const timeline = await page.locator('a[href*="/timeline/mem_"]').first().getAttribute("href");
    expect(timeline).toBeTruthy();
    await page.goto(timeline as string);
    await fits(page, "zh-timeline");

    // The header's language switch: the same page again, everything in English, the alerts included.
    await page.goto("/app/alerts?state=resolved");
    await Promise.all([
      page.waitForURL(/\/app\/alerts\?state=resolved$/),
      page.locator('form.language button[name="locale"]').click(),
    ]);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.getByText("Charged after cancelling").count()).toBeGreaterThan(0);
    expect(await page.getByText("取消后仍扣款").count()).toBe(0);
    await fits(page, "en-alerts-after-switch");
    expect((await api("GET", "/api/v1/me", user.api_token)).body.locale).toBe("en");
    expect(errors.filter(notTheMissingPage)).toEqual([]);
  });

  it("walks the same pages in English, and no page scrolls sideways", async () => {
    const { user, membershipId } = await userWithAlerts("en");
    const { page, errors } = await openTab(browser, { locale: "en" });
    // Signed out, a dashboard page leads to sign-in, whose language link keeps where to go next.
    await page.goto("/app/alerts");
    await page.waitForURL(/\/login\?next=%2Fapp%2Falerts$/);
    await fits(page, "en-login");
    await page.locator("p.language a[hreflang]").click();
    await page.waitForURL(/\/login\?next=%2Fapp%2Falerts&lang=zh-CN$/);
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
    await page.goto("/");
    await page.waitForURL(/\/login(?:\?|$)/);
    await signIn(page, user.email);
    await fits(page, "en-home");
    expect(await page.getByText("Charged after cancelling").count()).toBeGreaterThan(0);
    for (const [name, path] of [
      ["alerts", "/app/alerts"],
      ["inbox", "/app/inbox"],
      ["memberships", "/app/memberships"],
      ["membership", `/app/memberships/${membershipId}`],
      ["settings", "/app/settings"],
      ["not-found", "/app/no-such-page"],
      ["docs", "/docs"],
    ]) {
      await page.goto(path as string);
      await fits(page, `en-${name}`);
    }
    expect(worker.baseUrl).toMatch(/^http:\/\/localhost:\d+$/);
    expect(errors.filter(notTheMissingPage)).toEqual([]);
  });
});
