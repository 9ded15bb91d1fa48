// East Asian categories the fourth session generalised over: Taiwan, Hong Kong and Macau card SMS in every verb they
// use (簽賬, 簽帳, 刷卡, 刷退) and their holds (預先授權); card notices tabled under column labels that name their unit
// ("消費金額(新臺幣)"); a Traditional Chinese subscription taken out (訂閱成功); bilingual Hong Kong receipts whose labels
// carry their English ("收據編號 Receipt No."); a merchant's renewal mail sharing WeChat Pay's rows but paid by Alipay.
// Every notice here is invented (senders, wording, numbers), not copied from a fixture.
import { describe, expect, it } from "vitest";
import type { Notice } from "../../workers/read/types";
import { emailed, RECEIVED, readEvent } from "../support/read-notice";

const sms = (text: string, sender?: string): Notice => ({ text, receivedAt: RECEIVED, source: "sms", sender });
const NO_PAYMENT = { kind: "other", amount_minor: null, currency: null, merchant: null, card_tail: null };

describe("Taiwan, Hong Kong and Macau card SMS in all their verbs", () => {
  it("reads 簽賬 as a card charge, in HKD and MOP", () => {
    expect(readEvent(sms("【例示銀行】您尾號2231的信用卡於03/08 21:40在NETFLIX.COM簽賬HKD 93.00。"))).toMatchObject({
      kind: "charge",
      amount_minor: 9300,
      currency: "HKD",
      merchant: "NETFLIX.COM",
      card_tail: "2231",
      channel: "credit_card",
    });
    expect(
      readEvent(sms("【某某銀行澳門】閣下尾號7710之信用卡於03月07日19:05簽賬MOP120.00，商戶：DISNEY PLUS。")),
    ).toMatchObject({
      kind: "charge",
      amount_minor: 12000,
      currency: "MOP",
      card_tail: "7710",
      channel: "credit_card",
    });
  });

  it("reads 簽帳 and 刷卡 in 新臺幣 as a card charge", () => {
    expect(readEvent(sms("範例銀行：您的信用卡末四碼4402於03/09 12:30簽帳新臺幣390元(KKTV)。"))).toMatchObject({
      kind: "charge",
      amount_minor: 39000,
      currency: "TWD",
      card_tail: "4402",
      channel: "credit_card",
    });
  });

  it("reads 刷退 (money swiped back to the card) as a refund", () => {
    expect(readEvent(sms("範例銀行：您的信用卡末四碼8817於03/05 10:02刷退新臺幣2,150元(某某購物)。"))).toMatchObject({
      kind: "refund",
      amount_minor: 215000,
      currency: "TWD",
      card_tail: "8817",
      channel: "credit_card",
    });
    expect(readEvent(sms("【例示銀行】您尾號5120的信用卡於03/06 18:20刷退HKD 48.00。"))).toMatchObject({
      kind: "refund",
      amount_minor: 4800,
      currency: "HKD",
    });
  });

  it("reads a pre-authorisation hold as no payment, in Cantonese and in Taiwan's wording", () => {
    expect(
      readEvent(sms("某銀行：你張信用卡（尾號3301）喺 GRAND HOTEL 有一筆 HKD 2,000.00 嘅預先授權，款項會暫時預留。")),
    ).toMatchObject(NO_PAYMENT);
    expect(readEvent(sms("【範例銀行】您尾號6604的信用卡於03/08在某租車公司預先授權HKD 3,000.00。"))).toMatchObject(
      NO_PAYMENT,
    );
    expect(readEvent(sms("範例銀行：您的信用卡末四碼1290於03/08 09:10預授權新臺幣5,000元(某某飯店)。"))).toMatchObject(
      NO_PAYMENT,
    );
  });
});

describe("card notices tabled under column labels that name their unit", () => {
  const tabled = (header: string, row: string, senderName = "範例銀行") =>
    emailed({
      subject: `${senderName}信用卡消費通知`,
      senderName,
      lines: ["親愛的卡友您好：", "您的刷卡消費明細如下：", header, row, "如非本人消費，請立即來電。"],
    });

  it("reads a 新臺幣 amount column", () => {
    expect(
      readEvent(tabled("交易日期\t卡號末四碼\t消費商店\t消費金額(新臺幣)", "2026/03/09\t3321\tFRIDAY影音\t199")),
    ).toMatchObject({
      kind: "charge",
      amount_minor: 19900,
      currency: "TWD",
      merchant: "FRIDAY影音",
      card_tail: "3321",
      channel: "credit_card",
    });
  });

  it("reads a full-width bracketed 港幣 column and an English unit", () => {
    expect(
      readEvent(
        tabled("交易日期\t商戶名稱\t交易金額（港幣）\t卡號末四碼", "2026/03/08\tVIU HK\t68.00\t5150", "例示銀行"),
      ),
    ).toMatchObject({ kind: "charge", amount_minor: 6800, currency: "HKD", merchant: "VIU HK", card_tail: "5150" });
    expect(
      readEvent(
        tabled("Transaction Date\tMerchant\tAmount (HKD)\t卡號末四碼", "2026/03/07\tSPOTIFY\t68.00\t0420", "例示銀行"),
      ),
    ).toMatchObject({ kind: "charge", amount_minor: 6800, merchant: "SPOTIFY", card_tail: "0420" });
  });

  it("reads a 退貨 row under such a header as a refund", () => {
    const event = readEvent(
      emailed({
        subject: "範例銀行信用卡退貨通知",
        senderName: "範例銀行",
        lines: ["您的信用卡有一筆退貨：", "交易日期\t消費商店\t金額(新臺幣)", "2026/03/06\t某某書店\t450"],
      }),
    );
    expect(event).toMatchObject({ kind: "refund", amount_minor: 45000, currency: "TWD", merchant: "某某書店" });
  });

  it("leaves a hold tabled the same way as no payment", () => {
    const event = readEvent(
      tabled("交易日期\t交易類別\t消費商店\t金額(新臺幣)", "2026/03/09\t預授權\t某某飯店\t6,000", "範例銀行"),
    );
    expect(event).toMatchObject(NO_PAYMENT);
  });
});

describe("a Traditional Chinese subscription taken out", () => {
  const mail = (lines: string[], subject: string) => emailed({ subject, senderName: "範例影音", lines });

  it("reads 訂閱成功 and 訂閱已生效 as a signup with its monthly price and next date", () => {
    expect(
      readEvent(
        mail(
          ["感謝您訂閱範例影音，您的訂閱已生效。", "月租費用：新台幣 199 元", "下期續訂日：2026/04/09"],
          "範例影音 訂閱通知",
        ),
      ),
    ).toMatchObject({ kind: "signup", amount_minor: 19900, currency: "TWD", renews_at: "2026-04-09" });
    expect(
      readEvent(mail(["您已成功訂閱範例音樂月租方案，每月 NT$149，下次扣款日 2026/04/08。"], "訂閱成功")),
    ).toMatchObject({ kind: "signup", amount_minor: 14900, currency: "TWD" });
  });

  it("reads a renewal (續訂成功) as a charge still", () => {
    expect(
      readEvent(mail(["您的範例影音月租方案已續訂成功，本期扣款新台幣 199 元。"], "範例影音 續訂成功通知")),
    ).toMatchObject({ kind: "charge", amount_minor: 19900 });
  });
});

describe("bilingual Hong Kong receipts whose labels carry their English", () => {
  const receipt = (lines: string[], senderName = "範例影視") =>
    emailed({ subject: "付款收據 Payment Receipt", senderName, lines });

  it("reads the reference, card and amount under 中文 English labels", () => {
    expect(
      readEvent(
        receipt([
          "多謝你訂閱！ Thank you for subscribing!",
          "收據編號 Receipt No.\tHKR-20260308-77120",
          "付款日期 Payment Date\t2026年3月8日 / 8 Mar 2026",
          "金額 Amount\tHK$68.00",
          "付款方式 Payment Method\tMastercard ****5521",
        ]),
      ),
    ).toMatchObject({
      kind: "charge",
      amount_minor: 6800,
      currency: "HKD",
      reference: "HKR-20260308-77120",
      card_tail: "5521",
      channel: "credit_card",
    });
  });

  it("reads 訂單編號 Order No. and 總計 Total, and the next billing date", () => {
    expect(
      readEvent(
        receipt(
          [
            "付款成功 Payment Successful",
            "訂單編號 Order No.\tMO88123456",
            "交易日期 Transaction Date\t2026-03-07",
            "總計 Total\tHK$128.00",
            "付款方式 Payment Method\tVisa ****0082",
            "下次收費日期 Next Billing Date\t2026-04-07",
          ],
          "某某音樂",
        ),
      ),
    ).toMatchObject({ kind: "charge", amount_minor: 12800, reference: "MO88123456", renews_at: "2026-04-07" });
  });

  it("reads 訂單號碼 Order Number with a Macau pataca amount", () => {
    expect(
      readEvent(
        receipt(
          [
            "收據 Receipt",
            "訂單號碼 Order Number\tMAC-556677",
            "金額 Amount\tMOP 98.00",
            "付款方式 Payment Method\tVisa ****7301",
          ],
          "某某串流",
        ),
      ),
    ).toMatchObject({ kind: "charge", amount_minor: 9800, currency: "MOP", reference: "MAC-556677" });
  });

  it("does not take an English word for the reference when the value is missing", () => {
    const event = readEvent(receipt(["收據 Receipt", "收據編號 Receipt No.", "金額 Amount\tHK$68.00"]));
    expect(event.reference).not.toBe("Receipt");
  });
});

describe("a merchant's renewal mail sharing WeChat Pay's rows but paid by Alipay", () => {
  const mail = (lines: string[], senderName = "某某听书") =>
    emailed({ subject: `${senderName}会员自动续费成功通知`, senderName, lines });

  it("reads the channel from the 支付方式 row, not from the 续费金额 row's look", () => {
    expect(
      readEvent(
        mail(["您的会员已自动续费成功。", "订单号：\tTS202603080011", "续费金额：\t￥15.00", "支付方式：\t支付宝"]),
      ),
    ).toMatchObject({ kind: "charge", amount_minor: 1500, channel: "alipay" });
    expect(
      readEvent(
        mail(["续费成功", "续费项目：\t超级会员连续包月", "续费金额：\t￥30.00", "付款方式：\t花呗"], "某某网盘"),
      ),
    ).toMatchObject({ kind: "charge", amount_minor: 3000, channel: "alipay" });
    expect(readEvent(mail(["扣费成功", "扣费金额：\t￥19.00", "支付方式：\t余额宝"], "某某音乐"))).toMatchObject({
      kind: "charge",
      amount_minor: 1900,
      channel: "alipay",
    });
  });

  it("still reads WeChat Pay's own card paid by a bank card as WeChat Pay", () => {
    const card: Notice = {
      text: "微信支付\n已扣费￥25.00\n扣费项目\t某某视频VIP连续包月\n支付方式\t招商银行信用卡(9042)",
      sender: "com.tencent.mm",
      receivedAt: RECEIVED,
      source: "sms",
    };
    expect(readEvent(card)).toMatchObject({ kind: "charge", amount_minor: 2500, channel: "wechat_pay" });
  });
});
