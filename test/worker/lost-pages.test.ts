// The root and the lost: a browser at / lands in the dashboard (or its sign-in); an unknown page or record under
// /app is a 404 page in the dashboard's layout and the user's language, still signed in; a timeline link that no
// longer opens explains itself in a browser. API clients keep their JSON answers throughout.
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { LINK_DAYS, timelineLink } from "../../workers/secrets/links";
import { testNow } from "../support/clock";
import { type Browser, fetchPage, signIn } from "../support/dashboard";
import { alipayCharge, call, createMembership, createUser, postEvent } from "../support/helpers";

const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
const LINKS = { publicUrl: "https://watchdog.test", secret: env.LINK_SECRET as string };

const TEXTS = {
  en: { title: "Page not found", nav: "Sign out", home: "Back to Home" },
  "zh-CN": { title: "找不到这个页面", nav: "退出", home: "回到概览" },
} as const;

/** A 404 page in the dashboard's layout, in the user's language, with the signed-in navigation. */
function expectStyled404(page: Awaited<ReturnType<typeof fetchPage>>, locale: keyof typeof TEXTS, what: string) {
  const text = TEXTS[locale];
  expect(page.status, what).toBe(404);
  expect(page.headers.get("content-type"), what).toMatch(/^text\/html/);
  expect(page.headers.get("content-security-policy"), what).toContain("default-src 'none'");
  expect(page.html, what).toContain(`<html lang="${locale}">`);
  expect(page.html, what).toContain("<style>");
  expect(page.html, what).toContain(text.title);
  expect(page.html, what).toContain(text.nav);
  expect(page.html, what).toContain(`href="/app">${text.home}`);
  expect(page.html, what).not.toContain('href="/login"');
}

describe("the root", () => {
  it("sends a browser to sign in, or to the dashboard when signed in", async () => {
    const visitor = await fetchPage("/", { headers: { accept: BROWSER_ACCEPT } });
    expect(visitor.status).toBe(303);
    expect(visitor.location).toBe("/login");
    const browser = await signIn();
    const member = await fetchPage("/", { cookie: browser.cookie, headers: { accept: BROWSER_ACCEPT } });
    expect(member.status).toBe(303);
    expect(member.location).toBe("/app");
    const signedOut = await fetchPage("/", {
      cookie: `__Host-rw_session=se${"a".repeat(32)}`,
      headers: { accept: BROWSER_ACCEPT },
    });
    expect(signedOut.location).toBe("/login");
  });

  it("keeps the JSON answer for API clients", async () => {
    for (const accept of [undefined, "application/json", "*/*"]) {
      const answer = await call("GET", "/", { headers: accept ? { accept } : {} });
      expect(answer.status, accept).toBe(404);
      expect(answer.body, accept).toMatchObject({ error: { code: "not_found" } });
    }
  });
});

describe("lost pages under /app", () => {
  const lostPaths = async (browser: Browser) => {
    const stranger = await createUser();
    const foreign = await createMembership(stranger.api_token, { name: "Stranger's VIP" });
    const posted = await postEvent(stranger.webhook_url, alipayCharge({ merchant: "陌生商户-lost" }));
    const foreignEvent = ((await posted.json()) as { events: { id: string }[] }).events[0]?.id as string;
    return {
      gets: [
        "/app/nope",
        "/app/memberships/nope/deeper/still",
        "/app/memberships/mem_aaaaaaaaaaaaaaaa",
        `/app/memberships/${foreign.id}`,
        `/app/memberships/${foreign.id}/edit`,
        "/app/settings/nope",
      ],
      posts: [
        [`/app/memberships/${foreign.id}/cancellations`, { side: "platform" }],
        [`/app/inbox/${foreignEvent}/assign`, { membership_id: foreign.id }],
        ["/app/nope", {}],
      ] as [string, Record<string, string>][],
      browser,
    };
  };

  for (const locale of ["en", "zh-CN"] as const) {
    it(`answers a styled 404 in ${locale}, signed in, for unknown pages and unknown or foreign ids`, async () => {
      const { gets, posts, browser } = await lostPaths(await signIn({ locale }));
      for (const path of gets) {
        const page = await browser.get(path);
        expectStyled404(page, locale, path);
        expect(page.html).not.toContain("Stranger");
      }
      for (const [path, form] of posts) expectStyled404(await browser.post(path, form), locale, `POST ${path}`);
    });
  }

  it("sends a signed-out visitor of an unknown page to sign in first", async () => {
    const page = await fetchPage("/app/nope");
    expect(page.status).toBe(303);
    expect(page.location).toBe("/login?next=%2Fapp%2Fnope");
  });

  it("answers a browser at an unknown page elsewhere with the page too, and API clients with JSON", async () => {
    const page = await fetchPage("/nope", { headers: { accept: BROWSER_ACCEPT, "accept-language": "zh-CN" } });
    expect(page.status).toBe(404);
    expect(page.html).toContain("找不到这个页面");
    expect(page.html).toContain('href="/login"');
    for (const [path, accept] of [
      ["/nope", undefined],
      ["/api/v1/nope", BROWSER_ACCEPT],
      ["/hooks/nope/deeper", BROWSER_ACCEPT],
    ] as const) {
      const answer = await call("GET", path, { headers: accept ? { accept } : {} });
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).toMatchObject({ error: { code: "not_found" } });
    }
  });
});

describe("a timeline link that no longer opens", () => {
  const membershipLinks = async () => {
    const user = await createUser({ locale: "en" });
    const membership = await createMembership(user.api_token);
    const live = new URL(await timelineLink(LINKS, membership.id, testNow()));
    const expired = await timelineLink(LINKS, membership.id, testNow() - (LINK_DAYS + 1) * 86_400_000);
    return {
      membership,
      links: [
        expired,
        `${live.origin}${live.pathname}`,
        `${live.origin}${live.pathname}?exp=${live.searchParams.get("exp")}&sig=${"A".repeat(43)}`,
      ],
    };
  };

  it("explains itself in a browser, in the visitor's language, and says where to get a new one", async () => {
    const { membership, links } = await membershipLinks();
    for (const link of links) {
      for (const [language, title, action] of [
        ["zh-CN,zh;q=0.9", "链接无效或已过期", "打开会员页面"],
        ["en-GB,en;q=0.8", "This link is invalid or has expired", "Open the membership"],
      ] as const) {
        const response = await exports.default.fetch(
          new Request(link, { headers: { accept: BROWSER_ACCEPT, "accept-language": language } }),
        );
        const html = await response.text();
        expect(response.status, link).toBe(403);
        expect(response.headers.get("content-type")).toMatch(/^text\/html/);
        expect(response.headers.get("referrer-policy")).toBe("no-referrer");
        expect(html).toContain("<style>");
        expect(html).toContain(title);
        expect(html).toContain(`href="/app/memberships/${membership.id}">${action}`);
        expect(html).not.toContain(membership.name as string);
      }
    }
  });

  it("speaks the signed-in user's language and shows the navigation", async () => {
    const browser = await signIn({ locale: "zh-CN" });
    const membership = await createMembership(browser.user.api_token);
    const expired = await timelineLink(LINKS, membership.id, testNow() - (LINK_DAYS + 1) * 86_400_000);
    const page = await fetchPage(expired.replace("https://watchdog.test", ""), {
      cookie: browser.cookie,
      headers: { accept: BROWSER_ACCEPT, "accept-language": "en" },
    });
    expect(page.status).toBe(403);
    expect(page.html).toContain("链接无效或已过期");
    expect(page.html).toContain("退出");
  });

  it("keeps the JSON envelope for API clients", async () => {
    const { links } = await membershipLinks();
    for (const link of links) {
      const response = await exports.default.fetch(new Request(link, { headers: { accept: "application/json" } }));
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: "invalid_link" } });
    }
  });
});
