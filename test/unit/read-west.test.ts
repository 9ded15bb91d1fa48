// Publishers' and apps' own subscription mail in English, German, French, Spanish and Italian (not a bank's):
// introductory rates ending, trials and signups with an introductory price, cancellations, receipts that mention
// the next period, plans named after their brand. Every notice here is invented.
import { describe, expect, it } from "vitest";
import { extractEvent } from "../../workers/read/index";
import type { Notice } from "../../workers/read/types";

const at = (iso: string) => Date.parse(iso);

function mail(fields: Partial<Notice> & { text: string }): Notice {
  return { receivedAt: at("2025-06-01T09:00:00Z"), sentAt: at("2025-06-01T08:59:00Z"), source: "email", ...fields };
}

describe("an introductory or promotional rate ending", () => {
  it.each([
    [
      "the rate after the first bill on or after a date",
      {
        senderName: "The Harbor Ledger",
        subject: "An update on your Harbor Ledger subscription rate",
        text: "Thank you for subscribing to The Harbor Ledger.\nYour introductory rate is ending. Beginning with your first bill on or after July 2, 2025, your subscription rate will be $17.00 every month.\nYour current rate: $4.00 every month\nYour new rate: $17.00 every month",
      },
      { amount_minor: 1700, currency: "USD", merchant: "The Harbor Ledger", renews_at: "2025-07-02" },
    ],
    [
      "a labelled new rate under a promotion that expires on a date",
      {
        senderName: "Northbridge Courier",
        subject: "About your digital access",
        text: "Thanks for reading with us.\nYour promotional price expires on 3 July 2025. After that date:\nCurrent rate: £1.00 per month\nNew rate: £6.99 per month\nYou don't need to do anything to keep reading.",
      },
      { amount_minor: 699, currency: "GBP", merchant: "Northbridge Courier", renews_at: "2025-07-03" },
    ],
    [
      "a price 'instead of' the intro price from the next billing date",
      {
        senderName: "Podstream",
        subject: "Important information about your plan",
        text: "Your intro offer is coming to an end. From your next billing date, August 1, 2025, you will pay €12.00/month instead of €3.00/month.",
      },
      { amount_minor: 1200, currency: "EUR", merchant: "Podstream", renews_at: "2025-08-01" },
    ],
  ])("reads %s as a renewal notice with the new price", (_name, fields, expected) => {
    const event = extractEvent(mail(fields));
    expect(event).toMatchObject({ kind: "renewal_notice", ...expected });
  });

  it("leaves a welcome that only says what happens after the intro price a signup", () => {
    const event = extractEvent(
      mail({
        senderName: "Fitly",
        subject: "Thanks for subscribing to Fitly",
        text: "Thanks for subscribing! After your introductory price ends, you'll pay $9.99 per month. Next billing date: July 1, 2025.",
      }),
    );
    expect(event).toMatchObject({ kind: "signup", merchant: "Fitly", renews_at: "2025-07-01" });
  });
});

describe("signups and trials: the payee is the publication, the price the one the plan converts to", () => {
  it.each([
    [
      "a trial of a plan with a descriptive name",
      {
        senderName: "The Evening Post",
        subject: "Welcome to Unlimited reading – your free trial has started",
        text: "Thank you for subscribing, Sam\nWelcome to Unlimited reading. Your 30-day free trial has started.\nPlan: Unlimited reading, monthly\nFree trial ends: 1 July 2025\nThen: £9/month\nPayment method: Visa ending 1234",
      },
      { amount_minor: 900, currency: "GBP", merchant: "The Evening Post", renews_at: "2025-07-01", card_tail: "1234" },
    ],
    [
      "a plan labelled with the brand and a tier",
      {
        senderName: "Breathly",
        subject: "Welcome to Breathly Premium",
        text: "Welcome to Breathly Premium, Jo!\nYour annual subscription is now active.\nPlan:\tBreathly Premium – Annual\nRenewal price:\t£29.99/year\nNext billing date:\t12 September 2025\nPayment method:\tVisa •••• 5208",
      },
      { amount_minor: 2999, currency: "GBP", merchant: "Breathly", renews_at: "2025-09-12" },
    ],
    [
      "a signup whose plan line says 'Your plan'",
      {
        senderName: "Lingo Lane",
        subject: "You're subscribed!",
        text: "You're now a premium member.\nYour plan: Lingo Lane Super (yearly)\nPrice: $59.99/year\nRenews on June 1, 2026",
      },
      { amount_minor: 5999, currency: "USD", merchant: "Lingo Lane", renews_at: "2026-06-01" },
    ],
  ])("reads %s", (_name, fields, expected) => {
    const event = extractEvent(mail(fields));
    expect(event).toMatchObject({ kind: "signup", ...expected });
  });

  it("never takes a piece of the subject's sentence for the merchant", () => {
    const event = extractEvent(
      mail({
        senderName: "Riverside Times",
        subject: "Welcome to Weekend edition – your trial has begun",
        text: "Thanks for subscribing. Your trial has begun.\nTrial ends: 15 June 2025\nThen: $5.00/month",
      }),
    );
    expect(event.kind).toBe("signup");
    expect(event.merchant).not.toMatch(/welcome|your/i);
  });

  it("keeps a product a store sells under its own name (the plan shares the brand's word only)", () => {
    const event = extractEvent(
      mail({
        senderName: "ShopMart.co.uk",
        subject: "Welcome to ShopMart Prime",
        text: "Welcome to ShopMart Prime. Your free trial has started.\nPlan: ShopMart Prime (monthly)\nAfter your trial: £8.99/month\nTrial ends: 1 July 2025",
      }),
    );
    expect(event).toMatchObject({ kind: "signup", merchant: "ShopMart Prime" });
  });
});

describe("signups with an introductory price: the price the plan goes on at", () => {
  it.each([
    [
      "a French offer line, 'puis' the monthly price",
      {
        senderName: "Le Quotidien",
        subject: "Bienvenue : votre abonnement est activé",
        text: "Bienvenue !\nVotre abonnement est activé.\nOffre\tNumérique – 1 € le premier mois, puis 9,99 €/mois\nMontant prélevé aujourd’hui\t1,00 €\nProchain prélèvement\t21/07/2025 – 9,99 €\nVotre contrat est conclu avec la Société éditrice du Quotidien, SA au capital de 1.000.000 €, 10 rue de Paris.",
      },
      { amount_minor: 999, currency: "EUR", renews_at: "2025-07-21", merchant_legal: "Société éditrice du Quotidien" },
    ],
    [
      "a German welcome, 'danach' the monthly price",
      {
        senderName: "Lesezeit",
        subject: "Willkommen bei Lesezeit",
        text: "Vielen Dank, Ihr Abo wurde aktiviert.\nDer erste Monat kostet 0,99 €, danach 7,99 € pro Monat.\nNächste Zahlung am 01.07.2025.",
      },
      { amount_minor: 799, currency: "EUR", renews_at: "2025-07-01" },
    ],
    [
      "an English welcome, 'then' the monthly price",
      {
        senderName: "Podstream",
        subject: "Welcome to Podstream Plus",
        text: "Thanks for subscribing! You pay $1.00 for your first month, then $9.99/month.\nNext billing date: July 1, 2025",
      },
      { amount_minor: 999, currency: "USD", renews_at: "2025-07-01" },
    ],
  ])("reads %s", (_name, fields, expected) => {
    const event = extractEvent(mail(fields));
    expect(event).toMatchObject({ kind: "signup", ...expected });
  });

  it("keeps a signup's only price when nothing comes after it", () => {
    const event = extractEvent(
      mail({
        senderName: "Lesezeit",
        subject: "Willkommen bei Lesezeit",
        text: "Vielen Dank, Ihr Abo wurde aktiviert.\nPreis: 7,99 € pro Monat. Danach können Sie jederzeit kündigen.",
      }),
    );
    expect(event).toMatchObject({ kind: "signup", amount_minor: 799 });
  });
});

describe("receipts that name their plan", () => {
  it("keeps the plan as the receipt's line item names it", () => {
    const event = extractEvent(
      mail({
        senderName: "Contoso",
        subject: "Your Contoso Office Family subscription has been renewed",
        text: "Thank you for continuing your Contoso Office Family subscription. We've charged your payment method for another year.\nOrder number: 5512883\nContoso Office Family (1 year) S$99.00\nGST (9%) included S$8.17\nTotal charged S$99.00\nPayment method: Visa **1177",
      }),
    );
    expect(event).toMatchObject({
      kind: "charge",
      amount_minor: 9900,
      currency: "SGD",
      merchant: "Contoso Office Family",
    });
  });

  it("drops the tier of a plan named only in the subject and a label", () => {
    const event = extractEvent(
      mail({
        senderName: "Sketchpad",
        subject: "Your refund for Sketchpad Pro",
        text: "We've processed your refund\nAs requested, we've refunded your Sketchpad Pro (yearly) subscription.\nRefund amount\tA$120.00\nRefunded to\tVisa ending in 7731\nOriginal invoice\tInvoice #04512-11111\nProduct\tSketchpad Pro (yearly)",
      }),
    );
    expect(event).toMatchObject({ kind: "refund", amount_minor: 12000, currency: "AUD", merchant: "Sketchpad" });
  });

  it("drops the tier of a plan a price change names without a line item", () => {
    const event = extractEvent(
      mail({
        senderName: "Contoso",
        subject: "Changes to your Contoso Office Personal subscription",
        text: "We're writing about a price change to your Contoso Office Personal subscription. Your new price: $99.99/year, from your renewal on July 1, 2025.",
      }),
    );
    expect(event).toMatchObject({ kind: "renewal_notice", amount_minor: 9999, merchant: "Contoso Office" });
  });
});

describe("receipts that also speak of the next period stay charges", () => {
  it.each([
    [
      "a membership payment with a VAT line and the next billing date",
      {
        senderName: "Listenly",
        subject: "Your Listenly membership payment",
        text: "Thank you for your Listenly Gold membership payment.\nOrder number: L01-5512-7781\nOrder date: 14 May 2025\nListenly Gold Monthly £7.99\nVAT included £1.33\nOrder total £7.99\nPaid by: Visa ending in 0457\nYour next billing date is 14 June 2025.",
      },
      { amount_minor: 799, currency: "GBP", renews_at: "2025-06-14", card_tail: "0457", reference: "L01-5512-7781" },
    ],
    [
      "thanks for a monthly payment, with the plan's renewal",
      {
        senderName: "StreamBox",
        subject: "StreamBox: monthly payment",
        text: "Thank you for your monthly payment for StreamBox.\nAmount: $12.99 (incl. $1.08 tax)\nYour plan renews on July 3, 2025.",
      },
      { amount_minor: 1299, currency: "USD", renews_at: "2025-07-03" },
    ],
    [
      "an order total paid by card, with the next payment",
      {
        senderName: "Gymly",
        subject: "Your Gymly membership",
        text: "Membership: Gymly Anytime\nOrder total: $29.00\nPaid with: Mastercard ending 4444\nNext payment: July 1, 2025",
      },
      { amount_minor: 2900, currency: "USD", renews_at: "2025-07-01", card_tail: "4444" },
    ],
  ])("reads %s as a charge", (_name, fields, expected) => {
    const event = extractEvent(mail(fields));
    expect(event).toMatchObject({ kind: "charge", ...expected });
  });

  it("leaves a reminder with a VAT-inclusive price a renewal notice", () => {
    const event = extractEvent(
      mail({
        senderName: "Listenly",
        subject: "Your membership renews soon",
        text: "Your Listenly Gold membership will renew on 14 June 2025.\nAmount: £7.99 (VAT included)",
      }),
    );
    expect(event).toMatchObject({ kind: "renewal_notice", amount_minor: 799, renews_at: "2025-06-14" });
  });
});

describe("cancellations carry no amount", () => {
  it.each([
    [
      "a Spanish 'baja' with a win-back price and an access-until date",
      {
        senderName: "EL DIARIO",
        subject: "Confirmación de la baja de tu suscripción",
        text: "Hola:\nTe confirmamos que hemos tramitado la baja de tu suscripción a EL DIARIO. No se realizarán más cargos.\nPodrás seguir leyendo hasta el 30 de junio de 2025.\nSi cambias de opinión, te mantenemos el precio de 8 €/mes durante 30 días.",
      },
    ],
    [
      "an English cancellation that offers a comeback price",
      {
        senderName: "Podstream",
        subject: "Your subscription has been cancelled",
        text: "Your subscription has been cancelled. You'll keep access until June 30, 2025.\nChanged your mind? Come back any time for just $4.99/month.",
      },
    ],
    [
      "a German Kündigung that names the old monthly fee",
      {
        senderName: "Lesezeit",
        subject: "Ihre Kündigung wurde bestätigt",
        text: "Hallo,\nIhre Kündigung ist bei uns eingegangen. Ihr Abo für 9,99 € im Monat endet am 30.06.2025. Bis dahin können Sie alle Artikel lesen.",
      },
    ],
    [
      "an Italian disdetta with a discount to come back",
      {
        senderName: "Il Quotidiano",
        subject: "Disdetta confermata",
        text: "Gentile lettore,\nla disdetta del tuo abbonamento è confermata. Potrai leggere fino al 30/06/2025. Torna con noi a 4,99 € al mese.",
      },
    ],
  ])("reads %s as a cancellation without amount or renewal", (_name, fields) => {
    const event = extractEvent(mail(fields));
    expect(event).toMatchObject({
      kind: "cancellation",
      amount_minor: null,
      currency: null,
      renews_at: null,
      merchant: fields.senderName,
    });
  });

  it("still reads the amount of a refund for a cancelled order", () => {
    const event = extractEvent(
      mail({
        senderName: "Podstream",
        subject: "Your refund",
        text: "Your subscription was cancelled and we've issued you a full refund of $12.00 to your Visa ending in 1111.",
      }),
    );
    expect(event).toMatchObject({ kind: "refund", amount_minor: 1200 });
  });
});

describe("the publication or service a receipt is for, not its plan or store line", () => {
  it.each([
    [
      "the article of the sender's name kept",
      {
        senderName: "The Boston Herald",
        subject: "Your Boston Herald receipt",
        text: "Thank you for your payment.\nOrder number\tBH-55102\nTotal charged\t$9.54\nPayment method\tVisa ending in 3321",
      },
      { kind: "charge", merchant: "The Boston Herald" },
    ],
    [
      "the publication subscribed to over the plan's short name",
      {
        senderName: "Reader Services",
        subject: "Payment successful for your HK Premium-Web subscription",
        text: "We have received your payment of $18.00 for your HK Premium-Web subscription.\nNext billing date: 1 July 2025\nThank you for subscribing to The Harbour Chronicle.",
      },
      { kind: "charge", merchant: "The Harbour Chronicle" },
    ],
    [
      "a store's sender name read as its brand, a card brand as credit, the invoice as reference",
      {
        senderName: "Pixelforge Store",
        sender: "noreply@pixelforge.example",
        subject: "Thank you for your Pixelforge purchase!",
        text: "Hello lumen_fox,\nThank you for your recent transaction on Pixelforge.\nAccount name: lumen_fox\nInvoice: 7731904420\nPayment method: Mastercard\nStarfall Tactics $24.99\nTotal: $24.99",
      },
      { kind: "charge", merchant: "Pixelforge", reference: "7731904420", channel: "credit_card" },
    ],
    [
      "a German subscription compound in the subject as its service",
      {
        senderName: "Leserservice",
        subject: "Zahlungsbestätigung für Ihr Tagblatt-Abo",
        text: "Guten Tag\nVielen Dank, Ihre Zahlung ist bei uns eingegangen.\nRechnungsnummer\t88120455\nTotal\tCHF 18.00\nNächste Zahlung\t02.07.2025",
      },
      { kind: "charge", merchant: "Tagblatt" },
    ],
  ])("reads %s", (_name, fields, expected) => {
    expect(extractEvent(mail(fields))).toMatchObject(expected);
  });
});
