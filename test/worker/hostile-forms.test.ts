// A form body the runtime cannot read — multipart/form-data without its closing boundary, or without a boundary
// parameter at all — sent to every kind of dashboard form, signed in or not: a 400 page in the reader's
// language (never a 500), and nothing stored, changed or used up.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../workers/index";
import { type Browser, csrfOf, fetchPage, loginLinkFor, signIn, signInMails } from "../support/dashboard";
import { alipayCharge, createMembership, createUser, postEvent } from "../support/helpers";
import { storedRows } from "../support/stored";

const ORIGIN = "https://watchdog.test";

type Malformed = { name: string; contentType: string; body: (fields: Record<string, string>) => string };

const BOUNDARY = "----rw-hostile-boundary";

/** The two ways a multipart body was found broken: each still carries the form's real fields. */
const MALFORMED: Malformed[] = [
  {
    name: "no closing boundary",
    contentType: `multipart/form-data; boundary=${BOUNDARY}`,
    body: (fields) =>
      Object.entries(fields)
        .map(([name, value]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
        .join(""),
  },
  {
    name: "no boundary parameter",
    contentType: "multipart/form-data",
    body: (fields) =>
      `${Object.entries(fields)
        .map(([name, value]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
        .join("")}--${BOUNDARY}--\r\n`,
  },
];

/** Posts through the Worker's real fetch handler and waits for its waitUntil work (a sign-in mail, deliveries). */
async function post(
  path: string,
  malformed: Malformed,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request(`${ORIGIN}${path}`, {
      method: "POST",
      headers: { origin: ORIGIN, "content-type": malformed.contentType, ...headers },
      body: malformed.body(fields),
      redirect: "manual",
    }),
    env,
    ctx,
  );
  const html = await response.text();
  await waitOnExecutionContext(ctx);
  return { status: response.status, html, contentType: response.headers.get("content-type") ?? "" };
}

/** Sends every malformed body and checks: 400, an HTML page with `expected` in it, nothing stored. */
async function expectRefused(
  path: string,
  fields: Record<string, string>,
  expected: string[],
  headers: Record<string, string> = {},
) {
  for (const malformed of MALFORMED) {
    const before = await storedRows();
    const answer = await post(path, malformed, fields, headers);
    const what = `${path} (${malformed.name}) → ${answer.status} ${answer.html.slice(0, 200)}`;
    expect(answer.status, what).toBe(400);
    expect(answer.contentType, what).toMatch(/^text\/html/);
    for (const text of expected) expect(answer.html, what).toContain(text);
    expect(await storedRows(), `stored data changed on ${what}`).toBe(before);
  }
}

const signedInForms = async (browser: Browser) => {
  const membership = await createMembership(browser.user.api_token, { name: "Hostile VIP" });
  const posted = await postEvent(browser.user.webhook_url as string, alipayCharge({ merchant: "陌生商户-hostile" }));
  const eventId = ((await posted.json()) as { events: { id: string }[] }).events[0]?.id as string;
  const csrf = csrfOf((await browser.get("/app/settings")).html);
  return {
    csrf,
    forms: [
      ["/app/memberships", { name: "New VIP", amount: "25", currency: "CNY", next_renewal_on: "2030-01-01" }],
      [`/app/memberships/${membership.id}`, { name: "Renamed" }],
      [`/app/memberships/${membership.id}/cancellations`, { side: "platform", evidence: "screenshot" }],
      [`/app/memberships/${membership.id}/delete`, {}],
      ["/app/settings", { email: "", timezone: "Asia/Shanghai", locale: "en", lead_days: "5" }],
      ["/app/settings/calendar/rotate", {}],
      [`/app/inbox/${eventId}/assign`, { membership_id: membership.id }],
      ["/logout", {}],
    ] as [string, Record<string, string>][],
  };
};

describe("a malformed multipart form", () => {
  it("is a 400 sign-in page in the visitor's language, and no link is made or sent", async () => {
    const user = await createUser({ locale: "en" });
    const email = user.email as string;
    await expectRefused("/login", { email, next: "/app" }, ["表单无法读取", 'lang="zh-CN"'], {
      "accept-language": "zh-CN,zh;q=0.9",
    });
    await expectRefused("/login?lang=en", { email }, ["This form could not be read", 'lang="en"']);
    expect(await signInMails(email)).toEqual([]);
  });

  it("is a 400 on a sign-in link's button, which stays usable", async () => {
    const user = await createUser({ locale: "en" });
    const email = user.email as string;
    await fetchPage("/login", { form: { email } });
    const link = (await loginLinkFor(email)).split("?")[0] as string;
    await expectRefused(link, { next: "/app" }, ["This form could not be read"]);
    const signedIn = await fetchPage(link, { form: { next: "/app" } });
    expect(signedIn.status).toBe(303);
    expect(signedIn.location).toBe("/app");
  });

  it("is a 400 page in the user's language, signed in, on every dashboard form", async () => {
    for (const [locale, title, nav] of [
      ["zh-CN", "表单无法读取", "退出"],
      ["en", "This form could not be read", "Sign out"],
    ] as const) {
      const browser = await signIn({ locale });
      const { csrf, forms } = await signedInForms(browser);
      expect(csrf).not.toBe("");
      for (const [path, fields] of forms) {
        await expectRefused(path, { _csrf: csrf, ...fields }, [title, nav, `lang="${locale}"`], {
          cookie: browser.cookie,
        });
      }
      // Still signed in: the refused sign-out form ended nothing.
      expect((await browser.get("/app")).status).toBe(200);
    }
  });

  it("leaves a well-formed multipart form working", async () => {
    const browser = await signIn({ locale: "en" });
    const csrf = csrfOf((await browser.get("/app/settings")).html);
    const body = new FormData();
    for (const [name, value] of Object.entries({
      _csrf: csrf,
      email: browser.user.email as string,
      channels: "email",
      timezone: "Asia/Shanghai",
      locale: "en",
      lead_days: "6",
      renewal_grace_days: "2",
    }))
      body.append(name, value);
    const ctx = createExecutionContext();
    const response = await worker.fetch(
      new Request(`${ORIGIN}/app/settings`, {
        method: "POST",
        headers: { origin: ORIGIN, cookie: browser.cookie },
        body,
        redirect: "manual",
      }),
      env,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(response.status).toBe(303);
    const me = await env.DB.prepare("select lead_days from users where id = ?").bind(browser.user.id).first();
    expect(me?.lead_days).toBe(6);
  });
});
