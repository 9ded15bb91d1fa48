// The iCal feed: a secret URL any calendar app can subscribe to, valid RFC 5545, with the right dates.
import { exports } from "cloudflare:workers";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { addCycle } from "../../workers/rules/cycle";
import { addDays, localDate } from "../../workers/time/zones";
import { testNow } from "../support/clock";
import { call, createMembership, createUser } from "../support/helpers";

const open = (url: string) => exports.default.fetch(new Request(url));

async function feedUrl(token: string): Promise<string> {
  const response = await call("GET", "/api/v1/me/calendar", { token });
  expect(response.status).toBe(200);
  return response.body.url as string;
}

/** The feed fetched and parsed by a real iCalendar parser, its events as { uid, summary, date, … }. */
async function feed(url: string) {
  const response = await open(url);
  expect(response.status).toBe(200);
  const text = await response.text();
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents("vevent").map((vevent) => {
    const start = vevent.getFirstPropertyValue("dtstart") as ICAL.Time;
    const end = vevent.getFirstPropertyValue("dtend") as ICAL.Time;
    const alarm = vevent.getFirstSubcomponent("valarm");
    return {
      uid: String(vevent.getFirstPropertyValue("uid")),
      summary: String(vevent.getFirstPropertyValue("summary")),
      description: String(vevent.getFirstPropertyValue("description")),
      date: start.toString(),
      allDay: start.isDate,
      end: end.toString(),
      trigger: alarm ? String(alarm.getFirstPropertyValue("trigger")) : null,
    };
  });
  return { response, text, calendar, events };
}

describe("the iCal feed", () => {
  it("hands out a feed URL that opens without a token as valid RFC 5545 text", async () => {
    const user = await createUser({ locale: "en" });
    await createMembership(user.api_token);
    const url = await feedUrl(user.api_token);
    expect(url).toMatch(new RegExp(`^https://watchdog\\.test/calendar/${user.id}/[\\w-]+\\.ics$`));
    expect(await feedUrl(user.api_token)).toBe(url);
    const { response, text, calendar } = await feed(url);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("private, max-age=900");
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(calendar.name).toBe("vcalendar");
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    expect(calendar.getFirstPropertyValue("prodid")).toBeTruthy();
    expect(calendar.getFirstPropertyValue("calscale")).toBe("GREGORIAN");
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("renewal-watchdog");
  });

  it("lists month-end renewals anchored (Jan 31, Feb 28, Mar 31) with the cancellation deadline 7 days before", async () => {
    // The next Jan 31 at least two days ahead of the test clock, and the February end of that year.
    const today = localDate(testNow(), "Asia/Shanghai");
    const year = Number(today.slice(0, 4)) + (today > `${today.slice(0, 4)}-01-29` ? 1 : 0);
    const febEnd = new Date(Date.UTC(year, 2, 0)).getUTCDate();
    const user = await createUser({ locale: "en" });
    const membership = await createMembership(user.api_token, {
      name: "Netflix Premium",
      amount_minor: 2299,
      currency: "USD",
      channel: "credit_card",
      next_renewal_on: `${year}-01-31`,
      cancel_notice_days: 7,
      cancel_url: "https://www.netflix.com/cancelplan",
      lead_days: 3,
    });
    const { events } = await feed(await feedUrl(user.api_token));
    const renewals = events.filter((event) => event.uid.startsWith("renewal-"));
    expect(renewals.slice(0, 3).map((event) => event.date)).toEqual([
      `${year}-01-31`,
      `${year}-02-${febEnd}`,
      `${year}-03-31`,
    ]);
    expect(renewals.every((event) => event.allDay)).toBe(true);
    expect(renewals[0]).toMatchObject({
      uid: `renewal-${membership.id}-${year}0131@renewal-watchdog`,
      summary: "Renews: Netflix Premium — 22.99 USD",
      end: `${year}-02-01`,
      trigger: null,
    });
    // Twelve months ahead of today, no further: every month end from Jan 31 up to that horizon.
    const horizon = addCycle(today, "month", 12, Number(today.slice(8, 10)));
    const monthEnds: string[] = [];
    for (let next = `${year}-01-31`; next <= horizon; next = addCycle(next, "month", 1, 31)) monthEnds.push(next);
    expect(renewals.map((event) => event.date)).toEqual(monthEnds);
    const deadlines = events.filter((event) => event.uid.startsWith("cancel_deadline-"));
    expect(deadlines.slice(0, 3).map((event) => event.date)).toEqual([
      `${year}-01-24`,
      `${year}-02-${febEnd - 7}`,
      `${year}-03-24`,
    ]);
    expect(deadlines[0]).toMatchObject({
      summary: "Last day to cancel: Netflix Premium (22.99 USD)",
      trigger: "-P3D",
    });
    expect(deadlines[0]?.description).toContain("https://www.netflix.com/cancelplan");
  });

  it("shows the trial end in the user's language, with a reminder lead days before", async () => {
    const user = await createUser({ locale: "zh-CN" });
    const trialEnd = addDays(localDate(testNow(), "Asia/Shanghai"), 40);
    const renewalDay = addDays(trialEnd, 1);
    const membership = await createMembership(user.api_token, {
      auto_renew: true,
      next_renewal_on: renewalDay,
      trial_ends_on: trialEnd,
      lead_days: 2,
    });
    const { events, calendar } = await feed(await feedUrl(user.api_token));
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("续费看门狗");
    const trial = events.find(
      (event) => event.uid === `trial_end-${membership.id}-${trialEnd.replaceAll("-", "")}@renewal-watchdog`,
    );
    expect(trial).toMatchObject({ date: trialEnd, end: renewalDay, trigger: "-P2D" });
    expect(trial?.summary).toBe("试用结束：爱奇艺黄金VIP（之后 ¥25.00）");
    const renewal = events.find((event) => event.date === renewalDay);
    expect(renewal?.summary).toBe("续费：爱奇艺黄金VIP ¥25.00");
  });

  it("folds long lines at 75 octets without breaking a Chinese character, and escapes TEXT", async () => {
    const user = await createUser({ locale: "zh-CN" });
    const steps =
      "打开支付宝, 点击 我的 → 设置 → 支付设置 → 免密支付/自动扣款; 找到爱奇艺，关闭服务。\n再到爱奇艺 App 我的 → 会员中心 → 管理自动续费 → 取消。".repeat(
        2,
      );
    await createMembership(user.api_token, { cancel_steps: steps });
    const { text, events } = await feed(await feedUrl(user.api_token));
    const lines = text.split("\r\n").slice(0, -1);
    expect(lines.some((line) => line.startsWith(" "))).toBe(true);
    for (const line of lines) expect(new TextEncoder().encode(line).length, line).toBeLessThanOrEqual(75);
    expect(text).not.toContain("\uFFFD");
    expect(text).toContain("\\;");
    expect(text).toContain("\\,");
    expect(text).toContain("\\n");
    // Unfolded and unescaped by the parser, the steps come back exactly.
    expect(events[0]?.description).toContain(steps);
  });

  it("lists no renewals or deadlines for a cancelled membership", async () => {
    const user = await createUser({ locale: "en" });
    const soon = (days: number) => addDays(localDate(testNow(), "Asia/Shanghai"), days);
    const kept = await createMembership(user.api_token, { name: "Kept", next_renewal_on: soon(40) });
    const cancelled = await createMembership(user.api_token, { name: "Gone", next_renewal_on: soon(45) });
    const response = await call("POST", `/api/v1/memberships/${cancelled.id}/cancellations`, {
      token: user.api_token,
      body: { side: "platform", cancelled_at: new Date(testNow()).toISOString() },
    });
    expect(response.status).toBe(201);
    const { events } = await feed(await feedUrl(user.api_token));
    expect(events.some((event) => event.uid.includes(kept.id))).toBe(true);
    expect(events.some((event) => event.uid.includes(cancelled.id))).toBe(false);
  });

  it("answers 404 with the error envelope for a bad token, another user's id, or a rotated URL", async () => {
    const me = await createUser();
    const other = await createUser();
    const url = await feedUrl(me.api_token);
    await feedUrl(other.api_token);
    const token = /\/([\w-]+)\.ics$/.exec(url)?.[1] as string;
    const flipped = `${token.slice(0, -2)}${token.at(-2) === "A" ? "B" : "A"}${token.slice(-1)}`;
    const attempts = [
      url.replace(token, flipped),
      url.replace(me.id, other.id),
      url.replace(".ics", ""),
      url.replace(me.id, "usr_aaaaaaaaaaaaaaaa"),
      `https://watchdog.test/calendar/${me.id}/%%%.ics`,
    ];
    for (const attempt of attempts) {
      const response = await open(attempt);
      expect(response.status, attempt).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: "not_found" } });
    }
    const rotated = await call("POST", "/api/v1/me/calendar/rotate", { token: me.api_token });
    expect(rotated.status).toBe(200);
    expect(rotated.body.url).not.toBe(url);
    expect((await open(url)).status).toBe(404);
    expect((await open(rotated.body.url as string)).status).toBe(200);
    expect(await feedUrl(me.api_token)).toBe(rotated.body.url);
  });

  it("needs a bearer token to show or rotate the feed URL", async () => {
    expect((await call("GET", "/api/v1/me/calendar")).status).toBe(401);
    expect((await call("POST", "/api/v1/me/calendar/rotate")).status).toBe(401);
    expect((await call("GET", "/api/v1/me/calendar", { token: "rw_nope" })).status).toBe(401);
  });
});
