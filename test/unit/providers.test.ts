// The Resend and Twilio clients against the local fake providers (test/fakes), driven from inside workerd.
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import type { OutgoingEmail } from "../../workers/deliver/providers";
import { resendProvider } from "../../workers/deliver/resend";
import { smsLength, smsSegments, twilioProvider } from "../../workers/deliver/twilio";
import { type RecordedRequest, type SentMessage, TEST_CREDENTIALS } from "../fakes/providers";

declare global {
  namespace Cloudflare {
    interface Env {
      /** The fake Resend/Twilio server started by test/fakes/global-setup.ts. */
      FAKE_PROVIDERS_URL: string;
    }
  }
}

// This file's own corner of the fake, so other test files using it in parallel do not interfere.
const scope = `providers-${crypto.randomUUID()}`;
const fake = env.FAKE_PROVIDERS_URL;
const baseUrl = `${fake}/${scope}`;

async function control<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${fake}${path}${path.includes("?") ? "&" : "?"}scope=${scope}`, {
    method,
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`fake ${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const sent = async (query = "") => (await control<{ items: SentMessage[] }>("GET", `/_sent${query}`)).items;
const requests = async () => (await control<{ items: RecordedRequest[] }>("GET", "/_requests")).items;
const fail = (channel: "email" | "sms", mode: "500" | "429" | "400" | "timeout" | "drop", extra: object = {}) =>
  control("POST", "/_fail", { channel, mode, ...extra });

beforeEach(async () => {
  await control("POST", "/_reset");
});

const resend = (timeoutMs = 2000) => resendProvider({ apiKey: TEST_CREDENTIALS.resendApiKey, baseUrl, timeoutMs });
const twilio = (timeoutMs = 2000) =>
  twilioProvider({
    accountSid: TEST_CREDENTIALS.twilioAccountSid,
    authToken: TEST_CREDENTIALS.twilioAuthToken,
    from: TEST_CREDENTIALS.twilioFrom,
    baseUrl,
    timeoutMs,
  });

function email(overrides: Partial<OutgoingEmail> = {}): OutgoingEmail {
  return {
    to: "user@example.com",
    from: "renewal-watchdog <alerts@watchdog.test>",
    subject: "爱奇艺黄金VIP 将于 12月1日 自动续费 ¥25.00",
    text: "取消步骤：我的 → 会员中心 → 自动续费",
    html: "<p>取消步骤：我的 → 会员中心 → 自动续费</p>",
    idempotencyKey: `delivery-${crypto.randomUUID()}`,
    ...overrides,
  };
}

describe("resendProvider", () => {
  it("sends one e-mail with Bearer auth, the Idempotency-Key and both bodies, and returns Resend's id", async () => {
    const message = email();
    const result = await resend().send(message);
    expect(result.outcome).toBe("sent");

    const items = await sent();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      channel: "email",
      to: message.to,
      from: message.from,
      subject: message.subject,
      body: message.text,
      html: message.html,
      idempotencyKey: message.idempotencyKey,
    });
    expect(result).toEqual({ outcome: "sent", providerId: items[0]?.id });

    const [request] = await requests();
    expect(request?.path).toBe(`/${scope}/emails`);
    expect(request?.headers.authorization).toBe(`Bearer ${TEST_CREDENTIALS.resendApiKey}`);
    expect(request?.headers["idempotency-key"]).toBe(message.idempotencyKey);
    expect(JSON.parse(request?.body ?? "{}")).toMatchObject({ to: [message.to], subject: message.subject });
  });

  it("a replay of the same key answers with the original id and sends nothing more", async () => {
    const message = email();
    const first = await resend().send(message);
    const again = await resend().send(message);
    expect(again).toEqual(first);
    expect(await sent()).toHaveLength(1);
  });

  it.each(["500", "429"] as const)("a %s is retry, and the retry with the same key sends it once", async (mode) => {
    await fail("email", mode);
    const message = email();
    const first = await resend().send(message);
    expect(first.outcome).toBe("retry");
    if (first.outcome === "retry") expect(first.error).toContain(mode);
    expect(await sent()).toHaveLength(0);

    expect((await resend().send(message)).outcome).toBe("sent");
    expect(await sent()).toHaveLength(1);
  });

  it("a timeout is retry; the request did get through, so the retry is deduplicated by its key", async () => {
    await fail("email", "timeout", { holdMs: 1500 });
    const message = email();
    const first = await resend(200).send(message);
    expect(first.outcome).toBe("retry");
    if (first.outcome === "retry") expect(first.error).toMatch(/timed out/);

    const second = await resend().send(message);
    const items = await sent();
    expect(items).toHaveLength(1);
    expect(second).toEqual({ outcome: "sent", providerId: items[0]?.id });
    expect((await requests()).map((r) => r.headers["idempotency-key"])).toEqual([
      message.idempotencyKey,
      message.idempotencyKey,
    ]);
  });

  it("a connection cut before the answer is retry, and the retry is deduplicated too", async () => {
    await fail("email", "drop");
    const message = email();
    expect((await resend().send(message)).outcome).toBe("retry");
    expect((await resend().send(message)).outcome).toBe("sent");
    expect(await sent()).toHaveLength(1);
  });

  it("a 400 or 422 is reject, with Resend's error name", async () => {
    await fail("email", "400");
    const bad = await resend().send(email());
    expect(bad).toMatchObject({ outcome: "reject" });
    if (bad.outcome === "reject") expect(bad.error).toContain("validation_error");

    const invalid = await resend().send(email({ to: "not-an-address" }));
    expect(invalid).toMatchObject({ outcome: "reject" });
    if (invalid.outcome === "reject") expect(invalid.error).toContain("422");
    expect(await sent()).toHaveLength(0);
  });

  it("a wrong API key is reject", async () => {
    const provider = resendProvider({ apiKey: "re_wrong", baseUrl });
    const result = await provider.send(email());
    expect(result).toMatchObject({ outcome: "reject" });
    if (result.outcome === "reject") expect(result.error).toContain("invalid_api_key");
  });

  it("the same key with a different payload is reject (409 invalid_idempotent_request), not a second e-mail", async () => {
    const message = email();
    await resend().send(message);
    const changed = await resend().send({ ...message, subject: `${message.subject}!` });
    expect(changed).toMatchObject({ outcome: "reject" });
    if (changed.outcome === "reject") expect(changed.error).toContain("invalid_idempotent_request");
    expect(await sent()).toHaveLength(1);
  });
});

describe("twilioProvider", () => {
  it("posts To/From/Body as a form with Basic sid:token auth and returns the message sid", async () => {
    const result = await twilio().send({ to: "+8613800138000", body: "爱奇艺黄金VIP 12月1日续费¥25，回复1=已取消" });
    const items = await sent();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      channel: "sms",
      to: "+8613800138000",
      from: TEST_CREDENTIALS.twilioFrom,
      body: "爱奇艺黄金VIP 12月1日续费¥25，回复1=已取消",
    });
    expect(result).toEqual({ outcome: "sent", providerId: items[0]?.id });
    expect(items[0]?.id).toMatch(/^SM[0-9a-f]{32}$/);

    const [request] = await requests();
    expect(request?.path).toBe(`/${scope}/2010-04-01/Accounts/${TEST_CREDENTIALS.twilioAccountSid}/Messages.json`);
    expect(request?.headers.authorization).toBe(
      `Basic ${btoa(`${TEST_CREDENTIALS.twilioAccountSid}:${TEST_CREDENTIALS.twilioAuthToken}`)}`,
    );
    expect(request?.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
    const form = new URLSearchParams(request?.body);
    expect(Object.fromEntries(form)).toEqual({
      To: "+8613800138000",
      From: TEST_CREDENTIALS.twilioFrom,
      Body: "爱奇艺黄金VIP 12月1日续费¥25，回复1=已取消",
    });
  });

  it.each(["500", "429"] as const)("a %s is retry: Twilio answered, so no message was created", async (mode) => {
    await fail("sms", mode);
    const first = await twilio().send({ to: "+15551230001", body: "hello" });
    expect(first.outcome).toBe("retry");
    expect(await sent()).toHaveLength(0);
    expect((await twilio().send({ to: "+15551230001", body: "hello" })).outcome).toBe("sent");
    expect(await sent()).toHaveLength(1);
  });

  it("a 400 is reject with Twilio's code and message", async () => {
    const result = await twilio().send({ to: "12345", body: "hello" });
    expect(result).toMatchObject({ outcome: "reject" });
    if (result.outcome === "reject") {
      expect(result.error).toContain("21211");
      expect(result.error).toContain("is not a valid phone number");
    }
    await fail("sms", "400");
    expect((await twilio().send({ to: "+15551230002", body: "hello" })).outcome).toBe("reject");
    expect(await sent()).toHaveLength(0);
  });

  it("wrong credentials are reject (20003)", async () => {
    const provider = twilioProvider({
      accountSid: TEST_CREDENTIALS.twilioAccountSid,
      authToken: "wrong",
      from: TEST_CREDENTIALS.twilioFrom,
      baseUrl,
    });
    const result = await provider.send({ to: "+15551230003", body: "hello" });
    expect(result).toMatchObject({ outcome: "reject" });
    if (result.outcome === "reject") expect(result.error).toContain("20003");
  });

  it("a timeout is unknown, because the message may have gone out (and here it did)", async () => {
    await fail("sms", "timeout", { holdMs: 1500 });
    const result = await twilio(200).send({ to: "+15551230004", body: "hello" });
    expect(result.outcome).toBe("unknown");
    if (result.outcome === "unknown") expect(result.error).toMatch(/timed out/);
    // Twilio has no idempotency key: the "failed" request was one SMS already.
    expect(await sent("?to=%2B15551230004")).toHaveLength(1);
  });

  it("a connection lost before the answer is unknown", async () => {
    await fail("sms", "drop");
    const result = await twilio().send({ to: "+15551230005", body: "hello" });
    expect(result.outcome).toBe("unknown");
    expect(await sent()).toHaveLength(1);
  });

  it("uses the fetch it is given", async () => {
    const seen: Request[] = [];
    const provider = twilioProvider({
      accountSid: "AC1",
      authToken: "t",
      from: "+15550000000",
      baseUrl: "https://api.twilio.test/",
      fetch: async (input, init) => {
        seen.push(new Request(input, init));
        return Response.json({ sid: "SMfake" }, { status: 201 });
      },
    });
    expect(await provider.send({ to: "+15551230006", body: "hi" })).toEqual({ outcome: "sent", providerId: "SMfake" });
    expect(seen[0]?.url).toBe("https://api.twilio.test/2010-04-01/Accounts/AC1/Messages.json");
  });
});

describe("smsSegments", () => {
  const a = (n: number) => "a".repeat(n);
  const zh = (n: number) => "续".repeat(n);

  it("GSM-7: 160 in one message, 153 per part after that", () => {
    expect(smsSegments("")).toBe(0);
    expect(smsSegments(a(1))).toBe(1);
    expect(smsSegments(a(160))).toBe(1);
    expect(smsSegments(a(161))).toBe(2);
    expect(smsSegments(a(306))).toBe(2);
    expect(smsSegments(a(307))).toBe(3);
    expect(smsLength("Renewal in 3 days: @£$¥ èéùìò ÄÖÑÜ§¿")).toMatchObject({ encoding: "GSM-7" });
  });

  it("extension characters count twice and are never split across parts", () => {
    expect(smsLength("€{}[]~^|\\")).toMatchObject({ encoding: "GSM-7", units: 18 });
    expect(smsSegments("€".repeat(80))).toBe(1);
    expect(smsSegments("€".repeat(81))).toBe(2);
    // 152 + € (2) + 152 = 306 septets; naive 306/153 says 2, but the € cannot straddle the split.
    expect(smsSegments(`${a(152)}€${a(152)}`)).toBe(3);
  });

  it("UCS-2 as soon as one character is outside GSM: 70 in one message, 67 per part", () => {
    expect(smsSegments(zh(70))).toBe(1);
    expect(smsSegments(zh(71))).toBe(2);
    expect(smsSegments(zh(134))).toBe(2);
    expect(smsSegments(zh(135))).toBe(3);
    expect(smsLength(`${a(100)}续`)).toEqual({ encoding: "UCS-2", units: 101, segments: 2 });
    // ç is not in the GSM alphabet (only Ç is).
    expect(smsLength("ç")).toMatchObject({ encoding: "UCS-2" });
  });

  it("emoji take two UTF-16 units and are not split", () => {
    expect(smsSegments("😀".repeat(35))).toBe(1);
    expect(smsSegments("😀".repeat(36))).toBe(2);
    // 66 units + an emoji (2) = 68 > 67: the emoji starts part two.
    expect(smsLength(`${zh(66)}😀${zh(5)}`)).toEqual({ encoding: "UCS-2", units: 73, segments: 2 });
    expect(smsSegments(`${zh(66)}😀${zh(66)}`)).toBe(3);
  });
});
