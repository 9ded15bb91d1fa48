// Twilio's side of an SMS reply, for tests: the form it posts to /hooks/twilio/sms, signed with its algorithm
// (written out independently of the Worker's), sent through the real fetch handler, and the TwiML answer read back.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import type { Env } from "../../workers/env";
import worker from "../../workers/index";

export const PUBLIC_URL = "https://watchdog.test";
const authToken = () => {
  const token = env.TWILIO_AUTH_TOKEN;
  if (!token) throw new Error("TWILIO_AUTH_TOKEN binding missing from vitest.config.ts");
  return token;
};

/** Twilio's algorithm, written out independently of the Worker's: HMAC-SHA1 over URL + sorted key+value. */
export async function sign(url: string, params: Record<string, string>, secret = authToken()): Promise<string> {
  const data =
    url +
    Object.keys(params)
      .sort()
      .map((key) => key + params[key])
      .join("");
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-1" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(data)));
  return btoa(String.fromCharCode(...mac));
}

export function smsParams(from: string, body: string): Record<string, string> {
  return {
    From: from,
    To: "+15005550006",
    Body: body,
    MessageSid: `SM${crypto.randomUUID().replace(/-/g, "")}`,
    AccountSid: "AC0123456789abcdef0123456789abcdef",
    NumMedia: "0",
    SmsStatus: "received",
  };
}

/** A form post the way Twilio sends it; `signature` null sends none. Returns the TwiML text too. */
export async function post(
  params: Record<string, string>,
  options: { signature?: string | null; query?: string; host?: string; target?: Env } = {},
) {
  const query = options.query ?? "";
  const signature =
    options.signature === undefined ? await sign(`${PUBLIC_URL}/hooks/twilio/sms${query}`, params) : options.signature;
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (signature !== null) headers["x-twilio-signature"] = signature;
  const host = options.host ?? PUBLIC_URL;
  const request = new Request(`${host}/hooks/twilio/sms${query}`, {
    method: "POST",
    headers,
    body: new URLSearchParams(params).toString(),
  });
  // `target`: the Worker with other bindings (a recording D1, say); otherwise the one the tests run.
  const ctx = createExecutionContext();
  const response = options.target
    ? await worker.fetch(request, options.target, ctx)
    : await exports.default.fetch(request);
  await waitOnExecutionContext(ctx);
  return { status: response.status, type: response.headers.get("content-type") ?? "", text: await response.text() };
}

/** The text of the TwiML <Message>, unescaped. */
export function message(twiml: string): string {
  const match = /<Response><Message>([\s\S]*)<\/Message><\/Response>/.exec(twiml);
  if (!match?.[1]) throw new Error(`not TwiML: ${twiml}`);
  return match[1]
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}
