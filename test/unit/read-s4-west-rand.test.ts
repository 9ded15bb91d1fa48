// South African rand as banks write it ("R99.00", "R5,864"), glued to a figure with cents or grouped thousands,
// never a reference ("R12345") or a figure followed by R; and money "reserved" for a purchase, a hold, not a charge.
// Every notice here is invented.
import { describe, expect, it } from "vitest";
import { findMoney } from "../../workers/read/amounts";
import { extractEvent } from "../../workers/read/index";
import type { Notice } from "../../workers/read/types";

const sms = (text: string): Notice => ({
  text,
  sender: "Kapbank",
  receivedAt: Date.parse("2026-03-21T13:02:00Z"),
  timeZone: "Africa/Johannesburg",
  source: "sms",
});

describe("the rand", () => {
  it.each([
    ["R99.00 paid", 9900],
    ["Avail R5,864.", 586400],
    ["a total of R1,250.50 today", 125050],
  ])("%s", (text, minor) => {
    expect(findMoney(text)[0]).toMatchObject({ amount_minor: minor, currency: "ZAR" });
  });

  it.each([["Ref R12345 for your order"], ["Room R 50"], ["12345 R"]])("%s is no amount", (text) => {
    expect(findMoney(text)).toEqual([]);
  });

  it("a debit-card SMS in rand is a charge", () => {
    expect(
      extractEvent(
        sms("Kapbank: R149.00 paid from savings a/c..120044 @ DSTV using card..3390. Avail R2,004. 21Mar 15:01"),
      ),
    ).toMatchObject({ kind: "charge", amount_minor: 14900, currency: "ZAR", merchant: "DSTV", card_tail: "3390" });
  });

  it("money reserved for a purchase is a hold", () => {
    const event = extractEvent(
      sms(
        "Kapbank: R2,400.00 reserved for purchase @ Lodge Hotel from cheq a/c..120044 using card..3390. Avail R6,214.",
      ),
    );
    expect(event).toMatchObject({ kind: "other", amount_minor: null, merchant: null });
  });

  it("a footer's 'All rights reserved' is no hold", () => {
    const notice: Notice = {
      subject: "Card transaction",
      senderName: "Kapbank",
      sender: "alerts@kapbank.example",
      text: "You made a R49.00 purchase at Showtime with your debit card ending 3390.\n© Kapbank. All rights reserved.",
      sentAt: Date.parse("2026-03-21T13:01:00Z"),
      receivedAt: Date.parse("2026-03-21T13:02:00Z"),
      timeZone: "Africa/Johannesburg",
      source: "email",
    };
    expect(extractEvent(notice)).toMatchObject({ kind: "charge", amount_minor: 4900, merchant: "Showtime" });
  });
});
