// Apple's notices in Korean (receipts, confirmations, price increases), and notices in any language whose lockup
// title (the app) stands over its plan line below the greeting ("哔哩哔哩" over "大会员连续包月（月度）",
// "Paramount+" over "Paramount+ (mensile)"). Every notice here is invented (apps, wording, numbers), not copied
// from a fixture.
import { describe, expect, it } from "vitest";
import { emailed, readEvent as read } from "../support/read-notice";

const apple = (subject: string, lines: string[]) =>
  emailed({ subject, lines, sender: "no_reply@email.apple.com", senderName: "Apple" });

describe("Apple in Korean", () => {
  it("reads a price increase: the new renewal price, the app over its plan line, the renewal date", () => {
    const event = read(
      apple("구독 가격 인상 안내", [
        "구독 가격 인상 안내",
        "예시 웹툰",
        "프리미엄 (연간)",
        "고객님, 안녕하세요.",
        "예시 웹툰 구독 가격이 인상됩니다. 2026년 4월 2일부터 구독료가 ₩59,000/년에서 ₩66,000/년으로 변경됩니다.",
        "구독",
        "예시 웹툰 프리미엄 (연간)",
        "갱신 가격",
        "₩66,000/년",
        "갱신 날짜",
        "2026년 4월 2일",
      ]),
    );
    expect(event).toMatchObject({
      kind: "renewal_notice",
      amount_minor: 66000,
      currency: "KRW",
      merchant: "예시 웹툰",
      channel: "apple",
      renews_at: "2026-04-02",
    });
  });

  it("reads a receipt: the order number, the total over 소계 and 부가가치세, the card and the renewal", () => {
    const event = read(
      apple("Apple 영수증", [
        "영수증",
        "2026. 3. 7.",
        "주문 번호: MQ8Z2KX41P",
        "문서 번호: 512093887710",
        "Apple 계정: someone@example.kr",
        "예시 클라우드",
        "예시 클라우드",
        "200GB (월간)",
        "2026. 4. 7.에 갱신",
        "₩4,400",
        "소계 ₩4,000",
        "부가가치세 ₩400",
        "Mastercard •••• 7304 ₩4,400",
      ]),
    );
    expect(event).toMatchObject({
      kind: "charge",
      amount_minor: 4400,
      currency: "KRW",
      merchant: "예시 클라우드",
      reference: "MQ8Z2KX41P",
      card_tail: "7304",
      channel: "apple",
      renews_at: "2026-04-07",
    });
    expect(event.occurred_at.slice(0, 10)).toBe("2026-03-07");
  });

  it("reads a subscription confirmation with its 갱신 가격", () => {
    const event = read(
      apple("구독 확인", [
        "구독 확인",
        "고객님, 안녕하세요.",
        "다음 항목을 구독했습니다.",
        "예시 운동",
        "베이직 (월간)",
        "구입 날짜",
        "2026년 3월 9일",
        "갱신 가격",
        "₩8,900/월",
      ]),
    );
    expect(event).toMatchObject({
      kind: "signup",
      amount_minor: 8900,
      currency: "KRW",
      merchant: "예시 운동",
      channel: "apple",
    });
  });

  it("reads a failed payment in Korean as no payment", () => {
    const event = read(
      apple("결제 문제", [
        "결제를 완료할 수 없습니다",
        "예시 웹툰",
        "프리미엄 (연간)",
        "₩66,000/년",
        "결제 수단을 업데이트하십시오.",
      ]),
    );
    expect(event).toMatchObject({ kind: "other", amount_minor: null, merchant: null });
  });
});

describe("an app title over its plan line, below the greeting", () => {
  it.each([
    [
      "a Simplified Chinese confirmation",
      apple("你的订阅确认", [
        "订阅确认",
        "亲爱的小明：",
        "你已订阅以下项目。",
        "示例漫画",
        "会员连续包年（年度）",
        "内容提供商",
        "示例文化传媒有限公司",
        "购买日期",
        "2026年3月9日",
        "续订价格",
        "¥168.00/年",
      ]),
      "示例漫画",
    ],
    [
      "an Italian price increase",
      apple("Aumento del prezzo dell'abbonamento", [
        "Aumento del prezzo dell'abbonamento",
        "Gentile Luca,",
        "il prezzo del tuo abbonamento a Esempio TV aumenterà.",
        "Esempio TV",
        "Esempio TV (annuale)",
        "Prezzo attuale: 49,99 €/anno",
        "Nuovo prezzo: 59,99 €/anno",
        "Il nuovo prezzo verrà addebitato a partire dal 20 aprile 2026.",
      ]),
      "Esempio TV",
    ],
    [
      "an English renewal notice",
      apple("Your subscription will renew soon", [
        "Subscription Renewal",
        "Dear Sam,",
        "Your subscription will renew soon.",
        "Example Notes",
        "Pro (Yearly)",
        "Renews April 1, 2026",
        "Renewal Price $29.99/year",
      ]),
      "Example Notes",
    ],
  ])("names the merchant by the title in %s", (_case, notice, merchant) => {
    expect(read(notice).merchant).toBe(merchant);
  });

  it("does not take a sentence over a parenthesised line for the title", () => {
    const event = read(
      apple("Your subscription will renew soon", [
        "Subscription Renewal",
        "Dear Sam,",
        "Your plan will renew at the price below.",
        "(Yearly)",
        "Renewal Price $29.99/year",
      ]),
    );
    expect(event.merchant).toBeNull();
  });
});
