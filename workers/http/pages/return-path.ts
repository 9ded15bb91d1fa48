// Where a page sends its reader back to: after sign-in (`next`), and after switching language in the header.
import type { Context } from "hono";

/**
 * Only a path inside the dashboard may be returned to: printable ASCII (a browser sends paths percent-encoded),
 * so no control character can reach the Location header or the e-mailed link, and no `//` or `\` that a browser
 * would read as another host. Anything else is /app.
 */
export const safeNext = (next: unknown): string =>
  typeof next === "string" &&
  next.length <= 2048 &&
  /^\/app(?:[/?#][\x21-\x7e]*)?$/.test(next) &&
  !next.includes("//") &&
  !next.includes("\\")
    ? next
    : "/app";

/**
 * The address of the page being shown (path and query), to come back to: the request's own for a GET; for a page
 * answering a form, the page the form was on (the Referer, when it is this site's), else none.
 */
export function pageAddress(c: Context): string | undefined {
  const own = new URL(c.req.url);
  if (c.req.method === "GET" || c.req.method === "HEAD") return own.pathname + own.search;
  const referer = c.req.header("referer");
  if (!referer) return undefined;
  try {
    const from = new URL(referer);
    return from.origin === own.origin ? from.pathname + from.search : undefined;
  } catch {
    return undefined;
  }
}
