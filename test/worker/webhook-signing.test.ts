// Optional per-user webhook signing, Standard Webhooks style: with it on, only posts carrying a valid v1
// signature over `${webhook-id}.${webhook-timestamp}.${body}`, within 5 minutes, each webhook-id once, are stored.
// Senders are played by the standardwebhooks reference library, so the check is interoperable, not just
// consistent with itself.
import { env, exports } from "cloudflare:workers";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { testNow } from "../support/clock";
import { alipayCharge, call, createUser, originalsOf } from "../support/helpers";

type User = Awaited<ReturnType<typeof createUser>>;

async function signingOn(user: User) {
  const response = await call("POST", "/api/v1/me/webhook-signing", { token: user.api_token });
  expect(response.status).toBe(200);
  return response.body as { enabled: boolean; since: string; secret: string };
}

const newId = () => `msg_${crypto.randomUUID()}`;
const nowSeconds = () => Math.floor(testNow() / 1000);

/** Signs like a sender would, with the reference library (which takes the whsec_ secret as is). */
function signed(secret: string, body: string, { id = newId(), at = nowSeconds() } = {}) {
  const signature = new Webhook(secret).sign(id, new Date(at * 1000), body);
  return { "webhook-id": id, "webhook-timestamp": String(at), "webhook-signature": signature };
}

function post(user: User, body: string, headers: Record<string, string> = {}) {
  return exports.default.fetch(
    new Request(user.webhook_url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
    }),
  );
}

const stored = async (userId: string) => {
  const count = (table: string) =>
    env.DB.prepare(`select count(*) as n from ${table} where user_id = ?`).bind(userId).first<number>("n");
  return {
    messages: await count("inbound_messages"),
    events: await count("events"),
    alerts: await count("alerts"),
    originals: (await originalsOf(userId)).filter((original) => original.text !== null).length,
  };
};

async function expectRefused(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(await response.json()).toMatchObject({ error: { code } });
}

const charge = (reference: string) => JSON.stringify(alipayCharge({ reference }));

describe("turning webhook signing on and off", () => {
  it("is off by default, shows the secret once when turned on, and stores no secret", async () => {
    const user = await createUser();
    expect((await call("GET", "/api/v1/me/webhook-signing", { token: user.api_token })).body).toEqual({
      enabled: false,
      since: null,
    });
    const on = await signingOn(user);
    expect(on.enabled).toBe(true);
    expect(on.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const state = await call("GET", "/api/v1/me/webhook-signing", { token: user.api_token });
    expect(state.body).toEqual({ enabled: true, since: on.since });
    expect(JSON.stringify(state.body)).not.toContain(on.secret.slice(6));
    const row = JSON.stringify(await env.DB.prepare("select * from users where id = ?").bind(user.id).first());
    expect(row).not.toContain(on.secret.slice(6));
    expect((await call("GET", "/api/v1/me/webhook-signing")).status).toBe(401);
  });

  it("accepts unsigned posts again once turned off", async () => {
    const user = await createUser();
    await signingOn(user);
    await expectRefused(await post(user, charge("while-on")), 401, "invalid_signature");
    const off = await call("DELETE", "/api/v1/me/webhook-signing", { token: user.api_token });
    expect(off.body).toEqual({ enabled: false, since: null });
    expect((await post(user, charge("after-off"))).status).toBe(201);
  });

  it("replaces the secret when turned on again: the old one stops working at once", async () => {
    const user = await createUser();
    const first = await signingOn(user);
    const second = await signingOn(user);
    expect(second.secret).not.toBe(first.secret);
    const body = charge("rotated");
    await expectRefused(await post(user, body, signed(first.secret, body)), 401, "invalid_signature");
    expect((await post(user, body, signed(second.secret, body))).status).toBe(201);
  });
});

describe("a signed webhook", () => {
  it("stores a post with a valid signature, and one whose header also carries other signatures", async () => {
    const user = await createUser();
    const { secret } = await signingOn(user);
    const body = charge("signed-1");
    const accepted = await post(user, body, signed(secret, body));
    expect(accepted.status).toBe(201);
    expect(await accepted.json()).toMatchObject({ duplicate: false, status: "processed" });

    // Rotation-style header: a stale v1, an unknown version, then the valid one.
    const other = charge("signed-2");
    const headers = signed(secret, other);
    const wrong = new Webhook(`whsec_${btoa("another secret, 32 bytes long!!!")}`).sign(
      headers["webhook-id"],
      new Date(Number(headers["webhook-timestamp"]) * 1000),
      other,
    );
    headers["webhook-signature"] = `${wrong} v1a,bm90IGEgcmVhbCBzaWduYXR1cmU= ${headers["webhook-signature"]}`;
    expect((await post(user, other, headers)).status).toBe(201);
    expect(await stored(user.id)).toMatchObject({ messages: 2, events: 2, originals: 2 });
  });

  it("refuses unsigned, wrongly signed and tampered posts with 401 invalid_signature, storing nothing", async () => {
    const user = await createUser();
    const { secret } = await signingOn(user);
    const before = await stored(user.id);
    const body = charge("forged");
    const good = signed(secret, body);

    await expectRefused(await post(user, body), 401, "invalid_signature");
    for (const missing of ["webhook-id", "webhook-timestamp", "webhook-signature"] as const) {
      const { [missing]: _, ...rest } = good;
      await expectRefused(await post(user, body, rest), 401, "invalid_signature");
    }
    const otherSecret = `whsec_${btoa("not the user's secret, 32 bytes!")}`;
    await expectRefused(await post(user, body, signed(otherSecret, body)), 401, "invalid_signature");
    // The signature covers the exact body, the id and the timestamp.
    await expectRefused(await post(user, body.replace("2500", "1"), good), 401, "invalid_signature");
    await expectRefused(await post(user, body, { ...good, "webhook-id": newId() }), 401, "invalid_signature");
    const later = String(Number(good["webhook-timestamp"]) + 1);
    await expectRefused(await post(user, body, { ...good, "webhook-timestamp": later }), 401, "invalid_signature");
    await expectRefused(
      await post(user, body, { ...good, "webhook-signature": good["webhook-signature"].replace("v1,", "v2,") }),
      401,
      "invalid_signature",
    );
    await expectRefused(await post(user, body, { ...good, "webhook-signature": "v1,!!!" }), 401, "invalid_signature");
    expect(await stored(user.id)).toEqual(before);
    // The genuine post still goes through afterwards.
    expect((await post(user, body, good)).status).toBe(201);
  });

  it("accepts timestamps just inside 5 minutes either way and refuses just outside with stale_timestamp", async () => {
    const user = await createUser();
    const { secret } = await signingOn(user);
    const now = nowSeconds();
    for (const skew of [-310, 310]) {
      const body = charge(`stale${skew}`);
      await expectRefused(await post(user, body, signed(secret, body, { at: now + skew })), 401, "stale_timestamp");
    }
    expect(await stored(user.id)).toMatchObject({ messages: 0, events: 0, originals: 0 });
    for (const skew of [-290, 290]) {
      const body = charge(`fresh${skew}`);
      expect((await post(user, body, signed(secret, body, { at: now + skew }))).status).toBe(201);
    }
    expect(await stored(user.id)).toMatchObject({ messages: 2, events: 2 });
  });

  it("refuses a webhook-id it already accepted with 409 replayed, even freshly and validly signed", async () => {
    const user = await createUser();
    const { secret } = await signingOn(user);
    const body = charge("once");
    const id = newId();
    expect((await post(user, body, signed(secret, body, { id }))).status).toBe(201);
    const after = await stored(user.id);
    // The same message re-signed a few seconds later, and a different body under the same id.
    await expectRefused(await post(user, body, signed(secret, body, { id, at: nowSeconds() + 5 })), 409, "replayed");
    const changed = charge("same-id-other-body");
    await expectRefused(await post(user, changed, signed(secret, changed, { id })), 409, "replayed");
    // Refused as a replay before the body is even read.
    await expectRefused(await post(user, "{}", signed(secret, "{}", { id })), 409, "replayed");
    expect(await stored(user.id)).toEqual(after);
    // Two deliveries of one message at the same moment: one is stored, the other is the replay.
    const twin = charge("twin");
    const headers = signed(secret, twin);
    const statuses = (await Promise.all([post(user, twin, headers), post(user, twin, headers)])).map((r) => r.status);
    expect(statuses.sort()).toEqual([201, 409]);
    // Another user may use the same id: ids are the sender's, per webhook.
    const other = await createUser();
    const otherSecret = (await signingOn(other)).secret;
    expect((await post(other, body, signed(otherSecret, body, { id }))).status).toBe(201);
  });

  it("leaves users without signing as before: unsigned posts stored, a repeated webhook-id a 200 duplicate", async () => {
    const user = await createUser();
    const body = charge("plain");
    expect((await post(user, body, { "webhook-id": "plain-1" })).status).toBe(201);
    const again = await post(user, body, { "webhook-id": "plain-1", "webhook-signature": "v1,garbage" });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true });
  });
});
