// A service's refusal (services/errors.ts) is mapped once per door: the API's JSON envelope with a status by
// kind, the dashboard's form error or error page, and the SMS reply's TwiML text. Each kind is driven here
// through the real Worker where a service really raises it (unit/error-mappers.test.ts checks every kind).
import { describe, expect, it } from "vitest";
import { REPLY_TEXTS } from "../../workers/inbound/sms-reply";
import { testNow } from "../support/clock";
import { settingsForm, signIn } from "../support/dashboard";
import { alipayCharge, call, createMembership, createUser, postEvent } from "../support/helpers";
import { confirmPhone } from "../support/phone";
import { message, post, smsParams } from "../support/twilio";

const hoursAgo = (hours: number) => new Date(testNow() - hours * 3_600_000).toISOString();

/** An Alipay sign-up nothing claims: the watchdog raises an unknown_subscription alert for it at once. */
async function openAlertOf(token: string, webhookUrl: string): Promise<string> {
  const merchant = `某某健身${crypto.randomUUID().slice(0, 6)}`;
  const posted = await postEvent(
    webhookUrl,
    alipayCharge({ kind: "signup", merchant, amount_minor: 19900, occurred_at: hoursAgo(1), reference: merchant }),
  );
  expect(posted.status).toBe(201);
  const alerts = (await call("GET", "/api/v1/alerts", { token })).body.items as { id: string; state: string }[];
  const open = alerts.find((alert) => alert.state === "open");
  if (!open) throw new Error("no open alert");
  return open.id;
}

describe("the API maps each kind to its status and envelope", () => {
  it("not found: another user's membership is a 404 and stays as it was", async () => {
    const [alice, bob] = [await createUser(), await createUser()];
    const theirs = await createMembership(bob.api_token);
    const refused = await call("PATCH", `/api/v1/memberships/${theirs.id}`, {
      token: alice.api_token,
      body: { name: "taken over" },
    });
    expect(refused.status).toBe(404);
    expect(refused.body).toEqual({ error: { code: "not_found", message: "Membership not found" } });
    const after = await call("GET", `/api/v1/memberships/${theirs.id}`, { token: bob.api_token });
    expect(after.body.name).toBe(theirs.name);
  });

  it("validation: a field at fault is named as the body's, in the message and in details", async () => {
    const user = await createUser();
    const membership = await createMembership(user.api_token);
    const refused = await call("POST", `/api/v1/memberships/${membership.id}/cancellations`, {
      token: user.api_token,
      body: { side: "platform", cancelled_at: new Date(testNow() + 86_400_000).toISOString() },
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      error: {
        code: "invalid_request",
        message: "body.cancelled_at: is in the future",
        details: [{ field: "cancelled_at", message: "is in the future" }],
      },
    });
    expect((await call("GET", `/api/v1/memberships/${membership.id}`, { token: user.api_token })).body.status).toBe(
      "active",
    );
  });

  it("conflict: a second resolution is a 409 that carries the first one", async () => {
    const user = await createUser();
    const id = await openAlertOf(user.api_token, user.webhook_url);
    const path = `/api/v1/alerts/${id}/resolve`;
    expect((await call("POST", path, { token: user.api_token, body: { reason: "not_mine" } })).status).toBe(200);
    const again = await call("POST", path, { token: user.api_token, body: { reason: "ignored" } });
    expect(again.status).toBe(409);
    const error = again.body.error as { code: string; details: { resolution: { reason: string; by: string } } };
    expect(error.code).toBe("already_resolved");
    expect(error.details.resolution).toMatchObject({ reason: "not_mine", by: "user" });
  });

  it("rate limited: a second code within the minute is a 429 with Retry-After and retry_after", async () => {
    const user = await createUser();
    const phone = `+86139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
    expect((await call("PATCH", "/api/v1/me", { token: user.api_token, body: { phone } })).status).toBe(200);
    const refused = await call("POST", "/api/v1/me/phone/code", { token: user.api_token });
    expect(refused.status).toBe(429);
    const error = refused.body.error as { code: string; details: { retry_after: number } };
    expect(error.code).toBe("rate_limited");
    expect(error.details.retry_after).toBeGreaterThan(0);
    expect(refused.headers.get("retry-after")).toBe(String(error.details.retry_after));
  });
});

describe("the dashboard maps each kind to a form error or an error page", () => {
  it("conflict: an e-mail another account uses is a 409 next to the field, storing nothing", async () => {
    const taken = await createUser();
    const browser = await signIn({ locale: "en" });
    const before = await call("GET", "/api/v1/me", { token: browser.user.api_token });
    await browser.get("/app/settings");
    const refused = await browser.post("/app/settings", settingsForm({ email: taken.email as string }));
    expect(refused.status).toBe(409);
    expect(refused.html).toContain("Another account already uses this e-mail.");
    expect((await call("GET", "/api/v1/me", { token: browser.user.api_token })).body).toEqual(before.body);
  });

  it("rate limited: a second code within the minute is a 429 page with Retry-After, in the phone card", async () => {
    const browser = await signIn({ locale: "en" });
    const phone = `+86137${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
    expect((await call("PATCH", "/api/v1/me", { token: browser.user.api_token, body: { phone } })).status).toBe(200);
    await browser.get("/app/settings");
    const refused = await browser.post("/app/settings/phone/code", {});
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.html).toContain('id="phone"');
  });

  it("conflict: resolving an alert already resolved shows the list again with a 409", async () => {
    const browser = await signIn({ locale: "en" });
    const id = await openAlertOf(browser.user.api_token, browser.user.webhook_url);
    await call("POST", `/api/v1/alerts/${id}/resolve`, { token: browser.user.api_token, body: { reason: "not_mine" } });
    await browser.get("/app/alerts");
    const refused = await browser.post(`/app/alerts/${id}/resolve`, { reason: "ignored" });
    expect(refused.status).toBe(409);
    expect(refused.html).toContain("This alert was already resolved.");
  });

  it("not found: another user's membership is the 404 page, not a 500 or their data", async () => {
    const other = await createUser();
    const theirs = await createMembership(other.api_token, { name: "Their secret plan" });
    const browser = await signIn({ locale: "en" });
    const page = await browser.get(`/app/memberships/${theirs.id}`);
    expect(page.status).toBe(404);
    expect(page.html).toContain("Page not found");
    expect(page.html).not.toContain("Their secret plan");
  });
});

describe("SMS replies map a refusal to a TwiML text", () => {
  it("not found: 1 or 2 with no alert to act on says so and lists the commands, changing nothing", async () => {
    const user = await createUser({ locale: "en" });
    const phone = `+86136${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
    await confirmPhone(user.api_token, phone, { channels: ["email", "sms"] });
    const membership = await createMembership(user.api_token);
    for (const body of ["1", "2"]) {
      const reply = await post(smsParams(phone, body));
      expect(reply.status).toBe(200);
      expect(reply.type).toMatch(/^text\/xml/);
      expect(message(reply.text)).toBe(`${REPLY_TEXTS.en.noAlert} ${REPLY_TEXTS.en.help}`);
    }
    const after = await call("GET", `/api/v1/memberships/${membership.id}`, { token: user.api_token });
    expect(after.body).toMatchObject({ status: "active", cancellations: [] });
  });
});
