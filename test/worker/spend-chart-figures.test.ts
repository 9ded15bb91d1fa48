// The home page's spending charts name their currency where it can be seen and label each bar with the exact
// amount, to the currency's minor unit: ¥17.99 is never drawn as "18", and yen have no decimals.
import { describe, expect, it } from "vitest";
import { testDate, testNow } from "../support/clock";
import { signIn } from "../support/dashboard";
import { createMembership, postEvent } from "../support/helpers";

/** The chart (its <figure>) for one currency. */
const chartOf = (html: string, currency: string) =>
  html.match(new RegExp(`<figure class="spend" id="spend-${currency}">[\\s\\S]*?</figure>`))?.[0] ?? "";

/** The figures drawn above the bars, oldest month first. */
const barValues = (chart: string) =>
  [...chart.matchAll(/<text[^>]*class="value"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

/** A charge seconds ago: the chart's last month, or the one before in the first seconds of a month. */
const charge = (merchant: string, amount_minor: number, currency: string, seconds: number) => ({
  kind: "charge",
  merchant,
  amount_minor,
  currency,
  channel: "credit_card",
  occurred_at: new Date(testNow() - seconds * 1000).toISOString(),
});

async function userWithCharges(locale: "zh-CN" | "en", charges: [string, number, string][]) {
  const browser = await signIn({ locale, timezone: "Asia/Shanghai" });
  const token = browser.user.api_token;
  for (const [merchant, amount_minor, currency] of charges) {
    await createMembership(token, {
      name: merchant,
      merchant_aliases: [merchant],
      amount_minor,
      currency,
      channel: "credit_card",
      next_renewal_on: testDate(15),
      cancel_notice_days: 0,
    });
  }
  let seconds = 40;
  for (const [merchant, amount_minor, currency] of charges) {
    const response = await postEvent(browser.user.webhook_url, charge(merchant, amount_minor, currency, seconds--));
    expect(response.status).toBe(201);
  }
  return (await browser.get("/app")).html;
}

describe("spending charts", () => {
  it("say which currency each chart counts, in a caption that is shown", async () => {
    const html = await userWithCharges("zh-CN", [
      ["爱奇艺", 1799, "CNY"],
      ["Nintendo", 2400, "JPY"],
    ]);
    expect(chartOf(html, "CNY")).toContain(
      '<figcaption class="spend-title" id="spend-CNY-title">近 6 个月每月支出（CNY）</figcaption>',
    );
    expect(chartOf(html, "JPY")).toContain(
      '<figcaption class="spend-title" id="spend-JPY-title">近 6 个月每月支出（JPY）</figcaption>',
    );

    const en = await userWithCharges("en", [["Spotify AB", 1099, "USD"]]);
    expect(chartOf(en, "USD")).toContain(
      '<figcaption class="spend-title" id="spend-USD-title">Spending per month, last 6 months (USD)</figcaption>',
    );
  });

  it("labels each bar with the exact amount in the currency's minor units, never rounded", async () => {
    const html = await userWithCharges("zh-CN", [
      ["爱奇艺", 1799, "CNY"],
      ["Nintendo", 2400, "JPY"],
    ]);
    const yuan = barValues(chartOf(html, "CNY"));
    expect(yuan).toHaveLength(6);
    expect(yuan).toContain("17.99");
    expect(yuan).not.toContain("18");
    expect(yuan.filter((value) => value !== "17.99")).toEqual(["0.00", "0.00", "0.00", "0.00", "0.00"]);
    const yen = barValues(chartOf(html, "JPY"));
    expect(yen).toContain("2400");
    expect(yen.filter((value) => value !== "2400")).toEqual(["0", "0", "0", "0", "0"]);
  });

  it("draws a long figure smaller so that it stays above its own bar", async () => {
    const html = await userWithCharges("en", [["Big Annual Plan", 1234567, "CNY"]]);
    const chart = chartOf(html, "CNY");
    expect(barValues(chart)).toContain("12345.67");
    // The value label of the one bar drawn: its font-size attribute, wherever it sits among the attributes.
    const label = chart.match(/<text[^>]*class="value"[^>]*>12345\.67<\/text>/)?.[0] ?? "";
    const size = Number(label.match(/font-size="([\d.]+)"/)?.[1]);
    expect(size).toBeGreaterThan(0);
    expect(size).toBeLessThan(11);
  });
});
