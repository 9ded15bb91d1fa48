// Property tests for every JSON route (listed from /openapi.json, so a new route is covered without editing
// this file), the webhook and the dashboard forms: whatever is sent — any JSON, malformed text, wrong content
// types, prototype-pollution keys, another user's ids — the answer is never a 5xx, a 4xx carries the error
// envelope, and a refused request leaves every stored row exactly as it was.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { FORM_FIELDS } from "../../workers/http/pages/membership-form";
import worker from "../../workers/index";
import { type Browser, csrfOf, signIn } from "../support/dashboard";
import { ADMIN_TOKEN, alipayCharge, createMembership, createUser, iqiyi, postEvent } from "../support/helpers";
import { bodyText, CONTENT_TYPES, hostileJson } from "../support/property-arbitraries";

const ORIGIN = "https://watchdog.test";
const TABLES = [
  "users",
  "api_tokens",
  "memberships",
  "cancellations",
  "events",
  "alerts",
  "deliveries",
  "inbound_messages",
] as const;
// Each property stays well inside the per-token and per-webhook rate limits: a fresh user every this many requests.
const REQUESTS_PER_USER = 40;
const TIMEOUT = 60_000;

/** Every stored row of the user-data tables, to compare before and after a refused request. */
async function snapshot(): Promise<string> {
  const results = await env.DB.batch(TABLES.map((table) => env.DB.prepare(`select * from ${table} order by rowid`)));
  return JSON.stringify(results.map((result) => result.results));
}

interface Answer {
  status: number;
  text: string;
  contentType: string;
}

/** Through the Worker's real fetch handler, waiting for its waitUntil work so nothing lands after the snapshot. */
async function send(
  method: string,
  path: string,
  init: { headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  const ctx = createExecutionContext();
  const request = new Request(`${ORIGIN}${path}`, {
    method,
    headers: init.headers,
    body: method === "GET" || method === "HEAD" ? undefined : init.body,
    redirect: "manual",
  });
  const response = await worker.fetch(request, env, ctx);
  const text = await response.text();
  await waitOnExecutionContext(ctx);
  return { status: response.status, text, contentType: response.headers.get("content-type") ?? "" };
}

/** A 4xx from the API is the envelope { error: { code, message } } with both non-empty. */
function expectEnvelope(answer: Answer) {
  expect(answer.contentType).toMatch(/^application\/json/);
  const body = JSON.parse(answer.text) as { error?: { code?: unknown; message?: unknown } };
  expect(typeof body.error?.code === "string" && body.error.code.length > 0, answer.text).toBe(true);
  expect(typeof body.error?.message === "string" && body.error.message.length > 0, answer.text).toBe(true);
}

/** Sends, and checks the promises that hold for any request: no 5xx; a refusal changed nothing. */
async function sendChecked(
  method: string,
  path: string,
  init: { headers?: Record<string, string>; body?: string },
  options: { envelope: boolean },
): Promise<Answer> {
  const before = await snapshot();
  const answer = await send(method, path, init);
  const what = `${method} ${path} ${JSON.stringify(init.headers)} ${init.body?.slice(0, 300)} → ${answer.status} ${answer.text.slice(0, 300)}`;
  expect(answer.status, what).toBeLessThan(500);
  if (answer.status >= 400) {
    if (options.envelope) expectEnvelope(answer);
    expect(await snapshot(), `stored data changed on ${what}`).toBe(before);
  }
  return answer;
}

interface Actor {
  token: string;
  webhookToken: string;
  membershipId: string;
  eventId: string;
}

const webhookTokenOf = (url: string) => url.slice(url.lastIndexOf("/") + 1);

/** A user with a membership, a cancellation, an event (unmatched) and the alerts they raised. */
async function newActor(): Promise<Actor> {
  const user = await createUser();
  const membership = await createMembership(user.api_token);
  const cancelled = await send("POST", `/api/v1/memberships/${membership.id}/cancellations`, {
    headers: { authorization: `Bearer ${user.api_token}`, "content-type": "application/json" },
    body: JSON.stringify({ side: "platform", evidence: "screenshot" }),
  });
  expect(cancelled.status).toBe(201);
  const posted = await postEvent(user.webhook_url, alipayCharge({ merchant: `某商户-${crypto.randomUUID()}` }));
  expect(posted.status).toBe(201);
  const { events } = (await posted.json()) as { events: { id: string }[] };
  // A matched charge after the cancellation too: it raises an alert with deliveries.
  expect((await postEvent(user.webhook_url, alipayCharge({ reference: crypto.randomUUID() }))).status).toBe(201);
  return {
    token: user.api_token,
    webhookToken: webhookTokenOf(user.webhook_url),
    membershipId: membership.id,
    eventId: events[0]?.id ?? "",
  };
}

/** Hands out the current actor, and a fresh one every REQUESTS_PER_USER requests. */
function actorPool() {
  let current: Actor | undefined;
  let used = 0;
  return async () => {
    if (!current || used >= REQUESTS_PER_USER) {
      current = await newActor();
      used = 0;
    }
    used += 1;
    return current;
  };
}

interface Operation {
  method: string;
  path: string;
  pathParams: string[];
  queryParams: string[];
  hasBody: boolean;
}

let operations: Operation[] = [];
let victim: Actor;

beforeAll(async () => {
  const document = JSON.parse((await send("GET", "/openapi.json")).text) as {
    paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: unknown }>>;
  };
  operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      pathParams: (operation.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name),
      queryParams: (operation.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name),
      hasBody: operation.requestBody !== undefined,
    })),
  );
  victim = await newActor();
});

describe("the route list", () => {
  it("is read from /openapi.json and holds every route we expect", () => {
    const listed = operations.map((operation) => `${operation.method} ${operation.path}`);
    expect(listed).toEqual(
      expect.arrayContaining([
        "GET /health",
        "POST /api/v1/users",
        "GET /api/v1/me",
        "PATCH /api/v1/me",
        "GET /api/v1/memberships",
        "POST /api/v1/memberships",
        "GET /api/v1/memberships/{id}",
        "PATCH /api/v1/memberships/{id}",
        "DELETE /api/v1/memberships/{id}",
        "POST /api/v1/memberships/{id}/cancellations",
        "GET /api/v1/memberships/{id}/timeline",
        "GET /api/v1/events",
        "PATCH /api/v1/events/{id}",
        "POST /api/v1/parse",
        "GET /api/v1/alerts",
        "GET /api/v1/me/calendar",
        "POST /api/v1/me/calendar/rotate",
        "POST /hooks/{webhook_token}",
      ]),
    );
  });
});

// Valid bodies per route, perturbed by the generators: near-misses reach deeper than random noise.
const VALID_BODIES: Record<string, Record<string, unknown>[]> = {
  "POST /api/v1/users": [
    { email: "new@example.com", timezone: "Asia/Shanghai", locale: "en", phone: "+8613800138000" },
  ],
  "PATCH /api/v1/me": [
    { timezone: "UTC", lead_days: 3, quiet_hours: { start: "22:00", end: "08:00" }, channels: ["email"] },
    // Refused by the operation, not the schema: SMS alerts without a phone.
    { channels: ["email", "sms"], phone: null, locale: "en" },
  ],
  "POST /api/v1/memberships": [iqiyi],
  "PATCH /api/v1/memberships/{id}": [{ amount_minor: 3000, name: "改名", trial_ends_on: null, cancel_url: null }],
  "POST /api/v1/memberships/{id}/cancellations": [
    { side: "payment_channel", cancelled_at: "2026-01-01T00:00:00Z", evidence: "ticket 42" },
    // Refused by the operation, not the schema: a cancellation in the future.
    { side: "platform", cancelled_at: "2999-01-01T00:00:00+08:00", reference: "R-1" },
  ],
  "PATCH /api/v1/events/{id}": [{ membership_id: "mem_x" }],
  "POST /api/v1/parse": [
    {
      from: "95555",
      content: "【招商银行】您账户6083于07月07日15:50在【财付通-腾讯视频】发生快捷支付扣款，人民币25.00",
    },
  ],
};

/** Undefined (the default: a JSON content type, no extra header) four times in five. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });

const hostileString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("", "..", "%00", "\u0000", "null", "undefined", "__proto__", "constructor", "x".repeat(300)),
  fc.stringMatching(/^(mem|evt|usr|msg|can|alt)_[a-z2-7]{16}$/),
);

describe("every JSON route under arbitrary input", () => {
  it(
    "never answers 5xx, refuses with the error envelope, and a refusal changes nothing",
    async () => {
      const nextActor = actorPool();
      const request = fc.record({
        token: fc.constantFrom("actor", "actor", "actor", "actor", "actor", "none", "garbage", "admin", "victim"),
        id: fc.oneof(
          { weight: 5, arbitrary: fc.constantFrom("own", "own", "own", "victim", "crossed") },
          { weight: 1, arbitrary: hostileString },
        ),
        query: fc.dictionary(
          fc.oneof(
            fc.constantFrom("membership_id", "kind", "unmatched", "limit", "format"),
            fc.string({ maxLength: 8 }),
          ),
          fc.oneof(hostileString, fc.constantFrom("true", "0", "-1", "1e9", "charge", "html", "json")),
          { maxKeys: 4 },
        ),
        // A body on a route that takes none (ignored on GET) now and then.
        body: fc.option(fc.nat(), { nil: undefined, freq: 2 }),
        bodySeed: fc.nat(),
        contentType: sometimes(fc.constantFrom(...CONTENT_TYPES)),
        accept: fc.constantFrom(undefined, "text/html", "application/json", "*/*"),
      });
      const routes = operations.filter((operation) => !operation.path.startsWith("/hooks/"));
      // Route by route, so every route (a new one included) gets its share of the runs.
      for (const operation of routes) {
        const key = `${operation.method} ${operation.path}`;
        await fc.assert(
          fc.asyncProperty(request, async (input) => {
            const actor = await nextActor();
            const onEvents = operation.path.includes("/events/");
            const ids: Record<string, string> = {
              own: onEvents ? actor.eventId : actor.membershipId,
              victim: onEvents ? victim.eventId : victim.membershipId,
              crossed: onEvents ? actor.membershipId : actor.eventId,
            };
            const id = ids[input.id] ?? input.id;
            let path = operation.path;
            for (const name of operation.pathParams) path = path.replace(`{${name}}`, encodeURIComponent(id));
            const query = new URLSearchParams(Object.entries(input.query)).toString();
            if (query) path += `?${query}`;
            const headers: Record<string, string> = {};
            const tokens: Record<string, string | undefined> = {
              actor: actor.token,
              victim: victim.token,
              admin: ADMIN_TOKEN,
              garbage: "rw_not-a-token",
              none: undefined,
            };
            const token = tokens[input.token];
            if (token) headers.authorization = `Bearer ${token}`;
            if (input.accept) headers.accept = input.accept;
            let body: string | undefined;
            if (input.body !== undefined || operation.hasBody) {
              const valid = (VALID_BODIES[key] ?? []).map((one) =>
                key === "PATCH /api/v1/events/{id}" ? { membership_id: actor.membershipId } : one,
              );
              body = fc.sample(bodyText(valid), { seed: input.bodySeed, numRuns: 1 })[0];
            }
            if (input.contentType !== undefined) headers["content-type"] = input.contentType;
            else if (body !== undefined) headers["content-type"] = "application/json";
            const answer = await sendChecked(operation.method, path, { headers, body }, { envelope: true });
            // Another user's membership or event is never reachable: 404 (or 4xx for a bad body), never a 2xx.
            if (input.id === "victim" && input.token === "actor" && operation.pathParams.length > 0) {
              expect(answer.status, `${operation.method} ${path} reached another user's data`).toBeGreaterThanOrEqual(
                400,
              );
            }
          }),
          { numRuns: 25 },
        );
      }
    },
    TIMEOUT,
  );

  it(
    "refuses any JSON value as a body with a 400 and stores nothing, route by route",
    async () => {
      const nextActor = actorPool();
      const writes = () => operations.filter((operation) => operation.hasBody && !operation.path.startsWith("/hooks/"));
      expect(writes().length).toBeGreaterThanOrEqual(6);
      // Values no route accepts: not an object, or an object with an extra (or polluting) key.
      const refused = fc.oneof(
        fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.constant(null), fc.array(hostileJson, { maxLength: 3 })),
        fc
          .tuple(fc.constantFrom("__proto__", "constructor", "isAdmin", "user_id", "id"), hostileJson)
          .map(([key, value]) => JSON.parse(`{${JSON.stringify(key)}:${JSON.stringify(value) ?? "null"}}`) as unknown),
      );
      await fc.assert(
        fc.asyncProperty(fc.nat(), refused, async (index, value) => {
          const actor = await nextActor();
          const list = writes();
          const operation = list[index % list.length] as Operation;
          if (operation.path === "/api/v1/parse" || operation.path === "/api/v1/me/calendar/rotate") return;
          const path = operation.path.replace("{id}", actor.membershipId);
          const token = operation.path === "/api/v1/users" ? ADMIN_TOKEN : actor.token;
          const answer = await sendChecked(
            operation.method,
            path,
            {
              headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
              body: JSON.stringify(value),
            },
            { envelope: true },
          );
          expect(answer.status, `${operation.method} ${path} ${JSON.stringify(value)}`).toBe(400);
        }),
        { numRuns: 150 },
      );
    },
    TIMEOUT,
  );
});

describe("the webhook under arbitrary bodies", () => {
  it(
    "never answers 5xx, refuses with the error envelope, and a refusal stores nothing",
    async () => {
      const nextActor = actorPool();
      const event = alipayCharge({ occurred_at: "2026-01-01T00:00:00+08:00", reference: "R1" });
      const sms = {
        from: "95555",
        content: "【招商银行】您账户6083于07月07日15:50在【财付通-腾讯视频】发生快捷支付扣款，人民币25.00",
        timestamp: 1751874631,
      };
      const input = fc.record({
        token: fc.oneof(
          fc.constantFrom("own", "own", "own", "victim"),
          fc.stringMatching(/^wh[a-z2-7]{32}$/),
          hostileString,
        ),
        body: bodyText([event, sms]),
        contentType: sometimes(fc.constantFrom(...CONTENT_TYPES)),
        webhookId: sometimes(fc.string({ unit: "binary-ascii", maxLength: 60 })),
      });
      await fc.assert(
        fc.asyncProperty(input, async ({ token, body, contentType, webhookId }) => {
          const actor = await nextActor();
          const webhookToken = token === "own" ? actor.webhookToken : token === "victim" ? victim.webhookToken : token;
          const headers: Record<string, string> = {};
          if (contentType !== undefined) headers["content-type"] = contentType;
          const printable = webhookId?.replace(/[^\x20-\x7e]/g, "");
          if (printable) headers["webhook-id"] = printable;
          await sendChecked(
            "POST",
            `/hooks/${encodeURIComponent(webhookToken)}`,
            { headers, body },
            { envelope: true },
          );
        }),
        { numRuns: 200 },
      );
    },
    TIMEOUT,
  );
});

describe("the dashboard forms under arbitrary fields", () => {
  let browser: Browser;
  let eventId: string;
  let membershipId: string;

  beforeAll(async () => {
    browser = await signIn();
    await browser.get("/app");
    const webhook = browser.user.webhook_url as string;
    const membership = await createMembership(browser.user.api_token);
    membershipId = membership.id;
    const posted = await postEvent(webhook, alipayCharge({ merchant: "陌生商户" }));
    eventId = ((await posted.json()) as { events: { id: string }[] }).events[0]?.id ?? "";
  });

  const currentCsrf = async () => csrfOf((await browser.get("/app/settings")).html);

  const FIELDS = {
    "/app/memberships": [...FORM_FIELDS],
    "/app/settings": [
      "email",
      "phone",
      "channels",
      "quiet_start",
      "quiet_end",
      "timezone",
      "locale",
      "lead_days",
      "renewal_grace_days",
    ],
    "/app/inbox/{id}/assign": ["membership_id"],
  } as const;

  it(
    "never answers 5xx, and a refused form changes nothing",
    async () => {
      const csrf = await currentCsrf();
      expect(csrf).not.toBe("");
      const value = fc.oneof(
        hostileString,
        fc.constantFrom(
          "25",
          "25.5",
          "0",
          "-1",
          "99999999999999",
          "CNY",
          "XXX",
          "month",
          "on",
          "email",
          "sms",
          "en",
          "Asia/Shanghai",
          "2026-02-30",
          "2026-12-01",
          "22:00",
          "+8613800138000",
          "javascript:alert(1)",
        ),
      );
      const input = fc.record({
        route: fc.constantFrom(...(Object.keys(FIELDS) as (keyof typeof FIELDS)[])),
        fields: fc.array(
          fc.tuple(
            fc.oneof(
              fc.constantFrom(
                "name",
                "amount",
                "currency",
                "next_renewal_on",
                "channels",
                "email",
                "timezone",
                "lead_days",
                "membership_id",
                "_csrf",
                "__proto__",
              ),
              fc.string({ maxLength: 8 }),
            ),
            value,
          ),
          { maxLength: 8 },
        ),
        knownFields: fc.nat(),
        id: fc.oneof(fc.constantFrom("own-event", "victim-event", "own-membership-as-event"), hostileString),
        assignTo: fc.constantFrom("own", "victim", "random"),
        csrf: fc.constantFrom("right", "right", "right", "right", "wrong", "missing"),
      });
      await fc.assert(
        fc.asyncProperty(input, async (form) => {
          const known = FIELDS[form.route];
          const pairs: [string, string][] = [];
          // Some of the route's own fields with plausible values, then arbitrary ones (repeats included).
          known.forEach((field, index) => {
            if ((form.knownFields >> index) & 1) pairs.push([field, field === "name" ? "爱奇艺" : "1"]);
          });
          pairs.push(...form.fields);
          if (form.route === "/app/inbox/{id}/assign") {
            const target = { own: membershipId, victim: victim.membershipId, random: "mem_nope" }[form.assignTo];
            pairs.push(["membership_id", target]);
          }
          if (form.csrf !== "missing") pairs.unshift(["_csrf", form.csrf === "right" ? csrf : `${csrf}x`]);
          const ids: Record<string, string> = {
            "own-event": eventId,
            "victim-event": victim.eventId,
            "own-membership-as-event": membershipId,
          };
          const path = form.route.replace("{id}", encodeURIComponent(ids[form.id] ?? form.id));
          const answer = await sendChecked(
            "POST",
            path,
            {
              headers: {
                cookie: browser.cookie,
                origin: ORIGIN,
                "content-type": "application/x-www-form-urlencoded",
              },
              body: new URLSearchParams(pairs).toString(),
            },
            { envelope: false },
          );
          if (form.csrf !== "right") expect(answer.status).toBe(403);
          if (form.id === "victim-event" && form.route === "/app/inbox/{id}/assign") {
            expect(answer.status).toBeGreaterThanOrEqual(400);
          }
        }),
        { numRuns: 150 },
      );
    },
    TIMEOUT,
  );
});
