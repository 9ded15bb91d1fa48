// Card alerts that moved no money (a declined or failed payment, a hold) keep the day they state as occurred_on;
// and an alert about a card the issuer names as a credit card — by credit words ("available credit", "credit
// limit", "Cardmember") or a trademarked card product ("… Cash® Card") — is a credit_card alert. Every notice here
// is invented: other issuers' wording, not the fixtures'.
import { describe, expect, it } from "vitest";
import { extractEvent } from "../../workers/read/index";
import type { Notice } from "../../workers/read/types";

// Sent just after midnight UTC: the evening before in the Americas, where the alert's own date is written.
const SENT = Date.parse("2026-04-11T02:40:00Z");

function mail(subject: string, text: string, senderName: string): Notice {
  return {
    subject,
    text,
    sender: "alerts@bank.example",
    senderName,
    sentAt: SENT,
    receivedAt: SENT + 20_000,
    source: "email",
  };
}

const sms = (text: string, sender = "com.example.bank"): Notice => ({ text, sender, receivedAt: SENT, source: "sms" });

const read = (notice: Notice) => {
  const { provenance: _, ...event } = extractEvent(notice);
  return event;
};

describe("declined alerts keep their stated day", () => {
  it.each([
    [
      "a declined transaction with rows",
      mail(
        "Transaction declined",
        "We declined a transaction on your card ending in 4402.\nMerchant: HBO MAX\nAmount: $16.99\nDate: April 10, 2026\nReason: card expired",
        "Prairie Credit Union",
      ),
      "2026-04-10",
    ],
    [
      "a purchase that was not approved, the date in a 'Transaction date' row",
      mail(
        "Your purchase was not approved",
        "A $9.99 purchase at SPOTIFY on your debit card ending 1180 was not approved.\nTransaction date: Apr 10, 2026",
        "Harbor Bank",
      ),
      "2026-04-10",
    ],
    [
      "a German refused card payment",
      mail(
        "Kartenzahlung abgelehnt",
        "Eine Kartenzahlung mit Ihrer Karte ****7730 wurde abgelehnt.\nHändler: Netflix\nBetrag: 13,99 €\nDatum: 10.04.2026",
        "Nordbank",
      ),
      "2026-04-10",
    ],
  ])("%s", (_, notice, day) => {
    const event = read(notice);
    expect(event).toMatchObject({ kind: "other", amount_minor: null, merchant: null, card_tail: null, channel: null });
    expect(event.occurred_at.slice(0, 10)).toBe(day);
  });

  it("a declined alert that states no day keeps the notice's own time", () => {
    const event = read(
      mail(
        "Transaction declined",
        "We declined a $4.99 purchase at APPLE.COM/BILL on your card ending in 4402.",
        "Prairie Credit Union",
      ),
    );
    expect(event).toMatchObject({ kind: "other", occurred_at: new Date(SENT).toISOString() });
  });
});

describe("alerts about a credit card by what the issuer calls it", () => {
  it.each([
    [
      "a trademarked card product in a push",
      sms("Alert: A $12.99 transaction was made at PARAMOUNT+ on your Summit Rewards® Card ending in 3321."),
      "3321",
    ],
    [
      "a trademark sign after the product, lower-case 'card'",
      sms("A $6.49 purchase was made at HULU on your Ridge Cash Preferred™ card ending in 0917.", "com.ridge.mobile"),
      "0917",
    ],
    [
      "an alert that names the card's available credit",
      mail(
        "Purchase alert",
        "A purchase of $22.00 at AUDIBLE was made on your card ending in 6604.\nYour available credit is $1,204.18.",
        "Lakeview Card Services",
      ),
      "6604",
    ],
  ])("%s", (_, notice, tail) => {
    expect(read(notice)).toMatchObject({ kind: "charge", card_tail: tail, channel: "credit_card" });
  });

  it("a card-app push paid with a trademarked card product", () => {
    expect(read(sms("Paid $9.99 at Netflix with your Skyline Miles® Card", "com.skyline.app"))).toMatchObject({
      kind: "charge",
      merchant: "Netflix",
      channel: "credit_card",
    });
  });

  it.each([
    [
      "a trademarked debit card stays a debit card",
      sms("A $12.99 transaction was made at PARAMOUNT+ on your Summit Checking® Debit Card ending in 3321."),
    ],
    [
      "a plain card push stays a bank card",
      sms("A $12.99 transaction was made at PARAMOUNT+ on your card ending in 3321."),
    ],
  ])("%s", (_, notice) => {
    expect(read(notice)).toMatchObject({ kind: "charge", channel: "bank_card" });
  });
});

describe("card tails written after a dash", () => {
  it.each([
    [
      "a credit-card row 'ending in - NNNN'",
      mail(
        "Credit card transaction alert",
        "Credit card: ending in - 5520\nAmount: $8.99\nDate: April 10, 2026\nWhere: CRUNCHYROLL",
        "Coastal Bank",
      ),
      "5520",
      "credit_card",
    ],
    [
      "a debit-card row with an en dash",
      mail(
        "Debit card purchase",
        "Debit card: ending in – 0457\nAmount: $4.99\nDate: April 10, 2026\nMerchant: DUOLINGO",
        "Coastal Bank",
      ),
      "0457",
      "bank_card",
    ],
    [
      "a sentence 'card ending - NNNN'",
      sms("A $15.49 purchase at NETFLIX.COM was made on your card ending - 7781."),
      "7781",
      "bank_card",
    ],
  ])("%s", (_, notice, tail, channel) => {
    expect(read(notice)).toMatchObject({ kind: "charge", card_tail: tail, channel });
  });

  it("a phone number after a dash is no tail", () => {
    const event = read(sms("A $15.49 purchase at NETFLIX.COM was made on your card. Questions? Call 1-800-555-0199."));
    expect(event.card_tail).toBeNull();
  });
});
