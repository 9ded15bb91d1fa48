// mime-parts.ts decodes the shapes it is sure of and leaves the rest to postal-mime: wherever it answers, its answer
// is postal-mime's, on every fixture and on random and mangled MIME; where it is unsure, reading goes through
// postal-mime as before.
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { postalParts, readEmail } from "../../workers/read/mime";
import { type MessageParts, messageParts } from "../../workers/read/mime-parts";
import { mutatedBytes, rawEmail } from "../support/property-arbitraries";

const { files } = env.TEST_FIXTURES;
const manifest = [...env.TEST_FIXTURES.manifest, ...env.TEST_FIXTURES.unseen];
const bytesOf = (file: string) => Uint8Array.from(atob(files[file] ?? ""), (char) => char.charCodeAt(0));
const emails = manifest.filter((entry) => entry.via === "email");
const emailBytes = emails.map((entry) => bytesOf(entry.file));
const smsBodies = manifest.filter((entry) => entry.via === "sms").map((entry) => bytesOf(entry.file));
const context = { receivedAt: Date.parse("2026-11-20T00:00:00Z"), timeZone: "Asia/Shanghai" };
const encode = (text: string) => new TextEncoder().encode(text.replace(/\n/g, "\r\n"));

/** What reading takes from a message, in a form toEqual compares (the attached message as bytes). */
const comparable = (parts: MessageParts) => ({ ...parts, attached: parts.attached ? [...parts.attached] : undefined });

async function expectSameAsPostal(raw: Uint8Array): Promise<boolean> {
  const lean = messageParts(raw);
  if (!lean) return false;
  expect(comparable(lean)).toEqual(comparable(await postalParts(raw)));
  return true;
}

describe("messageParts", () => {
  it("decodes every e-mail fixture, tuned and unseen, exactly as postal-mime does", async () => {
    const unsure: string[] = [];
    for (const [index, entry] of emails.entries()) {
      if (!(await expectSameAsPostal(emailBytes[index] as Uint8Array))) unsure.push(entry.file);
    }
    expect(unsure).toEqual([]);
    expect(emails.length).toBeGreaterThan(400);
  });

  it("answers as postal-mime does on random MIME trees, or not at all", async () => {
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(rawEmail(smsBodies, emailBytes), async (raw) => {
        if (await expectSameAsPostal(raw)) answered += 1;
      }),
      { numRuns: 250 },
    );
    // Most random trees are shapes it reads: the comparison is not vacuous.
    expect(answered).toBeGreaterThan(100);
  });

  it("answers as postal-mime does on fixtures cut, flipped and spliced, or not at all", async () => {
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(mutatedBytes(emailBytes), async (raw) => {
        if (await expectSameAsPostal(raw)) answered += 1;
      }),
      { numRuns: 300 },
    );
    expect(answered).toBeGreaterThan(100);
  });

  it("answers as postal-mime does on arbitrary bytes, or not at all", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (raw) => {
        await expectSameAsPostal(raw);
      }),
      { numRuns: 200 },
    );
  });

  // Over 64 KiB: the native line scan, held to postal-mime too.
  it("reads the text of a mail and skips its attached PDF", async () => {
    const pdf = btoa("%PDF-1.4\n".repeat(12000)).replace(/.{76}/g, "$&\n");
    const raw = encode(
      `From: Billing <billing@example.com>\nSubject: Your receipt\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b1"\n\n--b1\nContent-Type: text/plain; charset=utf-8\n\nPaid 9.99 EUR to Example.\n--b1\nContent-Type: application/pdf; name="receipt.pdf"\nContent-Disposition: attachment; filename="receipt.pdf"\nContent-Transfer-Encoding: base64\n\n${pdf}\n--b1--\n`,
    );
    expect(messageParts(raw)).toMatchObject({ text: "Paid 9.99 EUR to Example.\n", subject: "Your receipt" });
    await expectSameAsPostal(raw);
  });

  it.each([
    ["format=flowed text", "Content-Type: text/plain; charset=utf-8; format=flowed\n\nPaid 9.99 EUR \nto Example.\n"],
    ["an RFC 2231 charset", "Content-Type: text/plain; charset*=utf-8''utf-8\n\nPaid 9.99 EUR to Example.\n"],
    ["a comment in Content-Type", "Content-Type: text/plain (receipt); charset=utf-8\n\nPaid 9.99 EUR to Example.\n"],
    ["a charset only postal-mime's aliases know", "Content-Type: text/plain; charset=x-mac-roman\n\nPaid 9.99 EUR.\n"],
    [
      "a text part beside an HTML part outside any alternative",
      'Content-Type: multipart/mixed; boundary="m"\n\n--m\nContent-Type: text/plain\n\nPaid 9.99 EUR.\n--m\nContent-Type: text/html\n\n<p>Thanks</p>\n--m--\n',
    ],
    ["a digest", 'Content-Type: multipart/digest; boundary="d"\n\n--d\n\nSubject: inner\n\nPaid.\n--d--\n'],
  ])("leaves %s to postal-mime, and reading still reads it", async (_shape, rest) => {
    const raw = encode(`From: Example <billing@example.com>\nSubject: Receipt\nMIME-Version: 1.0\n${rest}`);
    expect(messageParts(raw)).toBeUndefined();
    // A digest's first message is read as an attached one, under its own subject.
    expect((await readEmail(raw, context)).text).toContain("Paid");
  });
});
