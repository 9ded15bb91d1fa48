// A phone gets SMS alerts, and its replies count, only once its account confirmed the code texted to it; a number
// is confirmed by one account at a time, and an account that merely typed someone else's number gets nothing.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { smsSegments } from "../../workers/deliver/twilio";
import { CODE_SMS } from "../../workers/secrets/phone-codes";
import { addDays, localDate } from "../../workers/time/zones";
import { testNow } from "../support/clock";
import { settingsForm, signIn } from "../support/dashboard";
import { call, createMembership, createUser, sweepAt } from "../support/helpers";
import { confirmPhone, textedCode, textsTo } from "../support/phone";
import { message, post, smsParams } from "../support/twilio";

type User = Awaited<ReturnType<typeof createUser>>;

const fake = (env as unknown as { FAKE_PROVIDERS_URL: string }).FAKE_PROVIDERS_URL;
const MINUTE = 60_000;

/** A number nobody else in the suite uses. */
const newPhone = () =>
  `+1555${String((crypto.getRandomValues(new Uint32Array(1))[0] ?? 0) % 10_000_000).padStart(7, "0")}`;

const me = async (user: User) => (await call("GET", "/api/v1/me", { token: user.api_token })).body;
const sendCode = (user: User) => call("POST", "/api/v1/me/phone/code", { token: user.api_token });
const confirm = (user: User, code: string) =>
  call("POST", "/api/v1/me/phone/confirm", { token: user.api_token, body: { code } });

/** The stored user row, to show a refusal changed nothing. */
const userRow = (user: User) => env.DB.prepare("select * from users where id = ?").bind(user.id).first();

/** Moves the user's code row back in time, as if `ms` had passed since the code was sent. */
async function later(user: User, ms: number) {
  const back = (column: string) =>
    `${column} = strftime('%Y-%m-%dT%H:%M:%fZ', ${column}, '-${Math.round(ms / 1000)} seconds')`;
  await env.DB.prepare(
    `update phone_codes set ${back("sent_at")}, ${back("window_start")}, ${back("expires_at")} where user_id = ?`,
  )
    .bind(user.id)
    .run();
}

/** A user with a phone set (not confirmed) through PATCH /me: the code it was texted. */
async function withPhone(locale: "en" | "zh-CN" = "en") {
  const user = await createUser({ locale });
  const phone = newPhone();
  const patched = await call("PATCH", "/api/v1/me", { token: user.api_token, body: { phone } });
  expect(patched.status).toBe(200);
  return { user, phone, code: await textedCode(phone), patched: patched.body };
}

/** An auto-renewing membership renewing in three days (the default lead): the sweep at now raises its reminder. */
const renewingSoon = (user: User, name: string) =>
  createMembership(user.api_token, {
    name,
    cancel_notice_days: 0,
    next_renewal_on: addDays(localDate(testNow(), "Asia/Shanghai"), 3),
  });

async function smsDeliveriesOf(user: User) {
  const alerts = await call("GET", "/api/v1/alerts", { token: user.api_token });
  const items = alerts.body.items as {
    membership_id: string | null;
    deliveries: { channel: string; status: string; attempts: number; last_error: string | null }[];
  }[];
  return items.flatMap((alert) =>
    alert.deliveries.filter((d) => d.channel === "sms").map((d) => ({ ...d, membership_id: alert.membership_id })),
  );
}

async function membership(user: User, id: string) {
  return (await call("GET", `/api/v1/memberships/${id}`, { token: user.api_token })).body as {
    status: string;
    cancellations: { side: string; reference: string | null }[];
  };
}

describe("setting a phone", () => {
  it("stores it unconfirmed and texts it a six-digit code, stored only as a hash", async () => {
    const { user, phone, code, patched } = await withPhone();
    expect(patched).toMatchObject({ phone, phone_verified: false });
    const expires = Date.parse(String(patched.phone_code_expires_at));
    expect(expires - testNow()).toBeGreaterThan(9 * MINUTE);
    expect(expires - testNow()).toBeLessThanOrEqual(10 * MINUTE);
    const texts = await textsTo(phone);
    expect(texts).toHaveLength(1);
    expect(texts[0]?.body).toBe(CODE_SMS.en(code));
    const row = await env.DB.prepare("select * from phone_codes where user_id = ?").bind(user.id).first();
    expect(JSON.stringify(row)).not.toContain(code);
    expect(row?.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await me(user)).toMatchObject({ phone, phone_verified: false, phone_code_expires_at: expect.any(String) });
  });

  it("does not text a number given when the operator creates the account, until the user asks", async () => {
    const phone = newPhone();
    const user = await createUser({ phone });
    expect(user).toMatchObject({ phone, phone_verified: false, phone_code_expires_at: null });
    expect(await textsTo(phone)).toEqual([]);
    expect((await sendCode(user)).status).toBe(200);
    expect((await confirm(user, await textedCode(phone))).body).toMatchObject({ phone_verified: true });
  });

  it("keeps each code text within two SMS segments in both languages", () => {
    expect(smsSegments(CODE_SMS.en("123456"))).toBeLessThanOrEqual(2);
    expect(smsSegments(CODE_SMS["zh-CN"]("123456"))).toBeLessThanOrEqual(2);
  });
});

describe("confirming the code", () => {
  it("confirms the phone with the texted code (spaces allowed), and again is a no-op", async () => {
    const { user, phone, code } = await withPhone();
    const confirmed = await confirm(user, ` ${code.slice(0, 3)} ${code.slice(3)} `);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ phone, phone_verified: true, phone_code_expires_at: null });
    expect((await confirm(user, code)).status).toBe(200);
    expect(await me(user)).toMatchObject({ phone_verified: true });
  });

  it("refuses a wrong code with 400 and the tries left, changing nothing about the user", async () => {
    const { user, code } = await withPhone();
    const before = await userRow(user);
    const wrong = code === "000000" ? "000001" : "000000";
    const refused = await confirm(user, wrong);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: { code: "wrong_code", details: { attempts_left: 4 } } });
    // Not six digits: refused without using up a try.
    const garbage = await confirm(user, "abc");
    expect(garbage.status).toBe(400);
    expect(garbage.body).toMatchObject({ error: { code: "invalid_code" } });
    expect((await confirm(user, wrong)).body).toMatchObject({ error: { details: { attempts_left: 3 } } });
    // A body that is not the schema's: a 400 naming the field.
    const bad = await call("POST", "/api/v1/me/phone/confirm", { token: user.api_token, body: { code: 123456 } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: "invalid_request" } });
    expect(await userRow(user)).toEqual(before);
    expect((await confirm(user, code)).status).toBe(200);
  });

  it("refuses an expired code with 400, and a new code works", async () => {
    const { user, phone, code } = await withPhone();
    await later(user, 10 * MINUTE + 1000);
    const before = await userRow(user);
    const refused = await confirm(user, code);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: { code: "code_expired" } });
    expect(await userRow(user)).toEqual(before);
    expect((await me(user)).phone_code_expires_at).toBeNull();
    expect((await sendCode(user)).status).toBe(200);
    const fresh = await textedCode(phone);
    expect((await confirm(user, fresh)).body).toMatchObject({ phone_verified: true });
  });

  it("after five wrong codes refuses even the right one with 429 until a new code is sent", async () => {
    const { user, phone, code } = await withPhone();
    const wrong = code === "999999" ? "999998" : "999999";
    for (let left = 4; left >= 0; left -= 1) {
      const refused = await confirm(user, wrong);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ error: { code: "wrong_code", details: { attempts_left: left } } });
    }
    const before = await userRow(user);
    const locked = await confirm(user, code);
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ error: { code: "too_many_attempts" } });
    expect(await userRow(user)).toEqual(before);
    await later(user, MINUTE);
    expect((await sendCode(user)).status).toBe(200);
    expect((await confirm(user, code)).status).toBe(400); // the old code is gone with its tries
    expect((await confirm(user, await textedCode(phone))).body).toMatchObject({ phone_verified: true });
  });

  it("refuses a code for a number that is no longer the account's", async () => {
    const { user, code } = await withPhone();
    const other = newPhone();
    await call("PATCH", "/api/v1/me", { token: user.api_token, body: { phone: other } });
    const refused = await confirm(user, code);
    expect(refused.status).toBe(400);
    expect((await me(user)).phone_verified).toBe(false);
  });
});

describe("sending codes", () => {
  it("sends at most one code a minute (429 with Retry-After) and five a day, each new code replacing the last", async () => {
    const { user, phone, code } = await withPhone();
    const tooSoon = await sendCode(user);
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.body).toMatchObject({ error: { code: "rate_limited" } });
    expect(Number(tooSoon.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(tooSoon.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(await textsTo(phone)).toHaveLength(1);
    for (let sent = 2; sent <= 5; sent += 1) {
      await later(user, MINUTE);
      expect((await sendCode(user)).status).toBe(200);
    }
    expect(await textsTo(phone)).toHaveLength(5);
    await later(user, MINUTE);
    const capped = await sendCode(user);
    expect(capped.status).toBe(429);
    expect(Number(capped.headers.get("retry-after"))).toBeGreaterThan(3600);
    expect(await textsTo(phone)).toHaveLength(5);
    // Only the latest code confirms.
    const latest = await textedCode(phone);
    if (latest !== code) expect((await confirm(user, code)).status).toBe(400);
    expect((await confirm(user, latest)).status).toBe(200);
  });

  it("answers 400 without a phone and 409 once it is confirmed", async () => {
    const user = await createUser();
    expect((await sendCode(user)).body).toMatchObject({ error: { code: "no_phone" } });
    expect((await confirm(user, "123456")).body).toMatchObject({ error: { code: "no_code" } });
    await confirmPhone(user.api_token, newPhone());
    const again = await sendCode(user);
    expect(again.status).toBe(409);
  });
});

describe("changing the number", () => {
  it("resets the confirmation and texts the new number; SMS alerts stop until it is confirmed", async () => {
    const user = await createUser({ locale: "en" });
    const first = newPhone();
    await confirmPhone(user.api_token, first, { channels: ["email", "sms"] });
    const second = newPhone();
    const changed = await call("PATCH", "/api/v1/me", { token: user.api_token, body: { phone: second } });
    expect(changed.body).toMatchObject({ phone: second, phone_verified: false });
    expect(await textsTo(second)).toHaveLength(1);
    const m = await renewingSoon(user, "Changed-number VIP");
    await sweepAt(testNow());
    expect(await smsDeliveriesOf(user)).toEqual([
      expect.objectContaining({ membership_id: m.id, status: "dead", attempts: 0, last_error: "phone not confirmed" }),
    ]);
    expect(await textsTo(first)).toEqual([]);
    expect(await textsTo(second)).toHaveLength(1); // the code only
    // Back to the first number: confirmed once, but it must be confirmed again.
    const back = await call("PATCH", "/api/v1/me", { token: user.api_token, body: { phone: first } });
    expect(back.body).toMatchObject({ phone: first, phone_verified: false });
  });
});

describe("a number typed by another account", () => {
  it("never gets that account's alerts, and the owner's reply acts on the owner's membership only", async () => {
    const owner = await createUser({ locale: "en" });
    const phone = newPhone();
    await confirmPhone(owner.api_token, phone, { channels: ["email", "sms"] });
    const intruder = await createUser({ locale: "en" });
    const typed = await call("PATCH", "/api/v1/me", {
      token: intruder.api_token,
      body: { phone, channels: ["email", "sms"] },
    });
    expect(typed.body).toMatchObject({ phone, phone_verified: false });
    // The owner got a code it did not ask for, which says to ignore it.
    expect((await textsTo(phone)).map((text) => text.body)).toEqual([expect.stringMatching(/if you did not ask/)]);

    const ownersVip = await renewingSoon(owner, "Owner Music");
    const intrudersVip = await renewingSoon(intruder, "Intruder Video");
    await sweepAt(testNow());
    expect(await smsDeliveriesOf(intruder)).toEqual([
      expect.objectContaining({ membership_id: intrudersVip.id, status: "dead", last_error: "phone not confirmed" }),
    ]);
    expect(await smsDeliveriesOf(owner)).toEqual([
      expect.objectContaining({ membership_id: ownersVip.id, status: "sent" }),
    ]);
    const texts = await textsTo(phone);
    expect(texts).toHaveLength(2);
    expect(texts[1]?.body).toContain("Owner Music");
    expect(texts.some((text) => text.body.includes("Intruder Video"))).toBe(false);
    // A later sweep does not try the intruder's SMS again.
    await sweepAt(testNow() + 2 * 3_600_000);
    expect(await textsTo(phone)).toHaveLength(2);

    const reply = await post(smsParams(phone, "1"));
    expect(reply.status).toBe(200);
    expect(message(reply.text)).toContain("Owner Music");
    expect(await membership(owner, ownersVip.id)).toMatchObject({
      status: "cancelled",
      cancellations: [expect.objectContaining({ side: "platform" })],
    });
    expect(await membership(intruder, intrudersVip.id)).toMatchObject({ status: "active", cancellations: [] });

    // STOP from the number is the owner's too: the intruder's settings are not touched.
    await post(smsParams(phone, "STOP"));
    expect((await me(owner)).channels).toEqual(["email"]);
    expect((await me(intruder)).channels).toEqual(["email", "sms"]);
  });

  it("answers a reply from a number nobody confirmed as not registered, changing nothing", async () => {
    const user = await createUser({ locale: "en" });
    const phone = newPhone();
    await call("PATCH", "/api/v1/me", { token: user.api_token, body: { phone, channels: ["email", "sms"] } });
    const m = await renewingSoon(user, "Unconfirmed VIP");
    await sweepAt(testNow());
    const reply = await post(smsParams(phone, "1"));
    expect(message(reply.text)).toContain("not registered or not confirmed");
    expect(await membership(user, m.id)).toMatchObject({ status: "active", cancellations: [] });
    await post(smsParams(phone, "STOP"));
    expect((await me(user)).channels).toEqual(["email", "sms"]);
  });
});

describe("a number that changes hands", () => {
  it("moves to the account that confirms it: the old one is told by e-mail and gets neither texts nor replies", async () => {
    const before = await createUser({ locale: "zh-CN" });
    const phone = newPhone();
    await confirmPhone(before.api_token, phone, { channels: ["email", "sms"] });
    const oldVip = await renewingSoon(before, "旧主人的会员");

    const after = await createUser({ locale: "en" });
    await confirmPhone(after.api_token, phone, { channels: ["email", "sms"] });
    expect(await me(after)).toMatchObject({ phone, phone_verified: true });
    expect(await me(before)).toMatchObject({ phone, phone_verified: false });

    // The previous holder hears about it by e-mail (sent after the answer), in its language.
    let mails: { subject?: string; body: string }[] = [];
    for (let i = 0; i < 100 && mails.length === 0; i += 1) {
      const response = await fetch(`${fake}/_sent?channel=email&to=${encodeURIComponent(String(before.email))}`);
      mails = ((await response.json()) as { items: typeof mails }).items;
      if (mails.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(mails).toEqual([expect.objectContaining({ subject: "你的手机号已被另一个账户确认" })]);
    expect(mails[0]?.body).toContain(phone);

    await sweepAt(testNow());
    expect(await smsDeliveriesOf(before)).toEqual([
      expect.objectContaining({ membership_id: oldVip.id, status: "dead", last_error: "phone not confirmed" }),
    ]);
    expect(await textsTo(phone)).toEqual([]);
    const reply = await post(smsParams(phone, "1"));
    expect(message(reply.text)).toMatch(/no membership alert/i);
    expect(await membership(before, oldVip.id)).toMatchObject({ status: "active", cancellations: [] });
  });

  it("is held confirmed by one account at most, whatever writes the database", async () => {
    const holder = await createUser();
    const phone = newPhone();
    await confirmPhone(holder.api_token, phone);
    const other = await createUser({ phone });
    await expect(
      env.DB.prepare("update users set phone_verified_at = ? where id = ?")
        .bind(new Date(testNow()).toISOString(), other.id)
        .run(),
    ).rejects.toThrow(/UNIQUE/);
  });
});

describe("the settings page", () => {
  it("texts a code when the phone is saved, refuses a wrong one in the page's language, and confirms", async () => {
    const browser = await signIn({ locale: "en" });
    const phone = newPhone();
    await browser.get("/app/settings");
    const form = settingsForm({ email: String(browser.user.email), phone, channels: "sms" });
    const saved = await browser.post("/app/settings", form);
    expect(saved.status).toBe(303);
    expect(saved.location).toBe("/app/settings?done=code_sent#phone");
    const page = await browser.get("/app/settings?done=code_sent");
    expect(page.html).toContain("A code was texted to your phone");
    expect(page.html).toContain("Confirm your phone");
    expect(page.html).toMatch(/data-phone-state="unconfirmed">not confirmed</);
    expect(page.html).toContain("Until then no SMS alert goes to this number");
    expect(page.html).toMatch(/The code is good until \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);

    const code = await textedCode(phone);
    const wrong = await browser.post("/app/settings/phone/confirm", { code: code === "111111" ? "111112" : "111111" });
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain("That is not the code. 4 tries left.");
    const resend = await browser.post("/app/settings/phone/code", {});
    expect(resend.status).toBe(429);
    expect(resend.html).toContain("Codes can be sent once a minute");
    expect((await me(browser.user)).phone_verified).toBe(false);

    const confirmed = await browser.post("/app/settings/phone/confirm", { code });
    expect(confirmed.status).toBe(303);
    expect(confirmed.location).toBe("/app/settings?done=phone_confirmed");
    const done = await browser.get("/app/settings?done=phone_confirmed");
    expect(done.html).toContain("Phone confirmed: SMS alerts go to this number.");
    expect(done.html).toMatch(/data-phone-state="confirmed">confirmed</);
    expect(done.html).not.toContain("Confirm your phone");
    expect(await me(browser.user)).toMatchObject({ phone, phone_verified: true, channels: ["sms"] });
  });

  it("speaks Chinese to a Chinese user, and refuses a confirmation without a code waiting", async () => {
    const browser = await signIn({ locale: "zh-CN" });
    const phone = newPhone();
    await call("PATCH", "/api/v1/me", { token: browser.user.api_token, body: { phone } });
    const page = await browser.get("/app/settings");
    expect(page.html).toContain("确认手机号");
    expect(page.html).toContain("未确认");
    const invalid = await browser.post("/app/settings/phone/confirm", { code: "" });
    expect(invalid.status).toBe(400);
    expect(invalid.html).toContain("请输入短信里的 6 位数字。");
    await later(browser.user, 11 * MINUTE);
    const expired = await browser.post("/app/settings/phone/confirm", { code: await textedCode(phone) });
    expect(expired.status).toBe(400);
    expect(expired.html).toContain("验证码已过期，请重新发送。");
    const resent = await browser.post("/app/settings/phone/code", {});
    expect(resent.status).toBe(303);
    expect(resent.location).toBe("/app/settings?done=code_resent#phone");
    expect((await browser.get("/app/settings?done=code_resent")).html).toContain("新的验证码已发送");
  });

  it("shows on the alerts page why an SMS did not go out, with a link to confirm", async () => {
    const browser = await signIn({ locale: "zh-CN" });
    await call("PATCH", "/api/v1/me", {
      token: browser.user.api_token,
      body: { phone: newPhone(), channels: ["email", "sms"] },
    });
    await renewingSoon(browser.user, "未确认号码的会员");
    await sweepAt(testNow());
    const page = await browser.get("/app/alerts");
    expect(page.html).toContain('<a href="/app/settings#phone">手机号未确认，短信没有发出：去设置里确认</a>');
  });
});
