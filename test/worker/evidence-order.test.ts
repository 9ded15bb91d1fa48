// Evidence in the order it happened: a notice that states only the day of the charge is placed at the message's own
// time, before the alert it raised, and encoded-word subjects are kept as people read them.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../workers/index";
import { testNow } from "../support/clock";
import { call, createMembership, createUser, inboundEmail } from "../support/helpers";

const fixture = (file: string) => {
  const base64 = env.TEST_FIXTURES.files[file];
  if (!base64) throw new Error(`no fixture ${file}`);
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
};

async function deliver(to: string, raw: Uint8Array | string) {
  const text = typeof raw === "string" ? raw : new TextDecoder("latin1").decode(raw);
  const { message } = inboundEmail(to, text);
  if (typeof raw !== "string") Object.assign(message, { raw: new Response(raw).body, rawSize: raw.byteLength });
  const ctx = createExecutionContext();
  await worker.email(message, env, ctx);
  await waitOnExecutionContext(ctx);
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"];
const monthName = (month: number) => [...MONTHS, "November", "December"][month - 1];
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * The Netflix receipt fixture as if sent at `sentAt` from +08:00: its Date header and billing date moved there,
 * so the scenario lives on the test clock's calendar.
 */
function netflixReceiptSentAt(sentAt: number): string {
  // Beijing time has no daylight saving: its wall clock is UTC+8 all year.
  const at = new Date(sentAt + 8 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  const [year, month, day] = [at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate()];
  const time = `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}`;
  const header = `${DAYS[at.getUTCDay()]}, ${pad(day)} ${SHORT[month - 1]} ${year} ${time} +0800`;
  const billing = `${monthName(month)} ${day}, ${year}`;
  return new TextDecoder()
    .decode(fixture("email/netflix-receipt-dayonly.eml"))
    .replace(/^Date: .*$/m, `Date: ${header}`)
    .replaceAll("December 2, 2026", billing)
    .replace(/^Message-ID: <[^>]*>/m, `Message-ID: <${crypto.randomUUID()}@account.netflix.com>`);
}

describe("evidence in the right order", () => {
  it("places a charge whose receipt gives only its day at the message's own time, before the alert it raised", async () => {
    const user = await createUser({ timezone: "Asia/Shanghai", locale: "en" });
    const netflix = await createMembership(user.api_token, {
      name: "Netflix",
      merchant_aliases: ["Netflix"],
      amount_minor: 1549,
      currency: "USD",
      channel: "credit_card",
      cancel_notice_days: 0,
    });
    const cancelled = await call("POST", `/api/v1/memberships/${netflix.id}/cancellations`, {
      token: user.api_token,
      body: { side: "platform", cancelled_at: new Date(testNow() - 2 * 86_400_000).toISOString() },
    });
    expect(cancelled.status).toBe(201);
    // Sent a little before it is received; early in the Beijing day, so noon UTC (20:00 there) would be hours later.
    const sentAt = Math.floor((testNow() - 5 * 60_000) / 1000) * 1000;
    await deliver(user.inbound_address, netflixReceiptSentAt(sentAt));

    const events = await call("GET", `/api/v1/events?membership_id=${netflix.id}`, { token: user.api_token });
    expect(events.body.items).toEqual([
      expect.objectContaining({ kind: "charge", amount_minor: 1549, occurred_at: new Date(sentAt).toISOString() }),
    ]);
    const timeline = await call("GET", `/api/v1/memberships/${netflix.id}/timeline`, { token: user.api_token });
    const order = (timeline.body.entries as { type: string; kind?: string }[]).map((e) => e.kind ?? e.type);
    expect(order.indexOf("charge")).toBeGreaterThan(-1);
    expect(order.indexOf("charge")).toBeLessThan(order.indexOf("charge_after_cancel"));
  });

  it("keeps a GBK encoded-word subject decoded on the timeline", async () => {
    const user = await createUser({ timezone: "Asia/Shanghai" });
    const iqiyi = await createMembership(user.api_token);
    await deliver(user.inbound_address, fixture("email/alipay-autodeduct-gbk.eml"));
    const timeline = await call("GET", `/api/v1/memberships/${iqiyi.id}/timeline`, { token: user.api_token });
    const event = (timeline.body.entries as { type: string; subject?: string }[]).find((e) => e.type === "event");
    expect(event?.subject).toBe("自动扣款成功");
    const page = await exports.default.fetch(
      new Request(`https://watchdog.test/api/v1/memberships/${iqiyi.id}/timeline?format=html`, {
        headers: { authorization: `Bearer ${user.api_token}` },
      }),
    );
    const html = await page.text();
    expect(html).toContain("自动扣款成功");
    expect(html).not.toContain("=?GBK?");
  });
});
