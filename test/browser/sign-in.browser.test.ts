// Signing in in a real Chromium at phone width, and every dashboard page rendering there without
// JavaScript errors or sideways scrolling.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, horizontalOverflow, launchBrowser, openTab, PHONE, screenshot, signIn, worker } from "./harness";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("dashboard in Chromium at 375 px", () => {
  it("signs in through the e-mailed link with a __Host- cookie kept over http://localhost", async () => {
    const user = await createUser({ locale: "zh-CN", timezone: "Asia/Shanghai" });
    const { page, context, errors } = await openTab(browser);
    await signIn(page, user.email);
    expect(new URL(page.url()).pathname).toBe("/app");
    const cookies = await context.cookies(worker.baseUrl);
    const session = cookies.find((cookie) => cookie.name === "__Host-rw_session");
    expect(session).toMatchObject({ secure: true, httpOnly: true, path: "/" });
    await screenshot(page, "sign-in-home");
    // The cookie is sent back: a dashboard page opens without asking to sign in again.
    await page.goto("/app/settings");
    expect(new URL(page.url()).pathname).toBe("/app/settings");
    expect(errors).toEqual([]);
  });

  it.each([
    ["en", "/app"],
    ["en", "/app/memberships"],
    ["en", "/app/memberships/new"],
    ["en", "/app/inbox"],
    ["en", "/app/settings"],
    ["en", "/app/alerts"],
    ["zh-CN", "/app"],
    ["zh-CN", "/app/memberships"],
    ["zh-CN", "/app/memberships/new"],
    ["zh-CN", "/app/inbox"],
    ["zh-CN", "/app/settings"],
    ["zh-CN", "/app/alerts"],
  ])("%s %s renders with no JavaScript errors and fits 375 px", async (locale, path) => {
    const user = await createUser({ locale, timezone: "Asia/Shanghai" });
    const { page, context, errors } = await openTab(browser);
    await signIn(page, user.email);
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    expect(await horizontalOverflow(page)).toMatchObject({ fits: true });
    await screenshot(page, `${locale}${path.replaceAll("/", "-")}`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("/login renders with no JavaScript errors and fits 375 px", async () => {
    const { page, errors } = await openTab(browser);
    const response = await page.goto("/login");
    expect(response?.status()).toBe(200);
    expect(page.viewportSize()).toEqual(PHONE);
    expect(await horizontalOverflow(page)).toMatchObject({ fits: true });
    await screenshot(page, "login");
    expect(errors).toEqual([]);
  });
});
