// German, French, Spanish and Italian notices → normalized events.
import { describe, expect, it } from "vitest";
import { europeanDateIn, isContinentalEuropean, readGenericEuropean } from "../../workers/read/generic-eu";
import { extractEvent } from "../../workers/read/index";
import type { Notice } from "../../workers/read/types";

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

describe("European subscription notices", () => {
  it.each([
    [
      "a German price change written as new-instead-of-old",
      {
        senderName: "Netflix",
        subject: "Änderung deines Abo-Preises",
        text: "Hallo Anna,\nab deiner nächsten Zahlung am 12.04.2026 kostet dein Standard-Abo 13,99 € statt 12,99 € pro Monat.\nDein Netflix-Team",
      },
      { kind: "renewal_notice", amount_minor: 1399, merchant: "Netflix", renews_at: "2026-04-12" },
    ],
    [
      "a French price change that says what the price will become",
      {
        senderName: "Canal+",
        subject: "Évolution du prix de votre abonnement",
        text: "Bonjour,\nLe prix de votre abonnement passera de 25,99 €/mois à 27,99 €/mois à compter de votre prochaine échéance du 5 avril 2026.",
      },
      { kind: "renewal_notice", amount_minor: 2799, merchant: "Canal+", renews_at: "2026-04-05" },
    ],
    [
      "a German trial welcome: the first charge is the end of the trial",
      {
        senderName: "Storytel",
        subject: "Willkommen bei Storytel",
        text: "Willkommen bei Storytel!\nDein kostenloser Probemonat läuft bis zum 9. April 2026. Danach kostet dein Abo 14,99 € im Monat.",
      },
      { kind: "signup", amount_minor: 1499, merchant: "Storytel", renews_at: "2026-04-09" },
    ],
    [
      "an Italian cancellation: the access end is no renewal",
      {
        senderName: "DAZN",
        subject: "Il tuo abbonamento è stato disdetto",
        text: "Ciao Marco,\nconfermiamo che il tuo abbonamento DAZN è stato disdetto. Potrai continuare a guardare fino al 31 marzo 2026.",
      },
      { kind: "cancellation", amount_minor: null, merchant: "DAZN", renews_at: null },
    ],
    [
      "a German compound naming the service before the hyphen",
      {
        senderName: "Amazon.de",
        subject: "Ihre Amazon Prime-Mitgliedschaft wird verlängert",
        text: "Ihre Amazon Prime-Mitgliedschaft wird am 12. März 2026 verlängert.\nMitgliedsgebühr: 89,90 € (inkl. MwSt.)\nZahlungsart: Kreditkarte (Visa) mit der Endung 6612",
      },
      {
        kind: "renewal_notice",
        amount_minor: 8990,
        merchant: "Amazon Prime",
        card_tail: "6612",
        channel: "credit_card",
        renews_at: "2026-03-12",
      },
    ],
    [
      "a French bill that will be debited later as no payment",
      {
        senderName: "Free",
        subject: "Votre facture Free Mobile est disponible",
        text: "Bonjour,\nVotre facture du mois de mars est disponible dans votre Espace Abonné.\nMontant : 19,99 €\nCe montant sera prélevé sur votre compte le 15/03/2026.",
      },
      { kind: "other", amount_minor: null, merchant: null },
    ],
  ])("reads %s", (_case, fields, expected) => {
    const event = readGenericEuropean(notice({ receivedAt: at("2026-03-10T10:00:00Z"), ...fields }));
    expect(event).toMatchObject(expected);
  });

  it("keeps a receipt whose next payment 'will be debited' a charge", () => {
    const event = readGenericEuropean(
      notice({
        senderName: "Spotify",
        subject: "Deine Spotify-Quittung",
        text: "Danke für deine Zahlung!\nDatum: 03.09.2026\nPremium Family 17,99 €\nGesamt 17,99 €\nDeine nächste Zahlung wird am 03.10.2026 abgebucht.",
      }),
    );
    expect(event).toMatchObject({ kind: "charge", amount_minor: 1799, merchant: "Spotify", renews_at: "2026-10-03" });
  });

  it("names the legal company a notice says provides the service", () => {
    const event = readGenericEuropean(
      notice({
        senderName: "Disney+",
        subject: "Bienvenue sur Disney+ !",
        text: "Bonjour, votre abonnement est confirmé.\nPrix\t5,99 €/mois\nDisney+ est un service proposé par The Walt Disney Company (Benelux) B.V. © 2026 Disney.",
      }),
    );
    expect(event).toMatchObject({
      kind: "signup",
      merchant: "Disney+",
      merchant_legal: "The Walt Disney Company (Benelux) B.V.",
    });
  });

  it.each([
    [
      "a Spanish 'baja'",
      {
        senderName: "Filmin",
        subject: "Tu baja se ha completado",
        text: "Hola Ana:\nHemos tramitado la baja de tu suscripción a Filmin. Puedes seguir viendo el catálogo hasta el 20/06/2025.",
      },
    ],
    [
      "a Spanish 'anulación de la suscripción'",
      {
        senderName: "Atresplayer",
        subject: "Información sobre tu cuenta",
        text: "Te confirmamos la anulación de la suscripción Premium. No se realizarán más cobros.",
      },
    ],
    [
      "a German 'Kündigung' received",
      {
        senderName: "Joyn",
        subject: "Wir haben deine Kündigung erhalten",
        text: "Hallo Tim,\ndeine Kündigung ist bei uns eingegangen. Dein Abo läuft noch bis zum 30.06.2025.",
      },
    ],
    [
      "a French 'demande de résiliation'",
      {
        senderName: "Molotov",
        subject: "Votre demande de résiliation",
        text: "Bonjour,\nnous avons bien pris en compte votre demande de résiliation de votre abonnement Molotov Extra.",
      },
    ],
    [
      "an Italian 'richiesta di disdetta'",
      {
        senderName: "TIMVISION",
        subject: "Richiesta di disdetta ricevuta",
        text: "Gentile cliente,\nti confermiamo che la tua richiesta di disdetta del servizio TIMVISION è stata registrata. Per qualsiasi domanda siamo a tua disposizione.",
      },
    ],
  ])("reads %s as a cancellation", (_name, fields) => {
    const event = readGenericEuropean(notice(fields));
    expect(event).toMatchObject({ kind: "cancellation", merchant: fields.senderName, amount_minor: null });
  });

  it("leaves a newsletter's 'darse de baja' alone", () => {
    const event = extractEvent(
      notice({
        senderName: "Tienda Ejemplo",
        subject: "Novedades de la semana",
        text: "Descubre las novedades de esta semana en nuestra tienda.\nSi no quieres recibir más correos, puedes darte de baja de este boletín aquí.",
      }),
    );
    expect(event.kind).toBe("other");
  });

  it.each([
    ["Référence de commande : FR-7781-2203", "FR-7781-2203"],
    ["Référence de la transaction\tTX88120045", "TX88120045"],
    ["Referencia del pedido: ES-20931-B", "ES-20931-B"],
    ["Riferimento ordine: IT2026-5531", "IT2026-5531"],
  ])("reads the reference labelled %j", (line, reference) => {
    const event = readGenericEuropean(
      notice({
        senderName: "Exemplo TV",
        subject: "Confirmation de votre abonnement",
        text: `Bonjour,\nnous vous confirmons votre abonnement.\nPrix : 9,99 €/mois\n${line}\nBienvenue chez Exemplo TV !`,
      }),
    );
    expect(event).toMatchObject({ kind: "signup", reference });
  });
});

describe("trial-end dates however the trial is named", () => {
  // Invented services; each names its trial its own way before the end date.
  const trials: [string, string, string, string][] = [
    [
      "Sonora",
      "Votre essai se termine bientôt",
      "Votre essai gratuit de la formule Famille Illimitée se termine le 9 juillet 2025.\nEnsuite, vous serez prélevé de 14,99 € par mois.",
      "2025-07-09",
    ],
    [
      "Lectora",
      "Bienvenido a Lectora Plus: tu prueba gratuita ha comenzado",
      "Tu prueba gratuita ha comenzado.\nFin del periodo de prueba: 21 de junio de 2025\nDespués: 7,99 € al mes",
      "2025-06-21",
    ],
    [
      "Ascolta",
      "Benvenuto in Ascolta Premium: la tua prova gratuita è iniziata",
      "La tua prova gratuita è iniziata.\nFine della prova gratuita: 18 giugno 2025\nPoi: 6,99 € al mese",
      "2025-06-18",
    ],
  ];
  it.each(trials)("reads the trial end of %s", (senderName, subject, text, renews) => {
    expect(readGenericEuropean(notice({ senderName, subject, text }))?.renews_at).toBe(renews);
  });
});

describe("price changes named by the fee rather than the price", () => {
  // Invented clubs; the notice calls the price a membership fee (Beitrag, cuota, cotisation).
  it.each([
    [
      "Anpassung Ihres Club-Mitgliedsbeitrags",
      "Guten Tag, wir möchten Sie darüber informieren, dass sich Ihr Beitrag ab der nächsten Zahlung am 4. Juli 2025 von 19,90 € auf 21,90 € pro Monat ändert.",
      2190,
    ],
    ["Cambio de tu cuota de socio", "A partir del 4 de julio de 2025 tu cuota pasa de 19,90 € a 21,90 € al mes.", 2190],
    [
      "Évolution de votre cotisation",
      "À partir du 4 juillet 2025, votre cotisation passe de 19,90 € à 21,90 € par mois.",
      2190,
    ],
  ])("reads %j as a renewal notice at the new fee", (subject, text, amount_minor) => {
    const event = readGenericEuropean(notice({ senderName: "Clubhaus", subject, text }));
    expect(event).toMatchObject({ kind: "renewal_notice", amount_minor });
  });
});

describe("European trial endings and welcomes", () => {
  it("reads an Italian 'sta per terminare' trial notice as a renewal notice, not a charge", () => {
    const event = readGenericEuropean(
      notice({
        senderName: "Corriere Digital",
        subject: "Il tuo periodo di prova sta per scadere",
        text: "Ciao Marco,\nla tua prova gratuita di Corriere Digital sta per scadere.\nDal 10 giugno 2025 l'abbonamento proseguirà al prezzo di 4,99 € a settimana, addebitato sulla carta Visa che termina con 8120.",
      }),
    );
    expect(event).toMatchObject({ kind: "renewal_notice", amount_minor: 499, card_tail: "8120" });
  });

  it("reads a French welcome that names the plan between 'abonnement' and 'activé' as a signup at the later price", () => {
    const event = readGenericEuropean(
      notice({
        sender: "service@lemonde.example",
        senderName: "Le Quotidien",
        subject: "Bienvenue parmi nos lecteurs",
        text: "Bonjour,\nVotre abonnement Quotidien Intégral a été activé.\nTarif : 2 € les deux premiers mois, puis 12,99 € par mois\nProchain prélèvement : 15 août 2025\nMoyen de paiement : Visa se terminant par 6643",
      }),
    );
    expect(event).toMatchObject({
      kind: "signup",
      amount_minor: 1299,
      merchant: "Le Quotidien",
      card_tail: "6643",
      channel: "credit_card",
    });
    expect(event?.renews_at).toBe("2025-08-15");
  });
});

describe("European dates in Dutch, Swedish and Portuguese month names; cards 'acabada en'", () => {
  it("reads the month names", () => {
    const anchor = at("2025-06-01T00:00:00Z");
    expect(europeanDateIn("op 7 maart 2026", anchor, "future")).toBe("2026-03-07");
    expect(europeanDateIn("den 3 maj 2026", anchor, "future")).toBe("2026-05-03");
    expect(europeanDateIn("14 de junho de 2025", anchor, "future")).toBe("2025-06-14");
  });

  it("reads a Spanish renewal reminder's card 'acabada en'", () => {
    const event = readGenericEuropean(
      notice({
        senderName: "Revista Ejemplo",
        subject: "Tu suscripción se renovará pronto",
        text: "Hola,\ntu suscripción se renovará el 20 de junio de 2025 por 45,00 €.\nForma de pago: tarjeta acabada en 9021",
      }),
    );
    expect(event).toMatchObject({ kind: "renewal_notice", card_tail: "9021" });
  });
});
