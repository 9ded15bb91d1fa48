// European subscription mail in more wordings: a price change whose new price stands under its column's header, a
// subscription switched on ("freigeschaltet") whose price after the offer and first regular billing are stated,
// automatic renewal switched off in five languages, the payment method's row under more labels and a debit date
// ("Abbuchungsdatum") read in the user's zone. Every notice here is invented.
import { describe, expect, it } from "vitest";
import { extractEvent } from "../../workers/read/index";
import type { Notice } from "../../workers/read/types";
import { localDate } from "../../workers/time/zones";

function mail(subject: string, text: string, senderName: string, timeZone = "Europe/Berlin"): Notice {
  return {
    subject,
    text,
    senderName,
    sender: "service@mail.example",
    sentAt: Date.parse("2026-03-20T09:00:00Z"),
    receivedAt: Date.parse("2026-03-20T09:00:30Z"),
    timeZone,
    source: "email",
  };
}

describe("a price change in a header row over a value row", () => {
  it.each([
    [
      "German, the new fee",
      mail(
        "Änderungen an deiner Mitgliedschaft",
        "Hallo Max,\nwir passen unsere Beiträge an.\nTarif\tBisheriger Beitrag\tNeuer Beitrag ab 01.06.2026\nPlus\t29,00 €\t34,00 €\nDer neue Beitrag wird mit deiner nächsten Abbuchung am 01.06.2026 fällig.",
        "Fitclub",
      ),
      { kind: "renewal_notice", amount_minor: 3400, merchant: "Fitclub", renews_at: "2026-06-01" },
    ],
    [
      "German, the new price",
      mail(
        "Wichtige Information zu deinem Abo",
        "Hallo Max,\nab dem 01.05.2026 gilt ein neuer Preis für dein Abo:\nPaket\tAlter Preis\tNeuer Preis\nPremium\t9,99 €\t12,99 €\nDie nächste Zahlung am 01.05.2026 erfolgt zum neuen Preis.",
        "Streamhaus",
      ),
      { kind: "renewal_notice", amount_minor: 1299, renews_at: "2026-05-01" },
    ],
    [
      "French, the new tariff",
      mail(
        "Évolution de votre tarif",
        "Bonjour,\nnous vous informons du changement de votre tarif.\nFormule\tAncien tarif\tNouveau tarif\nEssentiel\t7,99 €\t8,99 €\nVotre prochain prélèvement le 05/05/2026 sera au nouveau tarif.",
        "Cinéclub",
        "Europe/Paris",
      ),
      { kind: "renewal_notice", amount_minor: 899, renews_at: "2026-05-05" },
    ],
  ])("%s", (_case, notice, expected) => {
    expect(extractEvent(notice)).toMatchObject(expected);
  });
});

describe("a subscription switched on", () => {
  it("an order whose Digitalabo is unlocked", () => {
    const event = extractEvent(
      mail(
        "Ihre Bestellung bei TAGESBLATT DIGITAL",
        "Guten Tag,\nvielen Dank für Ihre Bestellung. Ihr Digitalabo ist ab sofort freigeschaltet.\nAngebot\t3 Monate für 0,99 €\nDanach\t9,99 € pro Monat\nErste reguläre Abrechnung\t20.06.2026\nBestellnummer\tTB-2026-55120\nZahlungsart\tKreditkarte (Mastercard, endet auf 1177)",
        "Tagesblatt Aboservice",
      ),
    );
    expect(event).toMatchObject({
      kind: "signup",
      amount_minor: 999,
      merchant: "TAGESBLATT DIGITAL",
      reference: "TB-2026-55120",
      card_tail: "1177",
      channel: "credit_card",
      renews_at: "2026-06-20",
    });
  });

  it("a welcome whose subject runs on past a dash names the service alone", () => {
    const event = extractEvent(
      mail(
        "Willkommen bei Kinowelt – dein Probemonat hat begonnen",
        "Hallo Jana,\ndein Probemonat läuft bis zum 20. April 2026. Danach verlängert sich dein Abo automatisch zum Preis von 8,99 € im Monat.\nZahlungsmittel: Visa **** 4402",
        "Kinowelt",
      ),
    );
    expect(event).toMatchObject({ kind: "signup", merchant: "Kinowelt", card_tail: "4402", channel: "credit_card" });
  });
});

describe("automatic renewal switched off", () => {
  it.each([
    [
      "Italian",
      "Rinnovo automatico disattivato",
      "ti confermiamo la disattivazione del rinnovo automatico del tuo abbonamento CINEPLUS. Potrai usare il servizio fino al 30/04/2026.",
    ],
    [
      "Italian, past participle",
      "Il tuo abbonamento",
      "Il rinnovo automatico è stato disattivato per il tuo abbonamento CINEPLUS. Puoi continuare a guardare fino al 30/04/2026.",
    ],
    [
      "German",
      "Dein Abo",
      "Die automatische Verlängerung deines Abos wurde deaktiviert. Du kannst CINEPLUS noch bis zum 30.04.2026 nutzen.",
    ],
    [
      "French",
      "Votre abonnement",
      "Le renouvellement automatique a été désactivé pour votre abonnement CINEPLUS. Vous en profitez jusqu'au 30/04/2026.",
    ],
    [
      "Spanish",
      "Tu suscripción",
      "La renovación automática ha sido desactivada para tu suscripción a CINEPLUS. Podrás usarla hasta el 30/04/2026.",
    ],
  ])("%s", (_language, subject, text) => {
    const event = extractEvent(mail(subject, `Hola,\n${text}\nIl team`, "CINEPLUS", "Europe/Rome"));
    expect(event).toMatchObject({ kind: "cancellation", amount_minor: null, renews_at: null });
  });

  it("a renewal that stays on is no cancellation", () => {
    const event = extractEvent(
      mail(
        "Il tuo abbonamento",
        "Ciao,\nil tuo abbonamento CINEPLUS si rinnoverà automaticamente il 30/04/2026 al prezzo di 7,99 €.\nIl team",
        "CINEPLUS",
        "Europe/Rome",
      ),
    );
    expect(event.kind).toBe("renewal_notice");
  });
});

describe("the payment's rows", () => {
  it("a debit date row is the transaction's day in the user's zone", () => {
    const notice = {
      ...mail(
        "Zahlungsbestätigung Monatskarte",
        "Guten Tag,\nfür Ihre Monatskarte im Abo haben wir folgende Zahlung eingezogen:\nAuftragsnummer\tMK-77120\nBetrag\t49,00 €\nAbbuchungsdatum\t01.03.2026\nZahlungsmittel\tVisa ****5521\nIhre Monatskarte finden Sie wie gewohnt in der App. Mit freundlichen Grüßen",
        "Verkehrsverbund",
        "UTC",
      ),
      sentAt: Date.parse("2026-03-02T06:14:00Z"),
    };
    const event = extractEvent(notice);
    expect(event).toMatchObject({ kind: "charge", amount_minor: 4900, card_tail: "5521", channel: "credit_card" });
    expect(localDate(Date.parse(event.occurred_at), "UTC")).toBe("2026-03-01");
  });

  it.each([
    ["Modalità di pagamento", "Mastercard ****5511", "5511"],
    ["Bezahlart", "Visa endet auf 7002", "7002"],
    ["Moyen de règlement", "Carte Visa **** 6610", "6610"],
  ])("the payment method under %s", (labelText, value, tail) => {
    const event = extractEvent(
      mail(
        "Deine Rechnung",
        `Hallo,\nvielen Dank für deine Zahlung.\nBetrag\t12,99 €\n${labelText}\t${value}\nDein Team`,
        "Streamhaus",
      ),
    );
    expect(event).toMatchObject({ kind: "charge", card_tail: tail, channel: "credit_card" });
  });
});
