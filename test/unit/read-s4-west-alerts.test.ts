// Card alerts worded as the banks of more countries word them: the card or account named before the payee ("paid
// from cheque a/c … @ Merchant", "card ending 1234 was used for … at …"), Polish app pushes, line-per-fact SMS whose
// payee is a line of capitals, a descriptor right after the card's last digits; the channel from what the notice
// says of the card (not from a bank named "Crédit …"); a year-less date in the sentence, read in the user's zone.
// Every notice here is invented.
import { describe, expect, it } from "vitest";
import { extractEvent } from "../../workers/read/index";
import type { Notice } from "../../workers/read/types";
import { localDate } from "../../workers/time/zones";

function sms(text: string, receivedAt: string, timeZone: string, sender = "BankAlert"): Notice {
  return { text, sender, receivedAt: Date.parse(receivedAt), timeZone, source: "sms" };
}

const dayOf = (notice: Notice) => localDate(Date.parse(extractEvent(notice).occurred_at), notice.timeZone as string);

describe("card alerts in more banks' wording", () => {
  it.each([
    [
      "the account before the payee",
      sms(
        "Northbank: USD 12.00 paid from cheque acct..221034 @ Hulu using card..4410. Avail USD 310.",
        "2026-03-10T10:00:00Z",
        "America/New_York",
      ),
      {
        kind: "charge",
        amount_minor: 1200,
        currency: "USD",
        merchant: "Hulu",
        card_tail: "4410",
        channel: "bank_card",
      },
    ],
    [
      "a card that was used",
      sms(
        "Harbourside: Your Mastercard Debit card ending 3321 was used for £8.99 at DISNEY PLUS on 09/03 at 9:41pm.",
        "2026-03-09T21:42:10Z",
        "Europe/London",
      ),
      { kind: "charge", amount_minor: 899, merchant: "DISNEY PLUS", card_tail: "3321", channel: "bank_card" },
    ],
    [
      "a card used at a merchant for an amount",
      sms("Isle Bank: card ending 7711 was used at SPOTIFY for €10.99 today.", "2026-03-09T12:00:00Z", "Europe/Dublin"),
      { kind: "charge", amount_minor: 1099, merchant: "SPOTIFY", card_tail: "7711" },
    ],
    [
      "a Polish push with Kwota and Miejsce",
      sms("Płatność kartą\nKwota: 54,00 PLN\nMiejsce: SPOTIFY AB", "2026-03-09T12:00:00Z", "Europe/Warsaw"),
      { kind: "charge", amount_minor: 5400, currency: "PLN", merchant: "SPOTIFY AB", channel: "bank_card" },
    ],
    [
      "a Polish debit of a credit card",
      sms(
        "Obciążenie karty kredytowej *5521\nKwota: 43,99 PLN\nOdbiorca: NETFLIX.COM",
        "2026-03-09T12:00:00Z",
        "Europe/Warsaw",
      ),
      { kind: "charge", amount_minor: 4399, merchant: "NETFLIX.COM", card_tail: "5521", channel: "credit_card" },
    ],
    [
      "a line-per-fact SMS with an available limit",
      sms(
        "Spent USD 15.49\nKite Bank Card no. XX4410\n14-03-26 21:10:05\nNETFLIX.COM\nAvl Limit: USD 2,000.00",
        "2026-03-14T21:11:00Z",
        "UTC",
      ),
      { kind: "charge", amount_minor: 1549, merchant: "NETFLIX.COM", card_tail: "4410", channel: "credit_card" },
    ],
    [
      "a descriptor after the card's last digits",
      sms(
        "BANCOX: Compra aprovada no seu cartao final 9981 - SPOTIFY BR valor R$ 21,90 em 12/03, as 10h05.",
        "2026-03-12T13:06:00Z",
        "America/Sao_Paulo",
      ),
      { kind: "charge", amount_minor: 2190, currency: "BRL", merchant: "SPOTIFY BR", card_tail: "9981" },
    ],
  ])("%s", (_case, notice, expected) => {
    expect(extractEvent(notice)).toMatchObject(expected);
  });
});

describe("the channel from what the notice says of the card", () => {
  it.each([
    [
      "a bank named Crédit … and a bank card",
      "Crédit Agricole : paiement par carte de 15,00 EUR chez FNAC le 12/03 avec votre carte se terminant par 1122.",
      "bank_card",
    ],
    [
      "a credit card named so",
      "Banque Azur : paiement par carte de crédit de 15,00 EUR chez FNAC le 12/03 avec votre carte se terminant par 1122.",
      "credit_card",
    ],
    [
      "a card blocked as a credit card",
      "Spent Rs.649 On Kite Bank Card 4412 At NETFLIX On 2026-03-10:12:00:01.Not You? SMS BLOCK CC 4412 to 5676791",
      "credit_card",
    ],
    [
      "a Brazilian approved purchase",
      "BANCOX: Compra aprovada no seu cartao final 9981 - SPOTIFY BR valor R$ 21,90 em 12/03, as 10h05.",
      "credit_card",
    ],
    [
      "a Brazilian debit purchase",
      "BANCOX: Compra no debito aprovada no seu cartao final 9981 - SPOTIFY BR valor R$ 21,90 em 12/03, as 10h05.",
      "bank_card",
    ],
  ])("%s", (_case, text, channel) => {
    expect(extractEvent(sms(text, "2026-03-12T13:06:00Z", "UTC")).channel).toBe(channel);
  });
});

it("a credit union's card alert by mail is a bank card", () => {
  const notice: Notice = {
    subject: "Card transaction alert",
    senderName: "Lakeside Credit Union",
    sender: "alerts@lakeside.example",
    text: "Lakeside Credit Union\nA purchase of $9.99 at HULU was made with your card ending 7788.",
    sentAt: Date.parse("2026-03-12T13:05:00Z"),
    receivedAt: Date.parse("2026-03-12T13:06:00Z"),
    source: "email",
  };
  expect(extractEvent(notice)).toMatchObject({ kind: "charge", merchant: "HULU", channel: "bank_card" });
});

describe("a year-less date in the alert's sentence, in the user's zone", () => {
  it("an evening purchase on New Year's Eve received after midnight is last year's", () => {
    const notice = sms(
      "Harbourside: Your Visa Debit card ending 3321 was used for $5.00 at KIOSK on 31/12 at 11:50pm.",
      "2026-12-31T11:02:00Z",
      "Pacific/Auckland",
    );
    expect(dayOf(notice)).toBe("2026-12-31");
  });

  it("a French evening purchase stays on its day", () => {
    const notice = sms(
      "Banque Azur : paiement par carte de 9,99 EUR chez KIOSQUE le 14/03 à 23h47 avec votre carte se terminant par 4408.",
      "2026-03-14T23:05:00Z",
      "Europe/Paris",
    );
    expect(dayOf(notice)).toBe("2026-03-14");
    expect(extractEvent(notice).occurred_at).toBe("2026-03-14T22:47:00.000Z");
  });

  it("an alert without a date keeps its receipt time", () => {
    const notice = sms(
      "Isle Bank: card ending 7711 was used at SPOTIFY for €10.99.",
      "2026-03-09T23:30:00Z",
      "Europe/Berlin",
    );
    expect(dayOf(notice)).toBe("2026-03-10");
  });
});
