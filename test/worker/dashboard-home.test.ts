// The dashboard's home page: the next 60 days as a calendar in the user's timezone, the alerts that need
// action (made through the real inbound paths), and spending per month per currency, with no scripts.
import { describe, expect, it } from "vitest";
import { testNow } from "../support/clock";
import { signIn } from "../support/dashboard";
import { alipayCharge, call, createMembership, postEvent } from "../support/helpers";

/** Today's date in `timeZone`, computed the way a person there reads their calendar. */
const todayIn = (timeZone: string) =>
  new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(testNow()),
  );

const plusDays = (date: string, days: number) => {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
};

/** The calendar cell of `date` (its <td> markup), or null when the grid does not show that day. */
const cellOf = (html: string, date: string) =>
  html.match(new RegExp(`<td data-date="${date}"[^>]*>[\\s\\S]*?</td>`))?.[0] ?? null;

/** The agenda's entry for `date`: everything up to the next day's entry or the end of the list. */
const agendaOf = (html: string, date: string) =>
  html.match(new RegExp(`<li id="day-${date}"[^>]*>[\\s\\S]*?(?=<li id="day-|</ol>)`))?.[0] ?? null;

/** The figure in the spending table for one currency and month. */
const spentIn = (html: string, currency: string, month: string) => {
  const figure = html.match(new RegExp(`<figure class="spend" id="spend-${currency}">[\\s\\S]*?</figure>`))?.[0] ?? "";
  return figure.match(new RegExp(`<tr data-month="${month}"><th scope="row">[^<]*</th><td>([^<]*)</td>`))?.[1] ?? null;
};

async function cancel(token: string, membershipId: string, side = "platform") {
  const response = await call("POST", `/api/v1/memberships/${membershipId}/cancellations`, {
    token,
    body: { side, cancelled_at: new Date(testNow() - 2 * 3_600_000).toISOString() },
  });
  expect(response.status).toBe(201);
}

describe("dashboard home", () => {
  it("shows renewals and cancel-by dates of the next 60 days on the user's calendar days, and nothing further", async () => {
    // Far ahead of UTC, so for most of the day "today" there is not today in UTC.
    const timezone = "Pacific/Kiritimati";
    const browser = await signIn({ locale: "en", timezone });
    const token = browser.user.api_token;
    const today = todayIn(timezone);
    const soon = await createMembership(token, {
      name: "Netflix Premium",
      merchant_aliases: ["Netflix"],
      amount_minor: 2299,
      currency: "USD",
      cycle_unit: "week",
      cycle_count: 4,
      next_renewal_on: plusDays(today, 10),
      cancel_notice_days: 7,
    });
    // Renews after the window, but the last day to cancel that renewal is inside it.
    const later = await createMembership(token, {
      name: "Annual Cloud Storage",
      merchant_aliases: ["CloudBox"],
      amount_minor: 9900,
      currency: "USD",
      cycle_unit: "year",
      next_renewal_on: plusDays(today, 75),
      cancel_notice_days: 20,
    });
    await createMembership(token, {
      name: "Far Away Magazine",
      merchant_aliases: ["FarMag"],
      next_renewal_on: plusDays(today, 70),
      cancel_notice_days: 0,
    });
    const cancelled = await createMembership(token, {
      name: "Cancelled Music",
      merchant_aliases: ["CancelledMusic"],
      next_renewal_on: plusDays(today, 5),
    });
    await cancel(token, cancelled.id);
    const stranger = await signIn({ locale: "en" });
    await createMembership(stranger.user.api_token, {
      name: "Someone Else's Gym",
      next_renewal_on: plusDays(today, 3),
    });

    const page = await browser.get("/app");
    expect(page.status).toBe(200);
    const { html } = page;
    expect(html).toContain("The next 60 days");

    // Today is marked in the user's zone; the grid runs 60 days on, and no further.
    expect(cellOf(html, today)).toContain('aria-current="date"');
    expect(cellOf(html, plusDays(today, 60))).not.toBeNull();
    expect(cellOf(html, plusDays(today, 60))).not.toContain("out");
    expect(cellOf(html, plusDays(today, -1)) ?? 'class="out"').toContain('class="out"');

    const renews = plusDays(today, 10);
    expect(cellOf(html, renews)).toContain(`href="#day-${renews}"`);
    expect(cellOf(html, renews)).toContain("renews Netflix Premium");
    expect(agendaOf(html, renews)).toContain("renews");
    expect(agendaOf(html, renews)).toContain("Netflix Premium");
    expect(agendaOf(html, renews)).toContain("22.99 USD");
    expect(agendaOf(html, renews)).toContain(`href="/app/memberships/${soon.id}"`);

    const cancelBy = plusDays(today, 3);
    expect(cellOf(html, cancelBy)).toContain(`href="#day-${cancelBy}"`);
    expect(agendaOf(html, cancelBy)).toContain("cancel by");
    expect(agendaOf(html, cancelBy)).toContain("Netflix Premium");
    // Every four weeks: the following renewal and its deadline are inside the 60 days as well.
    expect(agendaOf(html, plusDays(today, 38))).toContain("renews");
    expect(agendaOf(html, plusDays(today, 31))).toContain("cancel by");

    const laterDeadline = plusDays(today, 55);
    expect(agendaOf(html, laterDeadline)).toContain("cancel by");
    expect(agendaOf(html, laterDeadline)).toContain(`href="/app/memberships/${later.id}"`);
    expect(html).not.toContain(`day-${plusDays(today, 75)}`);

    expect(html).not.toContain("Far Away Magazine");
    expect(html).not.toContain("Cancelled Music");
    expect(html).not.toContain("Someone Else");
    expect(cellOf(html, plusDays(today, 5))).not.toContain("href=");
  });

  it("lists a charge after cancelling and an unknown subscription, newest first, linking where to act", async () => {
    const browser = await signIn({ locale: "en", timezone: "America/Los_Angeles" });
    const token = browser.user.api_token;
    const before = await browser.get("/app");
    expect(before.html).toContain("Nothing needs your action");

    const membership = await createMembership(token, { next_renewal_on: plusDays(todayIn("America/Los_Angeles"), 20) });
    await cancel(token, membership.id);
    expect((await postEvent(browser.user.webhook_url, alipayCharge())).status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const signup = {
      kind: "signup",
      merchant: "Mystery Streaming Ltd",
      amount_minor: 1499,
      currency: "USD",
      occurred_at: new Date(testNow() - 60_000).toISOString(),
    };
    expect((await postEvent(browser.user.webhook_url, signup)).status).toBe(201);

    const { html } = await browser.get("/app");
    expect(html).toContain("Needs action");
    expect(html).not.toContain("Nothing needs your action");
    const kinds = [...html.matchAll(/<li class="action (\w+)"/g)].map((match) => match[1]);
    expect(kinds).toEqual(["unknown_subscription", "charge_after_cancel"]);
    const [unknown, charged] = html.split('<li class="action ').slice(1) as [string, string];
    expect(unknown).toContain("Unknown subscription");
    expect(unknown).toContain("14.99 USD");
    expect(unknown).toContain('href="/app/inbox"');
    expect(charged).toContain("Charged after cancelling");
    expect(charged).toContain("25.00 CNY");
    expect(charged).toContain(`href="/app/memberships/${membership.id}"`);
    // The time is shown in the user's zone.
    const alerts = await call("GET", "/api/v1/alerts", { token });
    const createdAt = (alerts.body.items as { kind: string; created_at: string }[]).find(
      (alert) => alert.kind === "charge_after_cancel",
    )?.created_at as string;
    const local = new Intl.DateTimeFormat("sv-SE", {
      timeZone: "America/Los_Angeles",
      dateStyle: "short",
      timeStyle: "short",
    }).format(new Date(createdAt));
    expect(charged).toContain(local);
  });

  it("charts this month's matched charges minus refunds per currency, and the monthly cost now", async () => {
    const timezone = "Asia/Shanghai";
    const browser = await signIn({ locale: "zh-CN", timezone });
    const token = browser.user.api_token;
    const today = todayIn(timezone);
    await createMembership(token, { next_renewal_on: today });
    await createMembership(token, {
      name: "Spotify Premium",
      merchant_aliases: ["Spotify AB"],
      amount_minor: 1099,
      currency: "USD",
      channel: "credit_card",
      next_renewal_on: today,
      cancel_notice_days: 0,
    });
    await createMembership(token, {
      name: "哔哩哔哩年度大会员",
      merchant_aliases: ["哔哩哔哩"],
      amount_minor: 12000,
      currency: "CNY",
      cycle_unit: "year",
      next_renewal_on: plusDays(today, 200),
      cancel_notice_days: 0,
    });
    // Seconds ago: this month in Shanghai (unless the test runs in the first half-minute of a month).
    const at = (seconds: number) => new Date(testNow() - seconds * 1000).toISOString();
    const hook = browser.user.webhook_url;
    expect((await postEvent(hook, alipayCharge({ occurred_at: at(30), reference: "A1" }))).status).toBe(201);
    expect((await postEvent(hook, alipayCharge({ occurred_at: at(20), reference: "A2" }))).status).toBe(201);
    const refund = alipayCharge({ kind: "refund", amount_minor: 1000, occurred_at: at(10), reference: "R1" });
    expect((await postEvent(hook, refund)).status).toBe(201);
    const spotify = {
      kind: "charge",
      merchant: "Spotify AB",
      amount_minor: 1099,
      currency: "USD",
      channel: "credit_card",
      occurred_at: at(15),
    };
    expect((await postEvent(hook, spotify)).status).toBe(201);
    // Nobody's membership: not spending on memberships, so not counted.
    const stray = { ...spotify, merchant: "Corner Shop", amount_minor: 5000, currency: "CNY", occurred_at: at(5) };
    expect((await postEvent(hook, stray)).status).toBe(201);

    const { html } = await browser.get("/app");
    const month = today.slice(0, 7);
    expect(spentIn(html, "CNY", month)).toBe("¥40.00");
    expect(spentIn(html, "USD", month)).toBe("10.99 USD");
    const lastMonth = plusDays(`${month}-01`, -1).slice(0, 7);
    expect(spentIn(html, "CNY", lastMonth)).toBe("¥0.00");
    expect(html.match(/<tr data-month=/g)).toHaveLength(12); // six months for each of two currencies
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="spend-CNY-title spend-CNY-desc"/);
    expect(html).toContain("近 6 个月每月支出（CNY）");

    // ¥25.00 a month plus ¥120.00 a year (¥10.00 a month); the dollars apart.
    const perMonth = html.match(/<div class="per-month"[\s\S]*?<\/div>/)?.[0] ?? "";
    expect(perMonth).toContain("现在每月约");
    expect(perMonth).toContain('<strong data-currency="CNY">¥35.00</strong>');
    expect(perMonth).toContain('<strong data-currency="USD">10.99 USD</strong>');
  });

  it("speaks the user's language: Chinese weeks start on Monday, English ones on Sunday", async () => {
    const zh = await signIn({ locale: "zh-CN" });
    await createMembership(zh.user.api_token, { next_renewal_on: plusDays(todayIn("Asia/Shanghai"), 12) });
    const zhPage = (await zh.get("/app")).html;
    for (const label of ["概览", "需要处理", "接下来 60 天", "每月支出", "续费", "最晚取消", "日程"]) {
      expect(zhPage).toContain(label);
    }
    expect(zhPage).toMatch(/<thead><tr><th scope="col" abbr="周一">一<\/th>/);
    expect(zhPage).toContain("爱奇艺黄金VIP");
    expect(zhPage).toContain("¥25.00");

    const en = await signIn({ locale: "en" });
    await createMembership(en.user.api_token, { next_renewal_on: plusDays(todayIn("Asia/Shanghai"), 12) });
    const enPage = (await en.get("/app")).html;
    for (const label of ["Home", "Needs action", "The next 60 days", "Spending per month", "renews", "cancel by"]) {
      expect(enPage).toContain(label);
    }
    expect(enPage).toMatch(/<thead><tr><th scope="col" abbr="Sunday">Sun<\/th>/);
    expect(enPage).not.toContain("最晚取消");
  });

  it("shows a new user where to start, and runs no script at all", async () => {
    const browser = await signIn({ locale: "en" });
    const { status, html } = await browser.get("/app");
    expect(status).toBe(200);
    expect(html).toContain("Welcome!");
    expect(html).toContain('href="/app/memberships/new"');
    expect(html).toContain('href="/app/settings"');
    expect(html).not.toContain("The next 60 days");

    await createMembership(browser.user.api_token, { next_renewal_on: plusDays(todayIn("Asia/Shanghai"), 3) });
    const full = (await browser.get("/app")).html;
    expect(full).not.toContain("Welcome!");
    expect(full).toContain("The next 60 days");
    for (const page of [html, full]) {
      expect(page).not.toMatch(/<script/i);
      expect(page).not.toMatch(/\son[a-z]+=/i);
      expect(page).not.toMatch(/javascript:/i);
    }
  });
});
