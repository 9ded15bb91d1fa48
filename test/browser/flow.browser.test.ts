// The first five minutes in a real Chromium on a phone: sign in, add a membership from a preset, find it
// on the calendar, assign a charge nothing matched, record a cancellation, open the printable timeline.
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
} from "./harness";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function fitsAndShoot(page: Page, name: string) {
  expect(await horizontalOverflow(page)).toMatchObject({ fits: true });
  await screenshot(page, name);
}

describe("the first five minutes, in Chromium at 375 px", () => {
  it("signs in, adds iQIYI from a preset, sees it on the calendar, assigns a charge and records a cancellation", async () => {
    const user = await createUser({ locale: "en", timezone: "Asia/Shanghai" });
    const { page, errors } = await openTab(browser);
    await signIn(page, user.email);
    await fitsAndShoot(page, "flow-1-home-empty");

    // Add from a preset: the form arrives filled in, with both cancel paths.
    await page.goto("/app/memberships/new");
    await page.getByRole("link", { name: "iQIYI VIP", exact: true }).click();
    await expect.poll(() => page.locator('input[name="name"]').inputValue()).toBe("iQIYI VIP");
    expect(await page.locator('input[name="amount"]').inputValue()).toBe("25.00");
    expect(await page.locator('textarea[name="cancel_steps"]').inputValue()).toContain("Auto-deduct");
    const renewsOn = shanghaiDate(10);
    await page.locator('input[name="next_renewal_on"]').fill(renewsOn);
    await fitsAndShoot(page, "flow-2-preset-form");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.waitForURL(/\/app\/memberships\/mem_[a-z2-7]{16}\?done=created$/);
    const membershipId = new URL(page.url()).pathname.split("/").pop() as string;
    await fitsAndShoot(page, "flow-3-membership-created");

    const stored = await api("GET", `/api/v1/memberships/${membershipId}`, user.api_token);
    expect(stored.body).toMatchObject({
      name: "iQIYI VIP",
      amount_minor: 2500,
      currency: "CNY",
      channel: "alipay",
      next_renewal_on: renewsOn,
    });

    // The calendar: the renewal on its day, with a link to the membership.
    await page.goto("/app");
    const renewal = page.locator(`#day-${renewsOn} [data-kind="renewal"][data-membership="${membershipId}"]`);
    await expect.poll(() => renewal.count()).toBe(1);
    expect(await renewal.textContent()).toContain("iQIYI VIP");
    await fitsAndShoot(page, "flow-4-calendar");

    // A charge whose merchant name nothing knows yet lands in the inbox; one click assigns it.
    const charged = await fetch(user.webhook_url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        kind: "charge",
        amount_minor: 2500,
        currency: "CNY",
        merchant: "北京奇艺世纪科技有限公司",
        channel: "alipay",
        occurred_at: new Date(Date.now() - 3_600_000).toISOString(),
        reference: "2026112600001",
      }),
    });
    expect(charged.status).toBe(201);
    await page.goto("/app/inbox");
    expect(await page.getByText("北京奇艺世纪科技有限公司").count()).toBeGreaterThan(0);
    await page.locator('select[name="membership_id"]').first().selectOption(membershipId);
    await fitsAndShoot(page, "flow-5-inbox");
    await page.getByRole("button", { name: "Assign" }).first().click();
    await page.waitForURL(/\/app\/inbox\?done=assigned$/);
    expect(await page.getByText("北京奇艺世纪科技有限公司").count()).toBe(0);
    const events = await api("GET", "/api/v1/events", user.api_token);
    expect((events.body.items as { membership_id: string | null }[])[0]?.membership_id).toBe(membershipId);
    const taught = await api("GET", `/api/v1/memberships/${membershipId}`, user.api_token);
    expect(taught.body.merchant_aliases).toContain("北京奇艺世纪科技有限公司");

    // Record the platform side of a cancellation, with evidence; the half-cancelled warning follows.
    await page.goto(`/app/memberships/${membershipId}`);
    await page.getByRole("radio", { name: /platform/i }).check();
    await page.getByLabel("Reference").fill("IQ-20261126-7781");
    await page.getByLabel("Evidence").fill("Screenshot: auto-renewal switched off in the iQIYI app at 10:02");
    await page.getByRole("button", { name: "Save cancellation" }).click();
    await page.waitForURL(/\?done=cancelled$/);
    expect(await page.getByText("Cancellation recorded.").count()).toBe(1);
    expect(await page.getByText(/Half cancelled/).count()).toBeGreaterThan(0);
    await fitsAndShoot(page, "flow-6-cancelled");
    const cancelled = await api("GET", `/api/v1/memberships/${membershipId}`, user.api_token);
    expect(cancelled.body).toMatchObject({
      status: "cancelled",
      cancellations: [expect.objectContaining({ side: "platform", reference: "IQ-20261126-7781" })],
    });

    // The printable timeline opens from the membership page without anything else.
    await page.getByRole("link", { name: "Printable timeline" }).click();
    await page.waitForURL(/\/timeline\/mem_[a-z2-7]{16}\?exp=\d+&sig=/);
    expect(await page.getByText("IQ-20261126-7781").count()).toBeGreaterThan(0);
    await fitsAndShoot(page, "flow-7-timeline");

    expect(errors).toEqual([]);
  });
});
