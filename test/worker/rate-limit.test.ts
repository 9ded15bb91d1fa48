// Rate limits on the real rate-limiting binding (wrangler.toml's limits, enforced by Miniflare as by Cloudflare):
// the request after the limit is a 429 with Retry-After, per token, per webhook and per sign-in address or IP,
// and it changes nothing stored.
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { RATE_LIMITS } from "../../workers/http/rate-limit";
import { fetchPage, signInMails } from "../support/dashboard";
import { alipayCharge, call, createUser, iqiyi, originalsOf, postEvent } from "../support/helpers";

// The crossing tests send hundreds of requests and may first wait for a fresh window.
const SLOW = { timeout: 90_000 };

/**
 * The local limiter counts in fixed windows aligned to the clock (like Cloudflare's); waits for the next one when
 * this one is nearly over, so that N requests in a row all land in the same window.
 */
async function freshWindow(period: number, needMs = 20_000) {
  // The rate limiter's windows follow the wall clock, not the test clock.
  const left = period * 1000 - (Date.now() % (period * 1000));
  if (left < needMs) await new Promise((resolve) => setTimeout(resolve, left + 100));
}

const count = async (sql: string, ...binds: unknown[]) =>
  Number(
    await env.DB.prepare(sql)
      .bind(...binds)
      .first("n"),
  );

const emptyPost = (url: string) =>
  exports.default.fetch(new Request(url, { method: "POST", headers: { "content-type": "application/json" } }));

describe("API rate limit per token", () => {
  const { limit, period } = RATE_LIMITS.API_RATE_LIMIT;

  it(`answers the request after ${limit} in ${period} s with 429 and Retry-After, storing nothing`, SLOW, async () => {
    const user = await createUser();
    const other = await createUser();
    await freshWindow(period);
    for (let i = 0; i < limit - 1; i += 1) {
      const response = await call("GET", "/api/v1/me", { token: user.api_token });
      if (response.status !== 200) throw new Error(`request ${i + 1} answered ${response.status}`);
    }
    // The last one allowed still writes.
    const created = await call("POST", "/api/v1/memberships", { token: user.api_token, body: iqiyi });
    expect(created.status).toBe(201);

    const refused = await call("POST", "/api/v1/memberships", { token: user.api_token, body: iqiyi });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe(String(period));
    expect(refused.body).toMatchObject({ error: { code: "rate_limited" } });
    const patched = await call("PATCH", "/api/v1/me", { token: user.api_token, body: { lead_days: 9 } });
    expect(patched.status).toBe(429);
    expect(await count("select count(*) as n from memberships where user_id = ?", user.id)).toBe(1);
    expect(await count("select lead_days as n from users where id = ?", user.id)).toBe(3);

    // Another user's token has its own window.
    expect((await call("GET", "/api/v1/me", { token: other.api_token })).status).toBe(200);
    // An unknown token is still told it is unknown, not limited.
    const unknown = await call("GET", "/api/v1/me", { token: `rw_${"a".repeat(32)}` });
    expect(unknown.status).toBe(401);
  });

  it("does not count requests with an unknown token against anyone", SLOW, async () => {
    const user = await createUser();
    await freshWindow(period, 10_000);
    // Keyed by the token only once it is known: a flood of wrong tokens leaves the user's window untouched.
    for (let i = 0; i < limit + 5; i += 1) {
      const wrong = `${user.api_token.slice(0, -1)}${user.api_token.endsWith("x") ? "y" : "x"}`;
      const response = await call("GET", "/api/v1/me", { token: wrong });
      if (response.status !== 401) throw new Error(`unknown token answered ${response.status}`);
    }
    expect((await call("GET", "/api/v1/me", { token: user.api_token })).status).toBe(200);
  });
});

describe("webhook rate limit per webhook URL", () => {
  const { limit, period } = RATE_LIMITS.HOOK_RATE_LIMIT;

  it(`refuses the post after ${limit} in ${period} s with 429 and Retry-After, storing nothing`, SLOW, async () => {
    const user = await createUser();
    const other = await createUser();
    await freshWindow(period);
    expect((await postEvent(user.webhook_url, alipayCharge({ reference: "first" }))).status).toBe(201);
    // Cheap posts that still count: a body that is refused as empty (400) was still a request.
    for (let i = 0; i < limit - 2; i += 1) {
      const response = await emptyPost(user.webhook_url);
      if (response.status !== 400) throw new Error(`post ${i + 2} answered ${response.status}`);
    }
    expect((await postEvent(user.webhook_url, alipayCharge({ reference: "last-allowed" }))).status).toBe(201);

    const refused = await postEvent(user.webhook_url, alipayCharge({ reference: "over-the-limit" }));
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe(String(period));
    expect(await refused.json()).toMatchObject({ error: { code: "rate_limited" } });
    expect(await count("select count(*) as n from inbound_messages where user_id = ?", user.id)).toBe(2);
    expect(await count("select count(*) as n from events where user_id = ?", user.id)).toBe(2);
    expect(await originalsOf(user.id)).toHaveLength(2);

    // Another user's webhook is unaffected; an unknown webhook is still 404.
    expect((await postEvent(other.webhook_url, alipayCharge())).status).toBe(201);
    const unknown = await postEvent(`https://watchdog.test/hooks/wh${"a".repeat(32)}`, alipayCharge());
    expect(unknown.status).toBe(404);
  });
});

describe("sign-in link rate limits", () => {
  const perAddress = RATE_LIMITS.LOGIN_ADDRESS_RATE_LIMIT;
  const perIp = RATE_LIMITS.LOGIN_IP_RATE_LIMIT;

  it(
    `sends at most ${perAddress.limit} links per address in ${perAddress.period} s, then answers 429 with Retry-After`,
    SLOW,
    async () => {
      const user = await createUser({ locale: "en" });
      const email = user.email as string;
      const other = await createUser();
      await freshWindow(perAddress.period, 5_000);
      for (let i = 0; i < perAddress.limit; i += 1) {
        // Case does not make it another address.
        const asked = await fetchPage("/login", { form: { email: i % 2 ? email.toUpperCase() : email } });
        expect(asked.status).toBe(200);
      }
      const refused = await fetchPage("/login", { form: { email } });
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).toBe(String(perAddress.period));
      expect(refused.headers.get("content-type")).toContain("text/html");
      expect(refused.html).toContain(`Try again in ${perAddress.period} seconds`);
      expect(await count("select count(*) as n from login_links where user_id = ?", user.id)).toBe(perAddress.limit);
      // The links are sent after the answer; wait for them, then make sure no sixth one follows.
      for (let i = 0; i < 100 && (await signInMails(email)).length < perAddress.limit; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await signInMails(email)).toHaveLength(perAddress.limit);

      // An unknown address is limited the same way (the answer must not reveal which addresses have accounts).
      for (let i = 0; i < perAddress.limit; i += 1) {
        expect((await fetchPage("/login", { form: { email: "nobody-limited@example.com" } })).status).toBe(200);
      }
      expect((await fetchPage("/login", { form: { email: "nobody-limited@example.com" } })).status).toBe(429);
      // Someone else's address is not.
      expect((await fetchPage("/login", { form: { email: other.email as string } })).status).toBe(200);
    },
  );

  it(
    `takes at most ${perIp.limit} link requests per client IP in ${perIp.period} s, whatever the addresses`,
    SLOW,
    async () => {
      await freshWindow(perIp.period, 5_000);
      const from = (ip: string, email: string) =>
        fetchPage("/login", { form: { email }, headers: { "cf-connecting-ip": ip } });
      for (let i = 0; i < perIp.limit; i += 1) {
        expect((await from("203.0.113.7", `spray-${i}@example.com`)).status).toBe(200);
      }
      const refused = await from("203.0.113.7", "spray-last@example.com");
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).toBe(String(perIp.period));
      // The refused request did not use up the address's own window.
      for (let i = 0; i < perAddress.limit; i += 1) {
        expect((await from("198.51.100.4", "spray-last@example.com")).status).toBe(200);
      }
      expect((await from("198.51.100.4", "spray-last@example.com")).status).toBe(429);
    },
  );
});
