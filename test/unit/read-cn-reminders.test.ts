// Chinese merchants' renewal reminders and price changes that name no order number: an auto-renewal due on a date
// for an amount (预计续费金额), or a plan's price changing from the next billing date (從 NT$270 調整為 NT$320).
// The coming price and date are read; a conditional 扣款失败 ("扣款失败将导致服务停止") is advice, not a failure.
// Also a merchant's receipt paid by 支付宝 under the sender's brand, a 取消自動續訂, and a telco's SMS naming the service.
// Every notice here is invented (senders, wording, numbers), not copied from a fixture.
import { describe, expect, it } from "vitest";
import { emailed, RECEIVED, readEvent as read } from "../support/read-notice";

const mail = (senderName: string, subject: string, lines: string[]) =>
  emailed({ subject, lines, senderName, sender: "notice@service.example.com" });

describe("renewal reminders without an order number", () => {
  it("reads a cloud server's auto-renewal reminder with its 预计续费金额", () => {
    const event = read(
      mail("示例云", "【示例云】云主机自动续费提醒", [
        "尊敬的用户：",
        "您的以下云主机已开通自动续费，系统将于2026年04月01日到期前自动续费扣款。",
        "实例ID\tins-7k2m9q",
        "到期时间\t2026年04月01日 00:00:00",
        "预计续费金额\t￥99.00",
        "扣款失败将导致实例停机，请保持账户余额充足。",
      ]),
    );
    expect(event).toMatchObject({
      kind: "renewal_notice",
      amount_minor: 9900,
      currency: "CNY",
      merchant: "示例云",
      reference: null,
      renews_at: "2026-04-01",
    });
  });

  it("reads a Traditional Chinese price change at its new price", () => {
    const event = read(
      mail("示例影音", "我們即將調整你的方案價格", [
        "你好：",
        "我們將調整方案價格。自 2026年5月1日 的下一個帳單日起，你的方案費用將從每月 NT$270 調整為每月 NT$320。",
        "你不需要採取任何行動。",
      ]),
    );
    expect(event).toMatchObject({
      kind: "renewal_notice",
      amount_minor: 32000,
      currency: "TWD",
      merchant: "示例影音",
      renews_at: "2026-05-01",
    });
  });

  it("reads a Simplified Chinese price change written 由…调整为", () => {
    const event = read(
      mail("示例音乐", "会员价格调整通知", [
        "亲爱的会员：",
        "您订阅的连续包月会员价格将于2026年4月15日起由每月¥15.00调整为每月¥18.00，届时将按新价格自动续费。",
      ]),
    );
    expect(event).toMatchObject({
      kind: "renewal_notice",
      amount_minor: 1800,
      currency: "CNY",
      merchant: "示例音乐",
      renews_at: "2026-04-15",
    });
  });

  it("keeps a promotion naming a price, and a deduction that failed, as no payment", () => {
    expect(
      read(mail("示例音乐", "会员限时优惠", ["会员限时5折，仅需¥9.90，立即开通！", "活动截至2026年3月31日。"])),
    ).toMatchObject({ kind: "other", amount_minor: null });
    expect(
      read(
        mail("示例云", "续费失败通知", [
          "您的云主机自动续费扣款失败，实例将于2026年04月01日到期，续费金额￥99.00。",
          "请及时充值。",
        ]),
      ),
    ).toMatchObject({ kind: "other", amount_minor: null });
  });
});

describe("auto-renewals, their receipts and their cancellations in more wordings", () => {
  it("reads a reminder whose advice names a failure it would avoid (以免因扣款失败…)", () => {
    const event = read(
      mail("示例数据云", "【示例数据云】云数据库自动续费提醒", [
        "您好！您账号下有 2 个云数据库实例将于 2026-04-15 到期。您已开启自动续费，系统将在到期当日从账户余额自动扣费续费 1 个月，预计扣费金额 358.00 元。",
        "请保持账户余额充足，以免因扣款失败导致服务中断。",
      ]),
    );
    expect(event).toMatchObject({
      kind: "renewal_notice",
      amount_minor: 35800,
      currency: "CNY",
      merchant: "示例数据云",
      renews_at: "2026-04-15",
    });
  });

  it("reads a merchant's own auto-renewal receipt paid by 支付宝 as a charge under its brand", () => {
    const event = read(
      emailed({
        senderName: "示例网盘",
        sender: "billing@pan.example.com",
        subject: "自动续费成功通知",
        lines: [
          "感谢你的支持，本期已自动续费成功。",
          "订单号\tWP2603091234567890",
          "支付金额\t¥30.00",
          "支付方式\t支付宝自动扣款",
          "付款时间\t2026-03-09 10:11:12",
          "下次续费日期\t2026-04-09",
        ],
      }),
    );
    expect(event).toMatchObject({
      kind: "charge",
      amount_minor: 3000,
      currency: "CNY",
      merchant: "示例网盘",
      reference: "WP2603091234567890",
      channel: "alipay",
      renews_at: "2026-04-09",
    });
  });

  it("reads a Hong Kong 取消自動續訂 as a cancellation of the brand, not of its 全年通 pass", () => {
    const event = read(
      mail("示例影視", "你的示例影視年費計劃已取消自動續訂", [
        "你好，",
        "你的「示例影視 全年通」年費計劃將不會再自動續訂，已為你取消自動續訂，你仍可使用至2026年5月31日。",
      ]),
    );
    expect(event).toMatchObject({ kind: "cancellation", merchant: "示例影視", amount_minor: null, renews_at: null });
  });

  it("reads a telco's SMS about a subscribed service's renewal under the service, not the telco's tag", () => {
    const event = read({
      text: "【示例電信】親愛的用戶您好，您訂閱的StreamBox月租型服務將於2026/04/05自動續訂，月租費NT$199將併入電信帳單收取，如不續訂請至StreamBox官網取消。",
      receivedAt: RECEIVED,
      source: "sms",
      sender: "0900123456",
    });
    expect(event).toMatchObject({
      kind: "renewal_notice",
      amount_minor: 19900,
      currency: "TWD",
      merchant: "StreamBox",
      renews_at: "2026-04-05",
    });
  });
});
