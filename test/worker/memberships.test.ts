import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { testDate, testNow } from "../support/clock";
import { call, createMembership, createUser, iqiyi } from "../support/helpers";

describe("memberships", () => {
  it("registers a membership with SPEC's fields and defaults, and lists it", async () => {
    const user = await createUser();
    const created = await call("POST", "/api/v1/memberships", {
      token: user.api_token,
      body: {
        name: "Spotify Premium",
        amount_minor: 1199,
        currency: "USD",
        cycle_unit: "month",
        next_renewal_on: "2027-01-31",
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "Spotify Premium",
      merchant_aliases: [],
      amount_minor: 1199,
      currency: "USD",
      cycle_unit: "month",
      cycle_count: 1,
      next_renewal_on: "2027-01-31",
      auto_renew: true,
      channel: "other",
      cancel_notice_days: 0,
      refund_window_days: 0,
      trial_ends_on: null,
      lead_days: null,
      cancel_url: null,
      status: "active",
      cancellations: [],
    });
    expect(created.body.id).toMatch(/^mem_/);
    const list = await call("GET", "/api/v1/memberships", { token: user.api_token });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([created.body]);
  });

  it("stores the renewal date exactly as given in the user's timezone, whatever the zone", async () => {
    const nextYear = Number(testDate().slice(0, 4)) + 1;
    for (const timezone of ["Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Shanghai"]) {
      const user = await createUser({ timezone });
      const membership = await createMembership(user.api_token, {
        next_renewal_on: `${nextYear}-12-31`,
        trial_ends_on: `${nextYear}-12-24`,
      });
      const read = await call("GET", `/api/v1/memberships/${membership.id}`, { token: user.api_token });
      expect(read.body).toMatchObject({ next_renewal_on: `${nextYear}-12-31`, trial_ends_on: `${nextYear}-12-24` });
      const row = await env.DB.prepare("select next_renewal_on from memberships where id = ?")
        .bind(membership.id)
        .first();
      expect(row).toEqual({ next_renewal_on: `${nextYear}-12-31` });
    }
  });

  it("keeps amounts as integer minor units, JPY included", async () => {
    const user = await createUser();
    const membership = await createMembership(user.api_token, {
      amount_minor: 980,
      currency: "JPY",
      name: "Nintendo Switch Online",
    });
    expect(membership).toMatchObject({ amount_minor: 980, currency: "JPY" });
  });

  it("updates only the fields sent", async () => {
    const user = await createUser();
    const membership = await createMembership(user.api_token, { notes: "family plan", lead_days: 2 });
    const patched = await call("PATCH", `/api/v1/memberships/${membership.id}`, {
      token: user.api_token,
      body: { amount_minor: 3000, merchant_aliases: ["爱奇艺", "IQIYI", "iqiyi"], notes: null },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      ...iqiyi,
      amount_minor: 3000,
      merchant_aliases: ["爱奇艺", "IQIYI"],
      notes: null,
      lead_days: 2,
      cancel_notice_days: 7,
    });
  });

  it.each([
    [{ amount_minor: "25.00" }, "amount_minor"],
    [{ amount_minor: 25.5 }, "amount_minor"],
    [{ currency: "RMB" }, "currency"],
    [{ currency: "cny" }, "currency"],
    [{ next_renewal_on: "2026-02-30" }, "next_renewal_on"],
    [{ next_renewal_on: "2026/12/01" }, "next_renewal_on"],
    [{ cycle_unit: "fortnight" }, "cycle_unit"],
    [{ cycle_count: 0 }, "cycle_count"],
    [{ channel: "cash" }, "channel"],
    [{ cancel_url: "javascript:alert(1)" }, "cancel_url"],
    [{ merchant_aliases: "爱奇艺" }, "merchant_aliases"],
    [{ next_renewal_date: "2026-12-01" }, "next_renewal_date"],
  ])("answers 400 naming the bad field for %j and stores nothing", async (override, field) => {
    const user = await createUser();
    const response = await call("POST", "/api/v1/memberships", {
      token: user.api_token,
      body: { ...iqiyi, ...override },
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { code: "invalid_request" } });
    expect((response.body.error as { message: string }).message).toContain(field);
    expect((await call("GET", "/api/v1/memberships", { token: user.api_token })).body.items).toEqual([]);
  });

  it("answers 400 for a missing required field, naming it", async () => {
    const user = await createUser();
    const { name: _name, ...withoutName } = iqiyi;
    const response = await call("POST", "/api/v1/memberships", { token: user.api_token, body: withoutName });
    expect(response.status).toBe(400);
    expect((response.body.error as { message: string }).message).toMatch(/^body\.name:/);
  });

  it("answers a bad PATCH with 400 and leaves the membership as it was", async () => {
    const user = await createUser();
    const membership = await createMembership(user.api_token);
    const response = await call("PATCH", `/api/v1/memberships/${membership.id}`, {
      token: user.api_token,
      body: { amount_minor: 100, next_renewal_on: "tomorrow" },
    });
    expect(response.status).toBe(400);
    expect((await call("GET", `/api/v1/memberships/${membership.id}`, { token: user.api_token })).body).toEqual(
      membership,
    );
  });

  it("refuses an oversized body with 413", async () => {
    const user = await createUser();
    const response = await call("POST", "/api/v1/memberships", {
      token: user.api_token,
      body: { ...iqiyi, notes: "x".repeat(100_000) },
    });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ error: { code: "payload_too_large" } });
  });

  it("deletes from the user's view but keeps the row as evidence", async () => {
    const user = await createUser();
    const membership = await createMembership(user.api_token);
    const deleted = await call("DELETE", `/api/v1/memberships/${membership.id}`, { token: user.api_token });
    expect(deleted.status).toBe(204);
    expect((await call("GET", `/api/v1/memberships/${membership.id}`, { token: user.api_token })).status).toBe(404);
    expect((await call("GET", "/api/v1/memberships", { token: user.api_token })).body.items).toEqual([]);
    expect((await call("DELETE", `/api/v1/memberships/${membership.id}`, { token: user.api_token })).status).toBe(404);
    const row = await env.DB.prepare("select deleted_at from memberships where id = ?").bind(membership.id).first();
    expect(row?.deleted_at).toEqual(expect.any(String));
  });

  it("needs a token for every membership route", async () => {
    const user = await createUser();
    const membership = await createMembership(user.api_token);
    for (const [method, path] of [
      ["GET", "/api/v1/memberships"],
      ["POST", "/api/v1/memberships"],
      ["GET", `/api/v1/memberships/${membership.id}`],
      ["PATCH", `/api/v1/memberships/${membership.id}`],
      ["DELETE", `/api/v1/memberships/${membership.id}`],
      ["POST", `/api/v1/memberships/${membership.id}/cancellations`],
    ] as const) {
      const response = await call(method, path, { body: method === "GET" || method === "DELETE" ? undefined : {} });
      expect(response.status, `${method} ${path}`).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe("Bearer");
    }
  });
});

describe("another user's membership", () => {
  it("is 404 on read, update, delete and cancellation, and stays untouched", async () => {
    const owner = await createUser();
    const intruder = await createUser();
    const membership = await createMembership(owner.api_token);
    const token = intruder.api_token;
    const path = `/api/v1/memberships/${membership.id}`;
    const read = await call("GET", path, { token });
    const update = await call("PATCH", path, { token, body: { amount_minor: 1 } });
    const cancel = await call("POST", `${path}/cancellations`, { token, body: { side: "platform" } });
    const remove = await call("DELETE", path, { token });
    for (const response of [read, update, cancel, remove]) {
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ error: { code: "not_found" } });
    }
    expect((await call("GET", "/api/v1/memberships", { token })).body.items).toEqual([]);
    expect((await call("GET", path, { token: owner.api_token })).body).toEqual(membership);
  });
});

describe("cancellations", () => {
  it("records each side with its evidence and marks the membership cancelled", async () => {
    const yesterday = testDate(-1);
    const user = await createUser();
    const membership = await createMembership(user.api_token);
    const platform = await call("POST", `/api/v1/memberships/${membership.id}/cancellations`, {
      token: user.api_token,
      body: {
        side: "platform",
        cancelled_at: `${yesterday}T10:00:00+08:00`,
        evidence: "截图：会员中心 → 续费管理 → 已关闭自动续费",
      },
    });
    expect(platform.status).toBe(201);
    expect(platform.body).toMatchObject({
      membership_id: membership.id,
      side: "platform",
      cancelled_at: `${yesterday}T02:00:00.000Z`,
      reference: null,
      evidence: "截图：会员中心 → 续费管理 → 已关闭自动续费",
    });
    const channel = await call("POST", `/api/v1/memberships/${membership.id}/cancellations`, {
      token: user.api_token,
      body: {
        side: "payment_channel",
        cancelled_at: `${yesterday}T10:05:00+08:00`,
        reference: "ALIPAY-AGREEMENT-2088",
      },
    });
    expect(channel.status).toBe(201);
    const read = await call("GET", `/api/v1/memberships/${membership.id}`, { token: user.api_token });
    expect(read.body.status).toBe("cancelled");
    expect(read.body.cancellations).toEqual([platform.body, channel.body]);
  });

  it("defaults the time to now and refuses one in the future", async () => {
    const user = await createUser();
    const membership = await createMembership(user.api_token);
    const before = testNow();
    const now = await call("POST", `/api/v1/memberships/${membership.id}/cancellations`, {
      token: user.api_token,
      body: { side: "customer_service", evidence: "客服工号 1024 确认已退订" },
    });
    expect(now.status).toBe(201);
    expect(Date.parse(now.body.cancelled_at as string)).toBeGreaterThanOrEqual(before - 1000);
    const future = await call("POST", `/api/v1/memberships/${membership.id}/cancellations`, {
      token: user.api_token,
      body: { side: "platform", cancelled_at: "2099-01-01T00:00:00Z" },
    });
    expect(future.status).toBe(400);
    expect((future.body.error as { message: string }).message).toContain("cancelled_at");
  });

  it.each([
    [{ side: "bank" }, "side"],
    [{ side: "platform", cancelled_at: "2026-11-20" }, "cancelled_at"],
    [{ side: "platform", cancelled_at: "2026-11-20T10:00:00" }, "cancelled_at"],
    [{}, "side"],
  ])("answers 400 naming the bad field for %j and records nothing", async (body, field) => {
    const user = await createUser();
    const membership = await createMembership(user.api_token);
    const response = await call("POST", `/api/v1/memberships/${membership.id}/cancellations`, {
      token: user.api_token,
      body,
    });
    expect(response.status).toBe(400);
    expect((response.body.error as { message: string }).message).toContain(field);
    const read = await call("GET", `/api/v1/memberships/${membership.id}`, { token: user.api_token });
    expect(read.body).toMatchObject({ status: "active", cancellations: [] });
  });
});
