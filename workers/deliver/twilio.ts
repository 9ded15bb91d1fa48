// SMS through Twilio's Messages REST API with fetch (form body, Basic auth, TWILIO_BASE_URL), and SMS segment counting.
import type { OutgoingSms, SendResult, SmsProvider } from "./providers";

export interface TwilioOptions {
  accountSid: string;
  authToken: string;
  /** The sending number (E.164) or alphanumeric sender id. */
  from: string;
  /** `https://api.twilio.com`, or a local fake in tests. */
  baseUrl: string;
  fetch?: typeof fetch;
  /** Give up waiting after this long; the outcome is then `unknown` (Twilio may have sent it). */
  timeoutMs?: number;
}

interface TwilioError {
  code?: number;
  message?: string;
  status?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Twilio has no idempotency key, so only an answer from Twilio decides "surely not sent": 429 and 5xx
 * (an error response means no message was created) are `retry`, other 4xx are `reject`, and a timeout or a
 * lost connection is `unknown` — retrying that could send the SMS twice.
 */
export function twilioProvider(options: TwilioOptions): SmsProvider {
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const sid = encodeURIComponent(options.accountSid);
  const url = `${options.baseUrl.replace(/\/+$/, "")}/2010-04-01/Accounts/${sid}/Messages.json`;
  const authorization = `Basic ${base64Utf8(`${options.accountSid}:${options.authToken}`)}`;
  return {
    async send(sms: OutgoingSms): Promise<SendResult> {
      const signal = AbortSignal.timeout(timeoutMs);
      let response: Response;
      let text: string;
      try {
        response = await doFetch(url, {
          method: "POST",
          headers: {
            authorization,
            "content-type": "application/x-www-form-urlencoded",
            accept: "application/json",
          },
          body: new URLSearchParams({ To: sms.to, From: options.from, Body: sms.body }).toString(),
          signal,
        });
        text = await response.text();
      } catch (error) {
        const reason = signal.aborted ? `timed out after ${timeoutMs} ms` : describe(error);
        return { outcome: "unknown", error: `twilio: ${reason}; the message may have been sent` };
      }
      const body = parseJson(text);
      if (response.status === 200 || response.status === 201) {
        const messageSid = typeof body?.sid === "string" ? body.sid : null;
        if (messageSid) return { outcome: "sent", providerId: messageSid };
        // Accepted, but an answer we cannot read: it went out, we just do not know its sid.
        return { outcome: "sent", providerId: "twilio:unknown-sid" };
      }
      const error = body as TwilioError | null;
      const detail = `twilio ${response.status}${error?.code ? ` ${error.code}` : ""}: ${
        error?.message ?? (text.slice(0, 200) || response.statusText)
      }`;
      if (response.status === 429 || response.status >= 500) return { outcome: "retry", error: detail };
      return { outcome: "reject", error: detail };
    },
  };
}

// GSM 03.38 default alphabet (one septet each) and its extension table (escape + char: two septets).
const GSM7_BASIC = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
);
const GSM7_EXTENDED = new Set("\f^{}\\[~]|€");

export interface SmsLength {
  encoding: "GSM-7" | "UCS-2";
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
}

/**
 * How carriers split a text: GSM-7 when every character is in the GSM alphabet (160 septets in one
 * message, 153 per part once it is split; extension characters such as € take two and are never split
 * across parts), otherwise UCS-2 (70 UTF-16 units, 67 per part; a surrogate pair is never split).
 */
export function smsLength(text: string): SmsLength {
  const chars = Array.from(text);
  const gsm = chars.every((c) => GSM7_BASIC.has(c) || GSM7_EXTENDED.has(c));
  const sizes = gsm ? chars.map((c) => (GSM7_EXTENDED.has(c) ? 2 : 1)) : chars.map((c) => c.length);
  const units = sizes.reduce((sum, n) => sum + n, 0);
  const [single, part] = gsm ? [160, 153] : [70, 67];
  if (units === 0) return { encoding: gsm ? "GSM-7" : "UCS-2", units, segments: 0 };
  if (units <= single) return { encoding: gsm ? "GSM-7" : "UCS-2", units, segments: 1 };
  let segments = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > part) {
      segments += 1;
      used = 0;
    }
    used += size;
  }
  return { encoding: gsm ? "GSM-7" : "UCS-2", units, segments };
}

/** The number of SMS parts `text` is sent as (0 for an empty text). */
export function smsSegments(text: string): number {
  return smsLength(text).segments;
}

function base64Utf8(value: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(value)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
