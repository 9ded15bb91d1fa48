// Drives the dashboard like a browser through the Worker's real fetch handler: signs in with the e-mailed
// link (read back from the fake Resend), keeps the session cookie, and posts forms with their CSRF token.
import { env, exports } from "cloudflare:workers";
import { createUser } from "./helpers";

const fake = (env as unknown as { FAKE_PROVIDERS_URL: string }).FAKE_PROVIDERS_URL;
const ORIGIN = "https://watchdog.test";

export interface PageResponse {
  status: number;
  html: string;
  headers: Headers;
  /** Where a redirect points (path and query), if it was one. */
  location: string | null;
}

export async function fetchPage(
  path: string,
  init: { method?: string; cookie?: string; form?: Record<string, string>; headers?: Record<string, string> } = {},
): Promise<PageResponse> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.cookie) headers.cookie = init.cookie;
  let body: string | undefined;
  if (init.form) {
    body = new URLSearchParams(init.form).toString();
    headers["content-type"] = "application/x-www-form-urlencoded";
    headers.origin ??= ORIGIN;
  }
  const response = await exports.default.fetch(
    new Request(`${ORIGIN}${path}`, {
      method: init.method ?? (init.form ? "POST" : "GET"),
      headers,
      body,
      redirect: "manual",
    }),
  );
  const location = response.headers.get("location");
  return {
    status: response.status,
    html: await response.text(),
    headers: response.headers,
    location: location ? location.replace(ORIGIN, "") : null,
  };
}

/** The sign-in e-mails the fake Resend received for this address, newest last. */
export async function signInMails(to: string): Promise<{ subject?: string; body: string }[]> {
  const response = await fetch(`${fake}/_sent?to=${encodeURIComponent(to)}&channel=email`);
  return ((await response.json()) as { items: { subject?: string; body: string }[] }).items;
}

/** Waits (the link is sent from waitUntil) for the n-th e-mail to this address and returns its link path. */
export async function loginLinkFor(to: string, count = 1): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const mails = await signInMails(to);
    const mail = mails[count - 1];
    const link = mail?.body.match(/https:\/\/watchdog\.test(\/login\/\S+)/)?.[1];
    if (link) return link;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no sign-in e-mail #${count} reached ${to}`);
}

/** The settings form as a browser posts it with nothing changed but `overrides`. */
export const settingsForm = (overrides: Record<string, string> = {}) => ({
  email: "",
  phone: "",
  channels: "email",
  quiet_start: "",
  quiet_end: "",
  timezone: "Asia/Shanghai",
  locale: "en",
  lead_days: "3",
  renewal_grace_days: "2",
  ...overrides,
});

export const csrfOf = (html: string) => html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? "";

export interface Browser {
  user: Awaited<ReturnType<typeof createUser>>;
  cookie: string;
  /** GET a dashboard page with the session. */
  get(path: string): Promise<PageResponse>;
  /** POST a form with the session and the CSRF token of the last page fetched with `get`. */
  post(path: string, form: Record<string, string>): Promise<PageResponse>;
}

/** A new user (through the admin API), signed in to the dashboard through the e-mailed link. */
export async function signIn(overrides: Record<string, unknown> = {}): Promise<Browser> {
  const user = await createUser(overrides);
  const email = user.email as string;
  await fetchPage("/login", { form: { email } });
  const link = await loginLinkFor(email);
  const confirm = await fetchPage(link);
  if (confirm.status !== 200) throw new Error(`sign-in link answered ${confirm.status}`);
  const action = confirm.html.match(/<form method="post" action="([^"]+)"/)?.[1] ?? "";
  const signedIn = await fetchPage(action, { form: { next: "/app" } });
  const setCookie = signedIn.headers.get("set-cookie") ?? "";
  const cookie = setCookie.split(";")[0] ?? "";
  if (!cookie.startsWith("__Host-rw_session=")) throw new Error(`no session cookie: ${setCookie}`);
  let csrf = "";
  const browser: Browser = {
    user,
    cookie,
    async get(path) {
      const page = await fetchPage(path, { cookie });
      csrf = csrfOf(page.html) || csrf;
      return page;
    },
    async post(path, form) {
      if (!csrf) await browser.get("/app");
      return fetchPage(path, { cookie, form: { _csrf: csrf, ...form } });
    },
  };
  return browser;
}
