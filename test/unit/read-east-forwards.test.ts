// Forwards written by East Asian mail clients, and Outlook forwards whose HTML drops the marker line: the notice
// inside is found by its header block (sender, date, subject in the client's language), and its date keeps its
// time when written year first with a weekday and a meridiem between ("2026年3月2日 星期一 下午 03:12"). Every
// notice here is invented (senders, wording, numbers), not copied from the fixture set (the one whole e-mail is in
// test/fixtures/inline/).
import { describe, expect, it } from "vitest";
import { unwrapForward } from "../../workers/read/forwarded";
import { readEmail } from "../../workers/read/mime";
import { fixtureFile } from "../support/fixtures";

describe("forwards in Japanese, Korean and Chinese mail clients", () => {
  it.each([
    [
      "Outlook with a Japanese UI",
      "-----Original Message-----\n差出人: Example Video <billing@video.example>\n送信日時: 2026年11月19日 18:02\n宛先: me@example.jp\n件名: Your payment\n\nbody",
    ],
    [
      "Apple Mail in Japanese",
      '転送されたメッセージ:\n\n差出人: "Example Video" <billing@video.example>\n件名: Your payment\n日付: 2026年11月19日 18:02:00 JST\n宛先: me@example.jp\n\nbody',
    ],
    [
      "Naver Mail",
      '---------- Original Message ----------\n보낸사람: "Example Video" <billing@video.example>\n받는사람: <me@example.kr>\n날짜: 2026-11-19 (목) 18:02:00 (GMT+09:00)\n제목: Your payment\n\nbody',
    ],
    [
      "Apple Mail in Korean",
      "전달된 메시지:\n\n보낸 사람: Example Video <billing@video.example>\n제목: Your payment\n날짜: 2026년 11월 19일 오후 6:02:00 GMT+9\n받는 사람: me@example.kr\n\nbody",
    ],
    [
      "Outlook in Traditional Chinese",
      "-----原始郵件-----\n寄件者: Example Video <billing@video.example>\n寄件日期: 2026年11月19日 星期四 下午 06:02\n收件者: me@example.tw\n主旨: Your payment\n\nbody",
    ],
  ])("finds the notice in a %s forward", (_client, text) => {
    const notice = unwrapForward(`転送します\n\n${text}`);
    expect(notice).toMatchObject({ sender: "billing@video.example", subject: "Your payment", text: "body" });
    expect(notice?.date).toBeTruthy();
  });

  it.each([
    ["a weekday and 下午 between", "寄件日期", "2026年3月2日 星期一 下午 03:12", "2026-03-02 15:12"],
    ["QQ Mail's (星期日) and 上午", "发送时间", "2026年3月15日(星期日) 上午11:05", "2026-03-15 11:05"],
    ["a Korean weekday and zone", "날짜", "2025-08-02 (토) 23:47:30 (GMT+08:00)", "2025-08-02 23:47:30 GMT+08:00"],
    ["Korean 오후 and a named zone", "날짜", "2026년 1월 9일 (금) 오후 12:30 KST", "2026-01-09 12:30 +0900"],
    ["Japanese 午前 and midnight", "送信日時", "2026年1月9日(金) 午前12:10", "2026-01-09 00:10"],
    ["an English Outlook's numeric date", "Sent", "5/7/2026 9:12 AM", "5/7/2026 9:12 AM"],
  ])("reads a date written year first with %s", (_case, label, written, date) => {
    const text = `-----Original Message-----\nFrom: Example <a@example.com>\n${label}: ${written}\nSubject: s\n\nbody`;
    expect(unwrapForward(text)?.date).toBe(date);
  });
});

describe("forwards whose marker line the HTML dropped", () => {
  it.each([
    ["French", "De : Example Video <billing@video.example>\nEnvoyé : lundi 10 août 2026 11:02\nÀ : moi\nObjet : Reçu"],
    [
      "Traditional Chinese",
      "寄件者: Example Video <billing@video.example>\n寄件日期: 2026年8月10日 上午 11:02\n主旨: 收據",
    ],
    [
      "English",
      "From: Example Video <billing@video.example>\nSent: Monday, August 10, 2026 11:02 AM\nSubject: Receipt",
    ],
  ])("reads an Outlook forward in %s from its header block alone", (_language, headers) => {
    const notice = unwrapForward(`FYI, for the spreadsheet.\nMing\n${headers}\nTotal 12.00\nThanks`);
    expect(notice).toMatchObject({ sender: "billing@video.example", text: "Total 12.00\nThanks" });
    expect(notice?.date).toContain("2026");
  });

  it("takes the inner notice's date with its time from an Outlook HTML forward in Chinese", async () => {
    const notice = await readEmail(fixtureFile("inline/fwd-outlook-html-zh-tw.eml"), {
      receivedAt: Date.parse("2025-12-02T01:06:00Z"),
      timeZone: "Asia/Taipei",
    });
    expect(notice).toMatchObject({ sender: "billing@video.example", subject: "價格調整" });
    expect(notice.sentAt).toBe(Date.parse("2025-12-01T07:12:00Z"));
  });

  it("does not take a card alert's own From/To rows for a forward", () => {
    expect(unwrapForward("Amount: SGD19.98\nFrom: Example Visa Debit card ending 2047\nTo: EXAMPLE PLUS")).toBeNull();
    expect(unwrapForward("From: Tokyo\nTo: Osaka\nDeparture 10:02")).toBeNull();
  });
});
