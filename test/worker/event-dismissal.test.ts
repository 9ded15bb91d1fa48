// Dismissing an inbox item as "one-off, not a subscription": PATCH /api/v1/events/{id} { dismissed: true } and the
// inbox's button. The event leaves the inbox and the unmatched listing, and its unknown-subscription alert is
// resolved by the watchdog; bad or foreign requests change nothing.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { testNow } from "../support/clock";
import { signIn } from "../support/dashboard";
import { alipayCharge, call, createMembership, createUser, postEvent } from "../support/helpers";

type User = Awaited<ReturnType<typeof createUser>>;
type Event = { id: string; membership_id: string | null; dismissed_at: string | null };

const hoursAgo = (hours: number) => new Date(testNow() - hours * 3_600_000).toISOString();

async function post(user: User, event: Record<string, unknown>): Promise<Event> {
  const response = await postEvent(user.webhook_url, event);
  expect(response.status).toBe(201);
  return ((await response.json()) as { events: Event[] }).events[0] as Event;
}

/** A sign-up nothing claims (it raises unknown_subscription at once). */
const signup = (user: User, merchant = "某某健身俱乐部") =>
  post(
    user,
    alipayCharge({ kind: "signup", merchant, amount_minor: 19900, occurred_at: hoursAgo(1), reference: merchant }),
  );

const ids = async (user: User, query: string) =>
  ((await call("GET", `/api/v1/events${query}`, { token: user.api_token })).body.items as Event[]).map((e) => e.id);

const alertOfEvent = async (user: User, eventId: string) => {
  const list = await call("GET", "/api/v1/alerts", { token: user.api_token });
  return (list.body.items as { event_id: string; state: string; resolution: unknown }[]).find(
    (alert) => alert.event_id === eventId,
  );
};

const eventRow = (id: string) =>
  env.DB.prepare("select membership_id, match, dismissed_at from events where id = ?").bind(id).first();

const patch = (user: User, id: string, body: unknown) =>
  call("PATCH", `/api/v1/events/${id}`, { token: user.api_token, body });

describe("dismissing an event through the API", () => {
  it("takes it out of the unmatched listing and resolves its unknown-subscription alert", async () => {
    const user = await createUser();
    const event = await signup(user);
    const kept = await signup(user, "另一家健身房");
    expect(await ids(user, "?unmatched=true")).toEqual(expect.arrayContaining([event.id, kept.id]));

    const dismissed = await patch(user, event.id, { dismissed: true });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({ id: event.id, membership_id: null });
    expect(Math.abs(Date.parse(dismissed.body.dismissed_at as string) - testNow())).toBeLessThan(60_000);

    expect(await ids(user, "?unmatched=true")).toEqual([kept.id]);
    expect(await ids(user, "?dismissed=true")).toEqual([event.id]);
    expect(await ids(user, "?dismissed=false")).toEqual([kept.id]);
    expect(await ids(user, "")).toEqual(expect.arrayContaining([event.id, kept.id]));
    expect(await alertOfEvent(user, event.id)).toMatchObject({
      state: "resolved",
      resolution: { reason: "event_dismissed", by: "system" },
    });
    expect(await alertOfEvent(user, kept.id)).toMatchObject({ state: "open" });

    // Dismissing again keeps the first time; taking it back returns it to the inbox.
    expect((await patch(user, event.id, { dismissed: true })).body.dismissed_at).toBe(dismissed.body.dismissed_at);
    expect((await patch(user, event.id, { dismissed: false })).body.dismissed_at).toBeNull();
    expect(await ids(user, "?unmatched=true")).toEqual(expect.arrayContaining([event.id, kept.id]));
  });

  it("refuses to dismiss an event that belongs to a membership unless it is unassigned with it", async () => {
    const user = await createUser();
    const membership = await createMembership(user.api_token);
    const matched = await post(user, alipayCharge({ occurred_at: hoursAgo(2) }));
    expect(matched.membership_id).toBe(membership.id);
    const before = await eventRow(matched.id);
    const refused = await patch(user, matched.id, { dismissed: true });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: "event_matched" });
    expect(await eventRow(matched.id)).toEqual(before);

    const both = await patch(user, matched.id, { membership_id: null, dismissed: true });
    expect(both.status).toBe(200);
    expect(both.body).toMatchObject({ membership_id: null, match: null });
    expect(both.body.dismissed_at).not.toBeNull();
  });

  it("clears a dismissal when the event is assigned after all", async () => {
    const user = await createUser();
    const event = await signup(user);
    await patch(user, event.id, { dismissed: true });
    const membership = await createMembership(user.api_token, { name: "健身", merchant_aliases: [] });
    const assigned = await patch(user, event.id, { membership_id: membership.id });
    expect(assigned.body).toMatchObject({ membership_id: membership.id, dismissed_at: null });
  });

  it("answers 400 for a body that says nothing or contradicts itself, 404 for another user's event, storing nothing", async () => {
    const alice = await createUser();
    const bob = await createUser();
    const event = await signup(alice);
    const membership = await createMembership(alice.api_token, { name: "健身", merchant_aliases: [] });
    const before = await eventRow(event.id);
    for (const body of [
      {},
      { dismissed: "yes" },
      { membership_id: membership.id, dismissed: true },
      { dismissed: null },
    ]) {
      const refused = await patch(alice, event.id, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.error).toMatchObject({ code: "invalid_request" });
    }
    expect((await patch(bob, event.id, { dismissed: true })).status).toBe(404);
    expect(await eventRow(event.id)).toEqual(before);
    expect(await alertOfEvent(alice, event.id)).toMatchObject({ state: "open" });
  });
});

describe("dismissing from the inbox", () => {
  it("offers a one-off button on each unmatched payment; pressing it clears the item and its alert", async () => {
    const browser = await signIn({ locale: "en" });
    const event = await signup(browser.user);
    const inbox = await browser.get("/app/inbox");
    const form = inbox.html.match(
      new RegExp(`<form method="post" action="/app/inbox/${event.id}/dismiss">[\\s\\S]*?</form>`),
    )?.[0];
    expect(form).toMatch(/<input type="hidden" name="_csrf" value="[^"]+"/);
    expect(form).toContain(">One-off, not a subscription</button>");

    const dismissed = await browser.post(`/app/inbox/${event.id}/dismiss`, {});
    expect(dismissed.status).toBe(303);
    expect(dismissed.location).toBe("/app/inbox?done=dismissed");
    const after = await browser.get("/app/inbox?done=dismissed");
    expect(after.html).toContain("Dismissed as a one-off");
    expect(after.html).not.toContain(`/app/inbox/${event.id}/`);
    expect(after.html).toContain("Nothing to sort out");
    expect(await alertOfEvent(browser.user, event.id)).toMatchObject({ resolution: { reason: "event_dismissed" } });
    expect((await browser.get("/app")).html).not.toContain('<li class="action unknown_subscription"');
  });

  it("says it in Chinese, and answers 404 for another user's event", async () => {
    const alice = await signIn({ locale: "zh-CN" });
    const bob = await signIn({ locale: "zh-CN" });
    const event = await signup(alice.user);
    expect((await alice.get("/app/inbox")).html).toContain(">一次性消费，不是订阅</button>");
    expect((await bob.post(`/app/inbox/${event.id}/dismiss`, {})).status).toBe(404);
    expect(await ids(alice.user, "?unmatched=true")).toEqual([event.id]);
    await alice.post(`/app/inbox/${event.id}/dismiss`, {});
    expect((await alice.get("/app/inbox?done=dismissed")).html).toContain("已作为一次性消费忽略");
  });
});
