import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ADMIN_TOKEN, call, createUser } from "../support/helpers";

describe("POST /api/v1/users", () => {
  it("creates a user and shows the API token, inbound address and webhook URL once", async () => {
    const response = await call("POST", "/api/v1/users", {
      token: ADMIN_TOKEN,
      body: { email: "Li.Lei@Example.com", phone: "+8613800138000", locale: "zh-CN" },
    });
    expect(response.status).toBe(201);
    const user = response.body as Record<string, string>;
    expect(user).toMatchObject({
      email: "li.lei@example.com",
      phone: "+8613800138000",
      timezone: "Asia/Shanghai",
      locale: "zh-CN",
      channels: ["email"],
      quiet_hours: null,
      lead_days: 3,
    });
    expect(user.id).toMatch(/^usr_/);
    expect(user.api_token).toMatch(/^rw_[a-z2-7]{32}$/);
    expect(user.inbound_address).toMatch(/^in[a-z2-7]{24}@in\.watchdog\.test$/);
    expect(user.webhook_url).toMatch(/^https:\/\/watchdog\.test\/hooks\/wh[a-z2-7]{32}$/);

    // The token works, and GET /me never shows the secrets again.
    const me = await call("GET", "/api/v1/me", { token: user.api_token });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(user.id);
    expect(me.body).not.toHaveProperty("api_token");
    expect(me.body).not.toHaveProperty("inbound_address");
  });

  it("stores only hashes of the secrets", async () => {
    const user = await createUser();
    const stored = JSON.stringify([
      await env.DB.prepare("select * from users where id = ?").bind(user.id).all(),
      await env.DB.prepare("select * from api_tokens where user_id = ?").bind(user.id).all(),
    ]);
    expect(stored).not.toContain(user.api_token);
    expect(stored).not.toContain(user.inbound_address.split("@")[0]);
    expect(stored).not.toContain(user.webhook_url.split("/").pop());
  });

  it("refuses a missing or wrong admin token with 401", async () => {
    const body = { email: "someone@example.com" };
    const missing = await call("POST", "/api/v1/users", { body });
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({ error: { code: "unauthorized" } });
    const wrong = await call("POST", "/api/v1/users", { token: `${ADMIN_TOKEN}x`, body });
    expect(wrong.status).toBe(401);
    // A user's own API token is not an admin token.
    const user = await createUser();
    const userToken = await call("POST", "/api/v1/users", { token: user.api_token, body });
    expect(userToken.status).toBe(401);
    const count = await env.DB.prepare("select count(*) as n from users where email = ?").bind(body.email).first("n");
    expect(count).toBe(0);
  });

  it("refuses a second user with the same e-mail with 409", async () => {
    await createUser({ email: "twice@example.com" });
    const again = await call("POST", "/api/v1/users", { token: ADMIN_TOKEN, body: { email: "TWICE@example.com" } });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: "email_taken" } });
  });

  it.each([
    [{ email: "not-an-email" }, "email"],
    [{ email: "a@example.com", timezone: "Mars/Olympus" }, "timezone"],
    [{ email: "a@example.com", phone: "13800138000" }, "phone"],
    [{ email: "a@example.com", locale: "fr" }, "locale"],
    [{ email: "a@example.com", role: "admin" }, "role"],
  ])("answers 400 naming the bad field for %j", async (body, field) => {
    const response = await call("POST", "/api/v1/users", { token: ADMIN_TOKEN, body });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { code: "invalid_request" } });
    const error = response.body.error as { message: string; details: { field: string | null; message: string }[] };
    expect(`${error.message} ${JSON.stringify(error.details)}`).toContain(field);
  });

  it("answers malformed JSON and a missing body with 400, not 500", async () => {
    const malformed = await call("POST", "/api/v1/users", { token: ADMIN_TOKEN, body: '{"email": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: { code: "malformed_json" } });
    const empty = await call("POST", "/api/v1/users", { token: ADMIN_TOKEN });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ error: { code: "invalid_request" } });
  });
});

describe("GET and PATCH /api/v1/me", () => {
  it("rejects a missing or unknown token with 401", async () => {
    expect((await call("GET", "/api/v1/me")).status).toBe(401);
    const unknown = await call("GET", "/api/v1/me", { token: "rw_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toMatchObject({ error: { code: "unauthorized" } });
    const patch = await call("PATCH", "/api/v1/me", { token: "nope", body: { lead_days: 1 } });
    expect(patch.status).toBe(401);
  });

  it("updates delivery preferences and keeps what was not sent", async () => {
    const user = await createUser({ timezone: "America/Los_Angeles", locale: "en" });
    const response = await call("PATCH", "/api/v1/me", {
      token: user.api_token,
      body: {
        phone: "+14155550100",
        channels: ["email", "sms"],
        quiet_hours: { start: "22:00", end: "08:00" },
        lead_days: 5,
      },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      timezone: "America/Los_Angeles",
      locale: "en",
      phone: "+14155550100",
      channels: ["email", "sms"],
      quiet_hours: { start: "22:00", end: "08:00" },
      lead_days: 5,
    });
    const cleared = await call("PATCH", "/api/v1/me", { token: user.api_token, body: { quiet_hours: null } });
    expect(cleared.body).toMatchObject({ quiet_hours: null, lead_days: 5, channels: ["email", "sms"] });
    expect((await call("GET", "/api/v1/me", { token: user.api_token })).body).toEqual(cleared.body);
  });

  it("refuses SMS alerts without a phone number", async () => {
    const user = await createUser();
    const response = await call("PATCH", "/api/v1/me", { token: user.api_token, body: { channels: ["sms"] } });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { code: "invalid_request", details: [{ field: "channels" }] } });
    expect((await call("GET", "/api/v1/me", { token: user.api_token })).body.channels).toEqual(["email"]);
  });

  it.each([
    [{ quiet_hours: { start: "25:00", end: "08:00" } }, "quiet_hours.start"],
    [{ lead_days: -1 }, "lead_days"],
    [{ channels: ["email", "email"] }, "channels"],
    [{ channels: ["pigeon"] }, "channels.0"],
    [{ timezone: "Asia/Beijing" }, "timezone"],
  ])("answers 400 naming the bad field for %j and changes nothing", async (body, field) => {
    const user = await createUser();
    const before = (await call("GET", "/api/v1/me", { token: user.api_token })).body;
    const response = await call("PATCH", "/api/v1/me", { token: user.api_token, body });
    expect(response.status).toBe(400);
    expect((response.body.error as { message: string }).message).toContain(field);
    expect((await call("GET", "/api/v1/me", { token: user.api_token })).body).toEqual(before);
  });

  it("refuses taking another user's e-mail with 409", async () => {
    const first = await createUser();
    const second = await createUser();
    const response = await call("PATCH", "/api/v1/me", { token: second.api_token, body: { email: first.email } });
    expect(response.status).toBe(409);
  });
});
