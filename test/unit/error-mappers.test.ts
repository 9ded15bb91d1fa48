// The three mappers of a service's refusal, for every kind: HTTP status and envelope (the API and the pages) and
// the SMS reply's text. worker/error-mapping.test.ts drives the kinds services really raise through the Worker.
import { describe, expect, it } from "vitest";
import { domainApiError, domainStatus } from "../../workers/http/errors";
import { REPLY_TEXTS, replyForError } from "../../workers/inbound/sms-reply";
import { DomainError, type DomainErrorKind } from "../../workers/services/errors";

describe("the three mappers cover every kind", () => {
  const KINDS: [DomainErrorKind, number][] = [
    ["not_found", 404],
    ["conflict", 409],
    ["validation", 400],
    ["forbidden", 403],
    ["rate_limited", 429],
    ["unavailable", 503],
  ];

  it.each(KINDS)("%s is HTTP %i on the API and the pages, keeping its code and message", (kind, status) => {
    const error = new DomainError(kind, `some_${kind}`, "what happened", { details: { left: 2 } });
    expect(domainStatus(error)).toBe(status);
    expect(domainApiError(error)).toMatchObject({ status, code: `some_${kind}`, message: "what happened" });
    expect(domainApiError(error).details).toEqual({ left: 2 });
  });

  it.each(KINDS)("%s answers an SMS reply in the sender's language, never empty", (kind) => {
    const error = new DomainError(kind, "x", "internal words the sender should not see");
    for (const locale of ["zh-CN", "en"] as const) {
      const text = replyForError(error, locale);
      expect(text).not.toContain("internal words");
      expect(text).toBe(
        kind === "not_found"
          ? `${REPLY_TEXTS[locale].noAlert} ${REPLY_TEXTS[locale].help}`
          : REPLY_TEXTS[locale].notNow,
      );
    }
  });

  it("a rate limit without details still tells the API client when to retry", () => {
    const error = new DomainError("rate_limited", "too_many", "slow down", { retryAfter: 30 });
    expect(domainApiError(error).details).toEqual({ retry_after: 30 });
  });
});
