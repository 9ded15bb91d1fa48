import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../workers/index";
import { addDays, localDate, zonedInstant } from "../../workers/time/zones";
import { testNow } from "../support/clock";
import { fixtureText } from "../support/fixtures";
import { call, createMembership, createUser, inboundEmail, sweepAt } from "../support/helpers";

const NOTICE = fixtureText("inline/alipay-auto-debit.eml");

async function deliver(to: string, raw = NOTICE) {
  const { message, rejections } = inboundEmail(to, raw);
  const ctx = createExecutionContext();
  await worker.email(message, env, ctx);
  await waitOnExecutionContext(ctx);
  return rejections;
}

const inboundRows = (userId: string) =>
  env.DB.prepare("select source, dedupe_key, raw_size, status from inbound_messages where user_id = ?")
    .bind(userId)
    .all()
    .then((result) => result.results);

describe("email handler", () => {
  it("rejects mail for an unknown token and stores nothing", async () => {
    const rejections = await deliver("inaaaaaaaaaaaaaaaaaaaaaaaa@in.watchdog.test");
    expect(rejections).toHaveLength(1);
    expect(rejections[0]).toMatch(/unknown recipient/i);
    const notAToken = await deliver("postmaster@in.watchdog.test");
    expect(notAToken).toHaveLength(1);
    const count = await env.DB.prepare("select count(*) as n from inbound_messages").first("n");
    expect(count).toBe(0);
  });

  it("accepts mail at <token>@ and <anything>+<token>@, recording it once per Message-ID", async () => {
    const user = await createUser();
    const [token, domain] = user.inbound_address.split("@") as [string, string];
    expect(await deliver(user.inbound_address)).toEqual([]);
    expect(await deliver(`me+${token.toUpperCase()}@${domain}`)).toEqual([]);
    expect(await deliver(user.inbound_address)).toEqual([]);
    expect(await inboundRows(user.id)).toEqual([
      {
        source: "email",
        dedupe_key: "mid:<20261120100000.12345@mail.alipay.com>",
        raw_size: new TextEncoder().encode(NOTICE).byteLength,
        status: "processed",
      },
    ]);
  });

  it("deduplicates mail without a Message-ID by its content", async () => {
    const user = await createUser();
    const raw = NOTICE.replace(/^Message-ID:.*\r\n/m, "");
    await deliver(user.inbound_address, raw);
    await deliver(user.inbound_address, raw);
    await deliver(user.inbound_address, raw.replace("25.00", "30.00"));
    const rows = await inboundRows(user.id);
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => String(row.dedupe_key).startsWith("sha256:"))).toBe(true);
  });
});

describe("scheduled handler", () => {
  // Every date is laid out from the test clock: a membership is watched from when it was created.
  const renewal = addDays(localDate(testNow(), "Asia/Shanghai"), 10);
  /** The instant `date` begins in `timeZone`. */
  const midnight = (date: string, timeZone: string) => zonedInstant(Date.parse(`${date}T00:00:00Z`), timeZone);

  async function cancelledMembership(timezone: string) {
    const user = await createUser({ timezone });
    const membership = await createMembership(user.api_token, { next_renewal_on: renewal });
    await call("POST", `/api/v1/memberships/${membership.id}/cancellations`, {
      token: user.api_token,
      body: { side: "platform", cancelled_at: new Date(testNow() - 3_600_000).toISOString() },
    });
    return async () =>
      (await call("GET", `/api/v1/memberships/${membership.id}`, { token: user.api_token })).body.status;
  }

  it("ends a cancelled membership when its paid period is over in the user's timezone, using scheduledTime as now", async () => {
    const shanghai = await cancelledMembership("Asia/Shanghai");
    const losAngeles = await cancelledMembership("America/Los_Angeles");
    await sweepAt(midnight(renewal, "Asia/Shanghai") - 60_000); // 23:59 the day before, in Shanghai
    expect(await shanghai()).toBe("cancelled");
    await sweepAt(midnight(renewal, "Asia/Shanghai")); // the renewal day has begun in Shanghai, not in Los Angeles
    expect(await shanghai()).toBe("ended");
    expect(await losAngeles()).toBe("cancelled");
    await sweepAt(midnight(renewal, "America/Los_Angeles")); // 00:00 of that day in Los Angeles
    expect(await losAngeles()).toBe("ended");
    await sweepAt(midnight(renewal, "America/Los_Angeles"));
    expect(await losAngeles()).toBe("ended");
  });

  it("leaves auto-renewing active memberships alone, and ends ones that do not renew", async () => {
    const user = await createUser();
    const renewing = await createMembership(user.api_token, { next_renewal_on: renewal });
    const oneOff = await createMembership(user.api_token, { next_renewal_on: renewal, auto_renew: false });
    await sweepAt(midnight(addDays(renewal, 4), "Asia/Shanghai"));
    const status = async (id: string) =>
      (await call("GET", `/api/v1/memberships/${id}`, { token: user.api_token })).body.status;
    expect(await status(renewing.id)).toBe("active");
    expect(await status(oneOff.id)).toBe("ended");
  });
});

describe("API description", () => {
  it("lists every route with its schemas in /openapi.json", async () => {
    const response = await call("GET", "/openapi.json");
    expect(response.status).toBe(200);
    const doc = response.body as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(doc.openapi).toBe("3.1.0");
    const routes = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(routes.sort()).toEqual(
      [
        "GET /health",
        "POST /api/v1/users",
        "GET /api/v1/me",
        "PATCH /api/v1/me",
        "POST /api/v1/me/phone/code",
        "POST /api/v1/me/phone/confirm",
        "GET /api/v1/memberships",
        "POST /api/v1/memberships",
        "GET /api/v1/memberships/{id}",
        "PATCH /api/v1/memberships/{id}",
        "DELETE /api/v1/memberships/{id}",
        "POST /api/v1/memberships/{id}/cancellations",
        "GET /api/v1/events",
        "POST /api/v1/parse",
        "POST /hooks/{webhook_token}",
        "GET /api/v1/events/{id}",
        "PATCH /api/v1/events/{id}",
        "GET /api/v1/alerts",
        "POST /api/v1/alerts/{id}/resolve",
        "GET /api/v1/memberships/{id}/timeline",
        "POST /hooks/twilio/sms",
        "GET /api/v1/me/calendar",
        "POST /api/v1/me/calendar/rotate",
        "GET /api/v1/me/webhook-signing",
        "POST /api/v1/me/webhook-signing",
        "DELETE /api/v1/me/webhook-signing",
      ].sort(),
    );
    expect(doc.paths["/api/v1/memberships"]?.post?.requestBody).toBeDefined();
    // Rate limits and webhook signing refusals are part of the contract.
    expect(Object.keys(doc.paths["/api/v1/me"]?.get?.responses ?? {})).toContain("429");
    expect(Object.keys(doc.paths["/api/v1/users"]?.post?.responses ?? {})).not.toContain("429");
    expect(Object.keys(doc.paths["/hooks/{webhook_token}"]?.post?.responses ?? {})).toEqual(
      expect.arrayContaining(["401", "409", "429"]),
    );
    expect(Object.keys(doc.components.schemas.Membership?.properties ?? {})).toEqual(
      expect.arrayContaining([
        "next_renewal_on",
        "amount_minor",
        "currency",
        "merchant_aliases",
        "cancellations",
        "status",
      ]),
    );
    // Every event says where its fields were read, and names the payee's legal name beside the merchant.
    expect(Object.keys(doc.components.schemas.Event?.properties ?? {})).toEqual(
      expect.arrayContaining(["merchant_legal", "provenance"]),
    );
    expect(doc.components.schemas.Provenance).toBeDefined();
    const userCreated = JSON.stringify(doc.components.schemas.UserCreated);
    for (const field of ["api_token", "inbound_address", "webhook_url", "#/components/schemas/User"]) {
      expect(userCreated).toContain(field);
    }
  });

  it("renders the same routes as a self-contained page at /docs", async () => {
    const response = await exportsFetch("/docs");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    const page = await response.text();
    for (const path of ["/api/v1/memberships/{id}/cancellations", "/api/v1/me", "/api/v1/users"]) {
      expect(page).toContain(`<code>${path}</code>`);
    }
    expect(page).toContain('id="schema-MembershipCreate"');
    // Operation descriptions (how to sign webhooks, say) are shown, not only their one-line summaries.
    expect(page).toContain("With signing on, every post to your webhook URL must carry three headers");
    // UserCreated extends User: the page shows the inherited fields and the one-time secrets together.
    const userCreated = page.slice(page.indexOf('id="schema-UserCreated"'));
    expect(userCreated.slice(0, userCreated.indexOf("</section>"))).toMatch(
      /<code>email<\/code>[\s\S]*<code>api_token<\/code>/,
    );
    expect(page).not.toMatch(/<script/i);
  });
});

async function exportsFetch(path: string) {
  const { exports } = await import("cloudflare:workers");
  return exports.default.fetch(new Request(`https://watchdog.test${path}`));
}
