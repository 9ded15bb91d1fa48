// Helpers for browser tests: Debian's Chromium through playwright-core at phone size, JavaScript errors
// collected, sign-in through the e-mailed link (read back from the fake Resend), screenshots for review.
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { inject } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** From test/browser/global-setup.mjs. */
    browserTest: { baseUrl: string; fakeProvidersUrl: string; adminToken: string; scratchDir: string };
  }
}

/** Where the Worker runs (http://localhost:<port>), the fake providers' URL, and the admin token. */
export const worker = inject("browserTest");

export const PHONE = { width: 375, height: 812 } as const;

/** A calendar date `days` from today in Shanghai (UTC+8 all year): the Worker under wrangler dev runs on the real clock. */
export function shanghaiDate(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

// The network is closed on CI: without the background-networking flags Chromium keeps dialling Google.
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;

/** Chromium with a new empty profile (Playwright makes a temporary --user-data-dir for every launch). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: env.CHROMIUM_PATH || "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

export interface Tab {
  page: Page;
  context: BrowserContext;
  /** Uncaught exceptions and console errors (failed loads included) seen so far, in order. */
  errors: string[];
}

/** A new context (own cookies) and page at 375×812, with its JavaScript errors collected. */
export async function openTab(browser: Browser, options: { locale?: string } = {}): Promise<Tab> {
  const context = await browser.newContext({ viewport: PHONE, baseURL: worker.baseUrl, locale: options.locale });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror on ${page.url()}: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const source = message.location().url;
    errors.push(`console.error on ${page.url()}: ${message.text()}${source ? ` (${source})` : ""}`);
  });
  return { page, context, errors };
}

/** A JSON API call to the running Worker. */
export async function api(method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(`${worker.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown> };
}

let users = 0;

/** A new user through the admin API (a unique e-mail unless given); answers the API's user with its tokens. */
export async function createUser(overrides: Record<string, unknown> = {}) {
  users += 1;
  const email = `browser-${Date.now().toString(36)}-${users}@example.com`;
  const { status, body } = await api("POST", "/api/v1/users", worker.adminToken, { email, ...overrides });
  if (status !== 201) throw new Error(`creating a user answered ${status}: ${JSON.stringify(body)}`);
  return body as {
    id: string;
    email: string;
    api_token: string;
    inbound_address: string;
    webhook_url: string;
  } & Record<string, unknown>;
}

/** Waits (the Worker sends it after answering) for sign-in e-mail number `count` to `to`; returns its link. */
export async function signInLink(to: string, count = 1): Promise<string> {
  const pattern = new RegExp(`${worker.baseUrl.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/login/\\S+`);
  for (let attempt = 0; attempt < 200; attempt++) {
    const response = await fetch(`${worker.fakeProvidersUrl}/_sent?to=${encodeURIComponent(to)}&channel=email`);
    const { items } = (await response.json()) as { items: { body: string }[] };
    const link = items[count - 1]?.body.match(pattern)?.[0];
    if (link) return link;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no sign-in e-mail #${count} reached ${to}`);
}

/**
 * Signs in as a person would: asks for a link on /login, opens the e-mailed link, presses the confirm
 * button. Ends on the page the sign-in leads to (/app unless the link says otherwise).
 */
export async function signIn(page: Page, email: string): Promise<void> {
  const before = await sentCount(email);
  await page.goto("/login");
  await page.locator('input[name="email"]').fill(email);
  await page.locator('form[action="/login"] button[type="submit"]').click();
  await page.waitForLoadState();
  const link = await signInLink(email, before + 1);
  await page.goto(link);
  await Promise.all([
    page.waitForURL(/\/app(?:[/?#]|$)/),
    page.locator('form[action^="/login/"] button[type="submit"]').click(),
  ]);
}

async function sentCount(to: string): Promise<number> {
  const response = await fetch(`${worker.fakeProvidersUrl}/_sent?to=${encodeURIComponent(to)}&channel=email`);
  return ((await response.json()) as { items: unknown[] }).items.length;
}

/** A full-page PNG in test/browser/screenshots/<name>.png, for people to look at (not compared). */
export async function screenshot(page: Page, name: string): Promise<string> {
  // Relative to the project root, where vitest runs (npm test).
  const path = `test/browser/screenshots/${name}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Whether the page fits its viewport's width (no sideways scrolling on a phone). */
export async function noHorizontalOverflow(page: Page): Promise<boolean> {
  return (await horizontalOverflow(page)).fits;
}

/** The page's scroll width against the viewport, and the elements sticking out (to say what to fix). */
export async function horizontalOverflow(page: Page): Promise<{ fits: boolean; scrollWidth: number; wide: string[] }> {
  // A string, not a function: the project type-checks without the DOM library.
  return page.evaluate(`(() => {
    const width = window.innerWidth;
    const scrollWidth = document.scrollingElement.scrollWidth;
    const wide = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5)
      .slice(0, 5)
      .map((el) => el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ").join(".") : ""));
    return { fits: scrollWidth <= width, scrollWidth, wide };
  })()`);
}
