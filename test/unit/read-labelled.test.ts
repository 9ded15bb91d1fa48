// Japanese and Korean notices read by their lexicons (workers/read/labelled.ts), and the date, money and layout forms
// they brought: 2026. 5. 9., 2026년 4월 1일, 20時14分, 13,500원, 【label】 value, a run of label | value rows.
import { describe, expect, it } from "vitest";
import { findMoney } from "../../workers/read/amounts";
import { findCalendarDate, findDateTime } from "../../workers/read/dates";
import { readLabelled } from "../../workers/read/labelled";
import { segment } from "../../workers/read/segment";
import type { Notice } from "../../workers/read/types";

const SEOUL = { receivedAt: Date.parse("2026-05-20T03:00:00Z"), timeZone: "Asia/Seoul" };
const TOKYO = { receivedAt: Date.parse("2026-05-20T03:00:00Z"), timeZone: "Asia/Tokyo" };

function sms(text: string): Notice {
  return { text, receivedAt: Date.parse("2026-05-20T03:00:00Z"), source: "sms" };
}

function mail(fields: Partial<Notice> & { text: string }): Notice {
  return {
    receivedAt: Date.parse("2026-05-20T03:00:00Z"),
    sentAt: Date.parse("2026-05-19T12:00:00Z"),
    source: "email",
    ...fields,
  };
}

describe("date and money forms of Japanese and Korean notices", () => {
  it("reads Korean dotted dates, with a dot and a space after each part", () => {
    expect(findCalendarDate("결제일: 2026. 5. 9.", SEOUL)).toBe("2026-05-09");
    expect(findDateTime("2026. 05. 09 14:30", SEOUL)).toBe("2026-05-09T05:30:00.000Z");
  });

  it("reads 년 월 일 like 年 月 日", () => {
    expect(findCalendarDate("결제 예정일 2026년 4월 1일", SEOUL)).toBe("2026-04-01");
    expect(findCalendarDate("4월 1일", SEOUL)).toBe("2027-04-01");
  });

  it("reads a Japanese time written 20時14分", () => {
    expect(findDateTime("2026年5月19日 20時14分", TOKYO)).toBe("2026-05-19T11:14:00.000Z");
  });

  it("reads 午後 and 오후 as afternoon", () => {
    expect(findDateTime("2026年5月19日 午後3:20", TOKYO)).toBe("2026-05-19T06:20:00.000Z");
    expect(findDateTime("2026년 5월 19일 오후 3:20", SEOUL)).toBe("2026-05-19T06:20:00.000Z");
    expect(findDateTime("2026년 5월 19일 오전 12:05", SEOUL)).toBe("2026-05-18T15:05:00.000Z");
  });

  it("reads won written after the figure, with no minor unit", () => {
    expect(findMoney("13,500원(일시불)")[0]).toMatchObject({ amount_minor: 13500, currency: "KRW" });
  });
});

describe("layouts", () => {
  it("reads 【label】 value lines as pairs", () => {
    const { pairs } = segment("鈴木 様\n【ご利用金額】 5,900円\n【ご利用先】 ＨＵＬＵ");
    expect(pairs.map((pair) => [pair.label, pair.value])).toEqual([
      ["ご利用金額", "5,900円"],
      ["ご利用先", "ＨＵＬＵ"],
    ]);
  });

  it("reads a run of label | value rows as rows, not as a header over the row below", () => {
    const { pairs } = segment("서비스명\t쿠팡 와우 멤버십\n결제번호\t2841003991\n결제일시\t2026.03.05 04:12");
    expect(pairs[0]).toMatchObject({ label: "서비스명", value: "쿠팡 와우 멤버십", layout: "row" });
  });

  it("still reads a header row over its one row of values", () => {
    const { pairs } = segment("利用日\t利用店名\t利用金額\n2025/11/03\tABEMA\t1,080円\n※注意");
    expect(pairs.map((pair) => pair.layout)).toEqual(["column", "column", "column"]);
  });
});

describe("Korean card SMS and pushes without labels", () => {
  it("takes the name left once card, holder, figures, dates and instalments are cut away", () => {
    const event = readLabelled(
      sms("[Web발신]\nBC카드(1234)승인\n홍길동님\n12,000원 일시불\n05/19 10:15 스타벅스 강남점"),
    );
    expect(event).toMatchObject({ kind: "charge", amount_minor: 12000, currency: "KRW", merchant: "스타벅스 강남점" });
    expect(event).toMatchObject({ card_tail: "1234", channel: "credit_card", occurred_at: "2026-05-19T01:15:00.000Z" });
  });

  it("reads a check card's approval as a bank card, and its tail after the holder", () => {
    const event = readLabelled(sms("[Web발신]\n신한체크승인 김*수(5678) 05/19 12:01 8,500원 (주)우아한형제들"));
    expect(event).toMatchObject({ merchant: "(주)우아한형제들", card_tail: "5678", channel: "bank_card" });
  });

  it("never takes a running total (총누적) for the amount", () => {
    const event = readLabelled(
      sms("[Web발신]\nNH카드3*2*승인\n홍*동\n12,000원 일시불\n05/19 10:15\n스타벅스\n총누적123,456원"),
    );
    expect(event).toMatchObject({ amount_minor: 12000, merchant: "스타벅스", card_tail: null });
  });

  it("reads a declined overseas approval as no payment, and a cancelled one as a refund", () => {
    expect(
      readLabelled(sms("[Web발신]\n신한카드(1234)해외승인거절 김*수 USD 15.99 05/19 12:00 NETFLIX.COM"))?.kind,
    ).toBe("other");
    expect(readLabelled(sms("[Web발신]\n삼성1275승인취소 이*영\n39,000원 일시불\n05/18 16:20 쿠팡"))).toMatchObject({
      kind: "refund",
      merchant: "쿠팡",
    });
  });

  it("takes the payee before 에서 in a push", () => {
    expect(readLabelled(sms("토스\n넷플릭스에서 13,500원 결제했어요\n신한카드"))).toMatchObject({
      kind: "charge",
      merchant: "넷플릭스",
    });
  });

  it("reads an advertisement naming an amount as no payment", () => {
    expect(readLabelled(sms("(광고)[카카오페이] 지금 결제하면 5,000원 할인!"))?.kind).toBe("other");
  });
});

describe("Japanese mails", () => {
  it("reads full-width labels and figures, and the weekday between a date and its time", () => {
    const event = readLabelled(
      mail({
        subject: "【dカード】ご利用のお知らせ",
        senderName: "dカード",
        text: "【ご利用日時】2026年5月19日(火) 20時14分\n【ご利用場所】ＡＭＡＺＯＮ ＰＲＩＭＥ\n【ご利用金額】￥１，２００",
      }),
    );
    expect(event).toMatchObject({ kind: "charge", amount_minor: 1200, currency: "JPY", channel: "credit_card" });
    // A full-width name keeps its full-width space.
    expect(event?.merchant).toBe("ＡＭＡＺＯＮ\u3000ＰＲＩＭＥ");
    expect(event?.occurred_at).toBe("2026-05-19T11:14:00.000Z");
  });

  it("leaves an English receipt for a Japanese title to the English reader", () => {
    const text =
      "Thank you for your purchase.\nItem: 鬼滅の刃 プレミアム会員 (Monthly)\nOrder ID: CR-12345678\nTotal: $7.99\nPaid with Visa ending in 4242\nManage your subscription at any time in your account settings.";
    expect(
      readLabelled(mail({ subject: "Your receipt from Crunchyroll", senderName: "Crunchyroll", text })),
    ).toBeNull();
  });

  it("names the sender for a merchant's own receipt, and no one for a card issuer's", () => {
    const receipt = mail({
      subject: "【U-NEXT】月額料金お支払いのお知らせ",
      senderName: "U-NEXT",
      text: "月額料金のお支払いが完了しました。\n月額料金：2,189円（税込）\nお支払い方法：クレジットカード（VISA 下4桁 1234）\n次回更新日：2026年6月1日",
    });
    expect(readLabelled(receipt)).toMatchObject({ merchant: "U-NEXT", card_tail: "1234", renews_at: "2026-06-01" });
    const flash = mail({
      subject: "【速報版】カード利用のお知らせ",
      senderName: "楽天カード株式会社",
      text: "カードのご利用がありましたので、お知らせいたします。\n■利用日: 2026/05/19\n■利用金額: 1,078 円",
    });
    expect(readLabelled(flash)).toMatchObject({ kind: "charge", amount_minor: 1078, merchant: null });
  });
});

// Categories of blind-may's misses (read after its first score), each in wording of our own.
describe("the card behind a wallet, and the subscription a company's mail is about", () => {
  it("reads the card a Korean wallet paid with as the channel", () => {
    const event = readLabelled(
      mail({
        ...SEOUL,
        subject: "[뮤직앱] 정기결제가 완료되었습니다.",
        senderName: "뮤직앱",
        text: "이용권 정기결제 안내\n결제금액\t10,900원\n결제일시\t2026.05.19 08:00\n결제수단\t네이버페이 · 국민카드(5521)",
      }),
    );
    expect(event).toMatchObject({ kind: "charge", amount_minor: 10900, channel: "credit_card", card_tail: "5521" });
  });

  it("names the subscription a company's cancellation is about, not the company", () => {
    const event = readLabelled(
      mail({
        ...SEOUL,
        subject: "스티커 패스 구독 해지 안내",
        senderName: "큰회사",
        text: "스티커 패스 구독이 해지되었습니다.\n해지 일시 : 2026.05.19 19:39\n이용 가능 기간 : 2026.06.01까지",
      }),
    );
    expect(event).toMatchObject({ kind: "cancellation", merchant: "스티커 패스" });
  });

  it("keeps the brand when the subject names only the kind of subscription", () => {
    const event = readLabelled(
      mail({
        ...SEOUL,
        subject: "[오디오북] 정기구독 해지 안내",
        senderName: "오디오북",
        text: "정기구독이 해지되었습니다.\n해지 일시 : 2026.05.19 19:39",
      }),
    );
    expect(event).toMatchObject({ kind: "cancellation", merchant: "오디오북" });
  });
});

describe("a push that opens with its app's name", () => {
  it("reads the payee on the line after the amount, not the app on the first line", () => {
    const event = readLabelled({
      ...SEOUL,
      source: "sms",
      sender: "viva.republica.toss",
      text: "토스\n12,900원 결제\n오디오클럽\n토스뱅크 체크카드",
    });
    expect(event).toMatchObject({ kind: "charge", amount_minor: 12900, merchant: "오디오클럽", channel: "bank_card" });
  });
});

describe("Japanese card SMS written mostly in kanji, and payments 'to' a payee", () => {
  it("reads a card SMS with few kana as Japanese: its card is a credit card", () => {
    const event = readLabelled({
      ...TOKYO,
      source: "sms",
      sender: "card",
      text: "某カード：ご利用速報\n利用日：2026/05/19\n利用先：ＳＴＥＡＭ\n利用者：本人\n利用金額：1,200円",
    });
    expect(event).toMatchObject({ kind: "charge", amount_minor: 1200, currency: "JPY", channel: "credit_card" });
  });

  it("reads the payee before への in a wallet push", () => {
    const event = readLabelled({
      ...TOKYO,
      source: "sms",
      sender: "jp.ne.paypay.android.app",
      text: "PayPay\n某動画への支払いが完了しました\n1,490円\n2026年5月19日 21:05",
    });
    expect(event).toMatchObject({ kind: "charge", amount_minor: 1490, merchant: "某動画" });
  });
});

// Categories of blind-jun's misses (read after its first score), each in wording of our own.
describe("Japanese sign-ups, trials that end on a day, and labels set apart by spaces", () => {
  it("reads 'ご登録ありがとうございます' as the signup", () => {
    const event = readLabelled(
      mail({
        ...TOKYO,
        subject: "某ノートプラスへのご登録ありがとうございます",
        senderName: "某ノート",
        text: "某ノートプラスへのご登録ありがとうございます。\n料金\t月額400円（税込）\nお支払い方法\tクレジットカード（VISA 末尾1201）\n次回更新日\t2026年6月19日",
      }),
    );
    expect(event).toMatchObject({ kind: "signup", amount_minor: 400, card_tail: "1201", renews_at: "2026-06-19" });
  });

  it("reads a free trial that ends on a stated day, named by its brand, not by 無料", () => {
    const event = readLabelled(
      mail({
        ...TOKYO,
        subject: "【某新聞デジタル】無料お試し期間終了のお知らせ",
        senderName: "某新聞デジタル",
        text: "お客様の無料お試し期間は、2026年6月1日に終了いたします。\nお試し期間終了後は自動的に有料会員へ移行し、月額990円（税込）が発生いたします。",
      }),
    );
    expect(event).toMatchObject({
      kind: "renewal_notice",
      amount_minor: 990,
      merchant: "某新聞デジタル",
      renews_at: "2026-06-01",
    });
  });

  it("reads a payee whose label stands apart from it by spaces", () => {
    const event = readLabelled(
      mail({
        ...TOKYO,
        subject: "【某銀行】デビットカードご利用のお知らせ",
        senderName: "某銀行",
        text: "某デビットのご利用がありましたので、お知らせいたします。\nご利用日時 2026年5月19日 09時41分\nご利用加盟店 ＮＥＴＦＬＩＸ\nご利用金額 1,490円\nカード番号下4桁 0388",
      }),
    );
    expect(event).toMatchObject({ kind: "charge", amount_minor: 1490, merchant: "ＮＥＴＦＬＩＸ", card_tail: "0388" });
  });
});

describe("a card check explained after its approval", () => {
  it("reads a Korean push whose approval is a temporary card check as no payment", () => {
    const event = readLabelled({
      ...SEOUL,
      source: "sms",
      sender: "viva.republica.toss",
      text: "체크카드\n해외결제 승인 USD 1.00\nSTEAMGAMES.COM\n카드 확인을 위한 임시 승인이에요. 실제 결제가 아니며 자동으로 취소돼요.",
    });
    expect(event).toMatchObject({ kind: "other", amount_minor: null, merchant: null });
  });

  it("still reads a Japanese card notice as a charge when it only warns about checks", () => {
    const event = readLabelled({
      ...TOKYO,
      source: "sms",
      sender: "card",
      text: "【某カード】ご利用のお知らせ\nご利用日：2026/05/19\nご利用先：ＡＢＣ\nご利用金額：1,200円",
    });
    expect(event).toMatchObject({ kind: "charge", amount_minor: 1200 });
  });
});
