// The dashboard: sign-in and the signed-in pages under /app, with HTML error pages instead of JSON.
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { DomainError } from "../../services/errors";
import type { AppEnv } from "../context";
import { ApiError, domainStatus, setRetryAfter } from "../errors";
import { PageRefusal } from "../page-refusal";
import { requireSession } from "../session";
import { alertsPages } from "./alerts";
import { errorPage } from "./error-page";
import { homePages } from "./home";
import { inboxPages } from "./inbox";
import { languagePages } from "./language";
import { securePage } from "./layout";
import { loginRouter, logoutRouter } from "./login";
import { membershipsPages } from "./memberships";
import { settingsPages } from "./settings";

// Forms are a few fields; anything bigger is a mistake or an attack.
const FORM_LIMIT = 64 * 1024;

export const dashboardRouter = new Hono<AppEnv>();

const formLimit = bodyLimit({
  maxSize: FORM_LIMIT,
  onError: (c) => errorPage(c, 413, "tooLarge"),
});
const pageHeaders = createMiddleware(async (c, next) => {
  await next();
  securePage(c);
});

// A body the runtime cannot read as a form (multipart without its closing boundary, or without a boundary at
// all) is the sender's mistake, not ours: refused here, once for every form, before anything reads it. The
// parsed form is cached by Hono, so the CSRF check and the handlers read it again for free.
const readableForm = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method !== "GET" && c.req.method !== "HEAD") {
    try {
      await c.req.parseBody();
    } catch {
      return errorPage(c, 400, "unreadableForm");
    }
  }
  await next();
});

for (const path of ["/login", "/login/*", "/logout", "/app", "/app/*"]) {
  dashboardRouter.use(path, pageHeaders);
  dashboardRouter.use(path, formLimit);
  dashboardRouter.use(path, readableForm);
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
dashboardRouter.route("/app/language", languagePages);

dashboardRouter.onError((error, c) => {
  if (error instanceof PageRefusal) return errorPage(c, error.status, error.kind);
  if (error instanceof DomainError && error.kind === "not_found") return errorPage(c, 404, "notFound");
  if (error instanceof DomainError) {
    setRetryAfter(c, error);
    return errorPage(c, domainStatus(error), "refused", undefined, error.message);
  }
  if (error instanceof ApiError && error.status === 404) return errorPage(c, 404, "notFound");
  if (error instanceof ApiError) return errorPage(c, error.status, "refused", undefined, error.message);
  console.error("dashboard error", error);
  return errorPage(c, 500, "failed");
});
