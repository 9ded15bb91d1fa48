// English channel names follow one rule, set once in texts/alerts.ts: each is a name in title case ("Credit
// Card" beside "WeChat Pay"), and every page — form, list, membership, inbox, printable timeline — uses it.
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { PAYMENT_CHANNELS } from "../../schema/tables";
import { testNow } from "../support/clock";
import { signIn } from "../support/dashboard";
import { createMembership, postEvent } from "../support/helpers";

/** Every word starts with a capital; brands keep their inner capitals (WeChat, PayPal). */
const TITLE_CASE = /^[A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)*$/;

const EXPECTED: Record<(typeof PAYMENT_CHANNELS)[number], string> = {
  alipay: "Alipay",
  wechat_pay: "WeChat Pay",
  bank_card: "Bank Card",
  credit_card: "Credit Card",
  apple: "Apple",
  google_play: "Google Play",
  paypal: "PayPal",
  platform_balance: "Platform Balance",
  other: "Other Channel",
};

describe("English channel names", () => {
  it("are all title case in the membership form's channel menu and the channel starting points", async () => {
    const browser = await signIn({ locale: "en" });
    const form = (await browser.get("/app/memberships/new?preset=custom")).html;
    const menu = form.match(/<select name="channel"[^>]*>([\s\S]*?)<\/select>/)?.[1] ?? "";
    const options = [...menu.matchAll(/<option value="([a-z_]+)"[^>]*>([^<]*)<\/option>/g)];
    expect(Object.fromEntries(options.map((option) => [option[1], option[2]]))).toEqual(EXPECTED);
    for (const option of options) expect(option[2]).toMatch(TITLE_CASE);

    const chooser = (await browser.get("/app/memberships/new")).html;
    for (const channel of ["bank_card", "credit_card", "platform_balance"] as const) {
      expect(chooser).toContain(`<a href="/app/memberships/new?channel=${channel}">${EXPECTED[channel]}</a>`);
    }
  });

  it("read the same on the list, the membership page, the inbox and the printable timeline", async () => {
    const browser = await signIn({ locale: "en" });
    const token = browser.user.api_token;
    const card = await createMembership(token, {
      name: "Netflix",
      merchant_aliases: ["Netflix"],
      channel: "credit_card",
    });
    await createMembership(token, { name: "Gym", merchant_aliases: ["Gym"], channel: "bank_card" });

    const list = (await browser.get("/app/memberships")).html;
    expect(list).toContain(" · Credit Card</div>");
    expect(list).toContain(" · Bank Card</div>");
    expect(list).not.toMatch(/credit card|bank card/);

    const detail = (await browser.get(`/app/memberships/${card.id}`)).html;
    expect(detail).toContain("<dt>Payment channel</dt><dd>Credit Card</dd>");

    const unmatched = await postEvent(browser.user.webhook_url, {
      kind: "charge",
      merchant: "Corner Shop Subscription",
      amount_minor: 990,
      currency: "USD",
      channel: "platform_balance",
      occurred_at: new Date(testNow() - 60_000).toISOString(),
    });
    expect(unmatched.status).toBe(201);
    expect((await browser.get("/app/inbox")).html).toContain(" · Platform Balance");

    const printed = await exports.default.fetch(
      new Request(`https://watchdog.test/api/v1/memberships/${card.id}/timeline?format=html`, {
        headers: { authorization: `Bearer ${token}` },
      }),
    );
    const timeline = await printed.text();
    expect(timeline).toContain("<tr><th>Payment channel</th><td>Credit Card</td></tr>");
    expect(timeline).not.toContain("credit card");
  });

  it("leave the Chinese names as they are", async () => {
    const browser = await signIn({ locale: "zh-CN" });
    const form = (await browser.get("/app/memberships/new?preset=custom")).html;
    expect(form).toContain('<option value="credit_card">信用卡</option>');
    expect(form).toContain('<option value="bank_card">银行卡</option>');
  });
});
