// Bank and card alerts in English, German, French, Spanish and Italian (a card transaction alert, a merchant
// credit, a debit-card purchase SMS, a banking-app push) → charges and refunds; card checks and holds → "other".
// Every notice here is invented: other banks' wording of the same alerts, not the fixtures'.
import { describe, expect, it } from "vitest";
import { readCardAlert } from "../../workers/read/card-alert";
import { extractEvent } from "../../workers/read/index";
import type { Notice } from "../../workers/read/types";

const SENT = Date.parse("2026-03-14T18:02:31Z");

function mail(subject: string, text: string, senderName = "Northwind Bank"): Notice {
  return {
    subject,
    text,
    sender: "alerts@notify.northwind.example",
    senderName,
    sentAt: SENT,
    receivedAt: SENT + 60_000,
    source: "email",
  };
}

function sms(text: string, sender = "36017"): Notice {
  return { text, sender, receivedAt: SENT, source: "sms" };
}

describe("card alerts", () => {
  it.each([
    [
      "an English alert with labels",
      mail(
        "Transaction alert for your card",
        "A purchase was made on your Visa Signature card ending in 3301.\nMerchant name: Crunchyroll\nAmount: $7.99\nTransaction date: 03/14/2026",
      ),
      { kind: "charge", amount_minor: 799, currency: "USD", merchant: "Crunchyroll", card_tail: "3301" },
      "credit_card",
    ],
    [
      "an English merchant credit",
      mail(
        "You received a merchant credit",
        "Good news: a merchant credit of $12.00 from Audible was posted to your credit card ending 8842.\nIt may take 2 days to show in your available credit of $3,100.00.",
      ),
      { kind: "refund", amount_minor: 1200, currency: "USD", merchant: "Audible", card_tail: "8842" },
      "credit_card",
    ],
    [
      "a refund to a card named by a credit-card brand",
      sms("Refund received: £6.40 from Cinemagic has been credited to your Barclaycard ending 7001."),
      { kind: "refund", amount_minor: 640, currency: "GBP", merchant: "Cinemagic", card_tail: "7001" },
      "credit_card",
    ],
    [
      "an English sentence alert",
      mail("Card activity", "You made a $15.49 purchase at Max Streaming with your debit card ••3920 today."),
      { kind: "charge", amount_minor: 1549, currency: "USD", merchant: "Max Streaming", card_tail: "3920" },
      "bank_card",
    ],
    [
      "a German alert with labels",
      mail(
        "Neue Kartenzahlung",
        "Hallo,\nmit deiner Debitkarte wurde bezahlt.\nHändler: RTL Plus\nBetrag: 12,99 EUR\nKarte: ****2231",
        "Volksbank Nord",
      ),
      { kind: "charge", amount_minor: 1299, currency: "EUR", merchant: "RTL Plus", card_tail: "2231" },
      "bank_card",
    ],
    [
      "a French card SMS",
      sms("CIC : achat CB de 13,49 EUR chez NETFLIX.COM le 12/03 avec la carte ****8812. Solde : 2 410,00 EUR"),
      { kind: "charge", amount_minor: 1349, currency: "EUR", merchant: "NETFLIX.COM", card_tail: "8812" },
      "bank_card",
    ],
    [
      "a Spanish alert with labels",
      mail(
        "Aviso de compra con tarjeta",
        "Se ha realizado un cargo en tu tarjeta de crédito que termina en 5016.\nComercio\tFILMIN\nImporte\t7,99 €\nFecha\t13/03/2026",
        "Banco Ejemplo",
      ),
      { kind: "charge", amount_minor: 799, currency: "EUR", merchant: "FILMIN", card_tail: "5016" },
      "credit_card",
    ],
    [
      "an Italian card SMS",
      sms("Pagamento con carta di credito ****4455 di 17,99 EUR presso DAZN il 13/03 ore 21:10."),
      { kind: "charge", amount_minor: 1799, currency: "EUR", merchant: "DAZN", card_tail: "4455" },
      "credit_card",
    ],
    [
      "a German banking-app push naming the payee",
      sms(
        "Meine Bank\nNeuer Umsatz auf Konto ****7781\nLastschrift -9,99 EUR\nZahlungsempfänger: Spotify AB",
        "de.example.bank",
      ),
      { kind: "charge", amount_minor: 999, currency: "EUR", merchant: "Spotify AB", card_tail: "7781" },
      "bank_card",
    ],
    [
      "a Spanish SMS paying 'a favor de' the payee",
      sms("Pago de 9,99 € a favor de NETFLIX con tu tarjeta *4471. Si no lo reconoces, llámanos."),
      { kind: "charge", amount_minor: 999, currency: "EUR", merchant: "NETFLIX", card_tail: "4471" },
      "bank_card",
    ],
    [
      "an Italian debit 'a favore di' the payee",
      sms("Addebito di 12,99 EUR a favore di TIDAL sul conto ****2208 con carta di debito."),
      { kind: "charge", amount_minor: 1299, currency: "EUR", merchant: "TIDAL", card_tail: "2208" },
      "bank_card",
    ],
    [
      "an English SMS with a one-star card number",
      sms("Acme CU: A $12.34 card transaction at MAX.COM on card *5521 was approved."),
      { kind: "charge", amount_minor: 1234, currency: "USD", merchant: "MAX.COM", card_tail: "5521" },
      "bank_card",
    ],
    [
      "a German push naming the payee before the amount",
      sms("Kartenzahlung bei Netflix: -9,99 €", "com.example.bank"),
      { kind: "charge", amount_minor: 999, currency: "EUR", merchant: "Netflix", card_tail: null },
      "bank_card",
    ],
    [
      "an English alert naming the payee before the amount",
      mail("Card activity", "Purchase at Max Streaming for $9.99 on your debit card ending 4410."),
      { kind: "charge", amount_minor: 999, currency: "USD", merchant: "Max Streaming", card_tail: "4410" },
      "bank_card",
    ],
    [
      "a Spanish SMS naming the payee before the amount",
      sms("Compra en FILMIN por 7,99 € con tu tarjeta de crédito ****5016."),
      { kind: "charge", amount_minor: 799, currency: "EUR", merchant: "FILMIN", card_tail: "5016" },
      "credit_card",
    ],
    [
      "a French alert whose verb stands between the amount and the payee",
      mail(
        "Nouvelle opération sur votre compte",
        "Un paiement par carte de 45,00 € a été effectué chez CARREFOUR le 12/03 avec votre carte ****2211.",
        "Banque Exemple",
      ),
      { kind: "charge", amount_minor: 4500, currency: "EUR", merchant: "CARREFOUR", card_tail: "2211" },
      "bank_card",
    ],
    // Worded otherwise: the card phrase between the amount and its preposition, the payee right after the amount
    // with no preposition, a cue word two languages share, Dutch and Portuguese, an account named by its balance.
    [
      "an Italian purchase with the card between amount and payee",
      sms("Banca Alpina: addebito di 8,49 EUR con la carta di debito *7781 presso STREAMCO il 04/03 alle 10:12."),
      { kind: "charge", amount_minor: 849, currency: "EUR", merchant: "STREAMCO", card_tail: "7781" },
      "bank_card",
    ],
    [
      "an English spend with the card before 'at'",
      sms("Spent USD 12.00 on Northwind Credit Card xx5521 at CLOUDNOTES INC on 2026-03-14. Not you? Call us."),
      { kind: "charge", amount_minor: 1200, currency: "USD", merchant: "CLOUDNOTES INC", card_tail: "5521" },
      "credit_card",
    ],
    [
      "a French direct debit naming its payee right after the amount",
      sms("BK : Prélèvement de 15,00 EUR FITCLUB PARIS sur votre compte ***4410 le 03/03. Solde : 210,00 EUR."),
      { kind: "charge", amount_minor: 1500, currency: "EUR", merchant: "FITCLUB PARIS", card_tail: "4410" },
      "bank_card",
    ],
    [
      "a French card refund with a colon before the payee",
      sms("Remboursement carte de 4,50 € : LIBRAIRIE NUAGE. Compte ****1290."),
      { kind: "refund", amount_minor: 450, currency: "EUR", merchant: "LIBRAIRIE NUAGE", card_tail: "1290" },
      "bank_card",
    ],
    [
      "an Italian reversal whose cue word German shares",
      sms("Storno di 19,90 € da PODWAVE sulla tua carta di credito ****6624", "com.example.bancait"),
      { kind: "refund", amount_minor: 1990, currency: "EUR", merchant: "PODWAVE", card_tail: "6624" },
      "credit_card",
    ],
    [
      "a Portuguese credit-card purchase",
      sms("Banco Atlântico: Compra de 7,99 EUR em MUSICBOX.PT com o cartao de credito ****3302 em 12-03 21:10."),
      { kind: "charge", amount_minor: 799, currency: "EUR", merchant: "MUSICBOX.PT", card_tail: "3302" },
      "credit_card",
    ],
    [
      "a German direct debit push naming only the new balance",
      sms("Umsatz: -9,99 € Lastschrift an Lernwelt GmbH\nNeuer Kontostand: 2.310,05 €", "de.example.bank"),
      { kind: "charge", amount_minor: 999, currency: "EUR", merchant: "Lernwelt GmbH", card_tail: null },
      "bank_card",
    ],
    [
      "a German credit from a company with its purpose line",
      sms("Gutschrift: +14,99 € von Yogafluss GmbH\nVerwendungszweck: Erstattung Jahresabo", "de.example.bank"),
      { kind: "refund", amount_minor: 1499, currency: "EUR", merchant: "Yogafluss GmbH", card_tail: null },
      "bank_card",
    ],
  ])("reads %s", (_name, notice, fields, channel) => {
    expect(extractEvent(notice)).toMatchObject({ ...fields, channel, reference: null, renews_at: null });
  });

  it("reads a reference the alert labels", () => {
    const event = extractEvent(
      mail(
        "You spent $4.99 at Paramount+",
        "You spent\n$4.99\nat Paramount+\nCard\tDebit ···· 1208\nReference\t#K7WQ2M9",
      ),
    );
    expect(event).toMatchObject({ kind: "charge", merchant: "Paramount+", reference: "K7WQ2M9", card_tail: "1208" });
  });
});

describe("card checks and holds", () => {
  it.each([
    sms(
      "Meine Bank\nAutorisierung über 1,00 € bei Apple Services auf deiner Karte ****4410. Der Betrag wird freigegeben.",
    ),
    sms("Vormerkung: 50,00 EUR bei Hotel Seeblick, Karte ****4410"),
    sms("Pré-autorisation de 50,00 € chez UBER sur votre carte ****1122."),
    sms("Retenue temporaire de 1,00 € par SPOTIFY sur votre carte ****1122, elle sera libérée."),
    sms("Autorización de 1,00 € en NETFLIX con tu tarjeta ****3390. No se ha realizado ningún cargo."),
    sms("Preautorizzazione di 1,00 EUR presso Netflix sulla carta ****9001."),
    mail(
      "Card activity",
      "A $1.00 verification hold from Crave was placed on your card ending 9012. It will drop off in a few days.",
    ),
    sms("Pending authorization: $1.00 at Fubo on card ending 9012"),
    // One-time codes that name the payment they confirm.
    sms("Banca Alpina: il codice 551208 conferma il pagamento di 4,99 EUR presso STREAMCO con carta *1188."),
    sms("Tu código 771203 para autorizar la compra de 9,99 EUR en CLOUDNOTES con tu tarjeta *2210."),
    sms("Ihr Code 408812 bestätigt die Zahlung von 12,00 € bei Lernwelt mit Karte ***3391."),
  ])("calls %j 'other'", (notice) => {
    expect(extractEvent(notice)).toMatchObject({ kind: "other", amount_minor: null, merchant: null, card_tail: null });
  });
});

describe("what comes after the payee", () => {
  it.each([
    ["Paiement de 4,99 € chez Spotify validé avec ta carte.", "Spotify"],
    ["Card payment of £5.99 at Disney+ approved", "Disney+"],
    ["Zahlung von 8,99 € bei Netflix genehmigt", "Netflix"],
  ])("ends the payee of %j before its status word", (text, merchant) => {
    expect(extractEvent(sms(text, "com.example.wallet"))).toMatchObject({ kind: "charge", merchant });
  });
});

describe("what is no alert", () => {
  it.each([
    mail(
      "Thanks for your purchase",
      "Thank you for your purchase!\nOrder total: $19.99\nPaid with Visa ending 1234\nWe will email you when it ships.",
      "Gadget Store",
    ),
    mail("Payment received", "You made a payment of $50.00 to your credit card account ending 4410. Thank you."),
    mail(
      "Votre achat chez Exemple",
      "Merci pour votre achat de 29,99 € chez Exemple avec votre carte ****1234. Numéro de commande : 88120",
      "Exemple",
    ),
  ])("leaves %j to the other readers", (notice) => {
    expect(readCardAlert(notice)).toBeNull();
  });
});

describe("card-app pushes worded otherwise", () => {
  it.each([
    [
      "an English two-line push with 'to'",
      sms("£6.50 to Pixel Gym\nYour balance is now £312.08", "com.example.neobank"),
      { kind: "charge", amount_minor: 650, currency: "GBP", merchant: "Pixel Gym" },
    ],
    [
      "a Dutch push",
      sms("Je hebt €4,99 betaald aan Luisterboek", "com.example.nlbank"),
      { kind: "charge", amount_minor: 499, currency: "EUR", merchant: "Luisterboek" },
    ],
  ])("reads %s", (_name, notice, fields) => {
    expect(extractEvent(notice)).toMatchObject({ ...fields, channel: "bank_card", card_tail: null });
  });
});

describe("card alerts laid out as fields or naming the card first", () => {
  it.each([
    [
      "a comma-separated field SMS with a signed rand amount",
      sms(
        "Nedgroup: SAVE2093, Card purchase, 13/03/26 SHOWMAX AFRICA, R-189.00, Available R2,410.55. Query 0800111222",
      ),
      { kind: "charge", amount_minor: 18900, currency: "ZAR", merchant: "SHOWMAX AFRICA", card_tail: "2093" },
    ],
    [
      "a credit-card SMS that names the card before the payee",
      sms("INR 349.00 spent on your Axis Credit Card ending 7781 at ZEE5 on 14/03/26. Not you? Call 18604195555"),
      {
        kind: "charge",
        amount_minor: 34900,
        currency: "INR",
        merchant: "ZEE5",
        card_tail: "7781",
        channel: "credit_card",
      },
    ],
    [
      "a Polish authorisation SMS without diacritics",
      sms("Bank: Autoryzacja karty *4410 na kwote 45,00 PLN w EMPIK GO; 14-03-2026 10:05. Dost. 980,10 PLN"),
      { kind: "charge", amount_minor: 4500, currency: "PLN", merchant: "EMPIK GO", card_tail: "4410" },
    ],
    [
      "a Portuguese refund that names the merchant after 'de'",
      sms("Banco: Devolucao de 12,50 EUR de NOS COMUNICACOES no cartao de debito ...8801 em 12/03."),
      {
        kind: "refund",
        amount_minor: 1250,
        currency: "EUR",
        merchant: "NOS COMUNICACOES",
        card_tail: "8801",
        channel: "bank_card",
      },
    ],
    [
      "an Italian issuer's authorised purchase on its credit card",
      sms("Nexi: autorizzata operazione di 12,00 EUR presso TIMVISION con carta ***1203 il 14/03/2026 alle 09:30."),
      { kind: "charge", amount_minor: 1200, currency: "EUR", merchant: "TIMVISION", channel: "credit_card" },
    ],
  ])("reads %s", (_name, notice, fields) => {
    expect(extractEvent(notice)).toMatchObject(fields);
  });

  it("dates a payment by the day that opens the sentence, a year back across New Year", () => {
    const notice: Notice = {
      text: "Banque : le 31/12, paiement par carte *3321 de 5,99 EUR chez DEEZER. Solde au 01/01 : 310,00 EUR.",
      sender: "36017",
      receivedAt: Date.parse("2026-01-03T09:00:00Z"),
      source: "sms",
      timeZone: "Europe/Paris",
    };
    const event = extractEvent(notice);
    expect(event).toMatchObject({ kind: "charge", amount_minor: 599, merchant: "DEEZER" });
    expect(event.occurred_at.slice(0, 10)).toBe("2025-12-31");
  });
});
