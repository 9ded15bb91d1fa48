// The dashboard's other refusals — signed out, a form from another site, a form too large — are pages in the
// dashboard's layout and the reader's language, not bare English pages, and change nothing.
import { describe, expect, it } from "vitest";
import { fetchPage, signIn } from "../support/dashboard";
import { call } from "../support/helpers";

describe("dashboard refusals", () => {
  it("answers a form posted without a session with 401 in the visitor's language", async () => {
    const page = await fetchPage("/app/settings", {
      form: { timezone: "Asia/Tokyo" },
      headers: { "accept-language": "zh-CN,zh;q=0.9" },
    });
    expect(page.status).toBe(401);
    expect(page.html).toContain("登录已失效");
    expect(page.html).toContain('href="/login"');
    expect(page.html).toMatch(/<style>/);
  });

  it("answers a form with a wrong CSRF token with 403 in the user's language, signed in, and saves nothing", async () => {
    const browser = await signIn({ locale: "en", timezone: "Asia/Shanghai" });
    await browser.get("/app/settings");
    const refused = await fetchPage("/app/settings", {
      cookie: browser.cookie,
      form: { _csrf: "not-the-token", timezone: "Asia/Tokyo" },
    });
    expect(refused.status).toBe(403);
    expect(refused.html).toContain("Form refused");
    expect(refused.html).toContain('action="/logout"');
    expect((await call("GET", "/api/v1/me", { token: browser.user.api_token })).body.timezone).toBe("Asia/Shanghai");
  });

  it("answers a form over the size limit with 413 in the user's language", async () => {
    const browser = await signIn({ locale: "zh-CN" });
    await browser.get("/app");
    const page = await browser.post("/app/settings", { timezone: "x".repeat(70 * 1024) });
    expect(page.status).toBe(413);
    expect(page.html).toContain("表单太大");
  });
});
