// Where sign-in returns to (`next`): only a dashboard path without control characters survives into the
// e-mailed link and the redirect; anything else is /app. Redeeming a link is one D1 batch, so a failure while
// redeeming leaves the link usable.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../workers/index";
import { fetchPage, loginLinkFor, signInMails } from "../support/dashboard";
import { envWith, faultyD1 } from "../support/faults-d1";
import { createUser } from "../support/helpers";
import { storedRows } from "../support/stored";

const HOSTILE_NEXT = [
  "/app/\nX-Injected: 1",
  "/app/\r\nX-Injected: 1",
  "/app/\u0000",
  "/app\t",
  "/app/\u007f",
  "/app/\u0085x",
  "/app/会员",
  "/app/\\evil.example",
  "/\\evil.example/app",
  "//evil.example/app",
  "/app//evil.example",
  "https://evil.example/app",
  "javascript:alert(1)",
  "app",
  "",
];

/** Asks for a link with `next` posted as the form would; returns the link e-mailed and the page answered. */
async function linkWithNext(next: string) {
  const user = await createUser({ locale: "en" });
  const email = user.email as string;
  const asked = await fetchPage("/login", { form: { email, next } });
  expect(asked.status).toBe(200);
  const link = await loginLinkFor(email);
  const [mail] = await signInMails(email);
  return { link, mail, user, asked };
}

describe("sign-in's next", () => {
  it("drops a next with CR/LF from the login page, the e-mailed link and the redirect", async () => {
    const page = await fetchPage("/login?next=/app/%0AX-Injected:%201");
    expect(page.status).toBe(200);
    expect(page.html).toContain('name="next" value="/app"');
    expect(page.html).not.toContain("X-Injected");

    const { link, mail, asked } = await linkWithNext("/app/\nX-Injected: 1");
    expect(asked.html).toContain('name="next" value="/app"');
    expect(link).toMatch(/^\/login\/ln[a-z2-7]{32}\?next=%2Fapp$/);
    expect(mail?.body).not.toContain("X-Injected");
    expect(mail?.body).not.toMatch(/%0[AD]/i);

    const confirm = await fetchPage(`${link.split("?")[0]}?next=/app/%0D%0AX-Injected:%201`);
    expect(confirm.status).toBe(200);
    expect(confirm.html).toContain('name="next" value="/app"');

    // Even posted straight to the button, the redirect is /app and a session opens.
    const signedIn = await fetchPage(link.split("?")[0] as string, { form: { next: "/app/\r\nX-Injected: 1" } });
    expect(signedIn.status).toBe(303);
    expect(signedIn.location).toBe("/app");
    expect(signedIn.headers.get("x-injected")).toBeNull();
    const cookie = (signedIn.headers.get("set-cookie") ?? "").split(";")[0] as string;
    expect((await fetchPage("/app", { cookie })).status).toBe(200);
  });

  it("keeps only dashboard paths of printable ASCII: everything else falls back to /app", async () => {
    for (const next of HOSTILE_NEXT) {
      const page = await fetchPage(`/login?next=${encodeURIComponent(next)}`);
      expect(page.html, JSON.stringify(next)).toContain('name="next" value="/app"');
    }
    const user = await createUser();
    const email = user.email as string;
    await fetchPage("/login", { form: { email } });
    const path = (await loginLinkFor(email)).split("?")[0] as string;
    // Each refused next posted to the button: not one of them is a 500; the first use signs in to /app.
    for (const [index, next] of HOSTILE_NEXT.entries()) {
      const answer = await fetchPage(path, { form: { next } });
      expect(answer.status, JSON.stringify(next)).toBe(index === 0 ? 303 : 410);
      if (index === 0) expect(answer.location).toBe("/app");
    }
    const kept = await linkWithNext("/app/memberships?x=1#top");
    expect(kept.link).toMatch(/\?next=%2Fapp%2Fmemberships%3Fx%3D1%23top$/);
  });

  it("leaves the link usable when redeeming it fails, and signs in with it afterwards", async () => {
    const { link } = await linkWithNext("/app/settings");
    const path = link.split("?")[0] as string;
    for (const mode of ["unreachable", "rollback"] as const) {
      const faulty = faultyD1({ method: "any", sql: /^insert into "web_sessions"/, mode });
      const before = await storedRows();
      const ctx = createExecutionContext();
      const failed = await worker.fetch(
        new Request(`https://watchdog.test${path}`, {
          method: "POST",
          headers: { origin: "https://watchdog.test", "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ next: "/app/settings" }),
          redirect: "manual",
        }),
        envWith(faulty.db),
        ctx,
      );
      await waitOnExecutionContext(ctx);
      expect(faulty.failed.length, mode).toBe(1);
      expect(failed.status, mode).toBe(500);
      expect(failed.headers.get("set-cookie"), mode).toBeNull();
      expect(await storedRows(), mode).toBe(before);
    }
    expect((await fetchPage(link)).status).toBe(200);
    const signedIn = await fetchPage(path, { form: { next: "/app/settings" } });
    expect(signedIn.status).toBe(303);
    expect(signedIn.location).toBe("/app/settings");
    expect((await fetchPage(path, { form: { next: "/app" } })).status).toBe(410);
  });

  it("opens one session when the same link is pressed twice at once", async () => {
    const { link, user } = await linkWithNext("/app");
    const path = link.split("?")[0] as string;
    const answers = await Promise.all([1, 2].map(() => fetchPage(path, { form: { next: "/app" } })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([303, 410]);
    const sessions = await env.DB.prepare("select count(*) as n from web_sessions where user_id = ?")
      .bind(user.id)
      .first();
    expect(sessions?.n).toBe(1);
  });
});
