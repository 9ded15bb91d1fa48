// Alert texts: every kind in both languages says what happened, to which membership, and what to do next.
import { describe, expect, it } from "vitest";
import { ALERT_KINDS } from "../../schema/tables";
import type { AlertDraft, AlertKind } from "../../workers/rules/types";
import { renderAlert, smsLength } from "../../workers/texts/alerts";

const membership = {
  name: "爱奇艺黄金VIP",
  amount_minor: 2500,
  currency: "CNY",
  channel: "alipay",
  cancel_url: null,
  support_contact: null,
};

const charge = {
  ...membership,
  merchant: "支付宝-爱奇艺",
  reference: "2026112022001",
  charged_at: "2026-12-01T02:00:00.000Z",
  charged_on: "2026-12-01",
  refund_window_closes_on: "2026-12-08",
};

// The facts each rule in workers/rules/ puts on its drafts.
const FACTS: Record<AlertKind, AlertDraft["facts"]> = {
  renewal_upcoming: { ...membership, renewal_on: "2026-12-01", days_left: 3 },
  cancel_deadline: {
    ...membership,
    renewal_on: "2026-12-01",
    deadline_on: "2026-11-24",
    cancel_notice_days: 7,
    days_left: 2,
  },
  trial_ending: { ...membership, trial_ends_on: "2026-12-01", days_left: 1 },
  charge_after_cancel: {
    ...charge,
    cancelled_at: "2026-11-20T02:00:00.000Z",
    cancelled_on: "2026-11-20",
    cancelled_side: "platform",
  },
  half_cancelled: {
    ...membership,
    cancelled_at: "2026-11-20T02:00:00.000Z",
    cancelled_on: "2026-11-20",
    renewal_on: "2026-12-01",
    days_left: 9,
  },
  price_changed: {
    ...membership,
    expected_amount_minor: 2500,
    amount_minor: 3000,
    difference_minor: 500,
    charged_on: "2026-12-01",
    reference: null,
  },
  unknown_subscription: {
    name: "财付通-迅雷",
    merchant: "财付通-迅雷",
    amount_minor: 1500,
    currency: "CNY",
    channel: "wechat_pay",
    occurred_on: "2026-12-01",
    renewal_on: null,
    previous_on: "2026-11-01",
    days_between: 30,
    cycle_unit: "month",
  },
  renewal_unconfirmed: {
    ...membership,
    renewal_on: "2026-12-01",
    days_since: 2,
    missed_periods: 1,
    next_renewal_on: "2027-01-01",
  },
  refund_window_closing: { ...charge, days_left: 2 },
};

const draft = (kind: AlertKind, facts: AlertDraft["facts"] = FACTS[kind]): AlertDraft => ({
  kind,
  membershipId: kind === "unknown_subscription" ? null : "mem_test",
  eventId: null,
  dedupeKey: `${kind}:test`,
  facts,
});

const NEXT_STEP = {
  "zh-CN": /取消|关闭|退款|核对|登记/,
  en: /cancel|turn off|close|refund|check|register/i,
} as const;

// The amount as the texts write it: digits with the decimal point, whatever the currency sign.
const amountDigits = (facts: AlertDraft["facts"]) =>
  typeof facts.amount_minor === "number" ? (facts.amount_minor / 100).toFixed(2) : null;

describe("renderAlert", () => {
  for (const kind of ALERT_KINDS) {
    for (const locale of ["zh-CN", "en"] as const) {
      it(`writes ${kind} in ${locale}: title, body, and an SMS within two segments with the name, amount and next step`, () => {
        const facts = FACTS[kind];
        const texts = renderAlert(draft(kind), locale, { cancelSteps: null });
        expect(texts.title.trim()).not.toBe("");
        expect(texts.body.trim()).not.toBe("");
        const name = String(facts.name);
        expect(texts.title).toContain(name);
        expect(texts.sms).toContain(name);
        const amount = amountDigits(facts);
        if (amount) {
          expect(texts.title + texts.body).toContain(amount);
          expect(texts.sms).toContain(amount);
        }
        expect(texts.sms).toMatch(NEXT_STEP[locale]);
        expect(texts.body).toMatch(NEXT_STEP[locale]);
        const { length, limit } = smsLength(texts.sms);
        expect(length).toBeLessThanOrEqual(locale === "zh-CN" ? 134 : 306);
        expect(length).toBeLessThanOrEqual(limit);
        expect(texts.sms.length).toBeLessThanOrEqual(locale === "zh-CN" ? 134 : 306);
      });
    }
  }

  it("announces a price change before the charge: the new price, from when, and the last day to cancel", () => {
    const facts = {
      ...membership,
      expected_amount_minor: 2500,
      amount_minor: 3000,
      difference_minor: 500,
      noticed_on: "2026-11-20",
      renewal_on: "2026-12-01",
      deadline_on: "2026-11-30",
      reference: null,
    };
    const announced = { ...draft("price_changed"), facts };
    const zh = renderAlert(announced, "zh-CN", { cancelSteps: null });
    expect(zh.title).toContain("要涨价");
    expect(zh.body).toContain("2026-11-30 取消");
    expect(zh.sms).toContain("前取消");
    const en = renderAlert(announced, "en", { cancelSteps: null });
    expect(en.title).toBe("爱奇艺黄金VIP will charge 30.00 CNY instead of 25.00 CNY");
    expect(en.body).toContain("cancel by 2026-11-30");
    expect(en.body).not.toContain("charged");
    for (const texts of [zh, en]) {
      const { length, limit } = smsLength(texts.sms);
      expect(length).toBeLessThanOrEqual(limit);
      expect(texts.sms).toContain("30");
    }
  });

  it("writes yuan as ¥ in Chinese and with its code in English", () => {
    const facts = FACTS.renewal_upcoming;
    expect(renderAlert(draft("renewal_upcoming", facts), "zh-CN").title).toContain("¥25.00");
    expect(renderAlert(draft("renewal_upcoming", facts), "en").title).toContain("25.00 CNY");
    const usd = { ...facts, amount_minor: 1199, currency: "USD" };
    expect(renderAlert(draft("renewal_upcoming", usd), "zh-CN").title).toContain("11.99 USD");
    const jpy = { ...facts, amount_minor: 980, currency: "JPY" };
    expect(renderAlert(draft("renewal_upcoming", jpy), "en").sms).toContain("980 JPY");
  });

  it("says where to cancel: the membership's own steps first, then the payment channel's menu", () => {
    const steps = "爱奇艺App 我的 → VIP会员 → 管理自动续费 → 关闭";
    const texts = renderAlert(draft("cancel_deadline"), "zh-CN", { cancelSteps: steps });
    expect(texts.body).toContain(steps);
    expect(texts.body).toContain("支付宝 我的 → 设置 → 支付设置 → 免密支付/自动扣款");
    expect(texts.sms).toContain("管理自动续费");
  });

  it("falls back to the cancel URL, then the support contact, then the channel's menu", () => {
    const withUrl = { ...FACTS.renewal_upcoming, cancel_url: "https://vip.iqiyi.com/cancel" };
    expect(renderAlert(draft("renewal_upcoming", withUrl), "en").body).toContain("https://vip.iqiyi.com/cancel");
    expect(renderAlert(draft("renewal_upcoming", withUrl), "en").sms).toContain("https://vip.iqiyi.com/cancel");
    const withSupport = { ...FACTS.renewal_upcoming, support_contact: "4009-100-100" };
    expect(renderAlert(draft("renewal_upcoming", withSupport), "zh-CN").body).toContain("4009-100-100");
    const wechat = { ...FACTS.renewal_upcoming, channel: "wechat_pay" };
    expect(renderAlert(draft("renewal_upcoming", wechat), "zh-CN").body).toContain(
      "我 → 服务 → 钱包 → 支付设置 → 自动续费",
    );
    const apple = { ...FACTS.renewal_upcoming, channel: "apple", name: "Apple One", currency: "USD" };
    expect(renderAlert(draft("renewal_upcoming", apple), "en").body).toContain("Apple ID → Subscriptions");
    const play = { ...FACTS.trial_ending, channel: "google_play" };
    expect(renderAlert(draft("trial_ending", play), "en").body).toContain("Payments & subscriptions → Subscriptions");
    const paypal = { ...FACTS.half_cancelled, channel: "paypal" };
    expect(renderAlert(draft("half_cancelled", paypal), "en").body).toContain(
      "Settings → Payments → Automatic payments",
    );
  });

  it("tells a user charged after cancelling how to get the money back and what evidence to keep", () => {
    const zh = renderAlert(draft("charge_after_cancel"), "zh-CN", { timelineUrl: "https://w.test/t/mem_test" });
    expect(zh.body).toContain("95188");
    expect(zh.body).toContain("12315");
    expect(zh.body).toContain("截图");
    expect(zh.body).toContain("2026112022001");
    expect(zh.body).toContain("https://w.test/t/mem_test");
    const card = { ...FACTS.charge_after_cancel, channel: "credit_card" };
    expect(renderAlert(draft("charge_after_cancel", card), "en").body).toMatch(/chargeback/);
    const apple = { ...FACTS.refund_window_closing, channel: "apple" };
    expect(renderAlert(draft("refund_window_closing", apple), "en").body).toContain("reportaproblem.apple.com");
  });

  it("keeps the SMS within two segments for long names, steps and links", () => {
    const long = {
      name: "超级无敌豪华至尊黄金白金钻石会员年卡自动续费连续包月套餐特惠版".repeat(3),
      cancel_url: `https://example.com/${"a".repeat(300)}`,
      support_contact: "客服电话 400-000-0000，工作时间 9:00-21:00，或在线客服".repeat(3),
    };
    const steps = "打开App → 我的 → 设置 → 账号与安全 → 会员服务 → 自动续费管理 → 关闭".repeat(4);
    for (const kind of ALERT_KINDS) {
      for (const locale of ["zh-CN", "en"] as const) {
        const texts = renderAlert(draft(kind, { ...FACTS[kind], ...long }), locale, {
          cancelSteps: steps,
          timelineUrl: `https://watchdog.test/${"x".repeat(200)}`,
        });
        const { length, limit } = smsLength(texts.sms);
        expect(length, `${kind} ${locale}: ${texts.sms}`).toBeLessThanOrEqual(limit);
        expect(texts.sms.length).toBeLessThanOrEqual(locale === "zh-CN" ? 134 : 306);
        expect(texts.sms).toContain(long.name.slice(0, 10));
        expect(texts.sms).toMatch(NEXT_STEP[locale]);
      }
    }
  });

  it("keeps an English SMS in GSM-7 so that 306 characters really are two segments", () => {
    for (const kind of ALERT_KINDS) {
      const facts = { ...FACTS[kind], name: "Spotify Premium", merchant: "Spotify AB" };
      const { limit } = smsLength(renderAlert(draft(kind, facts), "en").sms);
      expect(limit, kind).toBe(306);
    }
  });

  it("names an unknown subscription without an amount or merchant", () => {
    const facts = { ...FACTS.unknown_subscription, name: null, merchant: null, amount_minor: null, currency: null };
    const zh = renderAlert(draft("unknown_subscription", facts), "zh-CN");
    expect(zh.title).toContain("未知商户");
    expect(zh.sms).toMatch(NEXT_STEP["zh-CN"]);
    expect(renderAlert(draft("unknown_subscription", facts), "en").title).toContain("unknown merchant");
  });
});
