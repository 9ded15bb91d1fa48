// Property tests for the pure reading code: whatever arrives — arbitrary text, bytes, charsets, transfer
// encodings, MIME nesting, forwards inside forwards, mutated real notices — reading never throws and always
// yields one well-formed event, the same one every time.
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { EVENT_KINDS } from "../../schema/tables";
import { extractEvent } from "../../workers/read";
import { findMoney, parseMoney } from "../../workers/read/amounts";
import { findCalendarDate, findDateTime } from "../../workers/read/dates";
import { readEmail } from "../../workers/read/mime";
import { smsFromFields, smsNotice } from "../../workers/read/sms";
import type { ExtractedEvent, Notice } from "../../workers/read/types";
import { testNow } from "../support/clock";
import { bankSmsLike, forwardedText, mutatedBytes, mutatedText, rawEmail } from "../support/property-arbitraries";

// Tuned and unseen notices alike seed the mutations: no reader may throw on anything near a real notice.
const { files } = env.TEST_FIXTURES;
const manifest = [...env.TEST_FIXTURES.manifest, ...env.TEST_FIXTURES.unseen];
const bytesOf = (file: string) => Uint8Array.from(atob(files[file] ?? ""), (char) => char.charCodeAt(0));

const emailFixtures = manifest.filter((entry) => entry.via === "email").map((entry) => bytesOf(entry.file));
const smsTexts = manifest
  .filter((entry) => entry.via === "sms")
  .map((entry) => new TextDecoder().decode(bytesOf(entry.file)));
const SENDERS = [
  ...new Set(manifest.flatMap((entry) => (entry.sender ? [entry.sender] : []))),
  "service@mail.alipay.com",
  "no_reply@email.apple.com",
  "service@paypal.com",
  "googleplay-noreply@google.com",
  "receipts@stripe.com",
];
const ZONES = [
  "Asia/Shanghai",
  "UTC",
  "America/Los_Angeles",
  "Europe/Paris",
  "Asia/Taipei",
  "Asia/Kathmandu",
  "Pacific/Kiritimati",
  "Pacific/Pago_Pago",
  "America/St_Johns",
];

// Receipt times from 1970 to 2200: the Worker's clock, and what an SMS timestamp field can claim.
const instant = fc.integer({ min: 0, max: Date.UTC(2200, 0, 1) });
const zone = fc.constantFrom(...ZONES);
const RUNS = { numRuns: 200 };
// Generous for a loaded CI machine; the whole file takes a few seconds.
const TIMEOUT = 30_000;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The event contract (SPEC "Events"), checked field by field so a failure names what broke. */
function expectWellFormed(event: ExtractedEvent) {
  expect(EVENT_KINDS).toContain(event.kind);
  if (event.amount_minor !== null) {
    expect(Number.isSafeInteger(event.amount_minor), `amount_minor ${event.amount_minor}`).toBe(true);
    expect(event.amount_minor).toBeGreaterThanOrEqual(0);
  }
  if (event.currency !== null) expect(event.currency).toMatch(/^[A-Z]{3}$/);
  expect(event.amount_minor === null).toBe(event.currency === null);
  expect(event.occurred_at).toMatch(ISO_INSTANT);
  expect(new Date(event.occurred_at).toISOString()).toBe(event.occurred_at);
  if (event.renews_at !== null) expect(event.renews_at).toMatch(CALENDAR_DATE);
  for (const field of ["merchant", "reference", "card_tail", "channel"] as const) {
    expect(event[field] === null || typeof event[field] === "string", field).toBe(true);
  }
}

/** Extracts twice from the same notice: the same event, well formed. */
function expectReadable(notice: Notice) {
  const event = extractEvent(notice);
  expectWellFormed(event);
  expect(extractEvent({ ...notice })).toEqual(event);
}

const notice = (text: fc.Arbitrary<string>, source: Notice["source"] = "sms") =>
  fc.record(
    {
      text,
      subject: fc.option(fc.oneof(fc.string(), bankSmsLike), { nil: undefined }),
      sender: fc.option(fc.oneof(fc.constantFrom(...SENDERS), fc.string({ maxLength: 20 })), { nil: undefined }),
      senderName: fc.option(fc.constantFrom("支付宝", "Apple", "PayPal", "招商银行"), { nil: undefined }),
      sentAt: fc.option(instant, { nil: undefined }),
      receivedAt: instant,
      source: fc.constant(source),
    },
    { requiredKeys: ["text", "receivedAt", "source"] },
  );

describe("extractEvent under arbitrary notices", () => {
  it("reads any string, including any code point, into one well-formed event", () => {
    fc.assert(fc.property(notice(fc.oneof(fc.string(), fc.string({ unit: "binary" }))), expectReadable), RUNS);
  });

  it("reads text built from Chinese bank-SMS vocabulary with random amounts, dates and junk", () => {
    fc.assert(fc.property(notice(bankSmsLike), expectReadable), { numRuns: 300 });
  });

  it("reads real SMS fixtures after random insertions, deletions, digit swaps, splices and truncation", () => {
    fc.assert(fc.property(notice(mutatedText(smsTexts)), expectReadable), { numRuns: 300 });
  });

  describe("real e-mail fixture text, mutated", () => {
    let emailTexts: string[] = [];
    beforeAll(async () => {
      const read = await Promise.all(
        emailFixtures.map((bytes) => readEmail(bytes, { receivedAt: testNow(), timeZone: "Asia/Shanghai" })),
      );
      emailTexts = read.map((email) => email.text).filter((text) => text.length > 0);
    });

    it("reads them as e-mail notices from their own kind of sender", () => {
      expect(emailTexts.length).toBeGreaterThan(10);
      fc.assert(fc.property(notice(mutatedText(emailTexts), "email"), expectReadable), RUNS);
    });
  });
});

describe("SMS-forwarder fields", () => {
  const KEYS = [
    "content",
    "text",
    "msg",
    "message",
    "body",
    "from",
    "sender",
    "timestamp",
    "sentStamp",
    "time",
    "date",
  ];
  const fields = fc.dictionary(
    fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 10 })),
    fc.oneof(
      bankSmsLike,
      mutatedText(smsTexts),
      fc.string({ unit: "binary" }),
      fc.anything(),
      fc.constantFrom(1e308, -1, 0, 9999999999999, 1779066779516, "9999999999999.9999", "1779066779", "NaN"),
      instant.map((ms) => new Date(ms).toISOString()),
    ),
    { maxKeys: 6 },
  );

  it("either finds no SMS text, or finds non-empty text and a finite time, and reads it", () => {
    fc.assert(
      fc.property(fields, instant, (posted, receivedAt) => {
        const sms = smsFromFields(posted);
        if (sms === null) return;
        expect(typeof sms.text).toBe("string");
        expect(sms.text.trim().length).toBeGreaterThan(0);
        if (sms.sentAt !== undefined) expect(Number.isFinite(sms.sentAt)).toBe(true);
        expect(smsFromFields(posted)).toEqual(sms);
        expectReadable(smsNotice(sms, receivedAt));
      }),
      { numRuns: 300 },
    );
  });
});

describe("money and dates parsers", () => {
  const currency = fc.option(fc.constantFrom("CNY", "TWD", "USD", "JPY", "EUR", "KWD", "XXX", "cny", ""), {
    nil: undefined,
  });
  const text = fc.oneof(bankSmsLike, fc.string({ unit: "binary" }), mutatedText(smsTexts));

  it("finds only safe non-negative amounts in known currencies, at the offsets where they are written", () => {
    fc.assert(
      fc.property(text, currency, (written, defaultCurrency) => {
        const found = findMoney(written, { defaultCurrency });
        for (const money of found) {
          expect(Number.isSafeInteger(money.amount_minor) && money.amount_minor >= 0).toBe(true);
          expect(money.currency).toMatch(/^[A-Z]{3}$/);
          expect(written.slice(money.index, money.index + money.raw.length)).toBe(money.raw);
        }
        expect(findMoney(written, { defaultCurrency })).toEqual(found);
        const parsed = parseMoney(written, { defaultCurrency });
        if (parsed) {
          expect(Number.isSafeInteger(parsed.amount_minor) && parsed.amount_minor >= 0).toBe(true);
          expect(parsed.currency).toMatch(/^[A-Z]{3}$/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("reads a date as a valid instant and a calendar date as YYYY-MM-DD, or nothing", () => {
    fc.assert(
      fc.property(text, instant, zone, (written, receivedAt, timeZone) => {
        const context = { receivedAt, timeZone };
        const at = findDateTime(written, context);
        if (at !== null) {
          expect(at).toMatch(ISO_INSTANT);
          expect(new Date(at).toISOString()).toBe(at);
        }
        const day = findCalendarDate(written, context);
        if (day !== null) {
          expect(day).toMatch(CALENDAR_DATE);
          expect(new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10)).toBe(day);
        }
        expect(findDateTime(written, context)).toBe(at);
      }),
      { numRuns: 300 },
    );
  });
});

describe("readEmail under arbitrary raw e-mail", () => {
  const fixtureBodies = smsTexts.map((text) => new TextEncoder().encode(text));
  const context = fc.record({ receivedAt: instant, timeZone: zone });

  async function expectEmailReadable(raw: Uint8Array, ctx: { receivedAt: number; timeZone: string }) {
    const email = await readEmail(raw, ctx);
    expect(typeof email.text).toBe("string");
    if (email.sentAt !== undefined) expect(Number.isFinite(email.sentAt)).toBe(true);
    const event = extractEvent(email);
    expectWellFormed(event);
    const again = await readEmail(raw.slice(), ctx);
    expect(again).toEqual(email);
    expect(extractEvent(again)).toEqual(event);
  }

  it(
    "reads arbitrary bytes",
    async () => {
      await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), context, expectEmailReadable), RUNS);
    },
    TIMEOUT,
  );

  it("reads random MIME trees: charsets, transfer encodings, multiparts in multiparts, attached messages", async () => {
    await fc.assert(fc.asyncProperty(rawEmail(fixtureBodies, emailFixtures), context, expectEmailReadable), {
      numRuns: 250,
    });
  });

  it(
    "reads real e-mail fixtures after bytes are cut, flipped and spliced",
    async () => {
      await fc.assert(fc.asyncProperty(mutatedBytes(emailFixtures), context, expectEmailReadable), RUNS);
    },
    TIMEOUT,
  );

  it(
    "reads forwards quoted inside forwards, up to six deep, around real or random notices",
    async () => {
      const body = forwardedText(fc.oneof(mutatedText(smsTexts), bankSmsLike, fc.string()));
      const raw = fc
        .tuple(body, fc.constantFrom("text/plain", "text/html"))
        .map(([text, type]) =>
          new TextEncoder().encode(
            `From: me@example.com\r\nSubject: Fwd: Fwd: receipt\r\nContent-Type: ${type}; charset=utf-8\r\n` +
              `Content-Transfer-Encoding: 8bit\r\n\r\n${type === "text/html" ? text.replace(/\n/g, "<br>") : text}`,
          ),
        );
      await fc.assert(fc.asyncProperty(raw, context, expectEmailReadable), RUNS);
    },
    TIMEOUT,
  );
});
