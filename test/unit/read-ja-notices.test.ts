// Japanese notices the labelled reader generalises over: a free trial ending into a paid plan (the service named
// before 無料体験, the date the trial ends, the monthly price it converts to), and a refund dated by its 返金日 / 取消日
// row, a year-less "03/08" read month first; a card's tail however it is laid out, a wallet brand's card, a price
// revision's first date (…のご請求分より) and an order's ご請求金額. Every notice here is invented (senders, wording,
// numbers), not copied from a fixture.
import { describe, expect, it } from "vitest";
import type { Notice } from "../../workers/read/types";
import { emailed, RECEIVED, readEvent as read } from "../support/read-notice";

const push = (text: string): Notice => ({ text, receivedAt: RECEIVED, source: "sms", sender: "jp.example.bank" });

describe("a free trial ending into a paid plan", () => {
  it.each([
    [
      "the service before 無料体験 in the subject",
      emailed({
        senderName: "Example Store",
        subject: "Example Music Unlimited無料体験の終了について",
        lines: [
          "山田 様",
          "無料体験期間は2026年3月20日に終了します。無料体験終了後は、自動的に月額1,080円（税込）の有料会員に移行します。",
        ],
      }),
      "Example Music Unlimited",
      1080,
      "2026-03-20",
    ],
    [
      "the service before の無料体験 in a sentence",
      emailed({
        senderName: "例示ストア",
        subject: "無料体験終了のお知らせ",
        lines: [
          "いつもご利用ありがとうございます。",
          "お客様のサンプル動画の無料体験は2026年3月25日に終了し、自動的に月額550円の有料プランに移行します。",
        ],
      }),
      "サンプル動画",
      550,
      "2026-03-25",
    ],
    [
      "a katakana service",
      emailed({
        senderName: "Example",
        subject: "【重要】ミュージックプラス無料体験の終了",
        lines: ["無料期間は2026年4月2日に終了します。以降は月額980円が自動的に請求されます。"],
      }),
      "ミュージックプラス",
      980,
      "2026-04-02",
    ],
  ])("reads %s", (_case, notice, merchant, amount, renews) => {
    expect(read(notice)).toMatchObject({
      kind: "renewal_notice",
      amount_minor: amount,
      currency: "JPY",
      merchant,
      renews_at: renews,
    });
  });

  it("keeps the sender's brand when no trial names a service", () => {
    const event = read(
      emailed({
        senderName: "例示ストア",
        subject: "自動更新のお知らせ",
        lines: ["会員資格は2026年3月20日に自動更新されます。", "会費：¥500（税込）"],
      }),
    );
    expect(event).toMatchObject({ kind: "renewal_notice", merchant: "例示ストア", amount_minor: 500 });
  });
});

describe("a refund dated by its 返金日 or 取消日", () => {
  it.each([
    [
      "返金日",
      "【デビット】返金のお知らせ\nデビットのご利用取消（返金）がありました。\n返金日：03/08\nご利用先：EXAMPLE GAMES\n返金額：1,500円",
    ],
    ["取消日", "【カード】ご利用取消のお知らせ\n取消日：3月8日\nご利用先：EXAMPLE SHOP\n取消金額：2,200円"],
  ])("takes the %s row for the date", (_label, text) => {
    const event = read(push(text));
    expect(event.kind).toBe("refund");
    expect(event.occurred_at.slice(0, 10)).toBe("2026-03-08");
  });
});

describe("Japanese card usage mails: the card's tail and channel however they are laid out", () => {
  it("reads the tail after 末尾４桁 inside a ■label：value row", () => {
    const event = read(
      emailed({
        senderName: "例示カード",
        subject: "【例示カード】カードご利用のお知らせ",
        lines: [
          "例示カードをご利用いただき、誠にありがとうございます。",
          "■ご利用カード：例示ゴールドカード（カード番号末尾４桁：2468）",
          "■ご利用日時：2026/03/05 12:30",
          "■ご利用先：サンプル書店",
          "■ご利用金額：1,320円",
        ],
      }),
    );
    expect(event).toMatchObject({ kind: "charge", amount_minor: 1320, card_tail: "2468", channel: "credit_card" });
  });

  it("reads the tail of a bracketed label glued to its value (【カード番号下4桁】1357)", () => {
    const event = read(
      emailed({
        senderName: "例示銀行",
        subject: "【例示デビット】ご利用のお知らせ",
        lines: [
          "【ご利用日時】2026/03/06 21:10",
          "【ご利用先】SAMPLE VIDEO",
          "【ご利用金額】990円",
          "【カード番号下4桁】1357",
        ],
      }),
    );
    expect(event).toMatchObject({ kind: "charge", amount_minor: 990, card_tail: "1357", channel: "bank_card" });
  });

  it("takes a wallet brand's own card (au PAYカード) for a credit card, though its app is named too", () => {
    const event = read(
      emailed({
        senderName: "au PAYカード",
        subject: "【au PAYカード】カードご利用のお知らせ",
        lines: [
          "au PAYカードをご利用いただきありがとうございます。",
          "ご利用日\tご利用店名\tご利用金額",
          "2026/03/07\tサンプル新聞デジタル\t3,800円",
          "※ご利用内容はau PAYアプリでもご確認いただけます。",
        ],
      }),
    );
    expect(event).toMatchObject({ kind: "charge", amount_minor: 3800, channel: "credit_card" });
  });
});

describe("a Japanese price revision's first date and a shop order's charged total", () => {
  it("reads the date the new price applies from in 「…のご請求分より」", () => {
    const event = read(
      emailed({
        senderName: "サンプル動画",
        subject: "【サンプル動画】月額料金改定のお知らせ",
        lines: [
          "2026年5月1日（金）のご請求分より、サンプル動画の月額料金を以下のとおり改定いたします。",
          "現行の月額料金 ：990円（税込）",
          "改定後の月額料金：1,290円（税込）",
        ],
      }),
    );
    expect(event).toMatchObject({ kind: "renewal_notice", amount_minor: 1290, renews_at: "2026-05-01" });
  });

  it("takes ご請求金額 over 商品合計 and the points used", () => {
    const event = read(
      emailed({
        senderName: "サンプル電器",
        subject: "サンプル電器：ご注文ありがとうございます",
        lines: [
          "下記の内容でご注文を承りました。",
          "【ご注文番号】 8800112233",
          "商品合計 ￥5,500",
          "ポイント使用 -￥500",
          "ご請求金額 ￥5,000（うち消費税 ￥454）",
          "【お支払い方法】 クレジットカード（JCB 末尾 3344）",
        ],
      }),
    );
    expect(event).toMatchObject({ kind: "charge", amount_minor: 5000, card_tail: "3344", channel: "credit_card" });
  });
});
