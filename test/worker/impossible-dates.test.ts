// Impossible calendar dates are refused, never moved: a 30 February is not 2 March. A cancellation time, a
// webhook event's occurred_at and the dry run answer 400 naming the field and store nothing; the dashboard's
// date fields refuse them the same way; an SMS timestamp on such a date is no time (the arrival time stands in).
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { addDays, localDate } from "../../workers/time/zones";
import { testNow } from "../support/clock";
import { type Browser, signIn } from "../support/dashboard";
import { alipayCharge, call, createMembership, createUser, iqiyi, postEvent } from "../support/helpers";
import { storedRows } from "../support/stored";

// Last year, so every real date in it is in the past; and the latest year before it with no 29 February.
const year = Number(localDate(testNow(), "Asia/Shanghai").slice(0, 4)) - 1;
const commonYear = year % 4 === 0 ? year - 1 : year;

/** Date-times that look right but name no moment: each field once out of its range. */
const IMPOSSIBLE = [
  `${year}-02-30T10:00:00+08:00`,
  `${year}-04-31T10:00:00+08:00`,
  `${commonYear}-02-29T10:00:00+08:00`,
  `${year}-13-01T10:00:00+08:00`,
  `${year}-00-10T10:00:00+08:00`,
  `${year}-06-00T10:00:00+08:00`,
  `${year}-06-10T24:00:00+08:00`,
  `${year}-06-10T10:60:00+08:00`,
  `${year}-06-10T10:00:60+08:00`,
  `${year}-06-10T10:00:00+08:60`,
  `${year}-06-10T10:00:00+24:00`,
];

type Answer = Awaited<ReturnType<typeof call>>;

/** A 400 in the API envelope whose message and details name `field`. */
function expectNamed(answer: Answer, field: string, value: string) {
  const what = `${value} → ${answer.status} ${JSON.stringify(answer.body)}`;
  expect(answer.status, what).toBe(400);
  const error = answer.body.error as { code: string; message: string; details?: { field: string | null }[] };
  expect(error.code, what).toBe("invalid_request");
  expect(error.message, what).toContain(field);
  expect(
    error.details?.map((detail) => detail.field),
    what,
  ).toContain(field);
}

describe("impossible date-times through the API", () => {
  let token: string;
  let webhook: string;
  let membershipId: string;

  beforeAll(async () => {
    const user = await createUser();
    token = user.api_token;
    webhook = user.webhook_url;
    membershipId = (await createMembership(token)).id;
  });

  it("refuse a cancellation at 30 February with a 400 naming cancelled_at, and record none", async () => {
    for (const cancelled_at of IMPOSSIBLE) {
      const before = await storedRows();
      const answer = await call("POST", `/api/v1/memberships/${membershipId}/cancellations`, {
        token,
        body: { side: "platform", cancelled_at, evidence: "screenshot" },
      });
      expectNamed(answer, "cancelled_at", cancelled_at);
      expect(await storedRows()).toBe(before);
    }
    // A real date is taken as it was given.
    const real = `${year}-03-01T10:00:00+08:00`;
    const recorded = await call("POST", `/api/v1/memberships/${membershipId}/cancellations`, {
      token,
      body: { side: "platform", cancelled_at: real },
    });
    expect(recorded.status).toBe(201);
    expect(Date.parse(recorded.body.cancelled_at as string)).toBe(Date.parse(real));
  });

  it("refuse a webhook event on an impossible date with a 400 naming occurred_at, and store nothing", async () => {
    for (const occurred_at of IMPOSSIBLE) {
      const before = await storedRows();
      const response = await postEvent(webhook, alipayCharge({ occurred_at }));
      expectNamed(
        {
          status: response.status,
          body: (await response.json()) as Record<string, unknown>,
          headers: response.headers,
        },
        "occurred_at",
        occurred_at,
      );
      expect(await storedRows()).toBe(before);
    }
  });

  it("refuse the same in the dry run", async () => {
    for (const occurred_at of IMPOSSIBLE) {
      const answer = await call("POST", "/api/v1/parse", { token, body: alipayCharge({ occurred_at }) });
      expectNamed(answer, "occurred_at", occurred_at);
    }
    const real = await call("POST", "/api/v1/parse", {
      token,
      body: alipayCharge({ occurred_at: `${year}-03-01T10:00:00+08:00` }),
    });
    expect(real.status).toBe(200);
  });

  it("refuse a renewal date of 30 February on a membership", async () => {
    const before = await storedRows();
    const answer = await call("POST", "/api/v1/memberships", {
      token,
      body: { ...iqiyi, name: "Impossible", next_renewal_on: `${year + 2}-02-30` },
    });
    expectNamed(answer, "next_renewal_on", "02-30");
    expect(await storedRows()).toBe(before);
  });
});

describe("impossible dates in the dashboard forms", () => {
  let browser: Browser;
  let membershipId: string;

  beforeAll(async () => {
    browser = await signIn({ locale: "en", timezone: "Asia/Shanghai" });
    membershipId = (await createMembership(browser.user.api_token)).id;
  });

  it("refuse a cancellation at 30 February on the wall clock, and record none", async () => {
    await browser.get(`/app/memberships/${membershipId}`);
    for (const cancelled_at of [`${year}-02-30T10:00`, `${commonYear}-02-29T10:00`, `${year}-06-10T24:00`]) {
      const before = await storedRows();
      const page = await browser.post(`/app/memberships/${membershipId}/cancellations`, {
        side: "platform",
        cancelled_at,
        reference: "",
        evidence: "",
      });
      expect(page.status, cancelled_at).toBe(400);
      expect(page.html).toContain('name="cancelled_at"');
      expect(page.html).toContain('aria-invalid="true"');
      expect(await storedRows()).toBe(before);
    }
  });

  it("refuse a renewal or trial end on 30 February, and store no membership", async () => {
    await browser.get("/app/memberships/new");
    const today = localDate(testNow(), "Asia/Shanghai");
    for (const [field, value] of [
      ["next_renewal_on", `${year + 2}-02-30`],
      ["trial_ends_on", `${year + 2}-04-31`],
    ] as const) {
      const before = await storedRows();
      const page = await browser.post("/app/memberships", {
        name: "Impossible VIP",
        amount: "25",
        currency: "CNY",
        cycle_count: "1",
        cycle_unit: "month",
        next_renewal_on: addDays(today, 30),
        channel: "alipay",
        [field]: value,
      });
      expect(page.status, field).toBe(400);
      expect(page.html).toContain(`name="${field}"`);
      expect(await storedRows()).toBe(before);
    }
  });
});

describe("an SMS timestamp on an impossible date", () => {
  it("is no time at all: the event takes the arrival time, as without one", async () => {
    const user = await createUser();
    const response = await postEvent(user.webhook_url, {
      from: "95588",
      content: "您尾号1234的卡于消费人民币25.00元，商户：爱奇艺。【工商银行】",
      timestamp: `${year}-02-30T10:00:00+08:00`,
    });
    expect(response.status).toBe(201);
    const row = await env.DB.prepare(
      "select e.occurred_at, m.received_at from events e join inbound_messages m on m.id = e.inbound_message_id where e.user_id = ?",
    )
      .bind(user.id)
      .first<{ occurred_at: string; received_at: string }>();
    expect(row?.occurred_at).toBe(row?.received_at);
  });
});
