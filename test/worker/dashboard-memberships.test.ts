// The memberships pages: adding from a preset without JavaScript, validation, editing, recording a
// cancellation per side, the printable timeline, deleting, and other users' memberships staying out of reach.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { addDays, localDate } from "../../workers/time/zones";
import { testDate, testNow } from "../support/clock";
import { type Browser, fetchPage, type PageResponse, signIn } from "../support/dashboard";
import { call, createMembership, iqiyi } from "../support/helpers";

const SHANGHAI = "Asia/Shanghai";

/** A page that rendered, with no scripts anywhere in it. */
function rendered(page: PageResponse, status = 200): string {
  expect(page.status, page.html.slice(0, 500)).toBe(status);
  expect(page.html).not.toMatch(/<script/i);
  return page.html;
}

const attributeText = (text: string) =>
  text
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<");

/** Every field of the form as a browser would send it. */
function membershipForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    name: "爱奇艺黄金VIP",
    merchant_aliases: "爱奇艺, iQIYI\n财付通-爱奇艺",
    amount: "25.00",
    currency: "CNY",
    cycle_count: "1",
    cycle_unit: "month",
    next_renewal_on: renewalIn(40),
    auto_renew: "on",
    channel: "alipay",
    cancel_notice_days: "7",
    refund_window_days: "",
    trial_ends_on: "",
    lead_days: "",
    cancel_url: "",
    cancel_steps: "爱奇艺 App：我的 → 我的VIP会员 → 管理自动续费\n支付宝：我的 → 设置 → 支付设置 → 免密支付/自动扣款",
    support_contact: "",
    notes: "",
    ...overrides,
  };
}

const renewalIn = (days: number) => addDays(localDate(testNow(), SHANGHAI), days);

async function apiMembership(browser: Browser, id: string) {
  return call("GET", `/api/v1/memberships/${id}`, { token: browser.user.api_token });
}

describe("dashboard memberships", () => {
  it("adds a membership from a preset without JavaScript and stores exactly what was typed", async () => {
    const browser = await signIn({ timezone: SHANGHAI });
    const empty = rendered(await browser.get("/app/memberships"));
    expect(empty).toContain("还没有登记会员");
    expect(empty).toContain('href="/app/memberships/new"');
    expect(empty).toContain("添加会员");

    const chooser = rendered(await browser.get("/app/memberships/new"));
    for (const service of [
      "爱奇艺 VIP",
      "腾讯视频 VIP",
      "哔哩哔哩大会员",
      "淘宝88VIP",
      "Apple Music",
      "ChatGPT Plus",
    ]) {
      expect(chooser).toContain(service);
    }
    expect(chooser).toContain('href="/app/memberships/new?preset=iqiyi"');
    expect(chooser).toContain('href="/app/memberships/new?channel=wechat_pay"');

    const preset = rendered(await browser.get("/app/memberships/new?preset=iqiyi"));
    expect(preset).toContain('name="name" value="爱奇艺 VIP"');
    expect(preset).toContain('name="amount" value="25.00"');
    expect(preset).toContain('name="currency" value="CNY"');
    expect(preset).toMatch(/<option value="alipay" selected="">支付宝<\/option>/);
    expect(preset).toMatch(/<textarea name="merchant_aliases"[^>]*>爱奇艺\niQIYI\n/);
    expect(preset).toContain("爱奇艺 App：我的 → 我的VIP会员");
    expect(preset).toContain("支付宝：我的 → 设置 → 支付设置 → 免密支付/自动扣款");

    // Paid through WeChat instead: the channel's cancel path follows.
    const wechat = rendered(await browser.get("/app/memberships/new?preset=iqiyi&channel=wechat_pay"));
    expect(wechat).toMatch(/<option value="wechat_pay" selected="">/);
    expect(wechat).toContain("微信：我 → 服务 → 钱包 → 支付设置 → 自动续费");
    expect(wechat).not.toContain("免密支付/自动扣款");
    const apple = rendered(await browser.get("/app/memberships/new?channel=apple"));
    expect(apple).toContain("设置 → Apple ID");
    expect((await browser.get("/app/memberships/new?preset=nonsense")).status).toBe(404);

    const form = membershipForm();
    const created = await browser.post("/app/memberships", form);
    expect(created.status).toBe(303);
    const id = created.location?.match(/^\/app\/memberships\/(mem_[a-z2-7]{16})\?done=created$/)?.[1];
    expect(id, String(created.location)).toBeDefined();

    const stored = await apiMembership(browser, id as string);
    expect(stored.body).toMatchObject({
      name: "爱奇艺黄金VIP",
      merchant_aliases: ["爱奇艺", "iQIYI", "财付通-爱奇艺"],
      amount_minor: 2500,
      currency: "CNY",
      cycle_unit: "month",
      cycle_count: 1,
      next_renewal_on: form.next_renewal_on,
      auto_renew: true,
      channel: "alipay",
      cancel_notice_days: 7,
      refund_window_days: 0,
      trial_ends_on: null,
      lead_days: null,
      cancel_url: null,
      cancel_steps: form.cancel_steps,
      support_contact: null,
      notes: null,
      status: "active",
    });

    const detail = rendered(await browser.get(created.location as string));
    expect(detail).toContain("会员已添加");
    expect(detail).toContain("¥25.00 / 月");
    const cancelBy = addDays(form.next_renewal_on as string, -7);
    const [year, month, day] = cancelBy.split("-").map(Number);
    expect(detail).toContain(`${year}年${month}月${day}日`);
    expect(detail).toContain("还有 33 天");

    const list = rendered(await browser.get("/app/memberships"));
    expect(list).toContain(`href="/app/memberships/${id}"`);
    expect(list).toContain("爱奇艺黄金VIP");
    expect(list).toContain('<span class="badge active">生效中</span>');
    expect(list).toContain("¥25.00 / 月 · 支付宝");
    expect(list).toContain(`最晚取消：<strong>${year}年${month}月${day}日</strong>`);
  });

  it("converts the amount with the currency's exponent", async () => {
    const browser = await signIn({ locale: "en" });
    await browser.get("/app/memberships/new?preset=custom");
    for (const [amount, currency, minor] of [
      ["980", "JPY", 980],
      ["11.99", "usd", 1199],
      ["1.5", "BHD", 1500],
      ["7", "EUR", 700],
    ] as const) {
      const created = await browser.post("/app/memberships", membershipForm({ amount, currency, name: currency }));
      expect(created.status).toBe(303);
      const id = created.location?.split("/")[3]?.split("?")[0] as string;
      expect((await apiMembership(browser, id)).body).toMatchObject({
        amount_minor: minor,
        currency: currency.toUpperCase(),
      });
    }
  });

  it("refuses a bad form with 400, naming each field in the user's language and keeping what was typed", async () => {
    const en = await signIn({ locale: "en" });
    await en.get("/app/memberships/new?preset=spotify");
    const refused = await en.post(
      "/app/memberships",
      membershipForm({
        name: "Spotify Premium",
        amount: "12.345",
        currency: "USD",
        next_renewal_on: "2027-02-30",
        cancel_url: "javascript:alert(1)",
        notes: "family <b>plan</b>",
      }),
    );
    const html = rendered(refused, 400);
    expect(html).toContain("Please check: Amount per cycle, Next renewal, Cancel URL");
    expect(html).toContain("Amount per cycle: Enter an amount such as 25.00");
    expect(html).toContain("Next renewal: Choose the next renewal date");
    expect(html).toContain("Cancel URL: Enter a web address starting with https://");
    expect(html).toContain('name="name" value="Spotify Premium"');
    expect(html).toContain('name="amount" value="12.345"');
    expect(html).toContain('value="2027-02-30"');
    expect(html).toContain("family &lt;b&gt;plan&lt;/b&gt;");
    expect(html).not.toContain("<b>plan</b>");
    expect((await call("GET", "/api/v1/memberships", { token: en.user.api_token })).body.items).toEqual([]);

    const zh = await signIn({ locale: "zh-CN" });
    await zh.get("/app/memberships/new");
    const zhRefused = rendered(
      await zh.post("/app/memberships", membershipForm({ name: " ", amount: "二十五", currency: "XYZ" })),
      400,
    );
    expect(zhRefused).toContain("名称：请填写名称");
    expect(zhRefused).toContain("每期金额：请填写金额");
    expect(zhRefused).toContain("币种：请填写支持的三位币种代码");
    expect(zhRefused).toContain('name="amount" value="二十五"');
    expect((await call("GET", "/api/v1/memberships", { token: zh.user.api_token })).body.items).toEqual([]);
  });

  it("edits a membership through the same form", async () => {
    const browser = await signIn({ locale: "en" });
    const membership = await createMembership(browser.user.api_token, { trial_ends_on: testDate(18), lead_days: 2 });
    const edit = rendered(await browser.get(`/app/memberships/${membership.id}/edit`));
    expect(edit).toContain(`action="/app/memberships/${membership.id}"`);
    expect(edit).toContain('name="amount" value="25.00"');
    expect(edit).toContain(`name="trial_ends_on" type="date" value="${testDate(18)}"`);
    expect(edit).toMatch(/<textarea name="merchant_aliases"[^>]*>爱奇艺\niQIYI\n财付通-爱奇艺<\/textarea>/);

    // A refused edit changes nothing.
    const refused = await browser.post(
      `/app/memberships/${membership.id}`,
      membershipForm({ name: "Renamed", cycle_count: "0" }),
    );
    expect(rendered(refused, 400)).toContain("Every how many periods: Enter a whole number from 1 to 120");
    expect((await apiMembership(browser, membership.id)).body).toMatchObject({ name: iqiyi.name, lead_days: 2 });

    const saved = await browser.post(`/app/memberships/${membership.id}`, {
      ...membershipForm({ name: "爱奇艺星钻VIP", amount: "30", cycle_count: "3", notes: "family plan" }),
      auto_renew: "",
    });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`/app/memberships/${membership.id}?done=updated`);
    expect((await apiMembership(browser, membership.id)).body).toMatchObject({
      name: "爱奇艺星钻VIP",
      amount_minor: 3000,
      cycle_count: 3,
      auto_renew: false,
      trial_ends_on: null,
      lead_days: null,
      notes: "family plan",
    });
    const detail = rendered(await browser.get(saved.location as string));
    expect(detail).toContain("Changes saved.");
    expect(detail).toContain("30.00 CNY / 3 months");
    expect(detail).toContain("Will not renew");
  });

  it("records a cancellation per side with its evidence and shows the side still missing", async () => {
    const browser = await signIn({ locale: "en", timezone: SHANGHAI });
    const membership = await createMembership(browser.user.api_token, { next_renewal_on: renewalIn(20) });
    const monthAgo = testDate(-31);
    const before = rendered(await browser.get(`/app/memberships/${membership.id}`));
    expect(before).toContain("Record a cancellation");
    expect(before).toContain("Platform (auto-renewal switched off)");
    expect(before).toContain("Payment channel (auto-deduct agreement removed)");
    expect(before.match(/not recorded yet/g)).toHaveLength(2);
    // The platform side is the one to record first; the time defaults to now on the user's clock.
    expect(before).toMatch(/value="platform" checked=""/);
    expect(before).toMatch(/name="cancelled_at" value="\d{4}-\d{2}-\d{2}T\d{2}:\d{2}"/);

    // The sweep must look again: the cancellation brings the membership due today.
    await env.DB.prepare("update memberships set next_due_on = null where id = ?").bind(membership.id).run();
    const platform = await browser.post(`/app/memberships/${membership.id}/cancellations`, {
      side: "platform",
      cancelled_at: `${monthAgo}T10:30`,
      reference: "IQ-2026-1101",
      evidence: "Screenshot: 已关闭自动续费, 10:30",
    });
    expect(platform.status).toBe(303);
    expect(platform.location).toBe(`/app/memberships/${membership.id}?done=cancelled`);
    const due = await env.DB.prepare("select next_due_on from memberships where id = ?").bind(membership.id).first();
    expect(due).toEqual({ next_due_on: localDate(testNow(), SHANGHAI) });

    const stored = await apiMembership(browser, membership.id);
    expect(stored.body.status).toBe("cancelled");
    expect(stored.body.cancellations).toEqual([
      expect.objectContaining({
        side: "platform",
        cancelled_at: `${monthAgo}T02:30:00.000Z`,
        reference: "IQ-2026-1101",
        evidence: "Screenshot: 已关闭自动续费, 10:30",
      }),
    ]);

    const half = rendered(await browser.get(platform.location as string));
    expect(half).toContain("Cancellation recorded.");
    expect(half).toContain('<span class="badge cancelled">Cancelled</span>');
    expect(half).toContain("Half cancelled: the platform side is recorded, but the Alipay auto-deduct agreement");
    expect(half).toContain("我的 → 设置 → 支付设置 → 免密支付/自动扣款");
    expect(half).toContain("IQ-2026-1101");
    expect(half).toContain("Screenshot: 已关闭自动续费, 10:30");
    const shown = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(
      Date.parse(monthAgo),
    );
    expect(half).toContain(`${shown}, 10:30`);
    expect(half).toMatch(/value="payment_channel" checked=""/);
    expect(rendered(await browser.get("/app/memberships"))).toContain("Half cancelled");

    // A time in the future is refused on its field, and nothing is recorded.
    const future = await browser.post(`/app/memberships/${membership.id}/cancellations`, {
      side: "payment_channel",
      cancelled_at: `${testDate(400)}T09:00`,
      reference: "",
      evidence: "",
    });
    expect(rendered(future, 400)).toContain("Cancelled at: enter a time no later than now");
    const badSide = await browser.post(`/app/memberships/${membership.id}/cancellations`, { side: "bank" });
    expect(rendered(badSide, 400)).toContain("Which side was cancelled: choose one");
    expect((await apiMembership(browser, membership.id)).body.cancellations).toHaveLength(1);

    const channel = await browser.post(`/app/memberships/${membership.id}/cancellations`, {
      side: "payment_channel",
      cancelled_at: "",
      reference: "",
      evidence: "支付宝 自动扣款 list no longer shows 爱奇艺",
    });
    expect(channel.status).toBe(303);
    const both = await apiMembership(browser, membership.id);
    expect(both.body.cancellations).toEqual([
      expect.objectContaining({ side: "platform" }),
      expect.objectContaining({
        side: "payment_channel",
        reference: null,
        evidence: "支付宝 自动扣款 list no longer shows 爱奇艺",
      }),
    ]);
    const done = rendered(await browser.get(`/app/memberships/${membership.id}`));
    expect(done).not.toContain("Half cancelled");
    expect(done).not.toContain("not recorded yet");
  });

  it("labels the cancellation sides in Chinese for a zh-CN user", async () => {
    const browser = await signIn({ locale: "zh-CN" });
    const membership = await createMembership(browser.user.api_token, { channel: "wechat_pay" });
    const html = rendered(await browser.get(`/app/memberships/${membership.id}`));
    for (const label of [
      "平台（关闭自动续费）",
      "支付渠道（解除免密/自动扣款协议）",
      "客服",
      "记录一次取消",
      "可打印时间线",
      "编辑",
    ]) {
      expect(html).toContain(label);
    }
    expect(html).toContain("微信：我 → 服务 → 钱包 → 支付设置 → 自动续费");
    expect(html).toContain("删除这个会员");
  });

  it("links the printable timeline, which opens without signing in", async () => {
    const browser = await signIn({ locale: "en" });
    const membership = await createMembership(browser.user.api_token, { name: "Timeline VIP" });
    const html = rendered(await browser.get(`/app/memberships/${membership.id}`));
    const href = html.match(/<a class="button secondary" href="([^"]+)"[^>]*>Printable timeline<\/a>/)?.[1];
    expect(href).toBeDefined();
    const url = new URL(attributeText(href as string));
    expect(url.origin).toBe("https://watchdog.test");
    expect(url.pathname).toBe(`/timeline/${membership.id}`);
    const timeline = await fetchPage(url.pathname + url.search);
    expect(timeline.status).toBe(200);
    expect(timeline.html).toContain("Timeline VIP");
  });

  it("deletes a membership after the confirmation, keeping it out of the list and the API", async () => {
    const browser = await signIn({ locale: "en" });
    const membership = await createMembership(browser.user.api_token, { name: "Gone VIP" });
    const detail = rendered(await browser.get(`/app/memberships/${membership.id}`));
    expect(detail).toContain(`action="/app/memberships/${membership.id}/delete"`);
    expect(detail).toMatch(/<button type="submit" class="danger">Delete membership<\/button>/);
    const deleted = await browser.post(`/app/memberships/${membership.id}/delete`, {});
    expect(deleted.status).toBe(303);
    expect(deleted.location).toBe("/app/memberships?done=deleted");
    const list = rendered(await browser.get(deleted.location as string));
    expect(list).toContain("Membership deleted");
    expect(list).not.toContain("Gone VIP");
    expect((await apiMembership(browser, membership.id)).status).toBe(404);
    expect((await browser.get(`/app/memberships/${membership.id}`)).status).toBe(404);
  });

  it("answers 404 for another user's membership on every page and changes nothing", async () => {
    const owner = await signIn({ locale: "en" });
    const membership = await createMembership(owner.user.api_token, { name: "Owner's VIP" });
    const before = await apiMembership(owner, membership.id);

    const other = await signIn({ locale: "en" });
    await other.get("/app/memberships");
    const path = `/app/memberships/${membership.id}`;
    expect(rendered(await other.get(path), 404)).not.toContain("Owner's VIP");
    expect((await other.get(`${path}/edit`)).status).toBe(404);
    expect((await other.post(path, membershipForm({ name: "Taken over" }))).status).toBe(404);
    expect((await other.post(`${path}/cancellations`, { side: "platform", evidence: "x" })).status).toBe(404);
    expect((await other.post(`${path}/delete`, {})).status).toBe(404);
    expect(rendered(await other.get("/app/memberships"))).not.toContain("Owner&#39;s VIP");

    expect(await apiMembership(owner, membership.id)).toEqual(before);
  });

  it("speaks English to an en user on every memberships page", async () => {
    const browser = await signIn({ locale: "en" });
    const membership = await createMembership(browser.user.api_token, { currency: "USD", amount_minor: 1199 });
    const list = rendered(await browser.get("/app/memberships"));
    expect(list).toContain("Add membership");
    expect(list).toContain("11.99 USD / month · Alipay");
    expect(list).toContain("Cancel by:");
    const chooser = rendered(await browser.get("/app/memberships/new"));
    expect(chooser).toContain("Start from a common service");
    expect(chooser).toContain("Blank form");
    const form = rendered(await browser.get("/app/memberships/new?preset=youtube_premium"));
    expect(form).toContain("Play Store → profile → Payments &amp; subscriptions → Subscriptions");
    expect(form).toContain("Amount per cycle");
    const paypal = rendered(await browser.get("/app/memberships/new?preset=adobe_cc"));
    expect(paypal).toContain("Settings → Payments → Manage automatic payments");
    expect(paypal).toContain('name="refund_window_days" type="number" min="0" max="365" value="14"');
    const detail = rendered(await browser.get(`/app/memberships/${membership.id}`));
    for (const label of ["Record a cancellation", "Printable timeline", "Edit", "Customer service", "Terms"]) {
      expect(detail).toContain(label);
    }
  });
});

describe("cancel-by dates", () => {
  it("count the notice period as the calendar and the cancel_deadline alert do, and are absent without one", async () => {
    const browser = await signIn({ locale: "en", timezone: SHANGHAI });
    const token = browser.user.api_token;
    await createMembership(token, { name: "With notice", next_renewal_on: renewalIn(20), cancel_notice_days: 7 });
    await createMembership(token, { name: "No notice", next_renewal_on: renewalIn(30), cancel_notice_days: 0 });
    const list = rendered(await browser.get("/app/memberships"));
    const card = (name: string) => list.slice(list.indexOf(name), list.indexOf("</li>", list.indexOf(name)));
    expect(card("With notice")).toContain("Cancel by");
    expect(card("With notice")).toContain("in 13 days");
    expect(card("No notice")).not.toContain("Cancel by");
    const home = rendered(await browser.get("/app"));
    expect(home).toContain(`id="day-${renewalIn(13)}"`);
    expect(home).not.toContain(`id="day-${renewalIn(29)}"`);
  });
});
