// What can go wrong in an operation, in the domain's words. Services throw these; each door maps them once:
// JSON envelopes for the API (http/errors.ts), form errors or an error page for the dashboard, TwiML for SMS
// replies. No service knows about HTTP statuses.

export type DomainErrorKind = "not_found" | "conflict" | "validation" | "forbidden" | "rate_limited" | "unavailable";

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    /** A stable machine word for the case (`email_taken`, `wrong_code`…), shown to API clients as `code`. */
    readonly code: string,
    message: string,
    readonly extra: {
      /** The input field at fault (a validation error), named as the API names it. */
      field?: string;
      /** Facts a client can act on (`{ attempts_left: 2 }`). */
      details?: Record<string, unknown>;
      /** For rate_limited: when to try again, in seconds. */
      retryAfter?: number;
    } = {},
  ) {
    super(message);
  }
}

/** `what` (a membership, an event…) is not the caller's, or does not exist: the two are never told apart. */
export const notFound = (what: string) => new DomainError("not_found", "not_found", `${what} not found`);

export const conflict = (code: string, message: string) => new DomainError("conflict", code, message);

/** A value the caller gave is wrong: `problem` says how, in words that follow the field's name. */
export const invalidField = (field: string, problem: string) =>
  new DomainError("validation", "invalid_request", problem, { field });

export const forbidden = (code: string, message: string) => new DomainError("forbidden", code, message);

export const rateLimited = (code: string, message: string, retryAfter: number) =>
  new DomainError("rate_limited", code, message, { retryAfter, details: { retry_after: retryAfter } });
