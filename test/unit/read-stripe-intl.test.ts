// Stripe-hosted receipts in the languages Stripe localises them to: "Reçu de {Merchant}" / "Reçu n°", "Beleg von" /
// "Quittung von", "Recibo de", "Ricevuta da", local labels (Montant payé, Bezahlter Betrag, Importe pagado, Importo
// pagato), local month abbreviations, and the card brand as an image leaving "- NNNN". Every notice here is
// invented: other merchants' receipts, not the fixtures'.
import { describe, expect, it } from "vitest";
import { extractEvent } from "../../workers/read/index";
import type { Notice } from "../../workers/read/types";

const SENT = Date.parse("2026-03-04T09:12:00Z");

function receipt(subject: string, text: string, senderName: string): Notice {
  return {
    subject,
    text,
    sender: "invoice+statements+acct_1Pq8ZxLm2Ab3Cd4E@stripe.com",
    senderName,
    sentAt: SENT,
    receivedAt: SENT + 40_000,
    source: "email",
  };
}

const read = (notice: Notice) => {
  const { provenance: _, occurred_at, ...event } = extractEvent(notice);
  return { ...event, occurred_on: occurred_at.slice(0, 10) };
};

describe("Stripe receipts in other languages", () => {
  it.each([
    [
      "French, labels in capitals in one row, the brand an image",
      receipt(
        "Votre reçu de Arrêt sur images n°1834-2290",
        "Reçu de Arrêt sur images\nReçu n° 1834-2290\nMONTANT PAYÉ\t5,00 €\tDATE DU PAIEMENT\t2 mars 2026\tMOYEN DE PAIEMENT\t- 4242\nRÉCAPITULATIF\nAbonnement mensuel × 1\t5,00 €\nTVA (2,1 %)\t0,10 €\nMontant payé\t5,00 €",
        "Arrêt sur images",
      ),
      {
        amount_minor: 500,
        merchant: "Arrêt sur images",
        reference: "1834-2290",
        card_tail: "4242",
        occurred_on: "2026-03-02",
      },
    ],
    [
      "German 'Beleg von', a dotted day and month abbreviation",
      receipt(
        "Ihr Beleg von Krautreporter #2211-9087",
        "Beleg von Krautreporter\nBelegnummer 2211-9087\nBezahlter Betrag\n7,00 €\nZahlungsdatum\n3. Feb. 2026\nZahlungsmethode\nVisa – 1881\nZusammenfassung\nMitgliedschaft × 1\t7,00 €\nMwSt. (7 %)\t0,46 €",
        "Krautreporter",
      ),
      {
        amount_minor: 700,
        merchant: "Krautreporter",
        reference: "2211-9087",
        card_tail: "1881",
        occurred_on: "2026-02-03",
      },
    ],
    [
      "German 'Quittung von', the merchant only in the text",
      receipt(
        "Ihre Zahlung ist eingegangen",
        "Quittung von Riffreporter\nQuittungsnummer: 3090-1123\nGezahlter Betrag: 4,99 €\nZahlungsdatum: 1. März 2026\nZahlungsart: - 7002",
        "Stripe",
      ),
      {
        amount_minor: 499,
        merchant: "Riffreporter",
        reference: "3090-1123",
        card_tail: "7002",
        occurred_on: "2026-03-01",
      },
    ],
    [
      "Spanish 'Recibo de' with 'Recibo n.º'",
      receipt(
        "Tu recibo de El Salto n.º 3301-4420",
        "Recibo de El Salto\nRecibo n.º 3301-4420\nIMPORTE PAGADO\t6,00 €\tFECHA DE PAGO\t1 mar 2026\tMÉTODO DE PAGO\t- 0005\nResumen\nCuota mensual × 1\t6,00 €",
        "El Salto",
      ),
      { amount_minor: 600, merchant: "El Salto", reference: "3301-4420", card_tail: "0005", occurred_on: "2026-03-01" },
    ],
    [
      "Italian 'Ricevuta da' with a three-letter month",
      receipt(
        "La tua ricevuta da Il Post n. 7710-2093",
        "Ricevuta da Il Post\nRicevuta n. 7710-2093\nImporto pagato\t8,00 €\tData di pagamento\t28 feb 2026\tMetodo di pagamento\t- 4444\nRiepilogo\nAbbonamento × 1\t8,00 €\nIVA (4 %)\t0,31 €",
        "Il Post",
      ),
      { amount_minor: 800, merchant: "Il Post", reference: "7710-2093", card_tail: "4444", occurred_on: "2026-02-28" },
    ],
  ])("%s", (_, notice, fields) => {
    expect(read(notice)).toMatchObject({
      kind: "charge",
      currency: "EUR",
      channel: "credit_card",
      renews_at: null,
      ...fields,
    });
  });

  it("a French refund", () => {
    const event = read(
      receipt(
        "Votre remboursement de Arrêt sur images n°1834-2290",
        "Remboursement de Arrêt sur images\nReçu n° 1834-2290\nMONTANT REMBOURSÉ\t5,00 €\tDATE DU REMBOURSEMENT\t3 mars 2026\tMOYEN DE PAIEMENT\t- 4242",
        "Arrêt sur images",
      ),
    );
    expect(event).toMatchObject({
      kind: "refund",
      amount_minor: 500,
      merchant: "Arrêt sur images",
      reference: "1834-2290",
    });
  });

  it.each([
    [
      "a French failed payment",
      receipt(
        "Échec du paiement pour Arrêt sur images",
        "Le paiement de 5,00 € a échoué. Veuillez mettre à jour votre moyen de paiement.",
        "Arrêt sur images",
      ),
    ],
    [
      "a German failed payment",
      receipt(
        "Zahlung fehlgeschlagen",
        "Deine Zahlung von 7,00 € an Krautreporter ist fehlgeschlagen. Bitte aktualisiere deine Zahlungsmethode.",
        "Krautreporter",
      ),
    ],
  ])("%s is other", (_, notice) => {
    expect(read(notice)).toMatchObject({ kind: "other", amount_minor: null });
  });
});
