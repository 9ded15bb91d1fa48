// The Hono app: shared middleware, the error envelope, and the resource routers mounted in one place.
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { Health } from "../../schema/health";
import { contextFrom } from "../services/context";
import { clockNow } from "../time/clock";
import { alertsRouter } from "./alerts";
import { calendarApiRouter, calendarFeedRouter } from "./calendar";
import { newRouter } from "./context";
import { renderDocs } from "./docs";
import { errorResponse, handleError } from "./errors";
import { eventsRouter } from "./events";
import { hooksRouter } from "./hooks";
import { membershipsRouter } from "./memberships";
import { wantsHtml } from "./negotiate";
import { jsonContent } from "./openapi";
import { dashboardRouter } from "./pages";
import { errorPage } from "./pages/error-page";
import { RATE_LIMITS } from "./rate-limit";
import { currentSession } from "./session";
import { timelinePageRouter, timelineRouter } from "./timeline";
import { twilioRepliesRouter } from "./twilio-replies";
import { usersRouter } from "./users";
import { webhookSigningRouter } from "./webhook-signing";

// API and webhook bodies are small documents; anything bigger is a mistake or an attack.
const API_BODY_LIMIT = 64 * 1024;
// The dry run takes whole raw e-mails, HTML receipts included.
const PARSE_BODY_LIMIT = 2 * 1024 * 1024;

const tooLarge = (limit: number) =>
  bodyLimit({
    maxSize: limit,
    onError: (c) => errorResponse(c, 413, "payload_too_large", `Request bodies here are limited to ${limit} bytes.`),
  });

export const OPENAPI_INFO = {
  title: "renewal-watchdog API",
  version: "1.0.0",
  description:
    "Watches auto-renewing memberships: register what you pay for, record cancellations, and let the watchdog " +
    "warn you before renewals and when a charge arrives for something you already cancelled. " +
    "Authenticate with 'Authorization: Bearer <api_token>'. Errors are { error: { code, message, details? } }. " +
    `Each API token may make ${RATE_LIMITS.API_RATE_LIMIT.limit} requests per ${RATE_LIMITS.API_RATE_LIMIT.period} ` +
    "seconds and each webhook URL take " +
    `${RATE_LIMITS.HOOK_RATE_LIMIT.limit} posts per ${RATE_LIMITS.HOOK_RATE_LIMIT.period} seconds; beyond that ` +
    "the answer is 429 (code rate_limited) with Retry-After in seconds, and nothing is stored.",
};

type OpenApiDocument = ReturnType<ReturnType<typeof newRouter>["getOpenAPI31Document"]>;

/** Every route behind an API token can answer 429 (http/auth.ts): said once here, not in every route. */
function withRateLimitAnswers(doc: OpenApiDocument): OpenApiDocument {
  const { limit, period } = RATE_LIMITS.API_RATE_LIMIT;
  for (const item of Object.values(doc.paths ?? {})) {
    for (const operation of Object.values(item)) {
      if (typeof operation !== "object" || operation === null || !("responses" in operation)) continue;
      if (!operation.security?.some((scheme: Record<string, unknown>) => "Bearer" in scheme)) continue;
      operation.responses["429"] ??= {
        description: `Over ${limit} requests in ${period} seconds with this token (rate_limited); see Retry-After (seconds).`,
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      };
    }
  }
  return doc;
}

const noRoute = (c: Context) =>
  errorResponse(c, 404, "not_found", `No route for ${c.req.method} ${new URL(c.req.url).pathname}.`);

/** Paths a browser opens as pages: the dashboard always; elsewhere a browser, but never an API or webhook path. */
function servesPage(c: Context): boolean {
  const path = new URL(c.req.url).pathname;
  if (path === "/app" || path.startsWith("/app/")) return true;
  if (path.startsWith("/api/") || path.startsWith("/hooks/")) return false;
  return wantsHtml(undefined, c.req.header("accept"));
}

export function buildApp() {
  const app = newRouter();

  app.use("*", async (c, next) => {
    // A request's "now" is its arrival time; domain code takes it as an argument.
    const now = clockNow();
    // Built once: every service this request calls gets the same database, providers, links and instant.
    const ctx = contextFrom(c.env, now, (work) => c.executionCtx.waitUntil(work));
    c.set("ctx", ctx);
    c.set("now", now);
    c.set("db", ctx.db);
    await next();
  });
  const apiLimit = tooLarge(API_BODY_LIMIT);
  const parseLimit = tooLarge(PARSE_BODY_LIMIT);
  app.use("/api/*", (c, next) => (c.req.path === "/api/v1/parse" ? parseLimit(c, next) : apiLimit(c, next)));
  app.use("/hooks/*", apiLimit);

  app.openapi(
    createRoute({
      method: "get",
      path: "/health",
      tags: ["meta"],
      summary: "200 when the Worker and D1 are up.",
      responses: {
        200: jsonContent(Health, "Up."),
        503: jsonContent(Health, "The database does not answer."),
      },
    }),
    async (c) => {
      try {
        await c.env.DB.prepare("select 1").first();
        return c.json({ ok: true, database: "up" as const }, 200);
      } catch (error) {
        console.error("health: D1 unavailable", error);
        return c.json({ ok: false, database: "down" as const }, 503);
      }
    },
  );

  // A browser opening the bare address lands in the dashboard (or its sign-in); API clients keep the 404 JSON.
  app.get("/", async (c) => {
    if (!wantsHtml(undefined, c.req.header("accept"))) return noRoute(c);
    return c.redirect((await currentSession(c)) ? "/app" : "/login", 303);
  });

  app.route("/api/v1", usersRouter);
  app.route("/api/v1", membershipsRouter);
  app.route("/api/v1", eventsRouter);
  app.route("/api/v1", alertsRouter);
  app.route("/api/v1", timelineRouter);
  app.route("/api/v1", calendarApiRouter);
  app.route("/api/v1", webhookSigningRouter);
  app.route("/", timelinePageRouter);
  app.route("/", dashboardRouter);
  app.route("/", calendarFeedRouter);
  // Before the generic hook: /hooks/twilio/sms is Twilio's signed reply webhook, not a webhook token.
  app.route("/", twilioRepliesRouter);
  app.route("/", hooksRouter);

  app.openAPIRegistry.registerComponent("securitySchemes", "Bearer", {
    type: "http",
    scheme: "bearer",
    description: "The api_token returned when your user was created.",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "AdminToken", {
    type: "http",
    scheme: "bearer",
    description: "The operator's ADMIN_TOKEN secret.",
  });
  const document = () => withRateLimitAnswers(app.getOpenAPI31Document({ openapi: "3.1.0", info: OPENAPI_INFO }));
  app.get("/openapi.json", (c) => c.json(document()));
  app.get("/docs", (c) => c.html(renderDocs(document())));
  // The pages carry an inline empty icon; this answers browsers that ask anyway (a raw timeline link, the
  // JSON API opened in a tab) with "no icon" instead of a 404 in their console.
  app.get("/favicon.ico", (c) => {
    c.header("Cache-Control", "public, max-age=86400");
    return c.body(null, 204);
  });

  // Under /app the session middleware has run, so the page is the signed-in user's, in their language.
  app.notFound((c) => (servesPage(c) ? errorPage(c, 404, "notFound") : noRoute(c)));
  app.onError(handleError);
  return app;
}

export type App = ReturnType<typeof buildApp>;
