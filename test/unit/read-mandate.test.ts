// Bank mandates: UPI AutoPay / e-mandate pre-debit notices and SEPA direct-debit pre-notifications (an upcoming
// debit → renewal_notice with the debit date), a mandate revoked, cancelled or paused (→ cancellation) and a mandate
// set up (→ signup). Every notice here is invented: other banks' and creditors' wording, not the fixtures'.
import { describe, expect, it } from "vitest";
import { extractEvent } from "../../workers/read/index";
import { readMandate } from "../../workers/read/mandate";
import type { Notice } from "../../workers/read/types";

const SENT = Date.parse("2026-03-10T07:15:00Z");

function sms(text: string, sender = "VM-HDFCBK"): Notice {
  return { text, sender, receivedAt: SENT, source: "sms" };
}

function mail(subject: string, text: string, senderName: string, sender = "billing@example.com"): Notice {
  return { subject, text, sender, senderName, sentAt: SENT, receivedAt: SENT + 30_000, source: "email" };
}

const read = (notice: Notice) => {
  const { provenance: _, occurred_at, ...event } = extractEvent(notice);
  return { ...event, occurred_on: occurred_at.slice(0, 10) };
};

/** A debit to come: the debit's date as renews_at, the notice's own day as occurred_on, from a bank account. */
function expectUpcoming(notice: Notice, fields: Record<string, unknown>) {
  expect(read(notice)).toMatchObject({
    kind: "renewal_notice",
    channel: "bank_card",
    reference: null,
    merchant_legal: null,
    occurred_on: "2026-03-10",
    ...fields,
  });
}

describe("pre-debit notices under a mandate", () => {
  it.each([
    [
      "an HDFC-style UPI AutoPay pre-debit SMS",
      sms(
        "Reminder: Your UPI AutoPay of INR 649.00 for Spotify India will be debited from HDFC Bank A/c **4471 on 12/03/2026. UMN: 4f2a9c. To revoke, visit your UPI app",
      ),
      {
        amount_minor: 64900,
        currency: "INR",
        merchant: "Spotify India",
        card_tail: "4471",
        renews_at: "2026-03-12",
      },
    ],
    [
      "an SBI-style e-mandate pre-debit SMS naming the payee 'towards'",
      sms(
        "Dear Customer, Rs 1,499 will be debited on 14-Mar-2026 towards YouTube Premium via e-mandate from your a/c XXXXXX0913 -SBI",
        "BZ-SBIINB",
      ),
      {
        amount_minor: 149900,
        currency: "INR",
        merchant: "YouTube Premium",
        card_tail: "0913",
        renews_at: "2026-03-14",
      },
    ],
    [
      "a UPI pre-debit notification with the payee before the date, two-digit year",
      sms(
        "Pre-debit alert: ₹299.00 towards Amazon Prime for your UPI mandate will be debited from Kotak A/c x2208 on 13-Mar-26.",
        "JD-KOTAKB",
      ),
      {
        amount_minor: 29900,
        currency: "INR",
        merchant: "Amazon Prime",
        card_tail: "2208",
        renews_at: "2026-03-13",
      },
    ],
  ])("%s", (_, notice, fields) => expectUpcoming(notice, fields));
});

describe("SEPA direct-debit pre-notifications", () => {
  it.each([
    [
      "a German Vorabinformation with rows, the creditor a company",
      mail(
        "Vorabinformation zu Ihrer SEPA-Lastschrift",
        "Guten Tag,\nwir buchen den folgenden Betrag per SEPA-Lastschrift von Ihrem Konto ab.\nRechnungsnr.: 2026-03-55120\nLastschriftbetrag: 39,90 €\nAbbuchungsdatum: 17.03.2026\nIBAN: DE89 •••• •••• •••• 3802\nMandatsreferenz: MX-77120-A\nGläubiger: FitZone Studios GmbH, Hauptstraße 1, 10115 Berlin\nBei Rücklastschriften fallen Gebühren von 9,00 € an.",
        "FitZone",
      ),
      {
        amount_minor: 3990,
        currency: "EUR",
        merchant: "FitZone",
        merchant_legal: "FitZone Studios GmbH",
        reference: "2026-03-55120",
        card_tail: "3802",
        renews_at: "2026-03-17",
      },
    ],
    [
      "a French pré-notification in a sentence",
      mail(
        "Pré-notification de prélèvement SEPA",
        "Bonjour,\nConformément à votre mandat de prélèvement SEPA, un montant de 24,99 € sera prélevé le 15/03/2026 sur votre compte se terminant par 6610.\nNuméro de facture : F-2026-031944\nRéférence unique de mandat : ++RUM998812\nCréancier : Canal Vision",
        "Canal Vision",
      ),
      {
        amount_minor: 2499,
        currency: "EUR",
        merchant: "Canal Vision",
        reference: "F-2026-031944",
        card_tail: "6610",
        renews_at: "2026-03-15",
      },
    ],
    [
      "a Spanish prenotificación with labelled rows",
      mail(
        "Prenotificación de adeudo SEPA",
        "Hola,\nTe informamos del próximo adeudo de tu cuota.\nImporte: 19,90 €\nFecha de cargo: 20/03/2026\nCuenta: ES** **** **** **** **** 4412\nReferencia del mandato: GYM-ES-88213\nNúmero de factura: FA26-00871\nAcreedor: Gimnasios Ola S.L.",
        "Gimnasios Ola",
      ),
      {
        amount_minor: 1990,
        currency: "EUR",
        merchant: "Gimnasios Ola",
        merchant_legal: "Gimnasios Ola S.L.",
        reference: "FA26-00871",
        card_tail: "4412",
        renews_at: "2026-03-20",
      },
    ],
    [
      "an Italian preavviso di addebito",
      mail(
        "Preavviso di addebito SDD",
        "Gentile cliente,\nti informiamo che l'importo di 29,00 € verrà addebitato sul tuo conto IBAN che termina con 0077 il 18/03/2026.\nNumero fattura: 2026/IT/4410\nCreditore: Palestra Vivo",
        "Palestra Vivo",
      ),
      {
        amount_minor: 2900,
        currency: "EUR",
        merchant: "Palestra Vivo",
        reference: "2026/IT/4410",
        card_tail: "0077",
        renews_at: "2026-03-18",
      },
    ],
    [
      "a Dutch vooraankondiging incasso",
      mail(
        "Vooraankondiging incasso",
        "Beste klant,\nOp 16-03-2026 schrijven we € 12,50 af van je rekening eindigend op 3391.\nFactuurnummer: NL-260316-18\nIncassant: Sportcity",
        "Sportcity",
      ),
      {
        amount_minor: 1250,
        currency: "EUR",
        merchant: "Sportcity",
        reference: "NL-260316-18",
        card_tail: "3391",
        renews_at: "2026-03-16",
      },
    ],
    [
      "an English advance notice of direct debit",
      mail(
        "Advance notice of your Direct Debit",
        "Hi Sam,\nThis is your advance notice: your next Direct Debit of £15.00 will be collected on or just after 19 March 2026 from your account ending 5521.\nInvoice number: INV-30912\nService user number: 123456",
        "PureLift Gyms",
      ),
      {
        amount_minor: 1500,
        currency: "GBP",
        merchant: "PureLift Gyms",
        reference: "INV-30912",
        card_tail: "5521",
        renews_at: "2026-03-19",
      },
    ],
  ])("%s", (_, notice, fields) => expectUpcoming(notice, fields));
});

describe("mandates revoked, paused or set up", () => {
  it.each([
    [
      "a UPI AutoPay mandate cancelled by the customer",
      sms(
        "Your UPI AutoPay mandate for Netflix Entertainment on HDFC Bank A/c XX4471 has been cancelled successfully as requested. -HDFC Bank",
      ),
      "cancellation",
      { merchant: "Netflix Entertainment", card_tail: "4471", amount_minor: null },
    ],
    [
      "a UPI mandate paused",
      sms("UPI-Mandate towards Disney Hotstar from A/c x9031 is paused till 30-Apr-26. -Kotak Bank", "AX-KOTAKB"),
      "cancellation",
      { merchant: "Disney Hotstar", card_tail: "9031", amount_minor: null },
    ],
    [
      "a SEPA mandate revoked (German)",
      mail(
        "Ihr SEPA-Lastschriftmandat wurde widerrufen",
        "Hallo,\nIhr SEPA-Lastschriftmandat (Mandatsreferenz KL-22981) für Ihr Konto endend auf 4410 wurde widerrufen. Es werden keine weiteren Lastschriften eingezogen.",
        "Klangwerk Musik",
      ),
      "cancellation",
      { merchant: "Klangwerk Musik", card_tail: "4410", amount_minor: null },
    ],
    [
      "a UPI AutoPay mandate created, with its amount",
      sms(
        "UPI AutoPay mandate created successfully for Rs.149.00 towards SonyLIV from A/c XX7312 (monthly). -Federal Bank",
        "VK-FEDBNK",
      ),
      "signup",
      { merchant: "SonyLIV", card_tail: "7312", amount_minor: 14900, currency: "INR" },
    ],
  ])("%s", (_, notice, kind, fields) => {
    expect(read(notice)).toMatchObject({ kind, channel: "bank_card", renews_at: null, ...fields });
  });
});

describe("what is not a mandate notice", () => {
  it.each([
    [
      "a UPI AutoPay debit already made (a charge for the card or bank readers)",
      sms("Rs.199.00 debited from A/c XX7706 on 02-Mar-26 towards NETFLIX for UPI AutoPay mandate. -Axis Bank"),
    ],
    [
      "a SEPA debit already booked",
      sms("Kontoumsatz: -19,99 € SEPA-Lastschrift an Musikdienst GmbH, Mandatsreferenz M-1", "de.example.bank"),
    ],
    [
      "a card renewal reminder with no mandate",
      mail("Your plan renews soon", "Your card will be charged $9.99 on March 20.", "Acme"),
    ],
    [
      "a subscription welcome paid by SEPA debit, its next debit in a row",
      mail(
        "Bienvenue chez Ciné Club",
        "Nous vous confirmons votre abonnement.\nPrix\t14,99 €/mois\nMode de paiement\tprélèvement SEPA\nProchain prélèvement\tle 10/04/2026\nLe montant sera prélevé sur votre compte chaque mois.",
        "Ciné Club",
      ),
    ],
    [
      "a cancellation whose footer says the mail is mandatory",
      mail(
        "Your membership has been cancelled",
        "We've cancelled your StreamBox membership. You won't be charged again.\nYou received this mandatory service email.",
        "StreamBox",
      ),
    ],
  ])("%s", (_, notice) => {
    expect(readMandate(notice)).toBeNull();
  });

  it("a pre-debit notice never reads as money taken", () => {
    const event = read(
      sms(
        "Pre-debit notification: Rs.99.00 will be debited from your A/c XX1001 on 15-Mar-26 towards JioSaavn for UPI AutoPay mandate.",
      ),
    );
    expect(event.kind).toBe("renewal_notice");
  });
});
