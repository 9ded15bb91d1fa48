// GET /api/v1/memberships/{id}/timeline: the dispute kit, as JSON and as a printable page.
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { addDays, localDate } from "../../workers/time/zones";
import { testNow } from "../support/clock";
import { call, createMembership, createUser } from "../support/helpers";

type User = Awaited<ReturnType<typeof createUser>>;
type Entry = { type: string; at: string } & Record<string, unknown>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function postCharge(user: User, event: Record<string, unknown>) {
  const response = await exports.default.fetch(
    new Request(user.webhook_url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ kind: "charge", amount_minor: 2500, currency: "CNY", channel: "alipay", ...event }),
    }),
  );
  expect(response.status).toBe(201);
  return (await response.json()) as {
    inbound_message_id: string;
    events: { id: string; membership_id: string | null }[];
  };
}

async function cancel(user: User, membershipId: string, body: Record<string, unknown>) {
  const response = await call("POST", `/api/v1/memberships/${membershipId}/cancellations`, {
    token: user.api_token,
    body,
  });
  expect(response.status).toBe(201);
  return response.body as { id: string };
}

/** A message, its event and an alert written straight into D1, the way ingest stores them. */
async function storeCharge(user: User, membershipId: string, occurredAt: string, alertTitle: string) {
  const suffix = crypto.randomUUID().slice(0, 8);
  const ids = { message: `msg_t${suffix}`, event: `evt_t${suffix}`, alert: `alr_t${suffix}` };
  await env.DB.batch([
    env.DB.prepare(
      "insert into inbound_messages (id, user_id, source, dedupe_key, received_at, sender, subject, raw_size, status) values (?, ?, 'email', ?, ?, ?, ?, 2048, 'processed')",
    ).bind(ids.message, user.id, ids.message, occurredAt, "service@mail.alipay.com", "支付宝自动扣款成功通知"),
    env.DB.prepare(
      "insert into events (id, user_id, inbound_message_id, kind, amount_minor, currency, merchant, occurred_at, reference, card_tail, channel, membership_id) values (?, ?, ?, 'charge', 2500, 'CNY', '支付宝-爱奇艺', ?, '2026112022001', '1234', 'alipay', ?)",
    ).bind(ids.event, user.id, ids.message, occurredAt, membershipId),
    env.DB.prepare(
      "insert into alerts (id, user_id, membership_id, event_id, kind, dedupe_key, title, body, created_at) values (?, ?, ?, ?, 'charge_after_cancel', ?, ?, 'body', ?)",
    ).bind(
      ids.alert,
      user.id,
      membershipId,
      ids.event,
      `charge_after_cancel:${ids.event}`,
      alertTitle,
      new Date(testNow()).toISOString(),
    ),
  ]);
  return ids;
}

/** A membership that renews in three days, cancelled on the platform, then charged anyway. */
async function chargedAfterCancelling(user: User, overrides: Record<string, unknown> = {}) {
  const now = testNow();
  const membership = await createMembership(user.api_token, {
    next_renewal_on: addDays(localDate(now, "Asia/Shanghai"), 3),
    support_contact: "爱奇艺客服 4009-100-100",
    refund_window_days: 7,
    ...overrides,
  });
  const cancellation = await cancel(user, membership.id, {
    side: "platform",
    cancelled_at: new Date(now - 3 * DAY).toISOString(),
    reference: "工单 T-1001",
    evidence: "会员中心显示“已关闭自动续费”的截图",
  });
  const charged = await storeCharge(
    user,
    membership.id,
    new Date(now - HOUR).toISOString(),
    "已取消的「爱奇艺黄金VIP」仍被扣款 ¥25.00",
  );
  return { membership, cancellation, charged };
}

async function page(user: User, path: string, headers: Record<string, string> = {}) {
  const response = await exports.default.fetch(
    new Request(`https://watchdog.test${path}`, { headers: { authorization: `Bearer ${user.api_token}`, ...headers } }),
  );
  return {
    status: response.status,
    type: response.headers.get("content-type") ?? "",
    text: await response.text(),
    headers: response.headers,
  };
}

describe("GET /api/v1/memberships/{id}/timeline", () => {
  it("lists the terms, the cancellation with its evidence, the charge with its original message and the alert, in time order", async () => {
    const user = await createUser();
    const { membership, cancellation, charged } = await chargedAfterCancelling(user);

    const response = await call("GET", `/api/v1/memberships/${membership.id}/timeline`, { token: user.api_token });
    expect(response.status).toBe(200);
    const got = (await call("GET", `/api/v1/memberships/${membership.id}`, { token: user.api_token })).body;
    expect(response.body.membership).toEqual(got);

    const entries = response.body.entries as Entry[];
    // Registered after the fact: the cancellation and the charge come before the registration.
    expect(entries.map((entry) => entry.type)).toEqual(["cancellation", "event", "membership_created", "alert"]);
    const instants = entries.map((entry) => Date.parse(entry.at));
    expect(instants).toEqual([...instants].sort((a, b) => a - b));

    expect(entries[0]).toMatchObject({
      cancellation_id: cancellation.id,
      side: "platform",
      reference: "工单 T-1001",
      evidence: "会员中心显示“已关闭自动续费”的截图",
    });
    expect(entries[1]).toMatchObject({
      event_id: charged.event,
      kind: "charge",
      amount_minor: 2500,
      currency: "CNY",
      merchant: "支付宝-爱奇艺",
      reference: "2026112022001",
      card_tail: "1234",
      channel: "alipay",
      inbound_message_id: charged.message,
      source: "email",
      sender: "service@mail.alipay.com",
      subject: "支付宝自动扣款成功通知",
      raw_size: 2048,
    });
    expect(entries[1]?.received_at).toEqual(expect.any(String));
    expect(entries[2]).toMatchObject({
      membership_id: membership.id,
      terms: expect.objectContaining({
        name: "爱奇艺黄金VIP",
        amount_minor: 2500,
        cancel_notice_days: 7,
        refund_window_days: 7,
      }),
    });
    expect(entries[3]).toMatchObject({
      alert_id: charged.alert,
      kind: "charge_after_cancel",
      title: expect.stringContaining("爱奇艺黄金VIP"),
    });
  });

  it("shows a charge that arrived by webhook with the message it came from and the alert it raised", async () => {
    const user = await createUser();
    const membership = await createMembership(user.api_token, {
      next_renewal_on: addDays(localDate(testNow(), "Asia/Shanghai"), 3),
    });
    await cancel(user, membership.id, { side: "platform", cancelled_at: new Date(testNow() - 3 * DAY).toISOString() });
    const charged = await postCharge(user, {
      merchant: "支付宝-爱奇艺",
      reference: "2026112022009",
      occurred_at: new Date(testNow() - HOUR).toISOString(),
    });
    expect(charged.events[0]?.membership_id).toBe(membership.id);
    const response = await call("GET", `/api/v1/memberships/${membership.id}/timeline`, { token: user.api_token });
    const entries = response.body.entries as Entry[];
    expect(entries.find((entry) => entry.type === "event")).toMatchObject({
      event_id: charged.events[0]?.id,
      reference: "2026112022009",
      inbound_message_id: charged.inbound_message_id,
      source: "webhook",
      raw_size: expect.any(Number),
    });
    expect(entries.filter((entry) => entry.type === "alert").map((entry) => entry.kind)).toEqual([
      "charge_after_cancel",
    ]);
  });

  it("keeps other memberships' events and alerts out", async () => {
    const user = await createUser();
    const { membership } = await chargedAfterCancelling(user);
    const other = await createMembership(user.api_token, { name: "腾讯视频VIP", merchant_aliases: ["腾讯视频"] });
    const response = await call("GET", `/api/v1/memberships/${other.id}/timeline`, { token: user.api_token });
    expect(response.status).toBe(200);
    expect((response.body.entries as Entry[]).map((entry) => entry.type)).toEqual(["membership_created"]);
    const mine = await call("GET", `/api/v1/memberships/${membership.id}/timeline`, { token: user.api_token });
    expect((mine.body.entries as Entry[]).length).toBe(4);
  });

  it("answers 404 for another user's membership and for an unknown id, as JSON and as HTML", async () => {
    const owner = await createUser();
    const stranger = await createUser();
    const { membership } = await chargedAfterCancelling(owner);
    for (const path of [`/api/v1/memberships/${membership.id}/timeline`, "/api/v1/memberships/mem_nope/timeline"]) {
      const json = await call("GET", path, { token: stranger.api_token });
      expect(json.status).toBe(404);
      expect((json.body.error as { code: string }).code).toBe("not_found");
      expect((await page(stranger, `${path}?format=html`)).status).toBe(404);
    }
    expect((await call("GET", `/api/v1/memberships/${membership.id}/timeline`)).status).toBe(401);
  });

  it("prints a self-contained Chinese page with the terms, the entries and where to get the money back", async () => {
    const user = await createUser();
    const { membership, charged } = await chargedAfterCancelling(user);
    const html = await page(user, `/api/v1/memberships/${membership.id}/timeline?format=html`);
    expect(html.status).toBe(200);
    expect(html.type).toMatch(/^text\/html/);
    expect(html.headers.get("cache-control")).toContain("no-store");
    expect(html.text).toMatch(/^<!doctype html>/i);
    expect(html.text).toContain('<html lang="zh-CN">');
    expect(html.text).toContain("<style>");
    expect(html.text).toContain("@media print");
    expect(html.text).not.toMatch(/<script|<link|src=/i);
    for (const text of [
      "爱奇艺黄金VIP",
      "¥25.00",
      "每个月",
      "须提前",
      "4009-100-100",
      "2026112022001",
      charged.message,
      "支付宝自动扣款成功通知",
      "会员中心显示“已关闭自动续费”的截图",
      "95188",
      "12315",
      "截图",
    ]) {
      expect(html.text, text).toContain(text);
    }
    // Cancelled on the platform only: the page warns that the Alipay agreement may still be open.
    expect(html.text).toContain("免密支付/自动扣款");
  });

  it("prints in English for an English user, with the refund route of the membership's channel", async () => {
    const user = await createUser({ locale: "en", timezone: "America/New_York" });
    const cases = [
      ["paypal", "Resolution Center"],
      ["apple", "reportaproblem.apple.com"],
      ["google_play", "Google Play order history"],
      ["wechat_pay", "95017"],
      ["credit_card", "chargeback"],
    ] as const;
    for (const [channel, expected] of cases) {
      const membership = await createMembership(user.api_token, { name: `Plan via ${channel}`, channel });
      const html = await page(user, `/api/v1/memberships/${membership.id}/timeline?format=html`);
      expect(html.status).toBe(200);
      expect(html.text).toContain('<html lang="en">');
      expect(html.text).toContain("How to get your money back");
      expect(html.text, channel).toContain(expected);
      expect(html.text).toContain("reportfraud.ftc.gov");
      expect(html.text).toContain("America/New_York");
    }
  });

  it("serves the page to a browser whose Accept prefers HTML, and JSON otherwise", async () => {
    const user = await createUser();
    const membership = await createMembership(user.api_token);
    const path = `/api/v1/memberships/${membership.id}/timeline`;
    const browser = await page(user, path, {
      accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    });
    expect(browser.type).toMatch(/^text\/html/);
    expect((await page(user, path, { accept: "*/*" })).type).toMatch(/^application\/json/);
    expect((await page(user, path, { accept: "application/json, text/html;q=0.5" })).type).toMatch(
      /^application\/json/,
    );
    expect((await page(user, `${path}?format=json`, { accept: "text/html" })).type).toMatch(/^application\/json/);
    expect((await page(user, `${path}?format=pdf`)).status).toBe(400);
  });

  it("escapes everything the user or a sender wrote: no HTML injection", async () => {
    const user = await createUser();
    const attack = "<script>alert(1)</script>";
    const membership = await createMembership(user.api_token, {
      name: attack,
      merchant_aliases: ["爱奇艺"],
      cancel_steps: `<img src=x onerror=alert(2)>`,
      support_contact: `"><svg onload=alert(3)>`,
      notes: "</style><script>alert(4)</script>",
    });
    await cancel(user, membership.id, {
      side: "platform",
      cancelled_at: new Date(testNow() - DAY).toISOString(),
      evidence: `<iframe src="javascript:alert(5)"></iframe>`,
    });
    // A stored message whose sender and subject carry markup, and its event matched to the membership.
    const messageId = `msg_xss${crypto.randomUUID().slice(0, 8)}`;
    await env.DB.batch([
      env.DB.prepare(
        "insert into inbound_messages (id, user_id, source, dedupe_key, received_at, sender, subject, raw_size, status) values (?, ?, 'email', ?, ?, ?, ?, 321, 'processed')",
      ).bind(
        messageId,
        user.id,
        messageId,
        new Date(testNow()).toISOString(),
        "<b>evil@example.com</b>",
        "<script>alert(6)</script>",
      ),
      env.DB.prepare(
        "insert into events (id, user_id, inbound_message_id, kind, amount_minor, currency, merchant, occurred_at, reference, membership_id) values (?, ?, ?, 'charge', 2500, 'CNY', ?, ?, ?, ?)",
      ).bind(
        `evt_xss${crypto.randomUUID().slice(0, 8)}`,
        user.id,
        messageId,
        "<a href=javascript:alert(7)>x</a>",
        new Date(testNow()).toISOString(),
        "' onmouseover='alert(8)",
        membership.id,
      ),
    ]);
    const html = await page(user, `/api/v1/memberships/${membership.id}/timeline?format=html`);
    expect(html.status).toBe(200);
    expect(html.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    // Every "<" the user or sender wrote arrives as &lt;, every quote as an entity: no tag, no attribute escape.
    expect(html.text).not.toMatch(/<(script|img|svg|iframe|a |b>)/i);
    expect(html.text).not.toContain("</style><");
    expect(html.text).toContain("&quot;&gt;&lt;svg onload=alert(3)&gt;");
    expect(html.text).toContain("&#39; onmouseover=&#39;alert(8)");
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) expect(html.text).toContain(`alert(${n})`);
    expect(html.headers.get("content-security-policy")).toContain("default-src 'none'");

    // The JSON keeps the text as written: escaping is the page's job.
    const json = await call("GET", `/api/v1/memberships/${membership.id}/timeline`, { token: user.api_token });
    expect((json.body.membership as { name: string }).name).toBe(attack);
  });
});
