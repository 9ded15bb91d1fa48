// Numeric dates written day first (en-GB, en-AU, en-SG and the continental languages) or month first (en-US), with
// or without a year; times near midnight in a named zone; card tails after one star in any language's card word.
// Every notice here is invented.
import { describe, expect, it } from "vitest";
import { findCalendarDate, findDateTime } from "../../workers/read/dates";
import { cardTailIn } from "../../workers/read/generic-en";
import { europeanDateIn } from "../../workers/read/generic-eu";
import { extractEvent } from "../../workers/read/index";
import type { Notice } from "../../workers/read/types";

const at = (iso: string) => Date.parse(iso);
const day = (iso: string | null | undefined) => iso?.slice(0, 10);

function mail(fields: Partial<Notice> & { text: string }): Notice {
  return { receivedAt: at("2025-06-01T09:00:00Z"), sentAt: at("2025-06-01T08:59:00Z"), source: "email", ...fields };
}

describe("numeric dates", () => {
  const utc = (iso: string) => ({ receivedAt: at(iso), timeZone: "UTC" });

  it("reads a numeric date whose day cannot be a month as day-first, and one whose second part cannot as month-first", () => {
    expect(findCalendarDate("will renew on 15/03/2027.", utc("2026-03-16T00:00:00Z"))).toBe("2027-03-15");
    expect(findCalendarDate("Next payment 28.02.2026", utc("2026-01-16T00:00:00Z"))).toBe("2026-02-28");
    expect(findCalendarDate("Renews on 04/15/2026", utc("2026-01-16T00:00:00Z"))).toBe("2026-04-15");
    expect(findCalendarDate("31/02/2026", utc("2026-01-16T00:00:00Z"))).toBeNull();
  });

  it("reads dotted dates day-first and leaves an ambiguous slashed one to the notice", () => {
    expect(findCalendarDate("am 03.04.2026", utc("2026-01-16T00:00:00Z"))).toBe("2026-04-03");
    expect(findCalendarDate("on 03/04/2026", utc("2026-01-16T00:00:00Z"))).toBeNull();
    expect(findCalendarDate("on 03/04/2026", { ...utc("2026-01-16T00:00:00Z"), dayFirst: true })).toBe("2026-04-03");
    expect(findCalendarDate("on 03/04/2026", { ...utc("2026-01-16T00:00:00Z"), dayFirst: false })).toBe("2026-03-04");
  });

  it("reads an English notice's ambiguous dates in the order its other dates or its currency show", () => {
    const british = extractEvent(
      mail({
        receivedAt: at("2026-03-16T01:00:00Z"),
        sentAt: at("2026-03-15T09:00:00Z"),
        senderName: "Contoso",
        subject: "Your Contoso receipt",
        text: "Thank you for your payment.\nOrder number: 99123\nOrder date: 15/03/2026\nTotal charged £49.00\nYour subscription will renew on 03/04/2026.",
      }),
    );
    expect(british).toMatchObject({ kind: "charge", renews_at: "2026-04-03" });
    const pounds = extractEvent(
      mail({
        receivedAt: at("2026-03-16T01:00:00Z"),
        senderName: "Contoso",
        subject: "Your Contoso receipt",
        text: "Thank you for your payment.\nTotal charged £49.00\nYour subscription will renew on 03/04/2026.",
      }),
    );
    expect(pounds.renews_at).toBe("2026-04-03");
    const dollars = extractEvent(
      mail({
        receivedAt: at("2026-01-16T01:00:00Z"),
        senderName: "Contoso",
        subject: "Your Contoso receipt",
        text: "Thank you for your payment.\nTotal charged $49.00\nYour subscription will renew on 03/04/2026.",
      }),
    );
    expect(dollars.renews_at).toBe("2026-03-04");
  });

  it("reads a day-first date without a year after a label, but not a price", () => {
    const anchor = at("2026-03-02T12:30:00Z");
    expect(europeanDateIn("el 02/03 a las 13:30", anchor, "past")).toBe("2026-03-02");
    expect(europeanDateIn("am 28.02. um 10:00", anchor, "past")).toBe("2026-02-28");
    expect(europeanDateIn("le 15/03", anchor, "future")).toBe("2026-03-15");
    expect(europeanDateIn("12.05 €", anchor, "past")).toBeNull();
    expect(europeanDateIn("24/7", anchor, "past")).toBeNull();
  });
});

describe("times near midnight with a named zone", () => {
  const berlin = { receivedAt: at("2025-10-05T22:30:00Z"), timeZone: "Europe/Berlin" };

  it.each([
    ["05.10.2025 um 23:59 MESZ", "2025-10-05T21:59:00.000Z"],
    ["05.01.2025 23:59 MEZ", "2025-01-05T22:59:00.000Z"],
    ["le 05/10/2025 à 23:59 CEST", "2025-10-05T21:59:00.000Z"],
    ["el 05/10/2025 a las 23:59", "2025-10-05T21:59:00.000Z"],
  ])("reads %s in its own zone", (text, iso) => {
    expect(findDateTime(text, { ...berlin, dayFirst: true })).toBe(iso);
  });

  it("keeps a US time's zone: Oct 5, 2025 11:59 PM EDT is the 6th in UTC", () => {
    expect(findDateTime("Oct 5, 2025 11:59 PM EDT", berlin)).toBe("2025-10-06T03:59:00.000Z");
  });
});

describe("card tails after one star, in card words of every language", () => {
  it.each([
    ["con tu tarjeta de credito *2296 el 02/03", "2296"],
    ["avec votre carte *1234 le 03/04", "1234"],
    ["mit Ihrer Kreditkarte *5678", "5678"],
    ["con la tua carta di credito *9012", "9012"],
    ["Visa Debitkarte ****4217", "4217"],
  ])("reads %s", (text, tail) => {
    expect(cardTailIn(text)).toBe(tail);
  });

  it("takes no tail from a star that follows no card word", () => {
    expect(cardTailIn("Referencia *1234 del pedido")).toBeNull();
  });
});

// The day a charge is read for, where the zone is the user's.
describe("a merchant's mail keeps its transaction day", () => {
  it("reads a receipt's day-first order date", () => {
    const event = extractEvent(
      mail({
        receivedAt: at("2026-03-16T21:00:00Z"),
        sentAt: at("2026-03-16T20:30:00Z"),
        senderName: "Contoso",
        subject: "Your Contoso receipt",
        text: "Thank you for your payment.\nOrder date: 15/03/2026\nTotal charged S$49.00",
      }),
    );
    expect(day(event.occurred_at)).toBe("2026-03-15");
  });
});
