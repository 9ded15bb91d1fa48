// Signing in to the dashboard: a one-time link by e-mail, a session cookie, CSRF-checked forms.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { testNow } from "../support/clock";
import { csrfOf, fetchPage, loginLinkFor, signIn, signInMails } from "../support/dashboard";
import { createUser } from "../support/helpers";

describe("dashboard sign-in", () => {
  it("e-mails a one-time link through Resend that opens a session with a secure cookie", async () => {
    const user = await createUser({ locale: "en" });
    const email = user.email as string;
    const asked = await fetchPage("/login", { form: { email: email.toUpperCase(), next: "/app/settings" } });
    expect(asked.status).toBe(200);
    expect(asked.html).toContain("a sign-in link is on its way");

    const link = await loginLinkFor(email);
    const [mail] = await signInMails(email);
    expect(mail?.subject).toBe("Your Renewal watchdog sign-in link");
    expect(link).toMatch(/^\/login\/ln[a-z2-7]{32}\?next=%2Fapp%2Fsettings$/);

    // Opening the link (as a mail scanner would) does not use it up.
    expect((await fetchPage(link)).status).toBe(200);
    const confirm = await fetchPage(link);
    expect(confirm.html).toContain("Confirm sign-in");
    const path = link.split("?")[0] as string;
    const signedIn = await fetchPage(path, { form: { next: "/app/settings" } });
    expect(signedIn.status).toBe(303);
    expect(signedIn.location).toBe("/app/settings");
    const cookie = signedIn.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^__Host-rw_session=se[a-z2-7]{32};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("Secure");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/");

    const home = await fetchPage("/app", { cookie: cookie.split(";")[0] });
    expect(home.status).toBe(200);
    expect(home.html).toContain("Sign out");

    // Used once: the same link now says it expired, and opens nothing.
    const again = await fetchPage(path, { form: { next: "/app" } });
    expect(again.status).toBe(410);
    expect(again.headers.get("set-cookie")).toBeNull();
  });

  it("answers the same for an unknown address and sends nothing", async () => {
    const asked = await fetchPage("/login", { form: { email: "nobody-here@example.com" } });
    expect(asked.status).toBe(200);
    expect(asked.html).toContain("a sign-in link is on its way");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await signInMails("nobody-here@example.com")).toEqual([]);
  });

  it("refuses a bad address with a 400 form, and links that are malformed, unknown or expired with 410", async () => {
    expect((await fetchPage("/login", { form: { email: "not-an-address" } })).status).toBe(400);
    expect((await fetchPage("/login/nonsense")).status).toBe(410);
    expect((await fetchPage(`/login/ln${"a".repeat(32)}`)).status).toBe(410);

    const user = await createUser();
    await fetchPage("/login", { form: { email: user.email as string } });
    const link = (await loginLinkFor(user.email as string)).split("?")[0] as string;
    await env.DB.prepare("update login_links set expires_at = ? where user_id = ?")
      .bind(new Date(testNow() - 1000).toISOString(), user.id)
      .run();
    expect((await fetchPage(link, { form: {} })).status).toBe(410);
  });

  it("stores only hashes of link and session secrets", async () => {
    const browser = await signIn();
    const token = browser.cookie.split("=")[1] as string;
    const dump = JSON.stringify([
      await env.DB.prepare("select * from web_sessions").all(),
      await env.DB.prepare("select * from login_links").all(),
    ]);
    expect(dump).not.toContain(token);
    expect(dump).not.toMatch(/"(?:ln|se)[a-z2-7]{32}"/);
  });

  it("sends a signed-out visitor to sign in and back, and never redirects off-site", async () => {
    const page = await fetchPage("/app/memberships?x=1");
    expect(page.status).toBe(303);
    expect(page.location).toBe("/login?next=%2Fapp%2Fmemberships%3Fx%3D1");
    const login = await fetchPage("/login?next=https://evil.example/");
    expect(login.html).toContain('name="next" value="/app"');
    const login2 = await fetchPage("/login?next=//evil.example/app");
    expect(login2.html).toContain('name="next" value="/app"');
  });

  it("refuses a form without the session's CSRF token or from another site, and signs out", async () => {
    const browser = await signIn();
    const home = await browser.get("/app");
    const csrf = csrfOf(home.html);
    expect(csrf).not.toBe("");
    const forged = await fetchPage("/logout", { cookie: browser.cookie, form: { _csrf: "wrong" } });
    expect(forged.status).toBe(403);
    const crossSite = await fetchPage("/logout", {
      cookie: browser.cookie,
      form: { _csrf: csrf },
      headers: { origin: "https://evil.example" },
    });
    expect(crossSite.status).toBe(403);
    expect((await browser.get("/app")).status).toBe(200);

    const out = await browser.post("/logout", {});
    expect(out.status).toBe(200);
    expect((await browser.get("/app")).status).toBe(303);
  });

  it("forbids scripts, framing and caching on every dashboard page, signed in or not", async () => {
    const browser = await signIn();
    for (const page of [await fetchPage("/login"), await browser.get("/app"), await browser.get("/app/settings")]) {
      const policy = page.headers.get("content-security-policy") ?? "";
      expect(policy).toContain("default-src 'none'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toContain("form-action 'self'");
      expect(policy).not.toContain("script-src");
      expect(page.headers.get("cache-control")).toBe("no-store");
      expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("serves its stylesheet unescaped (quoted font names, child selectors survive)", async () => {
    const page = await fetchPage("/login");
    expect(page.html).toContain('"PingFang SC","Microsoft YaHei"');
    expect(page.html).not.toContain("&quot;");
  });

  it("refuses an oversized form with 413", async () => {
    const page = await fetchPage("/login", { form: { email: "a@example.com", pad: "x".repeat(70_000) } });
    expect(page.status).toBe(413);
  });
});
