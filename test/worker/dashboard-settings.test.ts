// The dashboard settings: the profile saved through the same rules as PATCH /api/v1/me, the calendar feed
// URL and its rotation, and setup guides that carry the user's own inbound address and webhook URL.
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { testNow } from "../support/clock";
import { settingsForm, signIn } from "../support/dashboard";
import { call } from "../support/helpers";

const profile = settingsForm;

/** A form post with two values for `channels`, as a browser sends two ticked checkboxes. */
async function postBothChannels(browser: Awaited<ReturnType<typeof signIn>>, form: Record<string, string>) {
  const csrf = (await browser.get("/app/settings")).html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? "";
  const body = new URLSearchParams({ _csrf: csrf, ...form });
  body.append("channels", "sms");
  const response = await exports.default.fetch(
    new Request("https://watchdog.test/app/settings", {
      method: "POST",
      headers: {
        cookie: browser.cookie,
        origin: "https://watchdog.test",
        "content-type": "application/x-www-form-urlencoded",
      },
      body,
      redirect: "manual",
    }),
  );
  return { status: response.status, location: response.headers.get("location"), html: await response.text() };
}

describe("dashboard settings", () => {
  it("saves the profile through the API's rules: /me shows the new values", async () => {
    const browser = await signIn({ locale: "en", timezone: "Asia/Shanghai" });
    const email = `new-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const page = await browser.get("/app/settings");
    expect(page.status).toBe(200);
    expect(page.html).toContain('<option value="Asia/Shanghai" selected="">');
    const saved = await postBothChannels(
      browser,
      profile({
        email: email.toUpperCase(),
        phone: "+86 138 0013 8000",
        quiet_start: "22:30",
        quiet_end: "07:45",
        timezone: "Europe/Berlin",
        lead_days: "5",
        renewal_grace_days: "4",
      }),
    );
    expect(saved.status).toBe(303);
    // A new phone is texted a code: the page opens at the form that confirms it.
    expect(saved.location).toBe("/app/settings?done=code_sent#phone");

    const me = await call("GET", "/api/v1/me", { token: browser.user.api_token });
    expect(me.body).toMatchObject({
      email,
      phone: "+8613800138000",
      phone_verified: false,
      channels: ["email", "sms"],
      quiet_hours: { start: "22:30", end: "07:45" },
      timezone: "Europe/Berlin",
      locale: "en",
      lead_days: 5,
      renewal_grace_days: 4,
    });
    const after = await browser.get("/app/settings?done=saved");
    expect(after.html).toContain("Settings saved.");
    expect(after.html).toContain('<option value="Europe/Berlin" selected="">');
    expect(after.html).toMatch(/name="channels" value="sms" checked=""/);
    expect(after.html).toContain('name="quiet_start" value="22:30"');

    // Clearing both quiet-hour fields turns them off.
    await browser.post("/app/settings", profile({ email, phone: "+8613800138000" }));
    expect((await call("GET", "/api/v1/me", { token: browser.user.api_token })).body.quiet_hours).toBeNull();
  });

  it("refuses SMS alerts without a phone with a 400 next to the field, keeps the values and stores nothing", async () => {
    const browser = await signIn({ locale: "en" });
    const before = await call("GET", "/api/v1/me", { token: browser.user.api_token });
    const refused = await postBothChannels(
      browser,
      profile({ email: browser.user.email as string, lead_days: "9", timezone: "Asia/Tokyo" }),
    );
    expect(refused.status).toBe(400);
    expect(refused.html).toContain("SMS alerts need a phone number: fill in the phone field first.");
    expect(refused.html).toContain("nothing was saved");
    expect(refused.html).toContain('name="lead_days" value="9"');
    expect(refused.html).toContain('<option value="Asia/Tokyo" selected="">');
    expect((await call("GET", "/api/v1/me", { token: browser.user.api_token })).body).toEqual(before.body);
  });

  it("names each bad field in the user's language", async () => {
    const browser = await signIn({ locale: "zh-CN" });
    const before = await call("GET", "/api/v1/me", { token: browser.user.api_token });
    await browser.get("/app/settings");
    const refused = await browser.post(
      "/app/settings",
      profile({
        email: "not-an-address",
        phone: "12345",
        locale: "zh-CN",
        quiet_start: "22:00",
        lead_days: "500",
        renewal_grace_days: "x",
      }),
    );
    expect(refused.status).toBe(400);
    for (const message of [
      "请填写有效的邮箱地址。",
      "请用国际格式填写手机号",
      "免打扰的开始和结束时间都要填写",
      "请填写 0 到 90 之间的整数。",
      "请填写 1 到 14 之间的整数。",
    ]) {
      expect(refused.html).toContain(message);
    }
    expect(refused.html).toContain('name="email" value="not-an-address"');
    expect((await call("GET", "/api/v1/me", { token: browser.user.api_token })).body).toEqual(before.body);
  });

  it("switches the page's language when the locale changes", async () => {
    const browser = await signIn({ locale: "zh-CN" });
    const zh = await browser.get("/app/settings");
    expect(zh.html).toContain('<html lang="zh-CN">');
    expect(zh.html).toContain("提醒方式");
    expect(zh.html).not.toContain("<script");
    const saved = await browser.post("/app/settings", profile({ email: browser.user.email as string, locale: "en" }));
    expect(saved.status).toBe(303);
    const en = await browser.get("/app/settings?done=saved");
    expect(en.html).toContain('<html lang="en">');
    expect(en.html).toContain("Alert channels");
    expect(en.html).toContain("Settings saved.");
    expect(en.html).not.toContain("提醒方式");
    expect(en.html).not.toContain("<script");
  });

  it("shows the calendar feed URL the API hands out, and rotating it changes it", async () => {
    const browser = await signIn({ locale: "en" });
    const token = browser.user.api_token;
    const feedOf = (html: string) =>
      html.match(/<input[^>]*name="calendar_url"[^>]*>/)?.[0].match(/value="([^"]+)"/)?.[1] ?? "";
    const shown = feedOf((await browser.get("/app/settings")).html);
    expect(shown).toMatch(/^https:\/\/watchdog\.test\/calendar\/usr_[a-z2-7]{16}\/[\w-]+\.ics$/);
    expect((await call("GET", "/api/v1/me/calendar", { token })).body.url).toBe(shown);
    expect((await exports.default.fetch(new Request(shown))).status).toBe(200);

    const rotated = await browser.post("/app/settings/calendar/rotate", {});
    expect(rotated.status).toBe(303);
    expect(rotated.location).toBe("/app/settings?done=calendar_rotated");
    const page = await browser.get("/app/settings?done=calendar_rotated");
    const fresh = feedOf(page.html);
    expect(fresh).not.toBe(shown);
    expect(page.html).toContain("Your calendar feed has a new address");
    expect((await call("GET", "/api/v1/me/calendar", { token })).body.url).toBe(fresh);
    expect((await exports.default.fetch(new Request(shown))).status).toBe(404);
  });

  it("fills the setup guides with the user's own inbound address and webhook URL, and that URL works", async () => {
    for (const locale of ["zh-CN", "en"]) {
      const browser = await signIn({ locale });
      const page = await browser.get("/app/settings");
      const { inbound_address: address, webhook_url: url } = browser.user;
      expect(address).toMatch(/^in[a-z2-7]{24}@in\.watchdog\.test$/);
      expect(page.html).toContain(`<code>${address}</code>`);
      expect(page.html).toContain(`<code>${url}</code>`);
      expect(page.html).toContain(locale === "en" ? "Gmail: forward payment e-mails" : "Gmail：自动转发扣款邮件");
      expect(page.html).toContain("QQ");
      expect(page.html).toContain("SmsForwarder");
      expect(page.html).toContain("[org_content]");
      expect(page.html).not.toContain("<script");
      // Every address and URL on the page is this user's own.
      const addresses = new Set(page.html.match(/in[a-z2-7]{24}@in\.watchdog\.test/g));
      expect([...addresses]).toEqual([address]);
      const urls = new Set(page.html.match(/https:\/\/watchdog\.test\/hooks\/wh[a-z2-7]{32}/g));
      expect([...urls]).toEqual([url]);

      // The SmsForwarder JSON template as the app fills it in, posted to the URL the page shows.
      const shownUrl = [...urls][0] as string;
      const response = await exports.default.fetch(
        new Request(shownUrl, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            from: "95555",
            content: "【招商银行】您账户1234于11月20日10:00在【支付宝-爱奇艺】发生快捷支付扣款，人民币25.00",
            timestamp: String(testNow()),
          }),
        }),
      );
      expect(response.status).toBe(201);
      const body = (await response.json()) as { events: { kind: string; amount_minor: number }[] };
      expect(body.events[0]).toMatchObject({ kind: "charge", amount_minor: 2500 });
    }
  });
});
