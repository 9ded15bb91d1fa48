// One language at a time: alerts read in the reader's current language on every page and in the API, each amount
// is said once, each alert kind has one name, the header switches language on every page, and the timeline link
// inside an alert is a link.
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ALERT_KINDS } from "../../schema/tables";
import { renderAlert } from "../../workers/texts/alerts";
import { ALERT_KIND_NAMES } from "../../workers/texts/kind-names";
import { testDate, testNow } from "../support/clock";
import { type Browser, fetchPage, signIn } from "../support/dashboard";
import { alipayCharge, call, createMembership, postEvent } from "../support/helpers";
import { storedRows } from "../support/stored";

type AlertJson = { id: string; kind: string; title: string; body: string };

/** A zh-CN user whose cancelled 爱奇艺 was charged ¥25.00 anyway, and who got a signup from an unknown merchant. */
async function chineseUserWithAlerts(membershipOverrides: Record<string, unknown> = {}) {
  const browser = await signIn({ locale: "zh-CN", timezone: "Asia/Shanghai" });
  const token = browser.user.api_token;
  const membership = await createMembership(token, membershipOverrides);
  const cancelled = await call("POST", `/api/v1/memberships/${membership.id}/cancellations`, {
    token,
    body: { side: "platform", cancelled_at: new Date(testNow() - 7_200_000).toISOString() },
  });
  expect(cancelled.status).toBe(201);
  expect((await postEvent(browser.user.webhook_url, alipayCharge())).status).toBe(201);
  const signup = alipayCharge({ kind: "signup", merchant: "某某健身俱乐部", amount_minor: 19900, reference: "GYM-1" });
  expect((await postEvent(browser.user.webhook_url, signup)).status).toBe(201);
  const alerts = (await call("GET", "/api/v1/alerts", { token })).body.items as AlertJson[];
  expect(alerts.map((alert) => alert.kind).sort()).toEqual(["charge_after_cancel", "unknown_subscription"]);
  return { browser, token, membership };
}

/** Presses the header's language button on `path`, as a browser without scripts does. */
async function switchLanguage(browser: Browser, path: string, locale: "zh-CN" | "en") {
  const page = await browser.get(path);
  const form = page.html.match(/<form method="post" action="\/app\/language" class="language">.*?<\/form>/s)?.[0];
  expect(form, `no language switch on ${path}`).toBeDefined();
  const next = form?.match(/name="next" value="([^"]*)"/)?.[1]?.replaceAll("&amp;", "&") ?? "";
  expect(form).toContain(`name="locale" value="${locale}"`);
  return browser.post("/app/language", { next, locale });
}

/** Changes the user's language the way any client can (PATCH /me); the header's switch has its own tests. */
async function setLocale(browser: Browser, locale: "zh-CN" | "en") {
  const changed = await call("PATCH", "/api/v1/me", { token: browser.user.api_token, body: { locale } });
  expect(changed.status).toBe(200);
}

/** The home page's "needs action" item of one alert kind. */
const homeItem = (html: string, kind: string) =>
  html.match(new RegExp(`<li class="action ${kind}".*?</li>`, "s"))?.[0] ?? "";

/** The alerts page's card of one alert. */
const alertCard = (html: string, id: string) =>
  html.split("<article ").find((card) => card.includes(`id="${id}"`)) ?? "";

describe("alerts in the reader's current language", () => {
  it("renders Home, Alerts, the API and the timeline again in English after the switch, from the alerts' facts", async () => {
    const { browser, token, membership } = await chineseUserWithAlerts();
    const before = await browser.get("/app/alerts");
    expect(before.html).toContain("仍被扣款 ¥25.00");

    await setLocale(browser, "en");

    const alerts = await browser.get("/app/alerts");
    expect(alerts.html).toContain('<html lang="en">');
    expect(alerts.html).toContain("charged 25.00 CNY after you cancelled");
    expect(alerts.html).toContain("Get it back now");
    expect(alerts.html).toContain("Unregistered subscription? 某某健身俱乐部 199.00 CNY");
    expect(alerts.html).not.toMatch(/仍被扣款|现在就要回这笔钱|发现未登记的自动扣款|保留证据/);

    const home = await browser.get("/app");
    expect(homeItem(home.html, "charge_after_cancel")).toContain("charged 25.00 CNY after you cancelled");
    expect(home.html).not.toContain("仍被扣款");

    const api = (await call("GET", "/api/v1/alerts", { token })).body.items as AlertJson[];
    const charged = api.find((alert) => alert.kind === "charge_after_cancel") as AlertJson;
    expect(charged.title).toBe("爱奇艺黄金VIP charged 25.00 CNY after you cancelled");
    expect(charged.body).toContain("Get it back now");
    expect(charged.body).toContain("Evidence timeline (printable): https://watchdog.test/timeline/");

    const timeline = await call("GET", `/api/v1/memberships/${membership.id}/timeline`, { token });
    const entry = (timeline.body.entries as { type: string; title?: string }[]).find((each) => each.type === "alert");
    expect(entry?.title).toBe(charged.title);
    const printable = await exports.default.fetch(
      new Request(`https://watchdog.test/api/v1/memberships/${membership.id}/timeline?format=html`, {
        headers: { authorization: `Bearer ${token}` },
      }),
    );
    const printed = await printable.text();
    expect(printed).toContain("Alert · Charged after cancelling");
    expect(printed).toContain(charged.title);
    expect(printed).not.toContain("仍被扣款");

    // And back: the same alerts in Chinese again.
    await setLocale(browser, "zh-CN");
    expect((await browser.get("/app/alerts")).html).toContain("已取消的「爱奇艺黄金VIP」仍被扣款 ¥25.00");
  });

  it("renders the body with the membership's cancel steps as they are now", async () => {
    const browser = await signIn({ locale: "zh-CN" });
    const token = browser.user.api_token;
    const membership = await createMembership(token, { cancel_steps: "App：我的 → 会员 → 关闭" });
    // ¥30 instead of ¥25: a price change, whose body says how to cancel.
    expect((await postEvent(browser.user.webhook_url, alipayCharge({ amount_minor: 3000 }))).status).toBe(201);
    const changed = await call("PATCH", `/api/v1/memberships/${membership.id}`, {
      token,
      body: { cancel_steps: "Settings → Membership → Turn off auto-renewal" },
    });
    expect(changed.status).toBe(200);
    await setLocale(browser, "en");
    const page = await browser.get("/app/alerts?kind=price_changed");
    expect(page.html).toContain("charged 30.00 CNY instead of 25.00 CNY");
    expect(page.html).toContain("Cancel with the service: Settings → Membership → Turn off auto-renewal");
  });

  it("keeps the stored text of an alert stored before facts were kept", async () => {
    const { browser, token } = await chineseUserWithAlerts();
    const api = (await call("GET", "/api/v1/alerts", { token })).body.items as AlertJson[];
    const old = api.find((alert) => alert.kind === "charge_after_cancel") as AlertJson;
    await env.DB.prepare("update alerts set facts = null where id = ?").bind(old.id).run();
    await setLocale(browser, "en");
    const page = await browser.get("/app/alerts");
    expect(alertCard(page.html, old.id)).toContain(old.title);
    expect(page.html).toContain("Unregistered subscription?");
    const again = (await call("GET", "/api/v1/alerts", { token })).body.items as AlertJson[];
    expect(again.find((alert) => alert.id === old.id)).toMatchObject({ title: old.title, body: old.body });
  });
});

describe("each amount once", () => {
  it("names an alert's amount once on Home, in the reader's form of it, in either language", async () => {
    const { browser } = await chineseUserWithAlerts();
    const zh = homeItem((await browser.get("/app")).html, "charge_after_cancel");
    expect(zh.match(/¥25\.00/g)).toHaveLength(1);
    expect(zh).not.toContain("CNY");

    await setLocale(browser, "en");
    const en = homeItem((await browser.get("/app")).html, "charge_after_cancel");
    expect(en.match(/25\.00 CNY/g)).toHaveLength(1);
    expect(en).not.toContain("¥");
    const unknown = homeItem((await browser.get("/app")).html, "unknown_subscription");
    expect(unknown.match(/199\.00 CNY/g)).toHaveLength(1);
  });
});

describe("one name per alert kind", () => {
  it("calls a kind the same on Home, on Alerts (badge and filter) and on the timeline, in both languages", async () => {
    const { browser, token, membership } = await chineseUserWithAlerts();
    for (const locale of ["zh-CN", "en"] as const) {
      if (locale === "en") await setLocale(browser, locale);
      const names = ALERT_KIND_NAMES[locale];
      const home = (await browser.get("/app")).html;
      const alerts = (await browser.get("/app/alerts")).html;
      for (const kind of ["charge_after_cancel", "unknown_subscription"] as const) {
        expect(homeItem(home, kind)).toContain(`<span class="badge cancelled">${names[kind]}</span>`);
        expect(alerts).toContain(`<span class="badge">${names[kind]}</span>`);
      }
      for (const kind of ALERT_KINDS) expect(alerts).toContain(`href="/app/alerts?kind=${kind}">${names[kind]}</a>`);
      const printed = await exports.default.fetch(
        new Request(`https://watchdog.test/api/v1/memberships/${membership.id}/timeline?format=html`, {
          headers: { authorization: `Bearer ${token}` },
        }),
      );
      expect(await printed.text()).toContain(names.charge_after_cancel);
    }
  });

  it("starts every alert SMS with the kind's name", () => {
    const facts = {
      name: "爱奇艺黄金VIP",
      amount_minor: 2500,
      currency: "CNY",
      expected_amount_minor: 2000,
      channel: "alipay",
      renewal_on: testDate(5),
      deadline_on: testDate(3),
      trial_ends_on: testDate(4),
      charged_on: testDate(0),
      cancelled_on: testDate(-2),
      occurred_on: testDate(0),
      refund_window_closes_on: testDate(6),
      days_left: 3,
      days_since: 2,
      cancel_notice_days: 2,
    };
    for (const kind of ALERT_KINDS) {
      expect(renderAlert({ kind, facts }, "zh-CN").sms).toMatch(new RegExp(`^【${ALERT_KIND_NAMES["zh-CN"][kind]}】`));
      expect(renderAlert({ kind, facts }, "en").sms.startsWith(`${ALERT_KIND_NAMES.en[kind]}: `)).toBe(true);
    }
  });
});

describe("the language switch in the header", () => {
  it("is on every dashboard page and comes back to the same page, query and all", async () => {
    const browser = await signIn({ locale: "zh-CN" });
    const membership = await createMembership(browser.user.api_token);
    const pages = [
      "/app",
      "/app/memberships",
      "/app/memberships/new",
      "/app/memberships/new?preset=iqiyi",
      `/app/memberships/${membership.id}`,
      `/app/memberships/${membership.id}/edit`,
      "/app/inbox",
      "/app/alerts?kind=price_changed&state=open",
      "/app/settings",
      "/app/no-such-page",
    ];
    let locale: "zh-CN" | "en" = "en";
    for (const path of pages) {
      const switched = await switchLanguage(browser, path, locale);
      expect(switched.status, path).toBe(303);
      expect(switched.location, path).toBe(path);
      const me = await call("GET", "/api/v1/me", { token: browser.user.api_token });
      expect(me.body.locale, path).toBe(locale);
      expect((await browser.get(path)).html, path).toContain(`<html lang="${locale}">`);
      locale = locale === "en" ? "zh-CN" : "en";
    }
  });

  it("offers the other language by its own name", async () => {
    const browser = await signIn({ locale: "zh-CN" });
    const zh = (await browser.get("/app")).html;
    expect(zh).toContain('<button type="submit" name="locale" value="en" lang="en" class="link">English</button>');
    await switchLanguage(browser, "/app", "en");
    const en = (await browser.get("/app")).html;
    expect(en).toContain('<button type="submit" name="locale" value="zh-CN" lang="zh-CN" class="link">中文</button>');
  });

  it("refuses an unknown language, a foreign form and a way off the dashboard, changing nothing", async () => {
    const browser = await signIn({ locale: "zh-CN" });
    await browser.get("/app");
    const before = await storedRows();
    const unknown = await browser.post("/app/language", { locale: "fr", next: "/app" });
    expect(unknown.status).toBe(400);
    expect(unknown.html).toContain("表单无法读取");
    const missing = await browser.post("/app/language", { next: "/app" });
    expect(missing.status).toBe(400);
    const foreign = await fetchPage("/app/language", {
      cookie: browser.cookie,
      form: { locale: "en", next: "/app", _csrf: "not-the-token" },
    });
    expect(foreign.status).toBe(403);
    expect(await storedRows()).toBe(before);

    for (const next of ["https://evil.example/", "//evil.example/app", "/app/\r\nX-Injected: 1", "/login"]) {
      const away = await browser.post("/app/language", { locale: "en", next });
      expect(away.status, next).toBe(303);
      expect(away.location, next).toBe("/app");
    }
  });

  it("switches a signed-out page by ?lang=, and the sign-in page keeps where it goes next", async () => {
    const english = await fetchPage("/login?next=%2Fapp%2Falerts%3Fkind%3Dhalf_cancelled");
    expect(english.html).toContain('<html lang="en">');
    const link = english.html.match(
      /<p class="language"><a href="([^"]+)" lang="zh-CN" hreflang="zh-CN">中文<\/a>/,
    )?.[1];
    expect(link).toBe("/login?next=%2Fapp%2Falerts%3Fkind%3Dhalf_cancelled&amp;lang=zh-CN");

    const chinese = await fetchPage((link as string).replaceAll("&amp;", "&"));
    expect(chinese.html).toContain('<html lang="zh-CN">');
    expect(chinese.html).toContain('name="next" value="/app/alerts?kind=half_cancelled"');
    expect(chinese.html).toContain('href="/login?next=%2Fapp%2Falerts%3Fkind%3Dhalf_cancelled&amp;lang=en"');
    // No language link anywhere drops `next`.
    expect(chinese.html).not.toContain('href="?lang=');

    // After asking for a link, the answer's switch still keeps `next`.
    const sent = await fetchPage("/login", { form: { email: "nobody@example.com", next: "/app/inbox", lang: "en" } });
    expect(sent.html).toContain('href="/login?next=%2Fapp%2Finbox&amp;lang=zh-CN"');
  });
});

describe("timeline links inside alerts", () => {
  it("are links on /app/alerts that open the printable timeline; nothing else in an alert is", async () => {
    const { browser } = await chineseUserWithAlerts({
      support_contact: '<b>客服</b> https://evil.example/phish <a href="https://evil.example">x</a>',
      cancel_url: "https://evil.example/timeline/mem_aaaaaaaaaaaaaaaa?exp=1&sig=aaaaaaaaaaaaaaaaaaaaaaaa",
    });
    const page = await browser.get("/app/alerts");
    const links = [...page.html.matchAll(/<a href="(https:\/\/[^"]+)">/g)].map((match) => match[1] as string);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links)
      expect(link).toMatch(/^https:\/\/watchdog\.test\/timeline\/mem_[a-z2-7]{16}\?exp=\d+&amp;sig=/);
    expect(page.html).not.toContain('href="https://evil.example');
    expect(page.html).not.toContain("<b>客服</b>");
    expect(page.html).toContain("&lt;b&gt;客服&lt;/b&gt;");

    const timeline = await fetchPage(
      (links[0] as string).replace("https://watchdog.test", "").replaceAll("&amp;", "&"),
      {
        headers: { accept: "text/html" },
      },
    );
    expect(timeline.status).toBe(200);
    expect(timeline.html).toContain("会员争议证据");
  });
});
