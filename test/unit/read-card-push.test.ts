// Card-app pushes (Revolut, Wise, Monzo, N26, Apple Card…) → charges, whatever app wrote them.
import { describe, expect, it } from "vitest";
import { readCardPush } from "../../workers/read/card-push";
import { extractEvent } from "../../workers/read/index";
import type { Notice } from "../../workers/read/types";

const RECEIVED = Date.parse("2026-03-14T08:02:31Z");

function push(text: string, sender = "com.example.bank"): Notice {
  return { text, sender, receivedAt: RECEIVED, source: "sms" };
}

describe("card-app pushes", () => {
  it.each([
    ["Paid £12.99 at Netflix 🎬", 1299, "GBP", "Netflix", null, "bank_card"],
    [
      "You spent 20.00 USD at OpenAI using your card ending 4410. 18.47 EUR was converted.",
      2000,
      "USD",
      "OpenAI",
      "4410",
      "bank_card",
    ],
    ["£3.49 at Tesco Express\nYou’ve got £120.00 left to spend", 349, "GBP", "Tesco Express", null, "bank_card"],
    ["Apple Card\n$9.99 at Amazon.com. You earned $0.20 Daily Cash.", 999, "USD", "Amazon.com", null, "credit_card"],
    ["Du hast 12,99 € bei Spotify bezahlt.", 1299, "EUR", "Spotify", null, "bank_card"],
    ["Paiement de 8,99 € chez Deezer avec ta carte de crédit •••• 5521", 899, "EUR", "Deezer", "5521", "credit_card"],
    // A bare $ is the local dollar when the push says where it is from.
    ["Paid $6.50 at Harbour Kiosk at 08:14 AEST", 650, "AUD", "Harbour Kiosk", null, "bank_card"],
    // Issuers whose cards are credit cards by name, though the push never says "credit".
    ["Paid £7.50 at Cinemagic on your Barclaycard ending 1234", 750, "GBP", "Cinemagic", "1234", "credit_card"],
    ["Purchase of $4.20 at Bean Bar on your Discover card ending 9911", 420, "USD", "Bean Bar", "9911", "credit_card"],
    ["Capital One: You spent $18.00 at Parkly on your card ending 3030", 1800, "USD", "Parkly", "3030", "credit_card"],
  ])("reads %j", (text, amount_minor, currency, merchant, card_tail, channel) => {
    const event = readCardPush(push(text));
    expect(event).toMatchObject({ kind: "charge", amount_minor, currency, merchant, card_tail, channel });
    // No time in the push: the time it arrived.
    expect(event?.occurred_at).toBe(new Date(RECEIVED).toISOString());
  });

  it.each([
    "Netflix checked your card\n€0.00 · This is a verification only, no money was taken from your account",
    "€0.00 at Disney+ · card check",
    "Payment of £7.00 at Patreon was declined",
  ])("calls %j 'other'", (text) => {
    expect(extractEvent(push(text))).toMatchObject({ kind: "other", amount_minor: null, merchant: null });
  });

  it.each([
    "Save £5 at Tesco this weekend with Clubcard",
    "Sent £20.00 to Alex Smith",
    "Du hast 3.482,17 € von Fischer GmbH erhalten.",
  ])("leaves %j to the other readers", (text) => {
    expect(readCardPush(push(text))).toBeNull();
  });

  it("reads no e-mail", () => {
    expect(readCardPush({ ...push("Paid £12.99 at Netflix"), source: "email" })).toBeNull();
  });
});

describe("pushes from wallets, peso apps and card issuers", () => {
  it("reads a wallet's German push with 'an', naming no card, as channel unknown", () => {
    expect(readCardPush(push("TWINT\nSie haben CHF 22.00 an Zattoo bezahlt."))).toMatchObject({
      kind: "charge",
      amount_minor: 2200,
      currency: "CHF",
      merchant: "Zattoo",
      channel: null,
    });
  });

  it("reads an Argentine '$ 1.234,50' push as pesos in the user's Argentine zone", () => {
    const notice = {
      ...push("Compraste $ 1.234,50 en CINEMARK HOYTS con tu tarjeta terminada en 4402."),
      timeZone: "America/Argentina/Cordoba",
    };
    expect(extractEvent(notice)).toMatchObject({
      kind: "charge",
      amount_minor: 123450,
      currency: "ARS",
      merchant: "CINEMARK HOYTS",
      card_tail: "4402",
      channel: "bank_card",
    });
  });

  it("dates a year-less refund by the day it states and hears a card brand as credit", () => {
    const notice: Notice = {
      text: "Alert: A refund of $14.10 from CRAVE TV was posted to your Visa ending in 2020 on Feb 2.",
      sender: "26600",
      receivedAt: Date.parse("2026-02-03T14:00:00Z"),
      source: "sms",
      timeZone: "America/Toronto",
    };
    const event = extractEvent(notice);
    expect(event).toMatchObject({ kind: "refund", amount_minor: 1410, merchant: "CRAVE TV", channel: "credit_card" });
    expect(event.occurred_at.slice(0, 10)).toBe("2026-02-02");
  });
});
