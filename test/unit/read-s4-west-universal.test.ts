// Receipts the last-resort reader reads in languages no family knows (Dutch, Polish, Swedish, Portuguese): a
// subject that says the payment was made keeps the notice a charge though its text names the next payment (whose
// date is the renewal), the receipt's number from its labelled row, the merchant from the mail's sender, and card
// words only in the notice's own language ("Mijn account" is no bank account). Every notice here is invented.
import { describe, expect, it } from "vitest";
import { extractEvent } from "../../workers/read/index";
import type { Notice } from "../../workers/read/types";

function mail(subject: string, text: string, senderName: string): Notice {
  return {
    subject,
    text,
    senderName,
    sender: "noreply@mail.example",
    sentAt: Date.parse("2026-03-02T06:15:00Z"),
    receivedAt: Date.parse("2026-03-02T06:15:40Z"),
    timeZone: "UTC",
    source: "email",
  };
}

describe("receipts that name their next payment", () => {
  it.each([
    [
      "Dutch",
      mail(
        "Bedankt voor je betaling",
        "Hoi Sanne,\nBedankt voor je betaling!\nAbonnement\tBasis\nBedrag\t€ 6,99\nBetaaldatum\t2 maart 2026\nFactuurnummer\tKF-2026-0302-11\nVolgende betaling\t2 april 2026\nTeam Kijkfilm",
        "Kijkfilm",
      ),
      { amount_minor: 699, merchant: "Kijkfilm", reference: "KF-2026-0302-11", renews_at: "2026-04-02" },
    ],
    [
      "Polish",
      mail(
        "Płatność przyjęta",
        "Dzień dobry,\nDziękujemy za płatność.\nKwota: 29,99 zł\nNumer zamówienia: PL-552019\nNastępna płatność: 02.04.2026\nZespół Serialowo",
        "Serialowo",
      ),
      { amount_minor: 2999, currency: "PLN", merchant: "Serialowo", reference: "PL-552019", renews_at: "2026-04-02" },
    ],
    [
      "Swedish",
      mail(
        "Tack för din betalning",
        "Hej Erik,\nvi har tagit emot din betalning.\nBelopp: 99 kr\nOrdernummer: SE-88120\nNästa betalning: 2 april 2026\nHälsningar, Ljudbok",
        "Ljudbok",
      ),
      { amount_minor: 9900, currency: "SEK", merchant: "Ljudbok", reference: "SE-88120" },
    ],
  ])("a %s receipt is a charge", (_language, notice, expected) => {
    expect(extractEvent(notice)).toMatchObject({ kind: "charge", ...expected });
  });

  it("a reminder whose subject names the next payment stays a renewal notice", () => {
    const event = extractEvent(
      mail(
        "Je volgende betaling",
        "Hoi Sanne,\nJe volgende betaling van € 6,99 wordt afgeschreven op 2 april 2026.\nTeam Kijkfilm",
        "Kijkfilm",
      ),
    );
    expect(event.kind).toBe("renewal_notice");
  });
});

describe("card words in the notice's own language", () => {
  it("a Dutch direct debit with 'Mijn account' names no channel", () => {
    const event = extractEvent(
      mail(
        "Welkom bij Kijkfilm – je abonnement is gestart",
        "Welkom bij Kijkfilm!\nAbonnement\tBasis\nPrijs\t€ 6,99 per maand\nBetaalwijze\tAutomatische incasso\nVolgende betaling\t2 april 2026\nOpzeggen kan via Mijn account.",
        "Kijkfilm",
      ),
    );
    expect(event).toMatchObject({ kind: "signup", amount_minor: 699, channel: null });
  });

  it("a Dutch card payment still names its card", () => {
    const event = extractEvent(
      mail(
        "Bedankt voor je betaling",
        "Hoi Sanne,\nBedankt voor je betaling!\nBedrag\t€ 6,99\nBetaalmethode\tCreditcard **** 4410\nTeam Kijkfilm",
        "Kijkfilm",
      ),
    );
    expect(event).toMatchObject({ kind: "charge", card_tail: "4410", channel: "credit_card" });
  });

  it("a bank's mail does not make the bank the merchant", () => {
    const event = extractEvent(
      mail(
        "Betaling met je betaalpas",
        "Beste klant,\nEr is een betaling van € 12,50 gedaan met je betaalpas.\nGroet, Noordbank",
        "Noordbank",
      ),
    );
    expect(event.merchant).toBeNull();
  });
});
