// POST /hooks/twilio/sms: signed SMS replies act on the sender's last alert; unsigned or forged ones change nothing.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { testNow } from "../support/clock";
import { envWith, faultyD1 } from "../support/faults-d1";
import { call, createMembership, createUser } from "../support/helpers";
import { confirmPhone } from "../support/phone";
import { tableScans } from "../support/query-plan";
import { message, PUBLIC_URL, post, sign, smsParams } from "../support/twilio";

/** Day `day` (and hour) of a month that ended well before the test clock's now: when earlier alerts were raised. */
const started = testNow();
const past = (day: number, hour = 0) => new Date(started - (40 - day) * 86_400_000 + hour * 3_600_000).toISOString();

type User = Awaited<ReturnType<typeof createUser>>;
type Cancellation = { side: string; cancelled_at: string; reference: string | null; evidence: string | null };

let phoneCounter = 0;
const newPhone = () => {
  phoneCounter += 1;
  return `+861380013${String(phoneCounter).padStart(4, "0")}`;
};

/** A user with a confirmed phone and SMS alerts on, through the real API. */
async function smsUser(locale: "zh-CN" | "en" = "zh-CN") {
  const user = await createUser({ locale });
  const phone = newPhone();
  await confirmPhone(user.api_token, phone, { channels: ["email", "sms"] });
  return { ...user, phone };
}

let alertCounter = 0;

/** An alert and its deliveries written straight into D1, as the watchdog stores them. */
async function storeAlert(
  user: User,
  membershipId: string | null,
  createdAt: string,
  deliveries: { channel: "email" | "sms"; status: string; nextAttemptAt?: string | null }[],
) {
  alertCounter += 1;
  const id = `alr_reply${alertCounter}${crypto.randomUUID().slice(0, 8)}`;
  await env.DB.batch([
    env.DB.prepare(
      "insert into alerts (id, user_id, membership_id, kind, dedupe_key, title, body, created_at) values (?, ?, ?, 'renewal_upcoming', ?, 't', 'b', ?)",
    ).bind(id, user.id, membershipId, `renewal_upcoming:${id}`, createdAt),
    ...deliveries.map((delivery) =>
      env.DB.prepare(
        "insert into deliveries (id, alert_id, user_id, channel, status, next_attempt_at, created_at) values (?, ?, ?, ?, ?, ?, ?)",
      ).bind(
        `dlv_${id}_${delivery.channel}`,
        id,
        user.id,
        delivery.channel,
        delivery.status,
        delivery.nextAttemptAt === undefined ? createdAt : delivery.nextAttemptAt,
        createdAt,
      ),
    ),
  ]);
  return id;
}

async function membership(user: User, id: string) {
  const response = await call("GET", `/api/v1/memberships/${id}`, { token: user.api_token });
  expect(response.status).toBe(200);
  return response.body as { status: string; cancellations: Cancellation[] };
}

async function deliveriesOf(alertId: string) {
  const rows = await env.DB.prepare(
    "select channel, status, next_attempt_at, last_error from deliveries where alert_id = ? order by channel",
  )
    .bind(alertId)
    .all<{ channel: string; status: string; next_attempt_at: string | null; last_error: string | null }>();
  return rows.results;
}

async function channelsOf(user: User) {
  const me = await call("GET", "/api/v1/me", { token: user.api_token });
  return me.body.channels;
}

/** Two users, each with two memberships and an SMS alert about the second one. */
async function twoUsers() {
  const alice = await smsUser("en");
  const bob = await smsUser("zh-CN");
  const a1 = await createMembership(alice.api_token, { name: "Spotify Premium", channel: "paypal" });
  const a2 = await createMembership(alice.api_token, { name: "Netflix", channel: "credit_card" });
  const b1 = await createMembership(bob.api_token, { name: "腾讯视频VIP" });
  const b2 = await createMembership(bob.api_token, { name: "爱奇艺黄金VIP" });
  const aliceOld = await storeAlert(alice, a1.id, past(1, 1), [{ channel: "sms", status: "sent" }]);
  const aliceAlert = await storeAlert(alice, a2.id, past(2, 1), [
    { channel: "email", status: "sent" },
    { channel: "sms", status: "sent" },
  ]);
  const bobAlert = await storeAlert(bob, b2.id, past(3, 1), [{ channel: "sms", status: "pending" }]);
  return { alice, bob, a1, a2, b1, b2, aliceOld, aliceAlert, bobAlert };
}

describe("signed replies", () => {
  it("mark the membership of the sender's last SMS alert cancelled, and only the sender's", async () => {
    const { alice, bob, a1, a2, b1, b2 } = await twoUsers();

    const params = smsParams(alice.phone, " Done ");
    const reply = await post(params);
    expect(reply.status).toBe(200);
    expect(reply.type).toMatch(/^text\/xml/);
    expect(reply.text).toMatch(/^<\?xml[^>]*\?><Response><Message>[^<]*<\/Message><\/Response>$/);
    expect(message(reply.text)).toContain("Netflix");
    expect(message(reply.text)).toMatch(/Credit Card/);

    const netflix = await membership(alice, a2.id);
    expect(netflix.status).toBe("cancelled");
    expect(netflix.cancellations).toHaveLength(1);
    expect(netflix.cancellations[0]).toMatchObject({ side: "platform", reference: `twilio:${params.MessageSid}` });
    expect(netflix.cancellations[0]?.evidence).toMatch(/^SMS reply 'Done' on \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(testNow() - Date.parse(netflix.cancellations[0]?.cancelled_at ?? "")).toBeLessThan(60_000);
    // The sweep is asked to look again today.
    const due = await env.DB.prepare("select next_due_on from memberships where id = ?")
      .bind(a2.id)
      .first<{ next_due_on: string }>();
    expect(due?.next_due_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // Nothing else moved: alice's older membership, and both of bob's.
    expect((await membership(alice, a1.id)).status).toBe("active");
    expect((await membership(bob, b1.id)).status).toBe("active");
    expect((await membership(bob, b2.id)).cancellations).toHaveLength(0);

    const bobReply = await post(smsParams(bob.phone, "已取消"));
    expect(bobReply.status).toBe(200);
    expect(message(bobReply.text)).toContain("爱奇艺黄金VIP");
    expect(message(bobReply.text)).toContain("支付宝");
    const iqiyi = await membership(bob, b2.id);
    expect(iqiyi.status).toBe("cancelled");
    expect(iqiyi.cancellations[0]?.evidence).toMatch(/^SMS reply '已取消' on /);
    expect((await membership(bob, b1.id)).status).toBe("active");
    expect((await membership(alice, a2.id)).cancellations).toHaveLength(1);
  });

  it("reads every cancel word, full-width digits included", async () => {
    for (const word of ["1", "１", "已取消", "取消了", "cancelled", "CANCELED", "done"]) {
      const user = await smsUser();
      const m = await createMembership(user.api_token);
      await storeAlert(user, m.id, past(1), [{ channel: "sms", status: "sent" }]);
      expect((await post(smsParams(user.phone, word))).status).toBe(200);
      expect((await membership(user, m.id)).status, word).toBe("cancelled");
    }
  });

  it("prefer the latest alert that went out by SMS, else the latest with a membership", async () => {
    const user = await smsUser("en");
    const bySms = await createMembership(user.api_token, { name: "By SMS" });
    const emailOnly = await createMembership(user.api_token, { name: "E-mail only" });
    await storeAlert(user, bySms.id, past(1), [{ channel: "sms", status: "sent" }]);
    await storeAlert(user, emailOnly.id, past(5), [{ channel: "email", status: "sent" }]);
    await storeAlert(user, null, past(6), [{ channel: "sms", status: "sent" }]);
    expect(message((await post(smsParams(user.phone, "1"))).text)).toContain("By SMS");
    expect((await membership(user, bySms.id)).status).toBe("cancelled");
    expect((await membership(user, emailOnly.id)).status).toBe("active");

    const other = await smsUser("en");
    const only = await createMembership(other.api_token, { name: "Only e-mailed" });
    await storeAlert(other, only.id, past(5), [{ channel: "email", status: "sent" }]);
    expect(message((await post(smsParams(other.phone, "1"))).text)).toContain("Only e-mailed");
    expect((await membership(other, only.id)).status).toBe("cancelled");
  });

  it("record a cancellation once, however often the reply arrives", async () => {
    const user = await smsUser();
    const m = await createMembership(user.api_token);
    await storeAlert(user, m.id, past(1), [{ channel: "sms", status: "sent" }]);
    const params = smsParams(user.phone, "1");
    await post(params);
    const again = await post(params);
    expect(again.status).toBe(200);
    expect(message(again.text)).toContain("已记录为平台已取消");
    await post(smsParams(user.phone, "已取消"));
    expect((await membership(user, m.id)).cancellations).toHaveLength(1);
  });

  it("sign the public URL with its query string, whatever host reached the Worker", async () => {
    const user = await smsUser();
    const m = await createMembership(user.api_token);
    await storeAlert(user, m.id, past(1), [{ channel: "sms", status: "sent" }]);
    const params = smsParams(user.phone, "1");
    const query = "?source=twilio&v=2";
    const signature = await sign(`${PUBLIC_URL}/hooks/twilio/sms${query}`, params);
    const reply = await post(params, { query, signature, host: "http://internal.worker:8787" });
    expect(reply.status).toBe(200);
    expect((await membership(user, m.id)).status).toBe("cancelled");
  });

  it("answer a reply with no alert to act on without changing anything", async () => {
    const user = await smsUser("en");
    const m = await createMembership(user.api_token);
    const reply = await post(smsParams(user.phone, "1"));
    expect(reply.status).toBe(200);
    expect(message(reply.text)).toMatch(/no membership alert/i);
    expect((await membership(user, m.id)).status).toBe("active");
  });
});

describe("rate limit", () => {
  it("answers 429 after 120 replies a minute from one number, and not for another number", async () => {
    // Windows are aligned to the clock: start in one with room for all the posts.
    // The rate limiter's windows follow the wall clock, not the test clock.
    const left = 60_000 - (Date.now() % 60_000);
    if (left < 20_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
    const flood = newPhone();
    for (let i = 0; i < 120; i++) expect((await post(smsParams(flood, "help"))).status).toBe(200);
    const refused = await post(smsParams(flood, "help"));
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.text)).toMatchObject({ error: { code: "rate_limited" } });
    expect((await post(smsParams(newPhone(), "help"))).status).toBe(200);
  }, 90_000);
});

describe("refused replies", () => {
  async function expectRefused(
    params: Record<string, string>,
    options: Parameters<typeof post>[1],
    check: () => Promise<void>,
  ) {
    const reply = await post(params, options);
    expect(reply.status).toBe(403);
    expect(reply.type).toMatch(/^application\/json/);
    expect(JSON.parse(reply.text)).toMatchObject({ error: { code: "forbidden" } });
    await check();
  }

  it("refuse missing, wrong and misplaced signatures, and change nothing", async () => {
    const { alice, a2, aliceAlert } = await twoUsers();
    const unchanged = async () => {
      const netflix = await membership(alice, a2.id);
      expect(netflix.status).toBe("active");
      expect(netflix.cancellations).toHaveLength(0);
      expect(await channelsOf(alice)).toEqual(["email", "sms"]);
      expect((await deliveriesOf(aliceAlert)).map((row) => row.status)).toEqual(["sent", "sent"]);
    };
    const cancel = smsParams(alice.phone, "1");
    // No signature at all.
    await expectRefused(cancel, { signature: null }, unchanged);
    await expectRefused(cancel, { signature: "" }, unchanged);
    // Garbage, and a signature of the right length that is not the right one.
    await expectRefused(cancel, { signature: "not base64 !!" }, unchanged);
    await expectRefused(cancel, { signature: btoa("x".repeat(20)) }, unchanged);
    // Signed with another auth token.
    await expectRefused(
      cancel,
      { signature: await sign(`${PUBLIC_URL}/hooks/twilio/sms`, cancel, "someone-elses-token") },
      unchanged,
    );
    // A valid signature over different params (the body was swapped to STOP after signing).
    const signed = await sign(`${PUBLIC_URL}/hooks/twilio/sms`, cancel);
    await expectRefused({ ...cancel, Body: "STOP" }, { signature: signed }, unchanged);
    await expectRefused({ ...cancel, From: "+8613900000000" }, { signature: signed }, unchanged);
    await expectRefused({ ...cancel, Extra: "1" }, { signature: signed }, unchanged);
    // Signed for another URL (the request's internal host, or without the query string).
    await expectRefused(
      cancel,
      {
        signature: await sign("http://internal.worker:8787/hooks/twilio/sms", cancel),
        host: "http://internal.worker:8787",
      },
      unchanged,
    );
    await expectRefused(cancel, { signature: signed, query: "?x=1" }, unchanged);
    // The same request, correctly signed, goes through.
    expect((await post(cancel, { signature: signed })).status).toBe(200);
    expect((await membership(alice, a2.id)).status).toBe("cancelled");
  });

  it("find the sender by an index on phone numbers, not by reading every user", async () => {
    const { alice } = await twoUsers();
    // A D1 that fails nothing and records every statement the reply makes, with its bound values.
    const recording = faultyD1({ method: "any", sql: /^$/ });
    const reply = await post(smsParams(alice.phone, "1"), { target: envWith(recording.db) });
    expect(reply.status).toBe(200);
    expect(recording.calls.some((call) => call.sql.some((sql) => sql.includes('"users"."phone"')))).toBe(true);
    expect(await tableScans(recording.calls, ["users"])).toEqual([]);
  });

  it("refuse an unknown-number reply without a valid signature too", async () => {
    const reply = await post(smsParams("+8613999999999", "1"), { signature: null });
    expect(reply.status).toBe(403);
  });
});

describe("snooze, stop, help", () => {
  it("2 holds the alert's undelivered messages for a day", async () => {
    const user = await smsUser("en");
    const m = await createMembership(user.api_token, { name: "YouTube Premium" });
    const alertId = await storeAlert(user, m.id, past(1), [
      { channel: "email", status: "sent" },
      { channel: "sms", status: "pending" },
    ]);
    const before = testNow();
    const reply = await post(smsParams(user.phone, "２"));
    expect(reply.status).toBe(200);
    expect(message(reply.text)).toMatch(/YouTube Premium waits until \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    const [email, sms] = await deliveriesOf(alertId);
    expect(email).toMatchObject({ status: "sent", next_attempt_at: past(1) });
    expect(sms?.status).toBe("pending");
    const held = Date.parse(sms?.next_attempt_at ?? "");
    expect(held).toBeGreaterThanOrEqual(before + 24 * 3600 * 1000);
    expect(held).toBeLessThan(testNow() + 24 * 3600 * 1000 + 1000);
    // Snoozing again holds it a day from now, not two.
    await post(smsParams(user.phone, "later"));
    const again = Date.parse((await deliveriesOf(alertId))[1]?.next_attempt_at ?? "");
    expect(again).toBeGreaterThanOrEqual(held);
    expect(again).toBeLessThan(testNow() + 24 * 3600 * 1000 + 1000);
    expect((await membership(user, m.id)).status).toBe("active");
  });

  it("稍后 with nothing undelivered says so and changes nothing", async () => {
    const user = await smsUser();
    const m = await createMembership(user.api_token);
    const alertId = await storeAlert(user, m.id, past(1), [{ channel: "sms", status: "sent" }]);
    const reply = await post(smsParams(user.phone, "稍后"));
    expect(message(reply.text)).toContain("没有待发送的提醒");
    expect(await deliveriesOf(alertId)).toEqual([
      { channel: "sms", status: "sent", next_attempt_at: past(1), last_error: null },
    ]);
  });

  it("STOP removes SMS from the sender's channels only, and no queued SMS goes out", async () => {
    const { alice, bob, aliceAlert, bobAlert } = await twoUsers();
    const reply = await post(smsParams(bob.phone, "STOP"));
    expect(reply.status).toBe(200);
    expect(message(reply.text)).toContain("已停止短信提醒");
    expect(await channelsOf(bob)).toEqual(["email"]);
    expect(await deliveriesOf(bobAlert)).toMatchObject([{ channel: "sms", status: "dead" }]);
    expect(await channelsOf(alice)).toEqual(["email", "sms"]);
    expect((await deliveriesOf(aliceAlert)).map((row) => row.status)).toEqual(["sent", "sent"]);

    const other = await smsUser("en");
    expect(message((await post(smsParams(other.phone, "退订"))).text)).toMatch(/SMS alerts stopped/);
    expect(await channelsOf(other)).toEqual(["email"]);
    const third = await smsUser("en");
    await post(smsParams(third.phone, "unsubscribe"));
    expect(await channelsOf(third)).toEqual(["email"]);
  });

  it("answers an unknown number that it is not registered, changing nothing", async () => {
    const reply = await post(smsParams("+8613999999999", "1"));
    expect(reply.status).toBe(200);
    expect(reply.type).toMatch(/^text\/xml/);
    expect(message(reply.text)).toContain("未在 renewal-watchdog 登记");
    expect(message(reply.text)).toContain("not registered");
  });

  it("lists the commands for HELP, 帮助 and anything else, in the user's language", async () => {
    const zh = await smsUser("zh-CN");
    const en = await smsUser("en");
    const m = await createMembership(en.api_token);
    await storeAlert(en, m.id, past(1), [{ channel: "sms", status: "sent" }]);
    for (const body of ["帮助", "你好", ""]) {
      const text = message((await post(smsParams(zh.phone, body))).text);
      expect(text).toContain("回复 1");
      expect(text).toContain("退订");
    }
    for (const body of ["HELP", "what is this?", "3"]) {
      const text = message((await post(smsParams(en.phone, body))).text);
      expect(text).toMatch(/Reply 1 .*2 .*STOP/);
    }
    expect((await membership(en, m.id)).status).toBe("active");
    expect(await channelsOf(en)).toEqual(["email", "sms"]);
  });
});
