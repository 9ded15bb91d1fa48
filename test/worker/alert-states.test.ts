// Alerts that can be dealt with, through the API: open until resolved, by the user with a reason or by the
// watchdog itself once the cause is gone; resolved ones stay listed and on the timeline, and what they had not
// sent yet is never sent.
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { addDays, localDate } from "../../workers/time/zones";
import { testNow } from "../support/clock";
import { alipayCharge, call, createMembership, createUser, postEvent, sweepAt } from "../support/helpers";

const fake = (env as unknown as { FAKE_PROVIDERS_URL: string }).FAKE_PROVIDERS_URL;

type Resolution = { reason: string; by: string; resolved_at: string } | null;
type Alert = {
  id: string;
  kind: string;
  event_id: string | null;
  state: string;
  resolution: Resolution;
  deliveries: { channel: string; status: string }[];
};
type User = Awaited<ReturnType<typeof createUser>>;

const hoursAgo = (hours: number) => new Date(testNow() - hours * 3_600_000).toISOString();

async function alertsOf(user: User, query = ""): Promise<Alert[]> {
  const response = await call("GET", `/api/v1/alerts${query}`, { token: user.api_token });
  expect(response.status).toBe(200);
  return response.body.items as Alert[];
}

/** An Alipay sign-up nothing claims: the watchdog raises unknown_subscription for it at once. */
async function unknownSignup(user: User, merchant = "某某健身俱乐部") {
  const posted = await postEvent(
    user.webhook_url,
    alipayCharge({ kind: "signup", merchant, amount_minor: 19900, occurred_at: hoursAgo(1), reference: merchant }),
  );
  expect(posted.status).toBe(201);
  const [event] = ((await posted.json()) as { events: { id: string }[] }).events;
  const alert = (await alertsOf(user)).find((each) => each.event_id === event?.id);
  expect(alert).toMatchObject({ kind: "unknown_subscription", state: "open", resolution: null });
  return { eventId: event?.id as string, alertId: alert?.id as string };
}

/** A membership paid by Alipay, cancelled on the platform three days ago: the sweep warns it is half cancelled. */
async function halfCancelled(user: User) {
  const today = localDate(testNow(), "Asia/Shanghai");
  const membership = await createMembership(user.api_token, { next_renewal_on: addDays(today, 20) });
  const cancelled = await call("POST", `/api/v1/memberships/${membership.id}/cancellations`, {
    token: user.api_token,
    body: { side: "platform", cancelled_at: hoursAgo(72) },
  });
  expect(cancelled.status).toBe(201);
  await sweepAt(testNow());
  const alert = (await alertsOf(user, `?membership_id=${membership.id}&kind=half_cancelled`))[0];
  expect(alert).toMatchObject({ state: "open" });
  return { membershipId: membership.id as string, alertId: alert?.id as string };
}

const alertRow = (id: string) =>
  env.DB.prepare("select state, resolution, resolved_by, resolved_at from alerts where id = ?").bind(id).first();

describe("resolving an alert", () => {
  it("resolves an open alert with the user's reason, lists it by state, and keeps it in the history", async () => {
    const user = await createUser();
    const { alertId } = await unknownSignup(user);
    const resolved = await call("POST", `/api/v1/alerts/${alertId}/resolve`, {
      token: user.api_token,
      body: { reason: "not_mine" },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      id: alertId,
      state: "resolved",
      resolution: { reason: "not_mine", by: "user" },
    });
    const at = Date.parse((resolved.body.resolution as { resolved_at: string }).resolved_at);
    expect(Math.abs(at - testNow())).toBeLessThan(60_000);

    expect((await alertsOf(user)).map((alert) => alert.id)).toContain(alertId);
    expect((await alertsOf(user, "?state=resolved")).map((alert) => alert.id)).toEqual([alertId]);
    expect(await alertsOf(user, "?state=open")).toEqual([]);
    const bad = await call("GET", "/api/v1/alerts?state=closed", { token: user.api_token });
    expect(bad.status).toBe(400);
  });

  it("answers a second resolve with 409 and the first resolution, changing nothing", async () => {
    const user = await createUser();
    const { alertId } = await unknownSignup(user);
    const path = `/api/v1/alerts/${alertId}/resolve`;
    expect((await call("POST", path, { token: user.api_token, body: { reason: "refunded" } })).status).toBe(200);
    const before = await alertRow(alertId);
    const again = await call("POST", path, { token: user.api_token, body: { reason: "ignored" } });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: "already_resolved",
      details: { resolution: { reason: "refunded", by: "user" } },
    });
    expect(await alertRow(alertId)).toEqual(before);
  });

  it("answers 404 for another user's alert and 400 for a reason it does not know, storing nothing", async () => {
    const alice = await createUser();
    const bob = await createUser();
    const { alertId } = await unknownSignup(alice);
    const path = `/api/v1/alerts/${alertId}/resolve`;
    expect((await call("POST", path, { token: bob.api_token, body: { reason: "refunded" } })).status).toBe(404);
    expect(
      (
        await call("POST", "/api/v1/alerts/alr_nothing/resolve", {
          token: alice.api_token,
          body: { reason: "refunded" },
        })
      ).status,
    ).toBe(404);
    for (const body of [
      { reason: "fixed" },
      {},
      { reason: "refunded", state: "resolved" },
      { reason: "event_assigned" },
    ]) {
      const refused = await call("POST", path, { token: alice.api_token, body });
      expect(refused.status, JSON.stringify(body)).toBe(400);
    }
    expect(await alertRow(alertId)).toEqual({ state: "open", resolution: null, resolved_by: null, resolved_at: null });
    // The reasons kept for later (kept, cancelled) are accepted already.
    expect((await call("POST", path, { token: alice.api_token, body: { reason: "kept" } })).body).toMatchObject({
      resolution: { reason: "kept" },
    });
  });

  it("describes the route, the state filter and the resolution in /openapi.json", async () => {
    const doc = (await call("GET", "/openapi.json")).body as {
      paths: Record<string, Record<string, { responses: Record<string, unknown>; parameters?: { name: string }[] }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(Object.keys(doc.paths["/api/v1/alerts/{id}/resolve"]?.post?.responses ?? {})).toEqual(
      expect.arrayContaining(["200", "400", "404", "409"]),
    );
    expect(doc.paths["/api/v1/alerts"]?.get?.parameters?.map((parameter) => parameter.name)).toContain("state");
    expect(Object.keys(doc.components.schemas.Alert?.properties ?? {})).toEqual(
      expect.arrayContaining(["state", "resolution"]),
    );
    expect(JSON.stringify(doc.components.schemas.AlertResolve)).toContain("not_mine");
  });
});

describe("a resolved alert and the sweep", () => {
  it("stays resolved, once, however often the sweep finds the same cause again", async () => {
    const user = await createUser();
    const { alertId } = await halfCancelled(user);
    await call("POST", `/api/v1/alerts/${alertId}/resolve`, { token: user.api_token, body: { reason: "ignored" } });
    await sweepAt(testNow() + 86_400_000);
    await sweepAt(testNow() + 2 * 86_400_000);
    const alerts = await alertsOf(user, "?kind=half_cancelled");
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ id: alertId, state: "resolved", resolution: { reason: "ignored" } });
  });
});

describe("resolving by itself when the cause is gone", () => {
  it("resolves an unknown subscription once its event is assigned to a membership", async () => {
    const user = await createUser();
    const { eventId, alertId } = await unknownSignup(user, "乐动健身");
    const membership = await createMembership(user.api_token, { name: "健身房", merchant_aliases: [] });
    const assigned = await call("PATCH", `/api/v1/events/${eventId}`, {
      token: user.api_token,
      body: { membership_id: membership.id },
    });
    expect(assigned.status).toBe(200);
    const [alert] = await alertsOf(user, "?kind=unknown_subscription");
    expect(alert).toMatchObject({
      id: alertId,
      state: "resolved",
      resolution: { reason: "event_assigned", by: "system" },
    });
  });

  it("resolves a half cancellation once the payment side's cancellation is recorded, and leaves other alerts open", async () => {
    const user = await createUser();
    const { membershipId, alertId } = await halfCancelled(user);
    const other = await unknownSignup(user);
    const recorded = await call("POST", `/api/v1/memberships/${membershipId}/cancellations`, {
      token: user.api_token,
      body: { side: "payment_channel", cancelled_at: hoursAgo(1), evidence: "支付宝 自动扣款 已关闭截图" },
    });
    expect(recorded.status).toBe(201);
    const alerts = await alertsOf(user);
    expect(alerts.find((alert) => alert.id === alertId)).toMatchObject({
      state: "resolved",
      resolution: { reason: "payment_channel_cancelled", by: "system" },
    });
    expect(alerts.find((alert) => alert.id === other.alertId)).toMatchObject({ state: "open" });
  });

  it("resolves a half cancellation when Alipay's own notice says the agreement was closed", async () => {
    const user = await createUser();
    const { alertId } = await halfCancelled(user);
    const notice = await postEvent(
      user.webhook_url,
      alipayCharge({ kind: "cancellation", amount_minor: null, currency: null, occurred_at: hoursAgo(1) }),
    );
    expect(notice.status).toBe(201);
    const [alert] = await alertsOf(user, "?kind=half_cancelled");
    expect(alert).toMatchObject({
      id: alertId,
      state: "resolved",
      resolution: { reason: "payment_channel_cancelled" },
    });
  });

  it("keeps a half cancellation open when only the customer-service side is recorded", async () => {
    const user = await createUser();
    const { membershipId, alertId } = await halfCancelled(user);
    await call("POST", `/api/v1/memberships/${membershipId}/cancellations`, {
      token: user.api_token,
      body: { side: "customer_service", cancelled_at: hoursAgo(1) },
    });
    expect((await alertsOf(user, "?kind=half_cancelled"))[0]).toMatchObject({ id: alertId, state: "open" });
  });
});

describe("the timeline of a resolved alert", () => {
  it("shows the resolution in the JSON and on the printable page", async () => {
    const user = await createUser({ locale: "en", timezone: "Asia/Shanghai" });
    const { membershipId, alertId } = await halfCancelled(user);
    await call("POST", `/api/v1/alerts/${alertId}/resolve`, { token: user.api_token, body: { reason: "disputed" } });
    const timeline = await call("GET", `/api/v1/memberships/${membershipId}/timeline`, { token: user.api_token });
    const entry = (timeline.body.entries as { type: string; alert_id?: string }[]).find(
      (each) => each.type === "alert" && each.alert_id === alertId,
    );
    expect(entry).toMatchObject({ state: "resolved", resolution: { reason: "disputed", by: "user" } });

    const page = await exports.default.fetch(
      new Request(`https://watchdog.test/api/v1/memberships/${membershipId}/timeline?format=html`, {
        headers: { authorization: `Bearer ${user.api_token}` },
      }),
    );
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/Resolved: Disputed, waiting for the outcome · \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  });
});

/** Quiet hours around now in UTC, so an alert raised now waits in the outbox instead of going out at once. */
const quietAroundNow = () => {
  const clock = (minutes: number) => new Date(testNow() + minutes * 60_000).toISOString().slice(11, 16);
  return { start: clock(-60), end: clock(120) };
};

describe("deliveries of a resolved alert", () => {
  it("withdraws what was still waiting, so the sweep never sends it", async () => {
    const user = await createUser({ timezone: "UTC" });
    const quiet = await call("PATCH", "/api/v1/me", { token: user.api_token, body: { quiet_hours: quietAroundNow() } });
    expect(quiet.status).toBe(200);
    const { alertId } = await unknownSignup(user);
    const resolved = await call("POST", `/api/v1/alerts/${alertId}/resolve`, {
      token: user.api_token,
      body: { reason: "ignored" },
    });
    expect(resolved.body.deliveries).toEqual([expect.objectContaining({ channel: "email", status: "withdrawn" })]);
    await sweepAt(testNow() + 3 * 3_600_000); // quiet hours are over
    const sent = await fetch(`${fake}/_sent?to=${encodeURIComponent(user.email as string)}`);
    expect(((await sent.json()) as { items: unknown[] }).items).toEqual([]);
    expect((await alertsOf(user))[0]?.deliveries).toEqual([expect.objectContaining({ status: "withdrawn" })]);
  });

  it("leaves what was already sent as sent", async () => {
    const user = await createUser();
    const { alertId } = await unknownSignup(user);
    let alert: Alert | undefined;
    for (let attempt = 0; attempt < 100; attempt += 1) {
      alert = (await alertsOf(user))[0];
      if (alert?.deliveries.every((delivery) => delivery.status === "sent")) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(alert?.deliveries).toEqual([expect.objectContaining({ status: "sent" })]);
    const resolved = await call("POST", `/api/v1/alerts/${alertId}/resolve`, {
      token: user.api_token,
      body: { reason: "refunded" },
    });
    expect(resolved.body.deliveries).toEqual([expect.objectContaining({ status: "sent" })]);
  });
});
