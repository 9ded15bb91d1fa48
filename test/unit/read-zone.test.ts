// A bare $ is the dollar of the country the notice comes from: the one its text or its issuer names, else the
// country of the user's timezone. US dollars when nothing says otherwise, and whenever the notice writes US dollars.
import { describe, expect, it } from "vitest";
import { extractEvent } from "../../workers/read";
import { dollarOf, zoneDollar } from "../../workers/read/amounts";
import { readEmail } from "../../workers/read/mime";
import { smsNotice } from "../../workers/read/sms";

const RECEIVED = Date.parse("2026-05-12T03:20:00Z");

function sms(text: string, timeZone?: string, sender = "70001") {
  return extractEvent(smsNotice({ text, sender }, RECEIVED, timeZone));
}

function mail(lines: string[], timeZone: string) {
  const raw = new TextEncoder().encode([...lines, ""].join("\r\n"));
  return readEmail(raw, { receivedAt: RECEIVED, timeZone });
}

const receipt = (from: string, amount: string) => [
  `From: ${from}`,
  "To: sam@example.com",
  "Subject: Your receipt",
  "Date: Tue, 12 May 2026 03:10:00 +0000",
  "MIME-Version: 1.0",
  "Content-Type: text/plain; charset=UTF-8",
  "",
  "Thanks for your payment.",
  `Amount paid: ${amount}`,
  "Payment method: Visa ending in 4821",
];

describe("zoneDollar", () => {
  it.each([
    ["Australia/Sydney", "AUD"],
    ["Australia/Perth", "AUD"],
    ["Pacific/Auckland", "NZD"],
    ["Pacific/Chatham", "NZD"],
    ["America/Toronto", "CAD"],
    ["America/Vancouver", "CAD"],
    ["America/St_Johns", "CAD"],
    ["Canada/Atlantic", "CAD"],
    ["Asia/Singapore", "SGD"],
    ["Asia/Hong_Kong", "HKD"],
    ["America/New_York", undefined],
    ["America/Los_Angeles", undefined],
    ["America/Mexico_City", undefined],
    ["Europe/London", undefined],
    ["UTC", undefined],
    [undefined, undefined],
  ])("reads %s as %s", (zone, dollar) => {
    expect(zoneDollar(zone)).toBe(dollar);
  });
});

describe("dollarOf", () => {
  it.each([
    ["Westpac: $23.40 spent at Bean Bar", undefined, "AUD"],
    ["Westpac: $23.40 spent at Bean Bar", "Pacific/Auckland", "NZD"],
    ["ANZ alert: $8.00 at Corner Dairy", "Pacific/Auckland", "NZD"],
    ["Your Telstra bill of $89.00 is due", "Europe/London", "AUD"],
    ["BMO: purchase of $31.75 at PETRO ZONE", undefined, "CAD"],
    ["DBS: you paid $8.90 at Kopi House", undefined, "SGD"],
    ["DBS: you paid $8.90 at Kopi House", "Asia/Hong_Kong", "HKD"],
    // The text is stronger than the zone, the zone stronger than nothing.
    ["Kiwibank: card purchase $5.00", "Australia/Sydney", "NZD"],
    ["Capital One: you spent $18.00 at Parkly", "Australia/Sydney", undefined],
    ["Paid $6.50 at Harbour Kiosk", "America/Edmonton", "CAD"],
    ["Paid $6.50 at Harbour Kiosk", "America/Denver", undefined],
    // Whole words only: a name inside another word is no issuer.
    ["Paid $12.00 at NABOO STORE", undefined, undefined],
    ["Paid $12.00 at BANZAI SUSHI", undefined, undefined],
    ["No dollar here: Westpac 12,00 €", "Australia/Sydney", undefined],
    // A country's web domain after a name; the cue written first decides, the earlier cue on a tie.
    ["Receipt $9.99 · help@streamly.com.au", undefined, "AUD"],
    ["Paid $4.00 to my-shop.co.nz, then BMO", undefined, "NZD"],
    ["Paid $4.00 at BMO; see rbc-shop.ca", undefined, "CAD"],
    ["Paid $4.00 at westpac.com.au", "Pacific/Auckland", "AUD"],
    ["Paid $4.00 · files.cab or shop.com.aux", undefined, undefined],
    ["Paid $4.00 · .com.au alone", undefined, undefined],
  ])("reads %j in %s as %s", (text, zone, dollar) => {
    expect(dollarOf(text, zone)).toBe(dollar);
  });
});

describe("a bare $ in the user's zone", () => {
  it.each([
    ["Australia/Sydney", "AUD"],
    ["America/Vancouver", "CAD"],
    ["Pacific/Auckland", "NZD"],
    ["Asia/Singapore", "SGD"],
    ["America/Chicago", "USD"],
    ["Europe/Berlin", "USD"],
  ])("an SMS read for a user in %s is in %s", (zone, currency) => {
    expect(sms("Paid $6.50 at Harbour Kiosk", zone)).toMatchObject({ amount_minor: 650, currency });
  });

  it("an e-mail receipt read for a user in Australia is in AUD", async () => {
    const notice = await mail(receipt("Streamly <billing@streamly.example>", "$14.99"), "Australia/Melbourne");
    expect(notice.timeZone).toBe("Australia/Melbourne");
    expect(extractEvent(notice)).toMatchObject({ amount_minor: 1499, currency: "AUD" });
  });

  it.each([
    ["Paid US$6.50 at Harbour Kiosk", "Australia/Sydney"],
    ["Paid $6.50 USD at Harbour Kiosk", "Pacific/Auckland"],
    ["Capital One: You spent $18.00 at Parkly on your card ending 3030", "Australia/Sydney"],
  ])("keeps %j in US dollars for a user in %s", (text, zone) => {
    expect(sms(text, zone).currency).toBe("USD");
  });

  it("keeps an e-mail that writes USD in US dollars", async () => {
    const notice = await mail(receipt("Streamly <billing@streamly.example>", "$14.99 USD"), "Asia/Singapore");
    expect(extractEvent(notice)).toMatchObject({ amount_minor: 1499, currency: "USD" });
  });

  it("leaves an amount in another currency alone", () => {
    expect(sms("Paid £6.50 at Harbour Kiosk", "Australia/Sydney").currency).toBe("GBP");
  });

  it("sets the zone on an SMS notice only when it is known", () => {
    expect(smsNotice({ text: "x" }, RECEIVED, "Asia/Hong_Kong").timeZone).toBe("Asia/Hong_Kong");
    expect(smsNotice({ text: "x" }, RECEIVED)).not.toHaveProperty("timeZone");
  });
});

describe("a bare $ from a one-country issuer", () => {
  it.each([
    ["Westpac: Paid $23.40 at Bean Bar on your card ending 0042", "AUD"],
    ["BMO: Purchase of $31.75 at PETRO ZONE on your card ending 7712", "CAD"],
    ["DBS: Paid $8.90 at Kopi House on your card ending 5500", "SGD"],
    ["Scotiabank: You spent $19.99 at Spotify on your card ending 2210", "CAD"],
  ])("reads %j (user zone unknown) as %s", (text, currency) => {
    expect(sms(text)).toMatchObject({ kind: "charge", currency });
  });

  it.each([
    ["Telstra: Your $45 recharge was successful. Receipt no. 55120031.", "Telstra", "AUD"],
    ["Paid $5.00 at Corner Dairy", "nz.co.examplebank.mobile", "NZD"],
    ["Paid $5.00 at Corner Dairy", "Kiwibank", "NZD"],
  ])("reads %j from sender %s as %s", (text, sender, currency) => {
    expect(sms(text, "UTC", sender).currency).toBe(currency);
  });

  it("lets the issuer beat the zone", () => {
    expect(sms("Kiwibank\nCard purchase: $5.00 at Corner Dairy", "Australia/Sydney").currency).toBe("NZD");
    expect(sms("RBC: Paid $13.55 at Cineplex on your card ending 1187", "America/New_York").currency).toBe("CAD");
  });

  it("reads an issuer's e-mail by its address", async () => {
    const notice = await mail(receipt("ASB Alerts <alerts@asb.example>", "$14.99"), "UTC");
    expect(extractEvent(notice)).toMatchObject({ amount_minor: 1499, currency: "NZD" });
  });

  it("reads no issuer inside another word", () => {
    expect(sms("Paid $12.00 at NABOO STORE", "UTC").currency).toBe("USD");
  });
});
