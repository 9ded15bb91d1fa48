// "新建会员" from the inbox: the new-membership form opens filled in from the notice (name, the merchant as a bill
// name, amount, currency, channel), and the preset that already lists that merchant among its bill names is
// suggested, keeping the notice's facts when chosen.
import { describe, expect, it } from "vitest";
import { testNow } from "../support/clock";
import { type Browser, signIn } from "../support/dashboard";
import { alipayCharge, postEvent } from "../support/helpers";

const hoursAgo = (hours: number) => new Date(testNow() - hours * 3_600_000).toISOString();

/** Posts an unmatched charge and follows the inbox's "new membership" link; returns the link and the page. */
async function newFromInbox(browser: Browser, charge: Record<string, unknown>) {
  const posted = await postEvent(browser.user.webhook_url, alipayCharge({ occurred_at: hoursAgo(1), ...charge }));
  expect(posted.status).toBe(201);
  const inbox = await browser.get("/app/inbox");
  const href = inbox.html.match(/<a class="button secondary" href="(\/app\/memberships\/new[^"]*)"/)?.[1];
  expect(href).toBeDefined();
  const link = (href as string).replaceAll("&amp;", "&");
  const page = await browser.get(link);
  expect(page.status).toBe(200);
  return { link, html: page.html };
}

const field = (html: string, name: string) => html.match(new RegExp(`<input name="${name}" value="([^"]*)"`))?.[1];
const aliases = (html: string) =>
  html.match(/<textarea name="merchant_aliases"[^>]*>([\s\S]*?)<\/textarea>/)?.[1]?.split("\n") ?? [];
const selectedChannel = (html: string) =>
  html.match(/<select name="channel"[\s\S]*?<option value="(\w+)" selected/)?.[1];

describe("a new membership started from the inbox", () => {
  it("comes with the notice's merchant as name and bill name, its amount and channel, and suggests the preset", async () => {
    const browser = await signIn({ locale: "zh-CN" });
    const { html } = await newFromInbox(browser, { merchant: "财付通-爱奇艺", amount_minor: 3000, reference: "P-1" });
    expect(field(html, "name")).toBe("财付通-爱奇艺");
    expect(aliases(html)).toEqual(["财付通-爱奇艺"]);
    expect(field(html, "amount")).toBe("30.00");
    expect(field(html, "currency")).toBe("CNY");
    expect(selectedChannel(html)).toBe("alipay");
    expect(html).toContain("「财付通-爱奇艺」是「爱奇艺 VIP」账单上的名字");
    const suggestion = html.match(/href="(\/app\/memberships\/new\?preset=iqiyi[^"]*)"/)?.[1]?.replaceAll("&amp;", "&");
    expect(suggestion).toBe(
      `/app/memberships/new?preset=iqiyi&channel=alipay&merchant=${encodeURIComponent("财付通-爱奇艺")}&amount=30.00&currency=CNY`,
    );

    // Taking the suggestion: the preset's name, bill names and cancel path, with the notice's own amount.
    const preset = await browser.get(suggestion as string);
    expect(field(preset.html, "name")).toBe("爱奇艺 VIP");
    expect(aliases(preset.html)).toEqual([
      "爱奇艺",
      "iQIYI",
      "北京爱奇艺科技有限公司",
      "支付宝-爱奇艺",
      "财付通-爱奇艺",
    ]);
    expect(field(preset.html, "amount")).toBe("30.00");
    expect(preset.html).toContain("管理自动续费");
    // Another channel keeps the notice's facts too.
    expect(preset.html).toContain(
      `href="/app/memberships/new?preset=iqiyi&amp;channel=wechat_pay&amp;merchant=${encodeURIComponent("财付通-爱奇艺")}&amp;amount=30.00&amp;currency=CNY"`,
    );
  });

  it("finds the preset by a registered company name on the bill, in English", async () => {
    const browser = await signIn({ locale: "en" });
    const { html } = await newFromInbox(browser, { merchant: "深圳市腾讯计算机系统有限公司", amount_minor: 3000 });
    expect(field(html, "name")).toBe("深圳市腾讯计算机系统有限公司");
    expect(html).toContain("is how Tencent Video VIP appears on bills");
    expect(html).toContain('href="/app/memberships/new?preset=tencent_video&amp;channel=alipay&amp;merchant=');
  });

  it("prefills a merchant no preset knows, without a suggestion, and without a channel it opens the form all the same", async () => {
    const browser = await signIn({ locale: "en" });
    const { link, html } = await newFromInbox(browser, {
      merchant: "Globex Streaming",
      channel: null,
      amount_minor: 999,
    });
    expect(link).toBe("/app/memberships/new?merchant=Globex+Streaming&amount=9.99&currency=CNY");
    expect(field(html, "name")).toBe("Globex Streaming");
    expect(aliases(html)).toEqual(["Globex Streaming"]);
    expect(field(html, "amount")).toBe("9.99");
    expect(html).not.toContain("appears on bills");
    expect(html).toContain('action="/app/memberships"');
  });

  it("ignores prefill values that do not look right", async () => {
    const browser = await signIn({ locale: "en" });
    const odd = await browser.get("/app/memberships/new?merchant=Globex&amount=lots&currency=XYZ");
    expect(field(odd.html, "amount")).toBe("");
    expect(field(odd.html, "currency")).toBe("USD");
    expect(field(odd.html, "name")).toBe("Globex");
  });
});
