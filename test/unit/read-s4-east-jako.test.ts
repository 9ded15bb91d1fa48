// Japanese and Korean categories the fourth session generalised over: payments that failed though they name the fee
// ("お支払いが完了できませんでした", "결제가 처리되지 않았습니다"); a refund's own date over the purchase's it undoes (取消日 over
// ご利用日, 취소일시 over 승인일시); a shop's order confirmation (주문이 완료되었습니다); a trial's end date (무료 체험 종료일);
// a card's digits after its name, a pass bought as a signup, an overseas descriptor with phone digits.
// Every notice here is invented (senders, wording, numbers), not copied from a fixture.
import { describe, expect, it } from "vitest";
import { emailed, RECEIVED, readEvent } from "../support/read-notice";

const NO_PAYMENT = { kind: "other", amount_minor: null, currency: null, merchant: null, card_tail: null };

describe("failed payments in Japanese and Korean that name the fee", () => {
  const jaMail = (lines: string[], subject = "お支払いについて") =>
    emailed({ subject, senderName: "サンプル動画", lines });

  it("reads a Japanese payment that could not be completed as no payment", () => {
    expect(
      readEvent(
        jaMail([
          "いつもサンプル動画をご利用いただきありがとうございます。",
          "ご登録のクレジットカードによる月額料金990円のお支払いが完了できませんでした。",
          "お支払い情報をご確認ください。",
        ]),
      ),
    ).toMatchObject(NO_PAYMENT);
    expect(
      readEvent(
        jaMail([
          "サンプル音楽をご利用いただきありがとうございます。",
          "今月分の利用料金 1,480円 の決済が完了しませんでした。カード情報をご確認ください。",
        ]),
      ),
    ).toMatchObject(NO_PAYMENT);
    expect(
      readEvent(
        jaMail(["サンプル新聞デジタルです。", "口座からの月額料金4,300円の引き落としができませんでした。"], "ご案内"),
      ),
    ).toMatchObject(NO_PAYMENT);
  });

  it("reads a Korean payment that was not processed as no payment", () => {
    const event = readEvent(
      emailed({
        subject: "샘플뮤직 안내",
        senderName: "샘플뮤직",
        lines: [
          "샘플뮤직을 이용해 주셔서 감사합니다.",
          "이번 달 이용요금 10,900원 결제가 정상적으로 처리되지 않았습니다.",
        ],
      }),
    );
    expect(event).toMatchObject(NO_PAYMENT);
  });

  it("still reads a completed payment as a charge", () => {
    expect(
      readEvent(
        jaMail(
          ["サンプル動画をご利用いただきありがとうございます。", "月額料金990円のお支払いが完了しました。"],
          "お支払い完了のお知らせ",
        ),
      ),
    ).toMatchObject({ kind: "charge", amount_minor: 990, currency: "JPY" });
  });
});

describe("a refund's own date over the purchase's it undoes", () => {
  it("reads 取消日 and 返金日 over ご利用日", () => {
    const card = (lines: string[]) =>
      emailed({ subject: "【サンプルカード】ご利用取消のお知らせ", senderName: "サンプルカード", lines });
    const cancelled = readEvent(
      card([
        "ご利用日：2026/03/01",
        "取消日：2026/03/05",
        "ご利用先：SAMPLE STORE",
        "取消金額：-2,000円",
        "カード：末尾 1122",
      ]),
    );
    expect(cancelled).toMatchObject({ kind: "refund", amount_minor: 2000 });
    expect(cancelled.occurred_at.slice(0, 10)).toBe("2026-03-05");
    const refunded = readEvent(
      card(["返金日：2026年3月6日", "ご利用日：2026年3月2日", "ご利用先：サンプル書店", "返金額：1,320円"]),
    );
    expect(refunded.occurred_at.slice(0, 10)).toBe("2026-03-06");
  });

  it("reads 취소일시 over 승인일시", () => {
    const event = readEvent(
      emailed({
        subject: "[샘플카드] 승인취소 안내",
        senderName: "샘플카드",
        lines: ["승인일시: 2026.03.02 14:10", "취소일시: 2026.03.06 09:20", "가맹점: 샘플스토어", "취소금액: 12,000원"],
      }),
    );
    expect(event).toMatchObject({ kind: "refund", amount_minor: 12000 });
    expect(event.occurred_at).toBe("2026-03-06T00:20:00.000Z");
  });

  it("still reads a purchase by its ご利用日", () => {
    const event = readEvent(
      emailed({
        subject: "【サンプルカード】カードご利用のお知らせ",
        senderName: "サンプルカード",
        lines: ["ご利用日：2026/03/04 20:15", "ご利用先：SAMPLE STORE", "ご利用金額：2,000円"],
      }),
    );
    expect(event).toMatchObject({ kind: "charge", amount_minor: 2000 });
    expect(event.occurred_at).toBe("2026-03-04T11:15:00.000Z");
  });
});

describe("a Korean shop's order confirmation", () => {
  const order = (subject: string, lines: string[], senderName = "샘플북스") => emailed({ subject, senderName, lines });

  it("reads 주문이 완료되었습니다 with its total and masked card as a charge", () => {
    expect(
      readEvent(
        order("[샘플북스] 주문이 완료되었습니다", [
          "주문번호\tSB2026030711",
          "주문일시\t2026-03-07 11:20",
          "상품금액\t22,000원",
          "배송비\t2,500원",
          "총 결제금액\t24,500원",
          "결제수단\t신용카드 (****-****-****-4410)",
        ]),
      ),
    ).toMatchObject({
      kind: "charge",
      amount_minor: 24500,
      currency: "KRW",
      reference: "SB2026030711",
      card_tail: "4410",
      channel: "credit_card",
    });
  });

  it("reads 주문 완료 and 구매가 완료 the same way", () => {
    expect(readEvent(order("주문 완료 안내", ["주문번호: SM-88120", "결제금액: 9,900원"], "샘플마켓"))).toMatchObject({
      kind: "charge",
      amount_minor: 9900,
      reference: "SM-88120",
    });
    expect(
      readEvent(order("구매가 완료되었습니다", ["주문번호: GP77120", "결제금액: 4,400원"], "샘플게임")),
    ).toMatchObject({ kind: "charge", amount_minor: 4400 });
  });

  it("leaves a shipping notice as no payment", () => {
    expect(
      readEvent(order("[샘플북스] 상품이 발송되었습니다", ["주문번호: SB2026030711", "배송비 2,500원"])),
    ).toMatchObject(NO_PAYMENT);
  });
});

describe("a Korean trial's end date", () => {
  const trial = (lines: string[], senderName = "샘플TV") =>
    emailed({ subject: "무료 체험이 시작되었습니다", senderName, lines });

  it("reads 무료 체험 종료일, 체험 종료일 and 첫 결제일 as the renewal date", () => {
    expect(
      readEvent(
        trial(["가입이 완료되었습니다.", "무료 체험 종료일\t2026년 4월 9일", "체험 종료 후 결제 금액\t월 7,900원"]),
      ),
    ).toMatchObject({ kind: "signup", renews_at: "2026-04-09" });
    expect(
      readEvent(trial(["가입이 완료되었습니다.", "체험 종료일: 2026.04.01", "결제 금액: 월 4,900원"], "샘플웹툰")),
    ).toMatchObject({ kind: "signup", renews_at: "2026-04-01" });
    expect(
      readEvent(trial(["가입이 완료되었습니다.", "첫 결제일: 2026-04-15", "결제 금액: 월 10,900원"], "샘플뮤직")),
    ).toMatchObject({ kind: "signup", renews_at: "2026-04-15" });
  });

  it("does not take the trial's start date for its end", () => {
    expect(
      readEvent(trial(["가입이 완료되었습니다.", "구독 시작일\t2026년 3월 9일", "결제 금액\t월 7,900원"])).renews_at,
    ).not.toBe("2026-03-09");
  });
});

describe("Korean order, pass and overseas notices", () => {
  it("reads a card's last digits after its name in the payment method (체크카드 (신한카드 8812))", () => {
    expect(
      readEvent(
        emailed({
          senderName: "샘플문고",
          subject: "[샘플문고] 주문/결제가 완료되었습니다",
          lines: ["주문번호\t2603070001", "최종 결제금액\t12,600원", "결제수단\t체크카드 (신한카드 8812)"],
        }),
      ),
    ).toMatchObject({ kind: "charge", amount_minor: 12600, card_tail: "8812", channel: "bank_card" });
  });

  it("reads a recurring pass bought (이용권 구매 완료) as a signup with its next payment", () => {
    expect(
      readEvent(
        emailed({
          senderName: "샘플뮤직",
          subject: "[샘플뮤직] 이용권 구매 완료 안내",
          lines: ["이용권\t스트리밍 무제한 (정기결제)", "결제금액\t10,900원", "다음 결제일\t2026.04.09"],
        }),
      ),
    ).toMatchObject({ kind: "signup", amount_minor: 10900, currency: "KRW", renews_at: "2026-04-09" });
  });

  it("keeps an overseas descriptor whole with its phone digits", () => {
    expect(
      readEvent({
        text: "[Web발신]\n[샘플은행]체크(3321)해외승인\n김*영님 USD 12.50\n03/08 21:40\nGAMESHOP.EXAMPLE 8005550199",
        receivedAt: RECEIVED,
        source: "sms",
        sender: "15880000",
      }),
    ).toMatchObject({
      kind: "charge",
      amount_minor: 1250,
      currency: "USD",
      merchant: "GAMESHOP.EXAMPLE 8005550199",
      card_tail: "3321",
    });
  });
});
