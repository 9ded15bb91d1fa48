// Format families of East Asian notices the readers generalise over: one-time codes naming an amount in any of
// zh-CN / zh-TW / ja / ko, bilingual Hong Kong card and wallet notices, Japanese wallet blocks and pushes, price
// changes in Korean and Japanese, and Chinese cards with promo arrows, English labels, glued labels and expiry dates
// that are no renewal. Every notice here is invented (senders, wording, numbers), not copied from a fixture.
import { describe, expect, it } from "vitest";
import { extractEvent } from "../../workers/read/index";
import type { Notice } from "../../workers/read/types";

const RECEIVED = Date.parse("2026-03-10T04:00:00Z");

const sms = (text: string, sender?: string): Notice => ({ text, receivedAt: RECEIVED, source: "sms", sender });
const mail = (fields: Partial<Notice> & { text: string }): Notice => ({
  receivedAt: RECEIVED,
  sentAt: RECEIVED - 3_600_000,
  source: "email",
  ...fields,
});
const read = (notice: Notice) => {
  const { provenance: _provenance, ...event } = extractEvent(notice);
  return event;
};
const NO_PAYMENT = { kind: "other", amount_minor: null, currency: null, merchant: null };

describe("one-time codes that name an amount", () => {
  it("reads a Traditional Chinese 3-D Secure code as no payment", () => {
    expect(
      read(sms("【國泰世華】您於KKTV網站刷卡NT$270，簡訊動態密碼：482913，10分鐘內有效，請勿提供給任何人。")),
    ).toMatchObject(NO_PAYMENT);
    expect(read(sms("【台新銀行】交易金額新台幣390元，商店FRIDAY影音，認證碼為771204，切勿告知他人。"))).toMatchObject(
      NO_PAYMENT,
    );
  });

  it("reads a Simplified Chinese 认证码 and an OTP as no payment", () => {
    expect(read(sms("【某农商银行】您正在向某某视频支付25.00元，认证码553201，5分钟内有效。"))).toMatchObject(
      NO_PAYMENT,
    );
    expect(read(sms("123456為您的網路交易驗證碼，交易金額新台幣299元，請勿告知他人【例示銀行】"))).toMatchObject(
      NO_PAYMENT,
    );
    expect(read(sms("【某银行】OTP 902215，用于支付某某影视会员19.90元，请勿泄露。"))).toMatchObject(NO_PAYMENT);
  });

  it("reads Korean and Japanese codes as no payment", () => {
    expect(read(sms("[Web발신] [예시카드] 인증번호 [482913] 결제금액 9,900원"))).toMatchObject(NO_PAYMENT);
    expect(read(sms("[Web발신] 하나카드 OTP 481120 예시플러스 결제 13,900원 타인에게 알려주지 마세요"))).toMatchObject(
      NO_PAYMENT,
    );
    expect(read(sms("【エポスカード】認証コード：318840 ご利用金額 1,026円 ご利用先 Lemino"))).toMatchObject(
      NO_PAYMENT,
    );
  });
});

describe("bilingual Hong Kong notices", () => {
  it("reads the payee of a card alert whose Chinese paragraph repeats the English one", () => {
    const event = read(
      mail({
        subject: "Card Transaction Notification 信用卡交易通知",
        senderName: "Example Bank HK",
        sender: "alerts@bank.example.hk",
        text: [
          "Your credit card ending 4411 was used for HKD 128.00 at MOOV MUSIC on 03 Mar 2026 at 20:15.",
          "閣下尾號4411的信用卡於2026年3月3日20:15在MOOV MUSIC簽賬港幣128.00元。",
        ].join("\n"),
      }),
    );
    expect(event).toMatchObject({ kind: "charge", amount_minor: 12800, currency: "HKD", merchant: "MOOV MUSIC" });
    expect(event.card_tail).toBe("4411");
  });

  it("reads a wallet push paying a payee in both languages, with a bilingual reference label", () => {
    const event = read(
      sms(
        [
          "付款成功 Payment Successful",
          "你已使用錢包向 JOOX 繳付年費 HK$388.00。",
          "You have paid HK$388.00 to JOOX with your wallet.",
          "交易編號 Transaction No.: PM2603011778812",
        ].join("\n"),
        "com.example.wallet.hk",
      ),
    );
    expect(event).toMatchObject({
      kind: "charge",
      amount_minor: 38800,
      currency: "HKD",
      merchant: "JOOX",
      reference: "PM2603011778812",
    });
  });

  it("reads bilingual 商戶 / Merchant and 參考編號 / Reference No. labels", () => {
    const event = read(
      sms(
        [
          "交易成功 Transaction Successful",
          "商戶 Merchant：VIU",
          "金額 Amount：HK$68.00",
          "參考編號 Reference No.：TX0099812377",
        ].join("\n"),
        "com.example.pay.hk",
      ),
    );
    expect(event).toMatchObject({ kind: "charge", amount_minor: 6800, merchant: "VIU", reference: "TX0099812377" });
  });
});

describe("Traditional Chinese bank and wallet wording", () => {
  it("reads a Taiwan bank's card SMS by its Traditional debit word and tag", () => {
    expect(read(sms("【例示銀行】您尾號1234的信用卡於03月01日在例示串流消費新臺幣390元。"))).toMatchObject({
      kind: "charge",
      amount_minor: 39000,
      currency: "TWD",
      merchant: "例示串流",
      card_tail: "1234",
    });
  });

  it("reads a Taiwan wallet's payee after 於, and a refund's payee before 退款", () => {
    expect(
      read(sms("【例示支付】您已於03/08 20:15使用例示帳戶於例示影城付款NT$150，交易序號JK260308001122。")),
    ).toMatchObject({ kind: "charge", amount_minor: 15000, merchant: "例示影城", reference: "JK260308001122" });
    expect(read(sms("【例示銀行】閣下尾號5678的信用卡於2026年3月5日收到EXAMPLEPLUS退款港幣48.00元。"))).toMatchObject({
      kind: "refund",
      amount_minor: 4800,
      merchant: "EXAMPLEPLUS",
      card_tail: "5678",
    });
    expect(read(sms("【例示銀行】您的信用卡末四碼1122於03/05有一筆例示串流退款NT$290。"))).toMatchObject({
      kind: "refund",
      merchant: "例示串流",
    });
  });

  it("reads English-first bilingual labels and an English-only payee sentence", () => {
    expect(
      read(
        sms(
          "Transaction Alert 交易通知\nTransaction Amount 交易金額: HKD 68.00\nMerchant Name 商戶名稱: EXAMPLEFLIX\nCard No. 卡號: ****1234",
          "com.example.bank",
        ),
      ),
    ).toMatchObject({ kind: "charge", amount_minor: 6800, merchant: "EXAMPLEFLIX", card_tail: "1234" });
    expect(
      read(
        mail({
          subject: "Payment Notification 付款通知",
          senderName: "Example Pay HK",
          text: "You have made a payment of HKD 38.00 to EXAMPLE MUSIC on 01/03/2026.\n你已於2026年3月1日付款港幣38.00元。",
        }),
      ),
    ).toMatchObject({ kind: "charge", amount_minor: 3800, merchant: "EXAMPLE MUSIC" });
  });

  it("reads a reference under 交易參考編號 followed by its English label", () => {
    expect(
      read(sms("付款成功\n你已向 EXAMPLE 支付 HK$20.00\n交易參考編號 Reference Number：RX88776655", "com.example.pay")),
    ).toMatchObject({ merchant: "EXAMPLE", reference: "RX88776655" });
  });
});

describe("Japanese wallet blocks and pushes", () => {
  it("reads a bulleted label with its value on the next line", () => {
    const event = read(
      mail({
        subject: "【d払い】ご利用のお知らせ",
        senderName: "d払い",
        text: [
          "いつもd払いをご利用いただきありがとうございます。",
          "ご利用がありましたのでお知らせします。",
          "◆ご利用日時",
          "2026/03/08 21:40",
          "◆ご利用店舗",
          "DMM TV",
          "◆ご利用金額",
          "550円",
        ].join("\n"),
      }),
    );
    expect(event).toMatchObject({ kind: "charge", amount_minor: 550, currency: "JPY", merchant: "DMM TV" });
  });

  it("reads the payee of a push before への支払い / での支払い", () => {
    expect(read(sms("楽天ペイ\n返金が完了しました\nABCシネマへの支払い2,189円が返金されました。"))).toMatchObject({
      kind: "refund",
      amount_minor: 2189,
      merchant: "ABCシネマ",
    });
    expect(read(sms("PayPay\nEXAMPLEに1,026円を支払いました。"))).toMatchObject({
      kind: "charge",
      amount_minor: 1026,
      merchant: "EXAMPLE",
    });
    expect(read(sms("メルペイ\nお支払いが完了しました\nEXTVでの支払い 976円が完了しました。"))).toMatchObject({
      kind: "charge",
      amount_minor: 976,
      merchant: "EXTV",
    });
  });
});

describe("price changes", () => {
  it("reads a Korean price increase as a renewal notice at the new price from the next billing date", () => {
    const event = read(
      mail({
        subject: "TVING 이용권 가격 인상 안내",
        senderName: "TVING",
        text: [
          "고객님, TVING 이용권 가격이 인상됩니다.",
          "변경 전 가격\t월 9,500원",
          "변경 후 가격\t월 10,900원",
          "인상된 가격은 다음 결제일(2026년 4월 15일)부터 적용됩니다.",
          "주식회사 예시미디어 | 서울특별시 마포구",
        ].join("\n"),
      }),
    );
    expect(event).toMatchObject({
      kind: "renewal_notice",
      amount_minor: 10900,
      currency: "KRW",
      merchant: "TVING",
      renews_at: "2026-04-15",
      // A footer names the company behind the mail, not a payee (test/fixtures/README.md).
      merchant_legal: null,
    });
  });

  it("reads a Japanese 料金改定 the same way", () => {
    const event = read(
      mail({
        subject: "【Lemino】料金改定のお知らせ",
        senderName: "Lemino",
        text: [
          "Leminoプレミアムの月額料金を改定いたします。",
          "現在の料金：990円（税込）",
          "改定後の料金：1,190円（税込）",
          "次回更新日（2026年4月1日）から新しい料金が適用されます。",
        ].join("\n"),
      }),
    );
    expect(event).toMatchObject({ kind: "renewal_notice", amount_minor: 1190, renews_at: "2026-04-01" });
  });
});

describe("price changes written in a sentence", () => {
  it("takes the second price of 'old에서 new으로' and the date the new price applies from", () => {
    expect(
      read(
        mail({
          subject: "[예시뮤직] 이용권 요금 변경 안내",
          senderName: "예시뮤직",
          text: "예시뮤직 이용권 월 요금이 9,900원에서 10,900원으로 변경됩니다.\n변경된 요금은 2026년 4월 1일 결제분부터 적용됩니다.",
        }),
      ),
    ).toMatchObject({ kind: "renewal_notice", amount_minor: 10900, renews_at: "2026-04-01" });
  });

  it("does the same for 'oldから newに' in Japanese", () => {
    expect(
      read(
        mail({
          subject: "【例示TV】月額料金改定のお知らせ",
          senderName: "例示TV",
          text: "例示TVの月額料金を990円から1,190円（税込）に改定いたします。\n2026年4月1日以降の更新から適用されます。",
        }),
      ),
    ).toMatchObject({ kind: "renewal_notice", amount_minor: 1190, renews_at: "2026-04-01" });
  });
});

describe("Chinese cards", () => {
  it("reads no payee from a type row that carries a promo arrow", () => {
    const card = (type: string) =>
      read(
        sms(
          `某城商银行\n信用卡交易提醒\n交易时间:2026年03月02日 10:11\n交易金额:人民币15.00元\n交易类型:${type}`,
          "com.tencent.mm",
        ),
      );
    expect(card("消费>>查看详情")).toMatchObject({ kind: "charge", amount_minor: 1500, merchant: null });
    expect(card("消费→点击领取优惠")).toMatchObject({ kind: "charge", merchant: null });
  });

  it("reads an Alipay card in English by its Trading partner and Item labels", () => {
    expect(
      read(
        sms(
          "Payment Assistant\nPayment successful\n03月08日\n15.00元\nPayment method：Huabei\nTrading partner：某某音乐",
          "com.eg.android.AlipayGphone",
        ),
      ),
    ).toMatchObject({ kind: "charge", amount_minor: 1500, merchant: "某某音乐", channel: "alipay" });
  });

  it("reads the quoted membership, not the card a brand wallet paid with", () => {
    const event = read(
      sms(
        "美团\n自动续费成功\n您开通的「某某听书VIP会员连续包月」已自动续费，支付金额¥18.00，支付方式：美团支付-建设银行储蓄卡(尾号2210)。",
        "com.sankuai.meituan",
      ),
    );
    expect(event).toMatchObject({ kind: "charge", amount_minor: 1800, merchant: "某某听书VIP会员连续包月" });
    expect(event.card_tail).toBe("2210");
  });

  it.each([
    ["ヒカリ書店.jp", "プラン：\tヒカリ書店読み放題（月額プラン）", "ヒカリ書店読み放題"],
    ["ヒカリ書店.jp", "プラン：\tプレミアム（月額）", "ヒカリ書店.jp"],
    ["ヒカリ書店.jp", "プラン：\tヒカリ書店 Standard 年間プラン（一括払い）", "ヒカリ書店.jp"],
  ])("names a renewal from %s by the service its plan row names, never by a tier (%s)", (brand, plan, merchant) => {
    const event = read(
      mail({
        senderName: brand,
        sender: "member@hikari.example.jp",
        subject: "会員の自動更新のお知らせ",
        text: `会員の自動更新のお知らせ\nいつも${brand}をご利用いただきありがとうございます。\n会員資格は、次回のお支払い日に自動的に更新されます。\n${plan}\n会費：\t¥980（税込）\n次回のお支払い日：\t2026/04/21\nお支払い方法：\tVisa（末尾 3017）`,
      }),
    );
    expect(event).toMatchObject({ kind: "renewal_notice", amount_minor: 980, currency: "JPY", merchant });
  });

  it.each([
    ["某某影音", "訂閱費用即將調整為 NT$330，如需變更方案，請前往「帳戶」頁面。"],
    ["某某云盘", "会员价格将调整为¥30.00/月，可在“账单”中查看明细。"],
  ])("takes no screen of an app for the payee (%s)", (brand, body) => {
    const event = read(
      mail({ text: body, senderName: brand, sender: "info@example.com", subject: `${brand} 價格調整` }),
    );
    expect(event.merchant).not.toMatch(/帳戶|账单/);
  });

  it("reads no payee from a brand wallet's credit card either", () => {
    const event = read(
      sms(
        "某某商城\n自动续费成功提醒\n您开通的「某某视频会员连续包月」已自动续费，支付金额¥22.00，支付方式：某某支付-兴业银行信用卡(尾号7781)。",
        "com.example.mall",
      ),
    );
    expect(event).toMatchObject({ kind: "charge", merchant: "某某视频会员连续包月", card_tail: "7781" });
  });

  it("reads a WeChat refund's glued order number and the tail after a bank name in parentheses", () => {
    const event = read(
      sms(
        "微信支付\n退款到账通知\n退款金额¥12.50\n商品详情美团-订单编号880012345678\n商户名称美团平台商户\n退款方式退回支付卡(工商银行 1234)\n到账时间2026-03-05 10:02:51",
        "com.tencent.mm",
      ),
    );
    expect(event).toMatchObject({ kind: "refund", reference: "880012345678", card_tail: "1234" });
  });

  it("reads no renewal from an expiry date that will not renew", () => {
    expect(
      read(
        sms(
          "【某卡网】您购买的视频会员月卡订单KW26030101已充值成功，实付15.00元，有效期至2026-04-01，到期不会自动续费。",
        ),
      ),
    ).toMatchObject({ kind: "charge", amount_minor: 1500, renews_at: null });
    expect(read(sms("【某某充值】会员直充成功，实付9.90元，会员有效期至2026-04-05，本服务不自动续费。"))).toMatchObject(
      { kind: "charge", renews_at: null },
    );
  });

  it("takes a receipt's service over the legal company it pays", () => {
    const event = read(
      mail({
        subject: "【某某云盘】会员续费成功通知",
        senderName: "某某云盘",
        text: [
          "您的会员已自动续费成功。",
          "订单编号\t2603051200998877",
          "服务名称\t某某云盘超级会员",
          "实付金额\t¥30.00",
          "支付方式\t支付宝",
          "支付时间\t2026-03-05 12:00:01",
          "收款方\t某某网络科技有限公司",
        ].join("\n"),
      }),
    );
    expect(event).toMatchObject({
      kind: "charge",
      amount_minor: 3000,
      merchant: "某某云盘超级会员",
      merchant_legal: "某某网络科技有限公司",
    });
  });
});

describe("store receipts laid out as grids", () => {
  it("reads the order number of a Japanese Apple receipt whose account row stands above the order grid", () => {
    const event = read(
      mail({
        subject: "Appleからの領収書です。",
        sender: "no_reply@email.apple.com",
        senderName: "Apple",
        text: [
          "領収書",
          "Apple Account\t請求日",
          "taro@example.jp\t2026年3月8日",
          "ご注文番号\t書類番号",
          "QX4R7T2MZP\t552019384711",
          "請求先",
          "Visa •••• 1188",
          "Example TV",
          "Example TV",
          "スタンダード（月額）",
          "更新日：2026年4月8日",
          "問題を報告する\t¥980",
          "小計\t¥980",
          "Visa •••• 1188\t¥980",
        ].join("\n"),
      }),
    );
    expect(event).toMatchObject({ kind: "charge", amount_minor: 980, reference: "QX4R7T2MZP", channel: "apple" });
  });
});

// Families worded differently from those the readers were first written for: setup, stop and upcoming-charge cues in
// Japanese and Korean, Traditional Chinese rows and wallet cancellations, parcel and declined notices naming a
// payment, and a wallet push whose tag opens its second line.
describe("Japanese and Korean cues worded another way", () => {
  it("reads a wallet's automatic-payment setup with a trial as a signup at the price after it", () => {
    const event = read(
      sms(
        "サンプルウォレット\n定期支払いの設定が完了しました\n加盟店：ミライ動画\n金額：¥1,280／月\n無料期間終了日：2026年4月9日",
        "jp.example.wallet",
      ),
    );
    expect(event).toMatchObject({ kind: "signup", amount_minor: 1280, currency: "JPY", merchant: "ミライ動画" });
    expect(event.renews_at).toBe("2026-04-09");
  });

  it("reads a stopped automatic continuation as a cancellation of the named service", () => {
    const event = read(
      mail({
        subject: "［ホシゲーム］自動継続購入の停止について",
        text: "以下のサービスの自動継続購入を停止しました。\n\nサービス名：ホシゲーム プラス\nご利用期限：2026/06/01",
      }),
    );
    expect(event).toMatchObject({ kind: "cancellation", merchant: "ホシゲーム プラス", renews_at: null });
  });

  it("reads a Korean recurring charge that will go ahead as a renewal notice on that date", () => {
    const event = read(
      sms("[Web발신]\n[하늘TV] 고객님의 이용권 정기결제가 2026.03.17에 진행될 예정입니다.\n결제 예정 금액: 9,900원"),
    );
    expect(event).toMatchObject({ kind: "renewal_notice", amount_minor: 9900, currency: "KRW" });
    expect(event.renews_at).toBe("2026-03-17");
  });
});

describe("Traditional Chinese rows and wallet cancellations", () => {
  it("reads a Traditional 扣款說明 row as the service", () => {
    const event = read(
      sms(
        "某某錢包\n自動扣款成功\n扣款金額：HK$58.00\n扣款說明：星河影音 月費方案\n扣款時間：2026-03-08 10:00:00",
        "hk.example.wallet",
      ),
    );
    expect(event).toMatchObject({ kind: "charge", amount_minor: 5800, merchant: "星河影音 月費方案" });
  });

  it("reads a 交易对手 row as the payee of a bank refund", () => {
    const event = read(sms("您尾号7731的借记卡03月05日09:12退款收入人民币12.50元，交易对手：某某外卖。【某某银行】"));
    expect(event).toMatchObject({ kind: "refund", amount_minor: 1250, merchant: "某某外卖", card_tail: "7731" });
  });

  it("reads a Traditional wallet's closed auto-deduction as a cancellation of the named service", () => {
    const event = read(
      sms(
        "WeChat Pay HK\n已關閉自動扣費\n你已關閉「星河」的自動扣費服務。\n服務名稱：星河影音月費\n關閉時間：2026-03-04 10:02",
        "com.tencent.mm",
      ),
    );
    expect(event).toMatchObject({ kind: "cancellation", merchant: "星河影音月費", channel: "wechat_pay" });
  });
});

describe("notices that name a payment but are none", () => {
  it("reads a shipped order naming what was paid as no payment", () => {
    expect(
      read(
        mail({
          subject: "您的订单558812已发货",
          text: "您的订单 558812 已由快递揽收并发出。\n商品\t某品牌台灯 x1\n实付款\t¥89.00",
        }),
      ),
    ).toMatchObject(NO_PAYMENT);
  });

  it("reads a Traditional declined card transaction as no payment", () => {
    expect(
      read(sms("【某某銀行】閣下尾號 1188 之信用卡於 2026年3月5日 在 某某旅遊 進行之交易 港幣 560.00 未獲批核。")),
    ).toMatchObject(NO_PAYMENT);
  });
});

describe("a Japanese wallet push whose tag opens its second line", () => {
  it("reads the payee before での支払い after the tag", () => {
    const event = read(
      sms(
        "サンプルペイ\n【返金のお知らせ】ハナ弁当でのお支払い（860円）が取り消され、返金されました。",
        "jp.example.pay",
      ),
    );
    expect(event).toMatchObject({ kind: "refund", amount_minor: 860, currency: "JPY", merchant: "ハナ弁当" });
  });
});

describe("Chinese payees and services written another way", () => {
  it("reads a 会员类型 row as the service over the sentence around it", () => {
    const event = read(
      mail({
        subject: "【某某读书】会员自动续费提醒",
        text: "你开通的连续包月服务即将自动续费：\n\n会员类型：某某读书畅读会员\n续费金额：¥15.00\n扣费日期：2026年03月17日\n支付方式：微信支付",
      }),
    );
    expect(event).toMatchObject({ kind: "renewal_notice", amount_minor: 1500, merchant: "某某读书畅读会员" });
  });

  it("reads the service a user has open, named before its plan in brackets", () => {
    const event = read(
      mail({
        subject: "某某云 · 价格调整通知",
        text: "您当前开通的 某某云盘会员（连续包月） 下次续费日期为 2026年4月2日，届时将按调整后价格 ￥30.00 通过支付宝自动扣费。",
      }),
    );
    expect(event).toMatchObject({ merchant: "某某云盘会员" });
  });

  it("reads the payee of your transaction at X, and the payee in brackets after a card spend", () => {
    expect(
      read(sms("某某錢包\n退款通知\n您於 星光咖啡 的交易已完成退款。\n退款金額：NT$120", "tw.example.wallet")),
    ).toMatchObject({ kind: "refund", amount_minor: 12000, merchant: "星光咖啡" });
    expect(
      read(
        sms("【某某銀行】您的信用卡末4碼1234於2026/03/05 10:12國外消費US$12.00（SAMPLE SOFT LLC），實際金額依入帳為準"),
      ),
    ).toMatchObject({ kind: "charge", amount_minor: 1200, currency: "USD", merchant: "SAMPLE SOFT LLC" });
  });
});
