// The dashboard inbox: unmatched notices listed with what they say, assigned in one form post that teaches
// the membership the merchant's name, exactly as PATCH /api/v1/events/{id} does.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../workers/index";
import { testDate, testNow } from "../support/clock";
import { signIn } from "../support/dashboard";
import { alipayCharge, call, createMembership, inboundEmail, postEvent } from "../support/helpers";

type Event = { id: string; membership_id: string | null };

async function deliver(webhookUrl: string, event: Record<string, unknown>): Promise<Event> {
  const response = await postEvent(webhookUrl, event);
  expect(response.status).toBe(201);
  const body = (await response.json()) as { events: Event[] };
  return body.events[0] as Event;
}

async function eventById(token: string, id: string): Promise<Event | undefined> {
  const list = await call("GET", "/api/v1/events", { token });
  return (list.body.items as Event[]).find((event) => event.id === id);
}

// A merchant name no membership's name or alias contains, so the matcher leaves the charge unmatched.
const TENCENT = "深圳市腾讯计算机系统有限公司";

describe("dashboard inbox", () => {
  it("lists an unmatched charge with its time in the user's zone, amount, channel, card tail and a prefilled link", async () => {
    const browser = await signIn({ locale: "en", timezone: "Asia/Shanghai" });
    await createMembership(browser.user.api_token, { name: "Tencent Video", merchant_aliases: [] });
    await deliver(
      browser.user.webhook_url,
      alipayCharge({ merchant: TENCENT, card_tail: "4321", occurred_at: `${testDate(-2)}T02:05:00Z` }),
    );
    const page = await browser.get("/app/inbox");
    expect(page.status).toBe(200);
    expect(page.html).toContain(TENCENT);
    expect(page.html).toContain("25.00 CNY");
    expect(page.html).toContain("Alipay");
    expect(page.html).toContain("card ••4321");
    expect(page.html).toContain("10:05"); // 02:05 UTC is 10:05 in Shanghai
    expect(page.html).toContain(
      `href="/app/memberships/new?merchant=${encodeURIComponent(TENCENT)}&amp;amount=25.00&amp;currency=CNY&amp;channel=alipay"`,
    );
    expect(page.html).toContain('name="membership_id"');
    expect(page.html).toContain(">Assign</button>");
    expect(page.html).not.toContain("<script");
  });

  it("assigns in one post: the event is linked and the next charge from that merchant matches by itself", async () => {
    const browser = await signIn({ locale: "en" });
    const token = browser.user.api_token;
    const membership = await createMembership(token, { name: "Tencent Video", merchant_aliases: [] });
    const event = await deliver(browser.user.webhook_url, alipayCharge({ merchant: TENCENT, reference: "A-1" }));
    expect(event.membership_id).toBeNull();

    const inbox = await browser.get("/app/inbox");
    expect(inbox.html).toContain(`action="/app/inbox/${event.id}/assign"`);
    expect(inbox.html).toContain(`<option value="${membership.id}"`);
    const assigned = await browser.post(`/app/inbox/${event.id}/assign`, { membership_id: membership.id });
    expect(assigned.status).toBe(303);
    expect(assigned.location).toBe("/app/inbox?done=assigned");

    expect((await eventById(token, event.id))?.membership_id).toBe(membership.id);
    const read = await call("GET", `/api/v1/memberships/${membership.id}`, { token });
    expect(read.body.merchant_aliases).toEqual([TENCENT]);

    const after = await browser.get("/app/inbox?done=assigned");
    expect(after.html).toContain("Assigned.");
    expect(after.html).not.toContain(`/app/inbox/${event.id}/assign`);

    const next = await deliver(
      browser.user.webhook_url,
      alipayCharge({ merchant: TENCENT, reference: "A-2", occurred_at: new Date(testNow()).toISOString() }),
    );
    expect(next.membership_id).toBe(membership.id);
  });

  it("pre-selects the membership the matcher ranks first when it could not decide alone", async () => {
    const browser = await signIn({ locale: "en" });
    const token = browser.user.api_token;
    // Two memberships answering to the same merchant at the same price: too close to call automatically.
    const first = await createMembership(token, { name: "爱奇艺 A", merchant_aliases: ["爱奇艺"] });
    const second = await createMembership(token, { name: "爱奇艺 B", merchant_aliases: ["爱奇艺"] });
    await createMembership(token, { name: "Aardvark FM", merchant_aliases: [] });
    const event = await deliver(browser.user.webhook_url, alipayCharge());
    expect(event.membership_id).toBeNull();

    const page = await browser.get("/app/inbox");
    const select = page.html.match(/<select name="membership_id"[\s\S]*?<\/select>/)?.[0] ?? "";
    const selected = select.match(/<option value="([^"]+)" selected/)?.[1];
    expect([first.id, second.id]).toContain(selected);
    expect(select).not.toContain("Choose a membership");
    // The rest are listed by name.
    expect(select.indexOf("Aardvark FM")).toBeLessThan(select.indexOf("爱奇艺 A"));
  });

  it("asks to choose when nothing ranks, and refuses a post without a membership", async () => {
    const browser = await signIn({ locale: "en" });
    await createMembership(browser.user.api_token, { name: "Tencent Video", merchant_aliases: [] });
    const event = await deliver(browser.user.webhook_url, alipayCharge({ merchant: TENCENT }));
    const page = await browser.get("/app/inbox");
    expect(page.html).toContain('<option value="" selected="">Choose a membership…</option>');
    const refused = await browser.post(`/app/inbox/${event.id}/assign`, { membership_id: "" });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain("Choose the membership to assign the notice to first.");
    expect((await eventById(browser.user.api_token, event.id))?.membership_id).toBeNull();
  });

  it("answers 404 for another user's event or membership and changes nothing", async () => {
    const alice = await signIn({ locale: "en" });
    const bob = await signIn({ locale: "en" });
    const aliceMembership = await createMembership(alice.user.api_token, {
      name: "Tencent Video",
      merchant_aliases: [],
    });
    const bobMembership = await createMembership(bob.user.api_token, { name: "Bob's Video", merchant_aliases: [] });
    const aliceEvent = await deliver(alice.user.webhook_url, alipayCharge({ merchant: TENCENT }));

    const viaBob = await bob.post(`/app/inbox/${aliceEvent.id}/assign`, { membership_id: bobMembership.id });
    expect(viaBob.status).toBe(404);
    const intoBob = await alice.post(`/app/inbox/${aliceEvent.id}/assign`, { membership_id: bobMembership.id });
    expect(intoBob.status).toBe(404);
    const bobsOwn = await bob.post(`/app/inbox/${aliceEvent.id}/assign`, { membership_id: aliceMembership.id });
    expect(bobsOwn.status).toBe(404);

    expect((await eventById(alice.user.api_token, aliceEvent.id))?.membership_id).toBeNull();
    const bobRead = await call("GET", `/api/v1/memberships/${bobMembership.id}`, { token: bob.user.api_token });
    expect(bobRead.body.merchant_aliases).toEqual([]);
    const aliceRead = await call("GET", `/api/v1/memberships/${aliceMembership.id}`, {
      token: alice.user.api_token,
    });
    expect(aliceRead.body.merchant_aliases).toEqual([]);
    expect((await bob.get("/app/inbox")).html).not.toContain(TENCENT);
  });

  it("explains where notices come from when empty, and keeps what it did not understand collapsed", async () => {
    const browser = await signIn({ locale: "zh-CN" });
    const empty = await browser.get("/app/inbox");
    expect(empty.html).toContain("没有待认领的通知");
    expect(empty.html).toContain('href="/app/settings"');
    expect(empty.html).not.toContain("<details");

    // Gmail's forwarding confirmation reaches the inbound address; the code the user needs is in its subject.
    const raw = [
      "From: Gmail Team <forwarding-noreply@google.com>",
      `To: ${browser.user.inbound_address}`,
      "Subject: (#626925876) Gmail Forwarding Confirmation - Receive Mail from li.lei@gmail.com",
      "Message-ID: <confirm-1@google.com>",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=UTF-8",
      "",
      "li.lei@gmail.com has requested to automatically forward mail to your email address.",
      "",
    ].join("\r\n");
    const { message, rejections } = inboundEmail(browser.user.inbound_address, raw, "forwarding-noreply@google.com");
    const ctx = createExecutionContext();
    await worker.email(message, env, ctx);
    await waitOnExecutionContext(ctx);
    expect(rejections).toEqual([]);

    const page = await browser.get("/app/inbox");
    expect(page.html).toContain("<details");
    expect(page.html).toContain("未识别的通知（1）");
    expect(page.html).toContain("(#626925876) Gmail Forwarding Confirmation");
    expect(page.html).toContain("forwarding-noreply@google.com");
    // No payment notice yet, so the empty explanation stays and nothing offers an Assign button.
    expect(page.html).toContain("没有待认领的通知");
    expect(page.html).not.toContain('name="membership_id"');
  });

  it("lists more not-understood notices than D1 binds in one statement (100) without failing", async () => {
    const browser = await signIn({ locale: "en" });
    for (let i = 0; i < 105; i++) {
      const raw = [
        "From: Newsletter <news@shop.example>",
        `To: ${browser.user.inbound_address}`,
        `Subject: Weekly news ${i}`,
        `Message-ID: <news-${i}@shop.example>`,
        "Content-Type: text/plain; charset=UTF-8",
        "",
        "Nothing to pay here.",
        "",
      ].join("\r\n");
      const { message } = inboundEmail(browser.user.inbound_address, raw, "news@shop.example");
      const ctx = createExecutionContext();
      await worker.email(message, env, ctx);
      await waitOnExecutionContext(ctx);
    }
    const page = await browser.get("/app/inbox");
    expect(page.status).toBe(200);
    expect(page.html).toContain("Weekly news 0<");
    expect(page.html).toContain("Weekly news 104<");
  });

  it("speaks Chinese to a zh-CN user", async () => {
    const browser = await signIn({ locale: "zh-CN" });
    await createMembership(browser.user.api_token, { name: "腾讯视频", merchant_aliases: [] });
    await deliver(browser.user.webhook_url, alipayCharge({ merchant: "Globex Streaming" }));
    const page = await browser.get("/app/inbox");
    expect(page.html).toContain('<html lang="zh-CN">');
    expect(page.html).toContain(">归入</button>");
    expect(page.html).toContain("扣款");
    expect(page.html).toContain("¥25.00");
    expect(page.html).toContain("新建会员");
  });
});
