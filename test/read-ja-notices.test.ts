// Japanese notices the labelled reader generalises over: a free trial ending into a paid plan (the service named
// before 無料体験, the date the trial ends, the monthly price it converts to), and a refund dated by its 返金日 / 取消日
// row, a year-less "03/08" read month first. Every notice here is invented (senders, wording, numbers), not copied
// from a fixture.
import { describe, expect, it } from "vitest";
import type { Notice } from "../workers/read/types";
import { emailed, RECEIVED, readEvent as read } from "./support/read-notice";

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
