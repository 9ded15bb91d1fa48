// Dashboard sessions: a cookie holding a random token (stored hashed), opened by a one-time e-mailed link.
// Forms carry a CSRF token derived from the session token (HMAC), and a cross-site Origin is refused, so a
// page elsewhere cannot post as the user even where SameSite=Lax would let a top-level POST through.
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { UserRow } from "../../schema/tables";
import { revokeSession, sessionByTokenHash } from "../db/sessions";
import { hmacKey, toBase64Url } from "../secrets/links";
import { secretsEqual, sha256Hex } from "../secrets/tokens";
import type { AppEnv } from "./context";
import { PageRefusal } from "./page-refusal";

// Sent as `__Host-rw_session`: only ever set over HTTPS (or localhost), for this host and path `/`, never
// by a subdomain (hono adds the prefix).
const SESSION_COOKIE = "rw_session";
export const SESSION_DAYS = 30;

export type PageEnv = AppEnv;

export async function csrfFor(sessionToken: string): Promise<string> {
  const signature = await crypto.subtle.sign("HMAC", await hmacKey(sessionToken), new TextEncoder().encode("csrf"));
  return toBase64Url(signature);
}

export function setSessionCookie(c: Context, token: string) {
  setCookie(c, SESSION_COOKIE, token, {
    path: "/",
    secure: true,
    httpOnly: true,
    sameSite: "Lax",
    maxAge: SESSION_DAYS * 86_400,
    prefix: "host",
  });
}

export function clearSessionCookie(c: Context) {
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true, prefix: "host" });
}

const sessionToken = (c: Context) => getCookie(c, SESSION_COOKIE, "host");

/** The signed-in user, or undefined (no cookie, unknown, expired or revoked session). */
export async function currentSession(c: Context<AppEnv>) {
  const token = sessionToken(c);
  if (!token || token.length > 100) return undefined;
  const found = await sessionByTokenHash(c.var.db, await sha256Hex(token), new Date(c.var.now).toISOString());
  return found ? { ...found, token } : undefined;
}

/** True when a request's Origin (or, failing that, Referer) is another site. Absent both, the token decides. */
function crossSite(c: Context): boolean {
  const self = new URL(c.req.url).origin;
  const origin = c.req.header("origin");
  if (origin && origin !== "null") return origin !== self;
  if (origin === "null") return true;
  const referer = c.req.header("referer");
  if (!referer) return false;
  try {
    return new URL(referer).origin !== self;
  } catch {
    return true;
  }
}

/**
 * Pages behind sign-in: a GET without a session goes to /login (and comes back after), a POST without one
 * is 401. Every unsafe method must carry the session's CSRF token in the `_csrf` field and come from this site.
 */
export const requireSession = createMiddleware<PageEnv>(async (c, next) => {
  const found = await currentSession(c);
  if (!found) {
    if (c.req.method === "GET" || c.req.method === "HEAD") {
      const url = new URL(c.req.url);
      return c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
    }
    throw new PageRefusal(401, "signedOut");
  }
  const csrf = await csrfFor(found.token);
  if (c.req.method !== "GET" && c.req.method !== "HEAD") {
    const form = await c.req.parseBody();
    const given = typeof form._csrf === "string" ? form._csrf : "";
    if (crossSite(c) || !(await secretsEqual(given, csrf))) {
      throw new PageRefusal(403, "crossSite");
    }
  }
  c.set("user", found.user as UserRow);
  c.set("sessionId", found.session.id);
  c.set("csrf", csrf);
  await next();
});

export async function endSession(c: Context<PageEnv>) {
  await revokeSession(c.var.db, c.var.sessionId, new Date(c.var.now).toISOString());
  clearSessionCookie(c);
}
