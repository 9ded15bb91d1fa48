import { describe, expect, it } from "vitest";
import { dollarOf, findMoney, parseMoney } from "../../workers/read/amounts";

const cny = { defaultCurrency: "CNY" };

describe("parseMoney", () => {
  it.each([
    ["¥25.00", 2500, "CNY"],
    ["￥25.00", 2500, "CNY"],
    ["25.00元", 2500, "CNY"],
    ["45元", 4500, "CNY"],
    ["人民币1,281.56", 128156, "CNY"],
    ["1,281.56 人民币元", 128156, "CNY"],
    ["RMB138.20元", 13820, "CNY"],
    ["CNY 98.50", 9850, "CNY"],
    ["$11.99", 1199, "USD"],
    ["US$11.99", 1199, "USD"],
    ["$11.99 USD", 1199, "USD"],
    ["USD 5", 500, "USD"],
    ["€10,99", 1099, "EUR"],
    ["10,99 €", 1099, "EUR"],
    ["EUR 1.299,00", 129900, "EUR"],
    ["£4.99", 499, "GBP"],
    ["GBP 12.00", 1200, "GBP"],
    ["NT$150", 15000, "TWD"],
    ["新臺幣150元", 15000, "TWD"],
    ["新台币 90", 9000, "TWD"],
    ["HK$78.00", 7800, "HKD"],
    ["100.00港币", 10000, "HKD"],
    ["858.00日元", 858, "JPY"],
    ["1,200円", 1200, "JPY"],
    ["JPY 1,500", 1500, "JPY"],
    ["12.50美元", 1250, "USD"],
    ["Rp 39.000,00", 3900000, "IDR"],
    ["Rp39.000", 3900000, "IDR"],
    // Indian banks write rupees as "Rs." or "Rs", glued or spaced.
    ["Rs.1,250.00", 125000, "INR"],
    ["Rs 75", 7500, "INR"],
    ["IDR 39,000.00", 3900000, "IDR"],
    ["1,234,567.89元", 123456789, "CNY"],
  ])("reads %s as %i %s", (text, amount, currency) => {
    expect(parseMoney(text)).toEqual({ amount_minor: amount, currency });
  });

  it("keeps the amount positive when the text writes a debit negative", () => {
    expect(parseMoney("人民币-18.90")).toEqual({ amount_minor: 1890, currency: "CNY" });
    expect(parseMoney("-¥18.90")).toEqual({ amount_minor: 1890, currency: "CNY" });
  });

  it("never rounds through floats: 0.29 and 19.99 stay exact", () => {
    expect(parseMoney("¥0.29")?.amount_minor).toBe(29);
    expect(parseMoney("$19.99")?.amount_minor).toBe(1999);
    expect(parseMoney("¥1.1")?.amount_minor).toBe(110);
  });

  it("reads a bare number only with a default currency", () => {
    expect(parseMoney("45")).toBeNull();
    expect(parseMoney("45", cny)).toEqual({ amount_minor: 4500, currency: "CNY" });
    expect(parseMoney("1,281.56", cny)).toEqual({ amount_minor: 128156, currency: "CNY" });
  });

  it("takes ¥ as yen in a Japanese context and for whole amounts without one", () => {
    expect(parseMoney("¥1,200", { defaultCurrency: "JPY" })).toEqual({ amount_minor: 1200, currency: "JPY" });
    expect(parseMoney("¥1,200")).toEqual({ amount_minor: 1200, currency: "JPY" });
    expect(parseMoney("¥25.00", { defaultCurrency: "USD" })).toEqual({ amount_minor: 2500, currency: "CNY" });
    expect(parseMoney("¥45", cny)).toEqual({ amount_minor: 4500, currency: "CNY" });
  });

  it("refuses text that is not one amount", () => {
    expect(parseMoney("")).toBeNull();
    expect(parseMoney("尾号1234")).toBeNull();
    expect(parseMoney("¥25.00 and $3.00")).toBeNull();
    expect(parseMoney("ABC 12.00")).toBeNull();
  });
});

describe("findMoney", () => {
  it("finds the CMB debit and its position, with the balance as a separate amount", () => {
    const text = "您账户0921于10月05日14:30在【财付通-滴滴出行】发生快捷支付扣款，人民币27.78，余额1,024.00元";
    const found = findMoney(text, cny);
    expect(found.map((m) => [m.raw, m.amount_minor])).toEqual([
      ["人民币27.78", 2778],
      ["1,024.00元", 102400],
    ]);
    expect(text.slice(found[0]?.index)).toMatch(/^人民币27\.78/);
  });

  it("flags the ABC negative spending amount", () => {
    const [first] = findMoney("【中国农业银行】您尾号1234账户10月05日12:00完成支付宝交易人民币-18.90，余额2,000.00。");
    expect(first).toMatchObject({ amount_minor: 1890, currency: "CNY", negative: true, raw: "人民币-18.90" });
  });

  it("does not take card tails, dates or times for amounts", () => {
    const found = findMoney("尾号1234卡10月5日14:59消费1.00，2024.10.05", cny);
    expect(found.map((m) => m.amount_minor)).toEqual([100]);
  });

  it("reads thousands grouped by narrow, no-break and plain spaces, and keeps neighbouring numbers apart", () => {
    expect(findMoney("Total\t1\u202f079,40\u00a0€ EUR")[0]).toMatchObject({ amount_minor: 107940, currency: "EUR" });
    expect(findMoney("Montant : 12\u00a0345 €")[0]).toMatchObject({ amount_minor: 1234500, currency: "EUR" });
    expect(findMoney("Summe 1 234,56 €")[0]).toMatchObject({ amount_minor: 123456, currency: "EUR" });
    // A card tail and a plain-spaced amount after it, and a quantity before a price: two numbers, not one.
    expect(findMoney("Visa x-5561 6,49 € EUR").map((m) => m.amount_minor)).toEqual([649]);
    expect(findMoney("Qté 3 100 €").map((m) => m.amount_minor)).toEqual([10000]);
  });

  it("reads a windows-1252 euro sign decoded as Latin-1 (U+0080) as €", () => {
    expect(findMoney("Mitgliedsgebühr: 89,90 \u0080 (inkl. MwSt.)")[0]).toMatchObject({
      amount_minor: 8990,
      currency: "EUR",
    });
  });

  it("reads the BOC amount written with a prefix and a trailing 元", () => {
    expect(findMoney("在京东消费RMB138.20元")[0]).toMatchObject({ amount_minor: 13820, raw: "RMB138.20元" });
    expect(findMoney("民生银行：支出￥5.00元")[0]).toMatchObject({ amount_minor: 500, raw: "￥5.00元" });
  });

  it("reads mixed ¥ and ￥ in one WeChat Pay notice", () => {
    const found = findMoney("已扣费¥25.00\n扣费金额￥25.00");
    expect(found.map((m) => [m.amount_minor, m.currency])).toEqual([
      [2500, "CNY"],
      [2500, "CNY"],
    ]);
  });

  it("reads Google Play's Indonesian price per month", () => {
    expect(findMoney("YouTube Premium (YouTube) Rp 39.000,00/month")[0]).toMatchObject({
      amount_minor: 3900000,
      currency: "IDR",
    });
  });

  it("reads English receipt totals and ignores order numbers", () => {
    const found = findMoney("ORDER ID: MK2QXV9LJ7 DOCUMENT NO.: 165012345678 TOTAL: $18.00");
    expect(found.map((m) => m.amount_minor)).toEqual([1800]);
  });

  it("reads full-width digits", () => {
    expect(findMoney("支出￥２５．００")[0]).toMatchObject({ amount_minor: 2500, raw: "￥２５．００" });
  });

  it("reads the widest lead before a number (sign, gaps, a four-character marker) after long digit-free text", () => {
    const text = `${"没有数字的长句子。".repeat(40)}－\u3000\u3000人民币元\u3000\u3000－\u3000\u300025.00，${"x".repeat(300)} -  USD  -  1,281.56 EUR`;
    expect(findMoney(text, cny)).toEqual([
      {
        amount_minor: 2500,
        currency: "CNY",
        index: 360,
        raw: "－\u3000\u3000人民币元\u3000\u3000－\u3000\u300025.00",
        negative: true,
      },
      { amount_minor: 128156, currency: "USD", index: 679, raw: "-  USD  -  1,281.56 EUR", negative: true },
    ]);
    expect(findMoney("退款 - 新加坡元 - 9.90")).toEqual([
      { amount_minor: 990, currency: "SGD", index: 3, raw: "- 新加坡元 - 9.90", negative: true },
    ]);
  });

  it("reads a lead only as far back as its own characters: a code touching a word is no currency", () => {
    expect(findMoney("xUSD 5.00 and Rp 39.000 and 价格:€12,50")).toEqual([
      { amount_minor: 3900000, currency: "IDR", index: 14, raw: "Rp 39.000", negative: false },
      { amount_minor: 1250, currency: "EUR", index: 31, raw: "€12,50", negative: false },
    ]);
    expect(findMoney("订单#A1 金额 - RM 12.00, refX-5.00", cny)).toEqual([
      { amount_minor: 1200, currency: "MYR", index: 9, raw: "- RM 12.00", negative: true },
    ]);
    expect(findMoney("TotalUSD 9.99 / (US$ 7.50) / 合计人民币 88.00元")).toEqual([
      { amount_minor: 750, currency: "USD", index: 17, raw: "US$ 7.50", negative: false },
      { amount_minor: 8800, currency: "CNY", index: 31, raw: "人民币 88.00元", negative: false },
    ]);
  });

  it("reads 元 as the context's yuan-named currency: New Taiwan, Hong Kong or Macau dollars, else CNY", () => {
    expect(findMoney("總計：149元", { defaultCurrency: "TWD" })[0]).toMatchObject({
      amount_minor: 14900,
      currency: "TWD",
    });
    expect(findMoney("合共 78.00 元", { defaultCurrency: "HKD" })[0]).toMatchObject({
      amount_minor: 7800,
      currency: "HKD",
    });
    expect(findMoney("消费25.00元", cny)[0]).toMatchObject({ currency: "CNY" });
    expect(findMoney("消费25.00元", { defaultCurrency: "USD" })[0]).toMatchObject({ currency: "CNY" });
    expect(findMoney("消费25.00元")[0]).toMatchObject({ currency: "CNY" });
    expect(findMoney("新臺幣150元", cny)[0]).toMatchObject({ amount_minor: 15000, currency: "TWD" });
    expect(findMoney("858.00日元", { defaultCurrency: "TWD" })[0]).toMatchObject({
      amount_minor: 858,
      currency: "JPY",
    });
  });
});

describe("dollarOf", () => {
  it.each([
    ["All prices include GST. Example Pty Limited, ABN 11 222 333 444, Perth WA, Australia. $4.99", "AUD"],
    ["Charged $12.00 at 09:14 AEST", "AUD"],
    ["Total $9.99. Questions? help@shop.example.co.nz", "NZD"],
    ["Total $9.99 incl. GST/HST. Toronto, Canada", "CAD"],
    ["Paid S$3.00 at Kopi Corner, Singapore", "SGD"],
    ["You paid $9.99 to Example Inc., Austin, TX", undefined],
    ["No dollars here: Australia 12,00 €", undefined],
  ])("reads %j as %s", (text, currency) => {
    expect(dollarOf(text)).toBe(currency);
  });

  it("lets a bare $ take the local dollar", () => {
    const text = "Example Pty Ltd, ABN 11 222 333 444, Australia. Total $13.99";
    expect(findMoney(text, { defaultCurrency: dollarOf(text) })[0]?.currency).toBe("AUD");
  });
});

describe("a rand debit signed after its R", () => {
  it("reads R-2,035.40 as a negative rand amount", () => {
    expect(findMoney("Card purchase, R-2,035.40, Available R15.00")[0]).toMatchObject({
      amount_minor: 203540,
      currency: "ZAR",
      negative: true,
    });
  });
});
