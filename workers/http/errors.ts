// One error envelope for the whole API: { error: { code, message, details? } }.
// Services throw DomainError, routes throw ApiError for what only HTTP knows (a missing token, a body too
// large), validation fails with ZodError; app.onError turns each into the envelope, here and nowhere else.
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";
import { DomainError, type DomainErrorKind } from "../services/errors";

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

const DOMAIN_STATUSES: Record<DomainErrorKind, ContentfulStatusCode> = {
  not_found: 404,
  conflict: 409,
  validation: 400,
  forbidden: 403,
  rate_limited: 429,
  unavailable: 503,
};

/** The HTTP status a service's refusal answers with, on the API and on the dashboard's pages alike. */
export const domainStatus = (error: DomainError): ContentfulStatusCode => DOMAIN_STATUSES[error.kind];

/** A rate-limited refusal tells when to come back (Retry-After, seconds); any other sets nothing. */
export function setRetryAfter(c: Context, error: DomainError): void {
  if (error.extra.retryAfter) c.header("Retry-After", String(error.extra.retryAfter));
}

/**
 * A service's refusal as the API's error: its status by kind; a field at fault named as the body's
 * (`body.cancelled_at: is in the future`, details listing it); a rate limit with Retry-After.
 */
export function domainApiError(error: DomainError): ApiError {
  const { field, details, retryAfter } = error.extra;
  const status = domainStatus(error);
  if (field) {
    return new ApiError(status, error.code, `body.${field}: ${error.message}`, [{ field, message: error.message }]);
  }
  return new ApiError(
    status,
    error.code,
    error.message,
    details ?? (retryAfter ? { retry_after: retryAfter } : undefined),
  );
}

export function handleError(err: Error, c: Context): Response {
  if (err instanceof DomainError) {
    setRetryAfter(c, err);
    const mapped = domainApiError(err);
    return errorResponse(c, mapped.status, mapped.code, mapped.message, mapped.details);
  }
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
