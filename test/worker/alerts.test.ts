// GET /api/v1/alerts: the user's alerts, newest first, each with how its deliveries went.
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { testNow } from "../support/clock";
import { call, createMembership, createUser } from "../support/helpers";

type User = Awaited<ReturnType<typeof createUser>>;
type Alert = {
  id: string;
  kind: string;
  membership_id: string | null;
  event_id: string | null;
  created_at: string;
  title: string;
  body: string;
  deliveries: {
    channel: string;
    status: string;
    attempts: number;
    sent_at: string | null;
    last_error: string | null;
  }[];
};

let sequence = 0;

/** An alert row (and its deliveries) written straight into D1, as the watchdog would store it. */
async function storeAlert(
  user: User,
  alert: { kind: string; membershipId?: string | null; createdAt: string; title?: string },
  deliveries: { channel: string; status: string; attempts: number; sentAt?: string; lastError?: string }[] = [],
) {
  sequence += 1;
  const id = `alr_test${sequence}${crypto.randomUUID().slice(0, 8)}`;
  await env.DB.batch([
    env.DB.prepare(
      "insert into alerts (id, user_id, membership_id, event_id, kind, dedupe_key, title, body, created_at) values (?, ?, ?, null, ?, ?, ?, ?, ?)",
    ).bind(
      id,
      user.id,
      alert.membershipId ?? null,
      alert.kind,
      `${alert.kind}:${id}`,
      alert.title ?? `${alert.kind} title`,
      `${alert.kind} body`,
      alert.createdAt,
    ),
    ...deliveries.map((delivery) =>
      env.DB.prepare(
        "insert into deliveries (id, alert_id, user_id, channel, status, attempts, sent_at, last_error, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      ).bind(
        `dlv_${id}_${delivery.channel}`,
        id,
        user.id,
        delivery.channel,
        delivery.status,
        delivery.attempts,
        delivery.sentAt ?? null,
        delivery.lastError ?? null,
        alert.createdAt,
      ),
    ),
  ]);
  return id;
}

const list = async (user: User, query = "") => {
  const response = await call("GET", `/api/v1/alerts${query}`, { token: user.api_token });
  return { status: response.status, items: response.body.items as Alert[], body: response.body };
};

describe("GET /api/v1/alerts", () => {
  it("lists the user's alerts newest first with each delivery's channel, status, attempts, sent_at and last_error", async () => {
    const user = await createUser();
    const membership = await createMembership(user.api_token);
    const older = await storeAlert(
      user,
      { kind: "renewal_upcoming", membershipId: membership.id, createdAt: "2026-11-20T00:00:00.000Z" },
      [{ channel: "email", status: "sent", attempts: 1, sentAt: "2026-11-20T00:00:05.000Z" }],
    );
    const newer = await storeAlert(
      user,
      { kind: "cancel_deadline", membershipId: membership.id, createdAt: "2026-11-21T00:00:00.000Z" },
      [
        { channel: "email", status: "pending", attempts: 0 },
        { channel: "sms", status: "dead", attempts: 5, lastError: "twilio 400: invalid number" },
      ],
    );
    const { status, items } = await list(user);
    expect(status).toBe(200);
    expect(items.map((alert) => alert.id)).toEqual([newer, older]);
    expect(items[0]).toEqual({
      id: newer,
      kind: "cancel_deadline",
      membership_id: membership.id,
      event_id: null,
      created_at: "2026-11-21T00:00:00.000Z",
      title: "cancel_deadline title",
      body: "cancel_deadline body",
      state: "open",
      resolution: null,
      deliveries: [
        { channel: "email", status: "pending", attempts: 0, sent_at: null, last_error: null },
        { channel: "sms", status: "dead", attempts: 5, sent_at: null, last_error: "twilio 400: invalid number" },
      ],
    });
    expect(items[1]?.deliveries).toEqual([
      { channel: "email", status: "sent", attempts: 1, sent_at: "2026-11-20T00:00:05.000Z", last_error: null },
    ]);
  });

  it("shows the alert the watchdog raised when a charge arrived after a cancellation, in the user's language", async () => {
    const user = await createUser({ locale: "en" });
    const membership = await createMembership(user.api_token, {
      name: "Spotify Premium",
      merchant_aliases: ["Spotify AB"],
    });
    const cancelled = await call("POST", `/api/v1/memberships/${membership.id}/cancellations`, {
      token: user.api_token,
      body: { side: "platform", cancelled_at: new Date(testNow() - 3 * 86_400_000).toISOString() },
    });
    expect(cancelled.status).toBe(201);
    const hook = await exports.default.fetch(
      new Request(user.webhook_url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          kind: "charge",
          amount_minor: 2500,
          currency: "CNY",
          merchant: "Spotify AB",
          channel: "alipay",
          occurred_at: new Date(testNow() - 3_600_000).toISOString(),
        }),
      }),
    );
    expect(hook.status).toBe(201);
    const { items } = await list(user);
    const alert = items.find((item) => item.kind === "charge_after_cancel");
    expect(alert).toBeDefined();
    expect(alert?.membership_id).toBe(membership.id);
    expect(alert?.event_id).toMatch(/^evt_/);
    expect(alert?.title).toContain("Spotify Premium");
    expect(alert?.title).toContain("25.00 CNY");
    expect(alert?.deliveries.map((delivery) => delivery.channel)).toEqual(["email"]);
  });

  it("filters by membership and kind, and limits the page", async () => {
    const user = await createUser();
    const first = await createMembership(user.api_token);
    const second = await createMembership(user.api_token, { name: "QQ音乐豪华绿钻" });
    for (let day = 1; day <= 5; day += 1) {
      await storeAlert(user, {
        kind: day % 2 ? "renewal_upcoming" : "trial_ending",
        membershipId: day <= 3 ? first.id : second.id,
        createdAt: `2026-11-0${day}T00:00:00.000Z`,
      });
    }
    await storeAlert(user, { kind: "unknown_subscription", membershipId: null, createdAt: "2026-11-06T00:00:00.000Z" });
    expect((await list(user)).items).toHaveLength(6);
    expect((await list(user, `?membership_id=${first.id}`)).items.map((alert) => alert.created_at)).toEqual([
      "2026-11-03T00:00:00.000Z",
      "2026-11-02T00:00:00.000Z",
      "2026-11-01T00:00:00.000Z",
    ]);
    const renewals = await list(user, `?kind=renewal_upcoming&membership_id=${first.id}`);
    expect(renewals.items.map((alert) => alert.created_at)).toEqual([
      "2026-11-03T00:00:00.000Z",
      "2026-11-01T00:00:00.000Z",
    ]);
    const limited = await list(user, "?limit=2");
    expect(limited.items.map((alert) => alert.kind)).toEqual(["unknown_subscription", "renewal_upcoming"]);
    expect(limited.items[0]?.membership_id).toBeNull();
  });

  it("never shows another user's alerts, not even by their membership id", async () => {
    const owner = await createUser();
    const other = await createUser();
    const membership = await createMembership(owner.api_token);
    await storeAlert(
      owner,
      { kind: "renewal_upcoming", membershipId: membership.id, createdAt: "2026-11-20T00:00:00.000Z" },
      [{ channel: "email", status: "sent", attempts: 1, sentAt: "2026-11-20T00:00:01.000Z" }],
    );
    expect((await list(other)).items).toEqual([]);
    expect((await list(other, `?membership_id=${membership.id}`)).items).toEqual([]);
    expect((await list(owner)).items).toHaveLength(1);
  });

  it("answers bad filters with a 400 naming them, and no token with a 401", async () => {
    const user = await createUser();
    for (const query of ["?kind=salary", "?limit=0", "?limit=501", "?limit=ten"]) {
      const response = await list(user, query);
      expect(response.status, query).toBe(400);
      expect((response.body.error as { message: string }).message).toMatch(/^query\.(kind|limit)/);
    }
    expect((await call("GET", "/api/v1/alerts")).status).toBe(401);
  });
});
