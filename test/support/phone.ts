// Setting and confirming a phone the way a user does, through the real routes: PATCH /me texts a code, the code is
// read from what the fake Twilio server took, and POST /me/phone/confirm confirms it. SMS alerts need this.
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { call } from "./helpers";

type Json = Record<string, unknown>;

const fake = () => (env as unknown as { FAKE_PROVIDERS_URL: string }).FAKE_PROVIDERS_URL;

/** The SMS the fake Twilio took for `phone`, oldest first (the default scope, where the Worker's TWILIO_BASE_URL points). */
export async function textsTo(phone: string): Promise<{ to: string; body: string }[]> {
  const response = await fetch(`${fake()}/_sent?channel=sms&to=${encodeURIComponent(phone)}`);
  return ((await response.json()) as { items: { to: string; body: string }[] }).items;
}

/** The code in the latest text to `phone`. */
export async function textedCode(phone: string): Promise<string> {
  const texts = await textsTo(phone);
  const code = /\b(\d{6})\b/.exec(texts.at(-1)?.body ?? "")?.[1];
  if (!code) throw new Error(`no code texted to ${phone}: ${JSON.stringify(texts)}`);
  return code;
}

/**
 * Sets `phone` on the account (with any other profile fields in `extra`, e.g. channels) and confirms it with the
 * texted code. Then forgets the code's text at the fake, so a test counts only the alerts texted to the number.
 */
export async function confirmPhone(token: string, phone: string, extra: Json = {}): Promise<Json> {
  const patched = await call("PATCH", "/api/v1/me", { token, body: { phone, ...extra } });
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  if (patched.body.phone_verified) return patched.body;
  // The number was already set (at creation, say): no code went out with the change, so ask for one.
  if (!patched.body.phone_code_expires_at) {
    const sent = await call("POST", "/api/v1/me/phone/code", { token });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  }
  const confirmed = await call("POST", "/api/v1/me/phone/confirm", { token, body: { code: await textedCode(phone) } });
  expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
  expect(confirmed.body.phone_verified).toBe(true);
  const forgotten = await fetch(`${fake()}/_forget?to=${encodeURIComponent(phone)}`, { method: "POST" });
  expect(forgotten.ok).toBe(true);
  return confirmed.body;
}
