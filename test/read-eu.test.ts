// German, French, Spanish and Italian notices → normalized events.
import { describe, expect, it } from "vitest";
import { europeanDateIn, isContinentalEuropean, readGenericEuropean } from "../workers/read/generic-eu";
import { extractEvent } from "../workers/read/index";
import type { Notice } from "../workers/read/types";

const at = (iso: string) => Date.parse(iso);
const day = (iso: string | null | undefined) => iso?.slice(0, 10);

function notice(fields: Partial<Notice> & { text: string }): Notice {
  return { receivedAt: at("2025-06-01T00:00:00Z"), source: "email", ...fields };
}

describe("European dates", () => {
  it("reads day-first numeric dates and local month names", () => {
    const anchor = at("2025-06-01T00:00:00Z");
    expect(europeanDateIn("am 03.04.2025", anchor, "past")).toBe("2025-04-03");
    expect(europeanDateIn("le 03/04/2025", anchor, "past")).toBe("2025-04-03");
    expect(europeanDateIn("14. März 2025", anchor, "past")).toBe("2025-03-14");
    expect(europeanDateIn("1er février 2025", anchor, "past")).toBe("2025-02-01");
    expect(europeanDateIn("5 de marzo de 2025", anchor, "past")).toBe("2025-03-05");
    expect(europeanDateIn("12 dicembre 2024", anchor, "past")).toBe("2024-12-12");
    expect(europeanDateIn("31/02/2025", anchor, "past")).toBeNull();
    // Without a year: back from receipt for what happened, forward for what will.
    expect(europeanDateIn("le 20 décembre", anchor, "past")).toBe("2024-12-20");
    expect(europeanDateIn("am 2. Januar", at("2025-12-28T00:00:00Z"), "future")).toBe("2026-01-02");
  });
});

describe("European receipts", () => {
  it("reads a German receipt: Gesamtbetrag over the MwSt. line, Rechnungsnummer, next payment", () => {
    const event = readGenericEuropean(
      notice({
        sender: "info@account.netflix.com",
        senderName: "Netflix",
        subject: "Deine Zahlungsbestätigung",
        text: "Hallo Alex,\nvielen Dank für deine Zahlung bei Netflix.\nRechnungsnummer: NF-2025-884120\nRechnungsdatum: 02.05.2025\nStandard-Abo 13,99 €\nenthaltene MwSt. 2,23 €\nGesamtbetrag: 13,99 €\nZahlungsmethode: Visa endet auf 4417\nDeine nächste Abbuchung erfolgt am 2. Juni 2025.",
      }),
    );
    expect(event).toMatchObject({
      kind: "charge",
      amount_minor: 1399,
      currency: "EUR",
      merchant: "Netflix",
      reference: "NF-2025-884120",
      card_tail: "4417",
      channel: "credit_card",
      renews_at: "2025-06-02",
    });
    expect(day(event?.occurred_at)).toBe("2025-05-02");
  });

  it("reads a French invoice: Total TTC, not Total HT or TVA; Numéro de facture; prochain renouvellement", () => {
    const event = readGenericEuropean(
      notice({
        senderName: "Deezer",
        subject: "Votre facture Deezer",
        text: "Merci pour votre paiement.\nNuméro de facture : FR-77120934\nDate : 15 mai 2025\nTotal HT\t9,16 €\nTVA (20 %)\t1,83 €\nTotal TTC\t10,99 €\nMoyen de paiement : PayPal\nVotre prochain renouvellement aura lieu le 15/06/2025.",
      }),
    );
    expect(event).toMatchObject({
      kind: "charge",
      amount_minor: 1099,
      merchant: "Deezer",
      reference: "FR-77120934",
      channel: "paypal",
      renews_at: "2025-06-15",
    });
    expect(day(event?.occurred_at)).toBe("2025-05-15");
  });

  it("reads Spanish and Italian receipts", () => {
    const es = readGenericEuropean(
      notice({
        senderName: "Disney+",
        subject: "Tu recibo de Disney+",
        text: "Gracias por tu compra.\nNúmero de pedido: ES-5512-0098\nFecha: 3 de mayo de 2025\nImporte: 8,99 €\nTu próximo pago será el 3 de junio de 2025.",
      }),
    );
    expect(es).toMatchObject({
      kind: "charge",
      amount_minor: 899,
      merchant: "Disney+",
      reference: "ES-5512-0098",
      renews_at: "2025-06-03",
    });
    const it_ = readGenericEuropean(
      notice({
        senderName: "DAZN",
        subject: "La tua ricevuta",
        text: "Grazie per il tuo acquisto su DAZN.\nNumero d'ordine: IT88230017\nData: 10/05/2025\nSubtotale 28,68 €\nIVA 6,31 €\nTotale 34,99 €\nIl prossimo rinnovo è previsto per il 10/06/2025.",
      }),
    );
    expect(it_).toMatchObject({
      kind: "charge",
      amount_minor: 3499,
      merchant: "DAZN",
      reference: "IT88230017",
      renews_at: "2025-06-10",
    });
  });

  it("reads reminders, cancellations and refunds", () => {
    const reminder = readGenericEuropean(
      notice({
        senderName: "YouTube",
        subject: "Dein Probezeitraum endet bald",
        text: "Dein Probezeitraum endet am 12.06.2025. Danach wird dein Abo automatisch verlängert und wir buchen 12,99 € pro Monat ab.",
      }),
    );
    expect(reminder).toMatchObject({ kind: "renewal_notice", amount_minor: 1299, renews_at: "2025-06-12" });
    const cancelled = readGenericEuropean(
      notice({
        senderName: "Canal+",
        subject: "Confirmation de résiliation",
        text: "Votre abonnement a été résilié. Vous pouvez en profiter jusqu'au 30/06/2025.",
      }),
    );
    expect(cancelled).toMatchObject({ kind: "cancellation", merchant: "Canal+", renews_at: null });
    const refund = readGenericEuropean(
      notice({
        senderName: "Audible",
        subject: "Tu reembolso",
        text: "Hemos procesado tu reembolso.\nImporte reembolsado: 9,95 €",
      }),
    );
    expect(refund).toMatchObject({ kind: "refund", amount_minor: 995, currency: "EUR" });
  });

  it("calls codes and deliveries 'other' and leaves English to the English reader", () => {
    const code = readGenericEuropean(
      notice({
        subject: "Dein Bestätigungscode",
        text: "Dein Bestätigungscode für die Zahlung von 19,99 € ist 482913. Er ist 10 Minuten gültig.",
      }),
    );
    expect(code?.kind).toBe("other");
    const english = notice({
      subject: "Your receipt",
      text: "Thanks for your payment. Total: €9,99. Your next payment is on 3 June 2025.",
    });
    expect(isContinentalEuropean(english.text)).toBe(false);
    expect(readGenericEuropean(english)).toBeNull();
  });

  it("finds a word only between word edges, even after the same letters inside longer words", () => {
    // "Tankstelle Konstanz" holds "tan" twice, inside words: no TAN there, so the receipt stands.
    const receipt = (last: string) =>
      readGenericEuropean(
        notice({
          senderName: "Tankstelle Konstanz",
          subject: "Deine Quittung",
          text: `Vielen Dank für deinen Einkauf bei der Tankstelle Konstanz.\nGesamt: 54,20 €\n${last}`,
        }),
      );
    expect(receipt("Die Quittung ist bezahlt.")).toMatchObject({ kind: "charge", amount_minor: 5420 });
    // A TAN of its own after them is a code: the notice is no payment.
    expect(receipt("Deine TAN für die Freigabe: 482913")?.kind).toBe("other");
  });

  it("is wired before the English reader", () => {
    const event = extractEvent(
      notice({
        senderName: "Spotify",
        subject: "Votre reçu Spotify",
        text: "Merci pour votre achat !\nNuméro de commande : Q1W2E3R4T5\nDate : 02/05/2025\nTotal 11,12 €\nVotre prochain paiement aura lieu le 02/06/2025.",
      }),
    );
    expect(event).toMatchObject({ kind: "charge", amount_minor: 1112, merchant: "Spotify", reference: "Q1W2E3R4T5" });
  });
});
