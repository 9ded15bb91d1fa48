// Prepaid top-ups (a phone's credit bought): a charge by the operator that sent it, in every language we read.
// Every notice here is invented.
import { describe, expect, it } from "vitest";
import { extractEvent } from "../../workers/read/index";
import type { Notice } from "../../workers/read/types";

const SENT = Date.parse("2026-04-02T09:15:00Z");
const sms = (text: string, sender: string): Notice => ({ text, sender, receivedAt: SENT, source: "sms" });

describe("prepaid top-ups", () => {
  it.each([
    [
      sms("Skyline Mobile: Your $20 top-up was successful. Balance: $24.10. Receipt no. 5521-0934.", "Skyline"),
      { amount_minor: 2000, currency: "USD", merchant: "Skyline Mobile", reference: "5521-0934" },
    ],
    [
      sms(
        "Ihr Prepaid-Guthaben wurde um 10,00 € aufgeladen. Aktuelles Guthaben: 11,20 €. Ihr Funkwelle Team",
        "Funkwelle",
      ),
      { amount_minor: 1000, currency: "EUR", merchant: "Funkwelle", reference: null },
    ],
    [
      sms("ONDA: Ricarica di 15,00 EUR effettuata. Credito residuo: 18,40 EUR.", "ONDA"),
      { amount_minor: 1500, currency: "EUR", merchant: "ONDA", reference: null },
    ],
  ])("reads %j as a charge by its operator", (notice, fields) => {
    expect(extractEvent(notice)).toMatchObject({ kind: "charge", ...fields, card_tail: null, channel: null });
  });

  it.each([
    sms("Skyline Mobile: your $20 top-up failed. Please try another card.", "Skyline"),
    sms("Recarga: consulta tu saldo en la app. Saldo actual 3,20 EUR.", "Celeste"),
  ])("calls %j 'other'", (notice) => {
    expect(extractEvent(notice)).toMatchObject({ kind: "other", amount_minor: null, merchant: null });
  });
});
