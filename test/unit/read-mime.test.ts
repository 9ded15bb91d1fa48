// The MIME side of reading: charsets, transfer encodings, HTML, and forwards unwrapped so the
// notice inside is what gets read. Runs inside workerd, whose TextDecoder must know the CJK charsets.
import { describe, expect, it } from "vitest";
import { unwrapForward } from "../../workers/read/forwarded";
import { htmlToText, normalizeLines } from "../../workers/read/html";
import { readEmail } from "../../workers/read/mime";
import { parseTimestamp, smsFromFields } from "../../workers/read/sms";
import { fixtureFile } from "../support/fixtures";

const context = { receivedAt: Date.parse("2026-11-21T00:00:00Z"), timeZone: "Asia/Shanghai" };
const bytes = (lines: string[]) => new TextEncoder().encode(lines.join("\r\n"));

describe("readEmail", () => {
  it("ignores a Date header past the year 9999 instead of dating the notice '+099999-…'", async () => {
    const notice = await readEmail(
      bytes(["From: a@example.com", "Date: Tue, 1 Jan 99999 00:00:00 +0000", "", "hello"]),
      context,
    );
    expect(notice.sentAt).toBeUndefined();
  });

  it("decodes a GB2312-labelled base64 body and a GBK encoded-word subject", async () => {
    const notice = await readEmail(fixtureFile("inline/boc-gb2312-base64.eml"), context);
    expect(notice.text).toBe("您尾号7575的储蓄卡11月20日10:00快捷支付扣款25.00元【中国银行】");
    expect(notice.subject).toBe("扣款通知"); // "转发：" stripped
    expect(notice.senderName).toBe("中国银行");
    expect(notice.sentAt).toBe(Date.parse("2026-11-20T02:00:05Z"));
  });

  it("reads the notice inside a forward attached inline (message/rfc822 without a disposition), not the forwarder", async () => {
    const notice = await readEmail(fixtureFile("inline/fwd-de-inline-rfc822.eml"), context);
    expect(notice).toMatchObject({
      sender: "no_reply@email.apple.com",
      senderName: "App Store",
      subject: "Your receipt from Apple.",
      sentAt: Date.parse("2026-12-24T10:15:00Z"),
      text: "Apple Music Individual 10,99 €",
    });
  });

  it("decodes Big5 and ISO-8859-15 quoted-printable", async () => {
    const big5 = await readEmail(
      bytes([
        "Content-Type: text/plain; charset=big5",
        "Content-Transfer-Encoding: base64",
        "",
        "sXqquq1xvlykd8TyrXGhQar3w0IgTlQkMTUw",
      ]),
      context,
    );
    expect(big5.text).toBe("您的訂閱已續訂，金額 NT$150");
    const latin = await readEmail(
      bytes([
        "Content-Type: text/plain; charset=iso-8859-15",
        "Content-Transfer-Encoding: quoted-printable",
        "",
        "Montant : 10,99 =A4 - merci",
      ]),
      context,
    );
    expect(latin.text).toBe("Montant : 10,99 € - merci");
  });

  it("reads an HTML-only notice as text in reading order, without hidden preheaders", async () => {
    const notice = await readEmail(
      bytes([
        "Content-Type: text/html; charset=utf-8",
        "",
        '<html><head><style>.x{color:red}</style></head><body><div style="display:none">Preview junk $0.00</div>',
        "<table><tr><td>Order ID:</td><td>MSB9L3XK2T</td></tr><tr><td>Apple One&nbsp;/ Premier</td><td>$37.95</td></tr></table>",
        "<p>Renews May&#160;20, 2025</p></body></html>",
      ]),
      context,
    );
    expect(notice.text).toBe("Order ID:\tMSB9L3XK2T\nApple One / Premier\t$37.95\nRenews May 20, 2025");
  });

  it("reads the notice inside a Gmail forward: its sender, date, subject and body", async () => {
    const notice = await readEmail(fixtureFile("inline/fwd-gmail-apple-receipt.eml"), context);
    expect(notice).toMatchObject({
      sender: "no_reply@email.apple.com",
      senderName: "Apple",
      subject: "Your receipt from Apple.",
      text: "ORDER ID: MSB9L3XK2T\nTOTAL: $18.00",
    });
    // Written without a zone: read in the user's zone (Asia/Shanghai), not the forward's date.
    expect(new Date(notice.sentAt ?? 0).toISOString()).toBe("2026-11-19T10:02:00.000Z");
  });

  it("reads a message forwarded as an attachment (message/rfc822)", async () => {
    const notice = await readEmail(fixtureFile("inline/fwd-attached-paypal.eml"), context);
    expect(notice).toMatchObject({
      sender: "service@paypal.com",
      subject: "You sent an automatic payment to Spotify AB",
      text: "Amount: $11.99 USD",
      sentAt: Date.parse("2026-11-19T16:00:00Z"),
    });
  });
});

describe("HTML forwards", () => {
  it("unwraps an Outlook HTML forward whose quoted notice sits under an <hr>", async () => {
    const notice = await readEmail(fixtureFile("inline/fwd-outlook-html-deezer.eml"), context);
    expect(notice).toMatchObject({ sender: "no-reply@deezer.com", senderName: "Deezer", text: "Montant : 11,99 €" });
  });
});

describe("unwrapForward", () => {
  it.each([
    [
      "Outlook",
      "-----Original Message-----\nFrom: Netflix [mailto:info@account.netflix.com]\nSent: Thursday, November 19, 2026 6:02 PM\nTo: me\nSubject: Your payment\n\nbody",
    ],
    [
      "Outlook in French under a rule",
      "________________________________\nDe : Netflix <info@account.netflix.com>\nEnvoyé : jeudi 19 novembre 2026 18:02\nÀ : moi\nObjet : Your payment\n\nbody",
    ],
    [
      "Apple Mail",
      "Begin forwarded message:\n\n> From: Netflix <info@account.netflix.com>\n> Subject: Your payment\n> Date: 19 November 2026 at 18:02:00 GMT+8\n>\n> body",
    ],
    [
      "QQ Mail",
      '------------------ 原始邮件 ------------------\n*发件人:* "Netflix"<info@account.netflix.com>;\n*发送时间:* 2026年11月19日(星期四) 下午6:02\n*收件人:* "me";\n*主题:* Your payment\n\nbody',
    ],
    [
      "163 Mail",
      '-------- 转发邮件信息 --------\n发件人："Netflix" <info@account.netflix.com>\n发送日期：2026-11-19 18:02:00\n收件人：me\n主题：Your payment\n\nbody',
    ],
  ])("finds the notice in a %s forward", (_client, text) => {
    const notice = unwrapForward(`Sent from my phone\n\n${text}`);
    expect(notice).toMatchObject({ sender: "info@account.netflix.com", subject: "Your payment", text: "body" });
    expect(notice?.date).toBeTruthy();
  });

  it.each([
    [
      "Gmail in Italian",
      "---------- Messaggio inoltrato ---------\nDa: PayPal <servizio@paypal.it>\nDate: gio 7 mag 2026 alle ore 09:12\nSubject: Ricevuta\nTo: <me@example.com>\n\nbody",
      "2026-05-07 09:12",
    ],
    [
      "Outlook in German",
      "________________________________\nVon: Amazon.de <prime@amazon.de>\nGesendet: Mittwoch, 25. Februar 2026 09:02\nAn: me\nBetreff: Verlängerung\n\nbody",
      "2026-02-25 09:02",
    ],
    [
      "Apple Mail in French",
      "Début du message réexpédié :\n\nDe: Netflix <info@account.netflix.com>\nDate: 14 novembre 2025 15:14:53 UTC+1\nObjet: Reçu\n\nbody",
      "2025-11-14 15:14:53 UTC+1",
    ],
    [
      "Apple Mail in German",
      "Anfang der weitergeleiteten Nachricht:\n\nVon: noreply@example.com\nDatum: 17. Mai 2023 um 22:36:20 MESZ\nBetreff: Beleg\n\nbody",
      "2023-05-17 22:36:20 CEST",
    ],
    [
      "Outlook in Spanish",
      "________________________________\nDe: Netflix <info@account.netflix.com>\nEnviado: martes, 24 de noviembre de 2026 12:05\nPara: yo\nAsunto: Recibo\n\nbody",
      "2026-11-24 12:05",
    ],
    [
      "Outlook in English, numeric",
      "-----Original Message-----\nFrom: Netflix <info@account.netflix.com>\nSent: 5/7/2026 9:12 AM\nSubject: Receipt\n\nbody",
      "5/7/2026 9:12 AM",
    ],
  ])("rewrites a %s forward's date for a date reader of any language", (_client, text, date) => {
    expect(unwrapForward(text)?.date).toBe(date);
  });

  it("leaves ordinary text with a rule line alone", () => {
    expect(unwrapForward("Total: $5\n____________\nThanks for shopping")).toBeNull();
  });
});

describe("htmlToText", () => {
  it("decodes entities and keeps table cells apart", () => {
    expect(htmlToText("<tr><td>&yen;25.00</td><td>&#x652F;&#20184;&#23453;</td></tr><br>A&amp;B")).toBe(
      "¥25.00\t支付宝\nA&B",
    );
  });

  it("drops what a browser never shows: scripts, styles, comments and elements styled hidden", () => {
    const html =
      '<head><title>Receipt</title><style>td{color:red}</style></head><!-- tracking --><div style="display: none">' +
      "Preheader 99.00</div><script>var total = 1;</script><p>Total <b>€9.99</b></p><SPAN STYLE='mso-hide:all'>x</SPAN>";
    expect(htmlToText(html)).toBe("Total €9.99");
  });

  it("reads a '<' that opens no tag as text, and markup left open as far as it goes", () => {
    expect(htmlToText("<p>if a < b and 3 <4</p><p>next</p>")).toBe("if a < b and 3 <4\nnext");
    expect(htmlToText("<p>kept</p><!-- never closed <p>tail</p>")).toBe("kept\ntail");
    expect(htmlToText("<p>cut <b")).toBe("cut <b");
  });

  it("ends a cell only at a plain </td> or </th>, and a line at every block tag, opening or closing", () => {
    expect(htmlToText("<table><tr><th>Item</th><th >Price</th></tr><tr><td>Plan</td><td>$5</td></tr></table>")).toBe(
      "Item\tPrice\nPlan\t$5",
    );
    expect(htmlToText("<ul><li>one</li><li>two</li></ul><h2>Title</h2>after<hr>below")).toBe(
      "one\ntwo\nTitle\nafter\n________________________________\nbelow",
    );
  });
});

describe("normalizeLines", () => {
  it("folds each whitespace run to one line break, one tab or one space, and drops zero-width characters", () => {
    expect(normalizeLines("  Total:\u00a0\u00a0 ¥25.00 \u200b\r\n\r\n\t Paid \t \t by\u3000\u3000Alipay  \n")).toBe(
      "Total: ¥25.00\nPaid\tby Alipay",
    );
    expect(normalizeLines("a\u200bb \u200b c\ufeffd")).toBe("ab cd");
    expect(normalizeLines("cell\t\u200b\t next\u00a0\t\u00a0end")).toBe("cell\tnext\tend");
  });

  it("keeps whitespace other than spaces, tabs and line breaks as it is", () => {
    expect(normalizeLines("x\u2003\u2003y \u2028 z")).toBe("x\u2003\u2003y \u2028 z");
  });
});

describe("SMS-forwarder posts", () => {
  it("takes the bare SMS out of SmsForwarder's default content block", () => {
    expect(
      smsFromFields({
        from: "95588",
        content:
          "95588\n尾号1234卡11月20日10:00支出(消费支付宝-爱奇艺)25.00元，余额1,000.00元【工商银行】\nSIM1_中国移动_\nSubId：1\n2026-11-20 10:00:03\nPixel 8",
        timestamp: "1763604003000",
      }),
    ).toEqual({
      text: "尾号1234卡11月20日10:00支出(消费支付宝-爱奇艺)25.00元，余额1,000.00元【工商银行】",
      sender: "95588",
      sentAt: 1763604003000,
    });
  });

  it.each([
    ["1763604003", 1763604003000],
    ["1763604003000", 1763604003000],
    ["2026-11-20T10:00:03+08:00", Date.parse("2026-11-20T02:00:03Z")],
    ["yesterday", undefined],
    ["2026-11-20 10:00:03", undefined],
  ])("reads the timestamp %s", (value, expected) => {
    expect(parseTimestamp(value)).toBe(expected);
  });

  it("accepts text, msg and body fields and a numeric sentStamp", () => {
    expect(smsFromFields({ text: "hi", sentStamp: 1763604003000 })).toMatchObject({
      text: "hi",
      sentAt: 1763604003000,
    });
    expect(smsFromFields({ msg: "hi" })?.text).toBe("hi");
    expect(smsFromFields({ body: "hi" })?.text).toBe("hi");
    expect(smsFromFields({ from: "95555" })).toBeNull();
  });
});
