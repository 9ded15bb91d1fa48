// The dashboard: sign-in and the signed-in pages under /app, with HTML error pages instead of JSON.
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context";
import { ApiError } from "../errors";
import { plainPage, requireSession } from "../session";
import { alertsPages } from "./alerts";
import { homePages } from "./home";
import { inboxPages } from "./inbox";
import { loginRouter, logoutRouter } from "./login";
import { membershipsPages } from "./memberships";
import { settingsPages } from "./settings";

// Forms are a few fields; anything bigger is a mistake or an attack.
const FORM_LIMIT = 64 * 1024;

export const dashboardRouter = new Hono<AppEnv>();

const formLimit = bodyLimit({
  maxSize: FORM_LIMIT,
  onError: (c) => c.html(plainPage("Too large", `Forms here are limited to ${FORM_LIMIT} bytes.`), 413),
});
// The pages run no scripts, so the policy allows none: an injected tag could neither run nor send a form
// elsewhere, and no other site may frame a page to trick a click on "assign" or "delete".
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const pageHeaders = createMiddleware(async (c, next) => {
  await next();
  c.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  c.header("X-Content-Type-Options", "nosniff");
  // Someone's memberships and spending must not stay in a shared computer's cache after signing out.
  c.header("Cache-Control", "no-store");
});

for (const path of ["/login", "/login/*", "/logout", "/app", "/app/*"]) {
  dashboardRouter.use(path, pageHeaders);
  dashboardRouter.use(path, formLimit);
}
dashboardRouter.use("/app", requireSession);
dashboardRouter.use("/app/*", requireSession);

dashboardRouter.route("/", loginRouter);
dashboardRouter.route("/", logoutRouter);
dashboardRouter.route("/app", homePages);
dashboardRouter.route("/app/memberships", membershipsPages);
dashboardRouter.route("/app/inbox", inboxPages);
dashboardRouter.route("/app/alerts", alertsPages);
dashboardRouter.route("/app/settings", settingsPages);

dashboardRouter.onError((error, c) => {
  if (error instanceof ApiError) return c.html(plainPage(`Error ${error.status}`, error.message), error.status);
  console.error("dashboard error", error);
  return c.html(plainPage("Something went wrong", "Nothing was changed. Try again in a moment."), 500);
});
