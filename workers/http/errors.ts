// One error envelope for the whole API: { error: { code, message, details? } }.
// Routes throw ApiError (or let validation fail); app.onError turns everything into the envelope.
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiError(404, "not_found", `${what} not found`);

export function errorResponse(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message: string,
  details?: unknown,
) {
  // RFC 6750: a 401 tells the client which scheme to use.
  if (status === 401) c.header("WWW-Authenticate", "Bearer");
  return c.json({ error: details === undefined ? { code, message } : { code, message, details } }, status);
}

const TARGET_NAMES: Record<string, string> = {
  json: "body",
  form: "form",
  query: "query",
  param: "path",
  header: "header",
};

/** A zod failure as a 400 that names every bad field, first one in the message. */
export function validationError(error: ZodError, target: string): ApiError {
  const details = error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join(".") : null,
    message: issue.code === "unrecognized_keys" ? `unknown field(s): ${issue.keys.join(", ")}` : issue.message,
  }));
  const first = details[0];
  const where = TARGET_NAMES[target] ?? target;
  const message = first?.field
    ? `${where}.${first.field}: ${first.message}`
    : `${where}: ${first?.message ?? "invalid"}`;
  return new ApiError(400, "invalid_request", message, details);
}

const HTTP_CODES: Partial<Record<number, string>> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  413: "payload_too_large",
  415: "unsupported_media_type",
  429: "rate_limited",
};

export function handleError(err: Error, c: Context): Response {
  if (err instanceof ApiError) return errorResponse(c, err.status, err.code, err.message, err.details);
  if (err instanceof HTTPException && err.status < 500) {
    const status = err.status as ContentfulStatusCode;
    const code = /malformed json/i.test(err.message) ? "malformed_json" : (HTTP_CODES[status] ?? "bad_request");
    return errorResponse(c, status, code, err.message || code.replace(/_/g, " "));
  }
  // Never echo internals; the log has the detail (no secrets are in request-scoped errors).
  console.error("unhandled error", c.req.method, new URL(c.req.url).pathname, err);
  return errorResponse(
    c,
    500,
    "internal_error",
    "Something went wrong on our side; nothing was changed by this request.",
  );
}
