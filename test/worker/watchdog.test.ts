// The watchdog end to end: events matched at ingest raise their alerts in the same request, and the
// real scheduled handler raises the time-based ones on the right calendar day in the user's zone, once.
import { createExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../workers/index";
import { addCycle } from "../../workers/rules/cycle";
import { addDays, localDate } from "../../workers/time/zones";
import { testNow } from "../support/clock";
import { fixtureText } from "../support/fixtures";
import { call, createMembership, createUser, inboundEmail, sweepAt } from "../support/helpers";

// Scenarios are laid out relative to today: the API stamps a membership with the real date it was
// created (the sweep looks at it from then on) and refuses cancellations in the future.
const today = new Date(testNow()).toISOString().slice(0, 10);
const day = (offset: number) => addDays(today, offset);
const ago = (minutes: number) => new Date(testNow() - minutes * 60_000).toISOString();
const localDay = (iso: string, timeZone: string) => localDate(Date.parse(iso), timeZone);

type User = Awaited<ReturnType<typeof createUser>>;

async function post(user: User, event: Record<string, unknown>) {
  const response = await exports.default.fetch(
    new Request(user.webhook_url, {
      method: "POST",
      body: JSON.stringify(event),
      headers: { "content-type": "application/json" },
    }),
  );
  expect(response.status).toBe(201);
  return (await response.json()) as { events: { id: string; membership_id: string | null; match: unknown }[] };
}

async function alertsOf(userId: string) {
  const { results } = await env.DB.prepare(
    "select kind, membership_id, event_id, dedupe_key, title, body from alerts where user_id = ? order by created_at",
  )
    .bind(userId)
    .all<{
      kind: string;
      membership_id: string | null;
      event_id: string | null;
      dedupe_key: string;
      title: string;
      body: string;
    }>();
  return results;
}

const kinds = async (userId: string) => (await alertsOf(userId)).map((alert) => alert.kind);

const charge = (overrides: Record<string, unknown> = {}) => ({
  kind: "charge",
  amount_minor: 2500,
  currency: "CNY",
  merchant: "支付宝-爱奇艺",
  channel: "alipay",
  occurred_at: ago(60),
  ...overrides,
});

async function cancel(user: User, membershipId: string, side = "platform", at = ago(120)) {
  const response = await call("POST", `/api/v1/memberships/${membershipId}/cancellations`, {
    token: user.api_token,
    body: { side, cancelled_at: at },
  });
  expect(response.status).toBe(201);
}

describe("at ingest", () => {
  it("raises charge_after_cancel in the same webhook request that delivered the charge", async () => {
    const user = await createUser();
    const membership = await createMembership(user.api_token, { next_renewal_on: day(3) });
    await cancel(user, membership.id);
    const delivered = await post(user, charge({ reference: "2026112822001" }));
    expect(delivered.events[0]?.membership_id).toBe(membership.id);
    const alerts = await alertsOf(user.id);
    expect(alerts).toEqual([
      expect.objectContaining({
        kind: "charge_after_cancel",
        membership_id: membership.id,
        event_id: delivered.events[0]?.id,
      }),
    ]);
    // One pending delivery per channel the user has (e-mail only here).
    const deliveries = await env.DB.prepare("select channel, status from deliveries where user_id = ?")
      .bind(user.id)
      .all();
    expect(deliveries.results).toEqual([{ channel: "email", status: "pending" }]);
  });

  it("raises charge_after_cancel when the charge arrives by e-mail, before the handler returns", async () => {
    const user = await createUser();
    const membership = await createMembership(user.api_token, { next_renewal_on: day(3) });
    await cancel(user, membership.id);
    const raw = [
      "From: =?UTF-8?B?5pSv5LuY5a6d?= <service@mail.alipay.com>",
      "To: li.lei@example.com",
      "Subject: =?UTF-8?B?6Ieq5Yqo5omj5qy+5oiQ5Yqf?=",
      `Date: ${new Date(testNow() - 60 * 60_000).toUTCString()}`,
      "Message-ID: <charge-after-cancel@mail.alipay.com>",
      "Content-Type: text/plain; charset=UTF-8",
      "",
      "自动扣款成功",
      "扣款金额：¥25.00",
      "扣款说明：爱奇艺黄金VIP会员连续包月",
      "交易对象：北京爱奇艺科技有限公司",
      "付款方式：余额宝",
      "",
    ].join("\r\n");
    const { message } = inboundEmail(user.inbound_address, raw);
    await worker.email(message, env, createExecutionContext());
    expect(await kinds(user.id)).toEqual(["charge_after_cancel"]);
  });

  it("never matches one user's charge to another user's membership", async () => {
    const owner = await createUser();
    const other = await createUser();
    const membership = await createMembership(owner.api_token);
    await cancel(owner, membership.id);
    const delivered = await post(other, charge());
    expect(delivered.events[0]?.membership_id).toBeNull();
    expect(await kinds(owner.id)).toEqual([]);
    expect(await kinds(other.id)).toEqual([]);
  });

  it("raises price_changed when a matched charge differs from the expected amount", async () => {
    const user = await createUser({ locale: "en" });
    await createMembership(user.api_token, { next_renewal_on: day(3) });
    await post(user, charge({ amount_minor: 3000 }));
    const alerts = await alertsOf(user.id);
    expect(alerts.map((alert) => alert.kind)).toEqual(["price_changed"]);
    expect(alerts[0]?.title).toMatch(/\S/);
  });

  it("raises price_changed at the notice that announces a new price, and not again at the charge", async () => {
    const user = await createUser({ locale: "en" });
    const renewal = day(10);
    await createMembership(user.api_token, { next_renewal_on: renewal, cancel_notice_days: 2 });
    const notice = await post(user, { ...charge({ kind: "renewal_notice", amount_minor: 3000 }), renews_at: renewal });
    expect(notice.events[0]?.membership_id).not.toBeNull();
    const [announced] = await alertsOf(user.id);
    expect(announced).toMatchObject({ kind: "price_changed", event_id: notice.events[0]?.id });
    expect(announced?.title).toContain("will charge");
    expect(announced?.body).toContain(`cancel by ${addDays(renewal, -2)}`);
    // The renewal charge at the announced price is what the user was warned of: no second price alert.
    await post(user, charge({ amount_minor: 3000, occurred_at: ago(30) }));
    expect(await kinds(user.id)).toEqual(["price_changed"]);
  });

  it("reads Apple's price-increase e-mail as a price change on the membership it names, at once", async () => {
    const user = await createUser({ locale: "en", timezone: "UTC" });
    await createMembership(user.api_token, {
      name: "Apple One",
      merchant_aliases: ["Apple One"],
      amount_minor: 1995,
      currency: "USD",
      channel: "apple",
      next_renewal_on: day(20),
    });
    const { message } = inboundEmail(user.inbound_address, fixtureText("email/apple-price-increase.eml"));
    await worker.email(message, env, createExecutionContext());
    const alerts = await alertsOf(user.id);
    expect(alerts.map((alert) => alert.kind)).toEqual(["price_changed"]);
    expect(alerts[0]?.title).toBe("Apple One will charge 21.95 USD instead of 19.95 USD");
  });

  it("moves the renewal forward one cycle when the renewal charge is matched, and only once", async () => {
    const user = await createUser();
    const renewal = day(2);
    const membership = await createMembership(user.api_token, { next_renewal_on: renewal });
    await post(user, charge({ reference: "A" }));
    const read = async () =>
      (await call("GET", `/api/v1/memberships/${membership.id}`, { token: user.api_token })).body.next_renewal_on;
    const next = addCycle(renewal, "month", 1, Number(renewal.slice(8)));
    expect(await read()).toBe(next);
    await post(user, charge({ occurred_at: ago(30), reference: "B" }));
    expect(await read()).toBe(next);
  });

  it("raises unknown_subscription for a second monthly charge from a merchant matching no membership", async () => {
    const user = await createUser();
    await createMembership(user.api_token); // 爱奇艺: not the merchant below
    await post(
      user,
      charge({
        merchant: "财付通-喜马拉雅",
        amount_minor: 2500,
        occurred_at: `${day(-30)}T02:00:00Z`,
        reference: "X1",
      }),
    );
    expect(await kinds(user.id)).toEqual([]);
    const second = ago(60);
    await post(user, charge({ merchant: "财付通-喜马拉雅", amount_minor: 2500, occurred_at: second, reference: "X2" }));
    expect(await kinds(user.id)).toEqual(["unknown_subscription"]);
    // A third delivery of the same charge (replay) adds nothing.
    await exports.default.fetch(
      new Request(user.webhook_url, {
        method: "POST",
        body: JSON.stringify(charge({ merchant: "财付通-喜马拉雅", occurred_at: second, reference: "X2" })),
        headers: { "content-type": "application/json" },
      }),
    );
    expect(await kinds(user.id)).toEqual(["unknown_subscription"]);
  });

  it("leaves an event matching two memberships equally unmatched, with the reason", async () => {
    const user = await createUser();
    await createMembership(user.api_token, { name: "腾讯视频（我）", merchant_aliases: ["腾讯视频"] });
    await createMembership(user.api_token, { name: "腾讯视频（家人）", merchant_aliases: ["腾讯视频"] });
    const delivered = await post(user, charge({ merchant: "财付通-腾讯视频", channel: "wechat_pay" }));
    expect(delivered.events[0]?.membership_id).toBeNull();
    expect(JSON.stringify(delivered.events[0]?.match)).toContain("腾讯视频");
  });
});

describe("half-cancelled follow-ups at ingest", () => {
  it("flags a half cancellation at once when the payment side sends a renewal reminder", async () => {
    const user = await createUser();
    const membership = await createMembership(user.api_token, { next_renewal_on: day(5), channel: "alipay" });
    await cancel(user, membership.id, "platform");
    await post(user, {
      kind: "renewal_notice",
      merchant: "支付宝-爱奇艺",
      channel: "alipay",
      occurred_at: ago(30),
      renews_at: day(5),
    });
    expect(await kinds(user.id)).toEqual(["half_cancelled"]);
    // The sweep's own half_cancelled for this period is the same alert: still one.
    await sweepAt(Date.parse(`${day(3)}T23:30:00Z`));
    expect(await kinds(user.id)).toEqual(["half_cancelled"]);
  });

  it("records a matched cancellation notice from Alipay as the payment side's cancellation", async () => {
    const user = await createUser();
    const membership = await createMembership(user.api_token, { next_renewal_on: day(10), channel: "alipay" });
    await cancel(user, membership.id, "platform");
    const closedAt = ago(20);
    await post(user, {
      kind: "cancellation",
      merchant: "支付宝-爱奇艺",
      channel: "alipay",
      occurred_at: closedAt,
      reference: "AGR-2088-01",
    });
    const read = await call("GET", `/api/v1/memberships/${membership.id}`, { token: user.api_token });
    expect(read.body.status).toBe("cancelled");
    expect(read.body.cancellations).toEqual([
      expect.objectContaining({ side: "platform" }),
      expect.objectContaining({ side: "payment_channel", reference: "AGR-2088-01", cancelled_at: closedAt }),
    ]);
    await firstSweeps([user], day(0), day(9));
    expect(await kinds(user.id)).toEqual([]);
  });
});

describe("assigning an event by hand", () => {
  it("re-evaluates it and teaches the membership the merchant's name", async () => {
    const user = await createUser();
    const membership = await createMembership(user.api_token, { name: "B站大会员", merchant_aliases: ["哔哩哔哩"] });
    await cancel(user, membership.id);
    const delivered = await post(user, charge({ merchant: "上海宽娱数码科技有限公司", channel: "wechat_pay" }));
    const eventId = delivered.events[0]?.id;
    expect(delivered.events[0]?.membership_id).toBeNull();
    const assigned = await call("PATCH", `/api/v1/events/${eventId}`, {
      token: user.api_token,
      body: { membership_id: membership.id },
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body.membership_id).toBe(membership.id);
    expect(await kinds(user.id)).toEqual(["charge_after_cancel"]);
    const read = await call("GET", `/api/v1/memberships/${membership.id}`, { token: user.api_token });
    expect(read.body.merchant_aliases).toEqual(["哔哩哔哩", "上海宽娱数码科技有限公司"]);
    // Learned: the next charge from that company matches by itself.
    const next = await post(
      user,
      charge({ merchant: "上海宽娱数码科技有限公司", reference: "N2", occurred_at: ago(10) }),
    );
    expect(next.events[0]?.membership_id).toBe(membership.id);
  });

  it("answers 404 for another user's event or membership, changing nothing", async () => {
    const owner = await createUser();
    const intruder = await createUser();
    const membership = await createMembership(owner.api_token);
    const delivered = await post(owner, charge({ merchant: "某不知名商户" }));
    const eventId = delivered.events[0]?.id;
    const foreignEvent = await call("PATCH", `/api/v1/events/${eventId}`, {
      token: intruder.api_token,
      body: { membership_id: null },
    });
    expect(foreignEvent.status).toBe(404);
    const mine = await createMembership(intruder.api_token);
    const intruderEvent = (await post(intruder, charge({ merchant: "某不知名商户" }))).events[0]?.id;
    const foreignMembership = await call("PATCH", `/api/v1/events/${intruderEvent}`, {
      token: intruder.api_token,
      body: { membership_id: membership.id },
    });
    expect(foreignMembership.status).toBe(404);
    expect(mine.id).not.toBe(membership.id);
    const row = await env.DB.prepare("select membership_id from events where id = ?").bind(intruderEvent).first();
    expect(row?.membership_id).toBeNull();
  });
});

// Sweeps every day at 23:30 UTC: already the next morning in Shanghai, still the same afternoon in
// Los Angeles, so the two zones disagree on the date at every sweep.
async function sweepDaily(fromDay: string, toDay: string, onDay: (day: string) => Promise<void>) {
  for (let day = fromDay; day <= toDay; day = addDays(day, 1)) {
    await sweepAt(Date.parse(`${day}T23:30:00Z`));
    await onDay(day);
  }
}

const ZONES = ["Asia/Shanghai", "America/Los_Angeles"] as const;
/** The UTC day of the 23:30 sweep at which `localDay` has begun in `timeZone`. */
const sweepDayFor = (localDay: string, timeZone: string) =>
  timeZone === "Asia/Shanghai" ? addDays(localDay, -1) : localDay;

/** The UTC day of the first sweep after which each alert kind existed for the user. */
async function firstSweeps(users: User[], fromDay: string, toDay: string) {
  const first = users.map(() => new Map<string, string>());
  await sweepDaily(fromDay, toDay, async (day) => {
    for (const [index, user] of users.entries()) {
      for (const kind of await kinds(user.id)) if (!first[index]?.has(kind)) first[index]?.set(kind, day);
    }
  });
  return first;
}

describe("the sweep", () => {
  it("warns before renewal, cancellation deadline and trial end on the right day in each zone, once", async () => {
    const shanghai = await createUser({ timezone: "Asia/Shanghai" });
    const losAngeles = await createUser({ timezone: "America/Los_Angeles" });
    for (const user of [shanghai, losAngeles]) {
      await createMembership(user.api_token, {
        next_renewal_on: day(24),
        cancel_notice_days: 7,
        lead_days: 3,
        trial_ends_on: day(14),
      });
    }
    // Up to the renewal itself: two days after it, an unconfirmed renewal would rightly be flagged too.
    const [sh, la] = await firstSweeps([shanghai, losAngeles], day(0), day(23));
    // Trial ends day 14 → warned day 11; deadline day 17 → warned day 14; renewal day 24 → warned day 21.
    // A Shanghai date starts at the previous day's 23:30 UTC sweep; a Los Angeles date at its own.
    expect(Object.fromEntries(sh ?? [])).toEqual({
      trial_ending: day(10),
      cancel_deadline: day(13),
      renewal_upcoming: day(20),
    });
    expect(Object.fromEntries(la ?? [])).toEqual({
      trial_ending: day(11),
      cancel_deadline: day(14),
      renewal_upcoming: day(21),
    });
    for (const user of [shanghai, losAngeles]) {
      expect((await kinds(user.id)).sort()).toEqual(["cancel_deadline", "renewal_upcoming", "trial_ending"]);
    }
  });

  it("says nothing for a cancelled or non-renewing membership, and ends it when its paid period is over", async () => {
    const user = await createUser({ timezone: "Asia/Shanghai" });
    const cancelled = await createMembership(user.api_token, {
      next_renewal_on: day(20),
      cancel_notice_days: 7,
      channel: "apple",
    });
    await cancel(user, cancelled.id);
    const oneOff = await createMembership(user.api_token, {
      next_renewal_on: day(20),
      cancel_notice_days: 7,
      auto_renew: false,
    });
    await sweepDaily(day(0), day(21), async () => {});
    expect(await kinds(user.id)).toEqual([]);
    for (const id of [cancelled.id, oneOff.id]) {
      const read = await call("GET", `/api/v1/memberships/${id}`, { token: user.api_token });
      expect(read.body.status).toBe("ended");
    }
  });

  it.each(ZONES)(
    "flags a half cancellation two days after the platform side in %s, and not once the payment side is closed",
    async (timeZone) => {
      const halfway = await createUser({ timezone: timeZone });
      const both = await createUser({ timezone: timeZone });
      const platformAt = ago(120);
      for (const user of [halfway, both]) {
        const membership = await createMembership(user.api_token, { next_renewal_on: day(20), channel: "alipay" });
        await cancel(user, membership.id, "platform", platformAt);
        if (user === both) await cancel(user, membership.id, "payment_channel", ago(110));
      }
      const [half, closed] = await firstSweeps([halfway, both], day(0), day(6));
      expect(Object.fromEntries(half ?? [])).toEqual({
        half_cancelled: sweepDayFor(addDays(localDay(platformAt, timeZone), 2), timeZone),
      });
      expect(Object.fromEntries(closed ?? [])).toEqual({});
      expect(await kinds(halfway.id)).toEqual(["half_cancelled"]);
    },
  );

  it.each(ZONES)(
    "asks the user in %s to check a renewal that passed two days ago without a charge, not when the charge came",
    async (timeZone) => {
      const silent = await createUser({ timezone: timeZone });
      const charged = await createUser({ timezone: timeZone });
      for (const user of [silent, charged]) await createMembership(user.api_token, { next_renewal_on: day(5) });
      await post(charged, charge({ occurred_at: `${day(5)}T02:00:00Z` }));
      const [quiet, paid] = await firstSweeps([silent, charged], day(0), day(9));
      // Renewal on day 5 + 2 days of grace: day 7 in the user's own zone.
      expect(quiet?.get("renewal_unconfirmed")).toBe(sweepDayFor(day(7), timeZone));
      expect(paid?.has("renewal_unconfirmed")).toBe(false);
      expect((await kinds(silent.id)).filter((kind) => kind === "renewal_unconfirmed")).toHaveLength(1);
    },
  );

  it.each(ZONES)("warns in %s before the refund window of a charge after cancellation closes", async (timeZone) => {
    const user = await createUser({ timezone: timeZone });
    const membership = await createMembership(user.api_token, {
      next_renewal_on: day(2),
      refund_window_days: 7,
      lead_days: 2,
    });
    // Both sides cancelled, so only the disputed charge is left to warn about.
    await cancel(user, membership.id, "platform");
    await cancel(user, membership.id, "payment_channel");
    const chargedAt = ago(60);
    await post(user, charge({ occurred_at: chargedAt }));
    const [first] = await firstSweeps([user], day(0), day(10));
    // The window closes 7 days after the charge's date in the user's zone, and is warned of 2 days before.
    expect(first?.get("refund_window_closing")).toBe(sweepDayFor(addDays(localDay(chargedAt, timeZone), 5), timeZone));
    expect((await kinds(user.id)).sort()).toEqual(["charge_after_cancel", "refund_window_closing"]);
  });

  it("catches a charge after cancellation that was not one when it arrived", async () => {
    // The charge came first; the user records, afterwards, that they had cancelled before it.
    const user = await createUser();
    const membership = await createMembership(user.api_token, { next_renewal_on: day(20) });
    await post(user, charge({ occurred_at: ago(60), reference: "LATE-1" }));
    expect(await kinds(user.id)).toEqual([]);
    await cancel(user, membership.id, "customer_service", ago(180));
    await sweepAt(Date.parse(`${day(0)}T23:30:00Z`));
    expect(await kinds(user.id)).toEqual(["charge_after_cancel"]);
    await sweepAt(Date.parse(`${day(1)}T23:30:00Z`));
    expect((await kinds(user.id)).filter((kind) => kind === "charge_after_cancel")).toHaveLength(1);
  });

  it("reads only what is due: a second sweep at the same instant changes nothing", async () => {
    const user = await createUser();
    await createMembership(user.api_token, { next_renewal_on: day(20), cancel_notice_days: 7 });
    const instant = Date.parse(`${day(10)}T23:30:00Z`);
    await sweepAt(instant);
    expect(await kinds(user.id)).toEqual(["cancel_deadline"]);
    const snapshot = async () =>
      JSON.stringify([
        (await env.DB.prepare("select * from memberships where user_id = ?").bind(user.id).all()).results,
        (await env.DB.prepare("select * from deliveries where user_id = ?").bind(user.id).all()).results,
        await alertsOf(user.id),
      ]);
    const before = await snapshot();
    await sweepAt(instant);
    expect(await snapshot()).toBe(before);
  });
});
