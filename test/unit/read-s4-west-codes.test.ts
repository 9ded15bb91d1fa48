// One-time and 3-D Secure codes that end their sentence with a full stop, in several languages: a payment waiting
// to be confirmed, never a charge, even when the message names the amount, the merchant and the card. Every
// notice here is invented.
import { describe, expect, it } from "vitest";
import { extractEvent } from "../../workers/read/index";
import type { Notice } from "../../workers/read/types";

const AT = Date.parse("2026-05-11T09:12:00Z");
const sms = (text: string, sender = "BankAlert"): Notice => ({ text, sender, receivedAt: AT, source: "sms" });

describe("codes that end a sentence", () => {
  it.each([
    [
      "French",
      "Banque Azur : votre code de sécurité est 731904. Il confirme le paiement de 59,90 EUR chez FNAC avec votre carte ****1180.",
    ],
    [
      "English",
      "Northwind: your security code is 482201. Use it to approve the payment of £24.00 at ARGOS with card ending 7712.",
    ],
    [
      "German",
      "Sparbank: Ihr Bestätigungscode lautet 90317. Er gibt die Kartenzahlung über 19,99 € bei MEDIAMARKT frei, Karte *4409.",
    ],
    [
      "Spanish",
      "BancoSol: tu código de seguridad es 661043. Confirma la compra de 35,00 EUR en ZARA con la tarjeta ***8821.",
    ],
    [
      "Italian",
      "BancaVerde: il codice di sicurezza è 55012. Serve per il pagamento di 12,50 EUR presso IBS.IT con la carta *3306.",
    ],
  ])("a %s code message is other", (_language, text) => {
    const event = extractEvent(sms(text));
    expect(event.kind).toBe("other");
    expect(event.amount_minor).toBeNull();
    expect(event.merchant).toBeNull();
    expect(event.card_tail).toBeNull();
  });

  it("a card alert whose tail ends the sentence stays a charge", () => {
    const event = extractEvent(
      sms(
        "Banque Azur : paiement par carte de 12,00 EUR chez CINEMAX le 10/05 avec votre carte se terminant par 4021.",
      ),
    );
    expect(event).toMatchObject({ kind: "charge", amount_minor: 1200, merchant: "CINEMAX", card_tail: "4021" });
  });
});
