// E-mail through the `resend` SDK (pointed at RESEND_BASE_URL), every send carrying the delivery's Idempotency-Key.
import { Resend } from "resend";
import type { EmailProvider, OutgoingEmail, SendResult } from "./providers";

export interface ResendOptions {
  apiKey: string;
  /** `https://api.resend.com`, or a local fake in tests. */
  baseUrl: string;
  /** Give up waiting after this long (then retry: the idempotency key makes a resend harmless). */
  timeoutMs?: number;
  // No `fetch` option: the SDK always calls the global `fetch`; tests point `baseUrl` at a fake server instead.
}

interface ResendError {
  statusCode?: number | null;
  name?: string;
  message?: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Resend replays a request whose key it has seen with the same payload: the answer is the original 200 and
 * the original id, and no second e-mail goes out. A 409 means either the first request is still in flight
 * (`concurrent_idempotent_requests`: try again later) or the key was used with a different payload
 * (`invalid_idempotent_request`: retrying the same thing will never work).
 */
export function resendProvider(options: ResendOptions): EmailProvider {
  const client = new Resend(options.apiKey, { baseUrl: options.baseUrl.replace(/\/+$/, "") });
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    async send(email: OutgoingEmail): Promise<SendResult> {
      const signal = AbortSignal.timeout(timeoutMs);
      let response: Awaited<ReturnType<typeof client.emails.send>>;
      try {
        response = await client.emails.send(
          { from: email.from, to: [email.to], subject: email.subject, html: email.html, text: email.text },
          { idempotencyKey: email.idempotencyKey, signal },
        );
      } catch (error) {
        // The SDK turns network errors into results; anything thrown is still "nothing was confirmed".
        return { outcome: "retry", error: `resend: ${describe(error, signal)}` };
      }
      if (response.data?.id) return { outcome: "sent", providerId: response.data.id };
      return classify((response.error ?? {}) as ResendError, signal);
    },
  };
}

function classify(error: ResendError, signal: AbortSignal): SendResult {
  const status = typeof error.statusCode === "number" ? error.statusCode : null;
  const name = error.name ?? "unknown_error";
  const text = `resend ${status ?? "-"} ${name}: ${error.message ?? ""}`.trim();
  // No status: the request never got an answer (timeout, connection refused, DNS). Safe to repeat.
  if (status === null) {
    return { outcome: "retry", error: signal.aborted ? `resend: timed out (${name})` : text };
  }
  if (status === 429 || status >= 500) return { outcome: "retry", error: text };
  if (status === 409 && name === "concurrent_idempotent_requests") return { outcome: "retry", error: text };
  return { outcome: "reject", error: text };
}

function describe(error: unknown, signal: AbortSignal): string {
  if (signal.aborted) return "timed out";
  return error instanceof Error ? error.message : String(error);
}
