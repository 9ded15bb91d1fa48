// The merchant any reader read, refined once (workers/read/merchant.ts's refineMerchant, run by extractEvent): the
// sentence it was read with trimmed away in every language, dates, amounts and card phrases replaced by the name
// the notice gives elsewhere, and a brand replaced by the fuller service name the notice writes next to it.
import { describe, expect, it } from "vitest";
import { extractEvent } from "../../workers/read";
import { fullerName, refineMerchant, trimMerchantClauses } from "../../workers/read/merchant";
import type { Notice } from "../../workers/read/types";

const AT = Date.parse("2026-05-20T03:00:00Z");
const mail = (subject: string, text: string): Notice => ({
  subject,
  text,
  receivedAt: AT,
  sentAt: AT,
  source: "email",
});
const sms = (text: string): Notice => ({ text, receivedAt: AT, source: "sms" });
const trims = (cases: [string, string | null][]) => {
  for (const [captured, name] of cases) expect(trimMerchantClauses(captured), captured).toBe(name);
};

describe("a label kept before the name", () => {
  it("drops a payee label of any language", () => {
    trims([
      ["支払い先：ピッコマ", "ピッコマ"],
      ["Händler: REWE Markt", "REWE Markt"],
      ["결제처: 카카오T", "카카오T"],
      ["Estabelecimento: PADARIA REAL", "PADARIA REAL"],
    ]);
  });
  it("keeps an app title written with a colon", () => {
    trims([
      ["Blinkist: Big Ideas in 15 Min", "Blinkist: Big Ideas in 15 Min"],
      ["Strava: Run, Bike, Hike", "Strava: Run, Bike, Hike"],
    ]);
  });
});

describe("a trailing clause of the sentence", () => {
  it("drops function, card and plan words after the name, in every language", () => {
    trims([
      ["KINDLE SVCS posted to your Visa(R) Credit Card", "KINDLE SVCS"],
      ["Rai Play è attivo", "Rai Play"],
      ["DEEZER para o cartão", "DEEZER"],
      ["Videoland – je abonnement", "Videoland"],
      ["Canal+ a été activé", "Canal+"],
      ["Joyn wurde aktiviert", "Joyn"],
      ["Legimi na twoja karta", "Legimi"],
      ["KKTV 月租方案", "KKTV"],
      ["U-NEXT 月額プラン", "U-NEXT"],
      ["웨이브 정기결제", "웨이브"],
    ]);
  });
  it("keeps names that end in card, plan or function words of their own", () => {
    trims([
      ["Apple Card", "Apple Card"],
      ["PATREON* MEMBERSHIP", "PATREON* MEMBERSHIP"],
      ["CRUNCHYROLL* MEMBERSHIP", "CRUNCHYROLL* MEMBERSHIP"],
      ["Bank of America", "Bank of America"],
      ["Spotify: Music and Podcasts", "Spotify: Music and Podcasts"],
      ["优酷VIP会员连续包月", "优酷VIP会员连续包月"],
    ]);
  });
});

describe("a leading clause of the sentence", () => {
  it("drops a possessive or plan clause before the name", () => {
    trims([
      ["tu suscripción a Movistar Plus+", "Movistar Plus+"],
      ["Il tuo abbonamento a NOW", "NOW"],
      ["your subscription to Nebula", "Nebula"],
      ["Welkom bij Videoland", "Videoland"],
      ["votre abonnement Molotov", "Molotov"],
    ]);
  });
  it("keeps an article that is the name's", () => {
    trims([
      ["The Economist", "The Economist"],
      ["Le Monde", "Le Monde"],
      ["Il Post", "Il Post"],
      ["Die Zeit", "Die Zeit"],
    ]);
  });
});

describe("a date, an amount or a card phrase taken for the name", () => {
  it("is no name", () => {
    trims([
      ["März 2026", null],
      ["novembre 2025", null],
      ["03/2026", null],
      ["€ 13,99", null],
      ["USD 24", null],
      ["1.200 JPY", null],
      ["seu cartao final", null],
      ["your card ending", null],
    ]);
  });
  it("keeps names with figures", () => {
    for (const name of ["O2", "7-Eleven", "1Password", "Sky Q", "NOW", "Visa", "Mai 5 Bar", "YES24", "ABC 365"])
      expect(trimMerchantClauses(name)).toBe(name);
  });
  it("takes the name the notice signs off with, or the descriptor after the card's digits", () => {
    const german = mail("Deine Rechnung für April 2026", "Hier ist deine Rechnung.\nBetrag: 9,99 €\nDein Joyn Team");
    expect(refineMerchant("April 2026", german)).toBe("Joyn");
    const spanish = mail("Recibo de marzo", "Importe: 9,99 EUR\nGracias.\nEl equipo de Atresplayer");
    expect(refineMerchant("marzo 2026", spanish)).toBe("Atresplayer");
    const french = mail("Votre facture", "Montant : 7,99 €\nL'équipe Molotov");
    expect(refineMerchant("mars 2026", french)).toBe("Molotov");
    const card = sms("BANCO: Compra aprovada no seu cartao final 1234 - UBER *TRIP valor R$ 23,10 em 02/05");
    expect(refineMerchant("seu cartao final", card)).toBe("UBER *TRIP");
  });
  it("is none when the notice names no other", () => {
    expect(refineMerchant("März 2026", mail("Rechnung März 2026", "Betrag: 9,99 €\nViele Grüße"))).toBeNull();
  });
});

describe("the fuller service name the notice writes", () => {
  it("extends the brand with the product word written next to it", () => {
    expect(
      fullerName("Paravi", "【Paravi】Paraviプレミアム 解約のお知らせ\nParaviプレミアムの解約が完了しました。"),
    ).toBe("Paraviプレミアム");
    expect(fullerName("Nintendo Switch", "Your Nintendo Switch Online membership has been renewed.")).toBe(
      "Nintendo Switch Online",
    );
    expect(fullerName("네이버", "네이버플러스 멤버십 결제 안내\n네이버플러스 멤버십이 갱신되었습니다.")).toBe(
      "네이버플러스",
    );
    expect(fullerName("YouTube", "YouTube Premium の料金改定のお知らせ")).toBe("YouTube Premium");
  });
  it("never takes a plan or a tier", () => {
    expect(fullerName("Dropbox", "Your Dropbox Plus plan will renew on March 24.")).toBeNull();
    expect(fullerName("ABEMA", "ABEMAプレミアムのご登録\nプラン\t広告つきABEMAプレミアム")).toBeNull();
    expect(fullerName("Spotify", "Quittung für Spotify Premium\nPremium Individual (1 Monat) 10,99 €")).toBeNull();
    expect(fullerName("Calm", "Welcome to Calm Premium\nPlan:\tCalm Premium – Annual")).toBeNull();
    expect(fullerName("Lemino", "Leminoプレミアムのお申込み\nサービス名\tLemino\nプラン\tプレミアム")).toBeNull();
    expect(fullerName("Netflix", "Your Netflix membership")).toBeNull();
  });
  it("leaves a store's title alone", () => {
    const notice = mail("Your receipt", "ChatGPT Plus (1 month)\nRenews 3 June");
    expect(refineMerchant("ChatGPT", notice, true)).toBe("ChatGPT");
  });
});

describe("every reader's merchant is refined", () => {
  it("trims the sentence a European reader or the last-resort reader read the name with", () => {
    const spanish = mail(
      "Recibo de tu suscripción a Atresplayer",
      "Hola Ana:\nHemos renovado tu suscripción. Este es tu recibo:\nFecha de cobro: 3 de mayo de 2026\nImporte cobrado: 4,99 EUR (IVA incluido)\nMétodo de pago: Visa terminada en 2817\nEl equipo de Atresplayer",
    );
    expect(extractEvent(spanish).merchant).toBe("Atresplayer");
    const dutch = mail(
      "Welkom bij Videoland – je abonnement is gestart",
      "Welkom bij Videoland!\nBeste Daan,\nAbonnement\tVideoland Basis\nStartdatum\t4 mei 2026\nPrijs\t€ 4,99 per maand\nBetaalwijze\tAutomatische incasso\nVolgende betaling\t4 juni 2026\nTeam Videoland",
    );
    expect(extractEvent(dutch)).toMatchObject({ kind: "signup", merchant: "Videoland" });
  });
  it("keeps a wallet's whole name after a bank's 支付 (支出（支付宝-X）)", () => {
    for (const bank of ["成都银行", "重庆银行", "长沙银行"]) {
      const event = extractEvent(
        sms(
          `【${bank}】您尾号1234的借记卡于05月08日12:41快捷支付支出（支付宝-盒马）人民币36.50元，可用余额2,318.04元。`,
        ),
      );
      expect(event.merchant).toBe("支付宝-盒马");
    }
    const tenpay = extractEvent(
      sms("【成都银行】您尾号1234的借记卡于05月08日12:41支出（支付财付通-美团）人民币36.50元，可用余额2,318.04元。"),
    );
    expect(tenpay.merchant).toBe("财付通-美团");
  });
});

describe("a labelled value keeps its plan", () => {
  it("keeps the plan a wallet's or a receipt's row names, and trims one a sentence wrote", () => {
    const row = sms("某某錢包\n扣款說明：星河影音 月費方案\n扣款金額：HK$58.00");
    expect(refineMerchant("星河影音 月費方案", row)).toBe("星河影音 月費方案");
    const tab = mail("Receipt", "Service\tNebula Annual\nTotal\t$50.00");
    expect(refineMerchant("Nebula Annual", tab)).toBe("Nebula Annual");
    const quoted = mail("續訂提醒", "您訂閱的「星河影音 月租方案」將於 2026/05/01 自動續訂。");
    expect(refineMerchant("星河影音 月租方案", quoted)).toBe("星河影音");
  });
});
