import { describe, expect, it } from "vitest";
import { findCalendarDate, findDateTime } from "../../workers/read/dates";
import { wallClock, zonedInstant } from "../../workers/time/zones";

const shanghai = (iso: string) => ({ receivedAt: Date.parse(iso), timeZone: "Asia/Shanghai" });
const received = shanghai("2024-10-10T12:00:00+08:00");

describe("findDateTime on Chinese notices", () => {
  it.each([
    ["于2024年10月05日，在京东消费RMB138.20元", "2024-10-04T16:00:00.000Z"],
    ["24年10月09日15:54您尾号097账户快捷支付", "2024-10-09T07:54:00.000Z"],
    ["您账户0921于10月05日14:30在【财付通-滴滴出行】", "2024-10-05T06:30:00.000Z"],
    ["您尾号1234卡10月5日 09:27消费", "2024-10-05T01:27:00.000Z"],
    ["您尾号3456的储蓄卡于10月1日10时27分向美团支出人民币14.93元", "2024-10-01T02:27:00.000Z"],
    ["您尾号*1234的卡于01日19时09分成功消费人民币153.00元", "2024-10-01T11:09:00.000Z"],
    ["交易时间：2024-10-05 14:30:00\n交易类型：消费", "2024-10-05T06:30:00.000Z"],
    ["到账时间2024/10/05 08:01", "2024-10-05T00:01:00.000Z"],
    ["您的借记卡账户长城电子借记卡，于10月08日网上支付支取人民币1.00元", "2024-10-07T16:00:00.000Z"],
    ["10日09:27消费人民币40.00元", "2024-10-10T01:27:00.000Z"],
    ["2024年10月5日下午3:20", "2024-10-05T07:20:00.000Z"],
    // A numeric month/day after 於/于 ("on"), the year the latest at or before receipt; day first only when it must be.
    ["您卡號末四碼2047於03/09有一筆退貨交易，金額NT$149", "2024-03-08T16:00:00.000Z"],
    ["您尾号1234卡于 10/08 14:05消费25.00元", "2024-10-08T06:05:00.000Z"],
    ["卡片於23/08消費HK$78.00", "2024-08-22T16:00:00.000Z"],
  ])("reads %s", (text, iso) => {
    expect(findDateTime(text, received)).toBe(iso);
  });

  it("puts a December notice received in January in last year", () => {
    expect(findDateTime("于12月28日网上支付支取人民币1.00元", shanghai("2025-01-02T09:00:00+08:00"))).toBe(
      "2024-12-27T16:00:00.000Z",
    );
    expect(findDateTime("于31日23时59分消费", shanghai("2025-01-01T00:01:00+08:00"))).toBe("2024-12-31T15:59:00.000Z");
  });

  it("keeps a date written the day after receipt in the same year (clock skew), not a year back", () => {
    expect(findDateTime("1月1日00:01消费", shanghai("2024-12-31T23:59:00+08:00"))).toBe("2024-12-31T16:01:00.000Z");
  });

  it("answers null when there is no date, and ignores 15日内", () => {
    expect(findDateTime("【浦发银行】您尾号1234卡14:59消费1.00元", received)).toBeNull();
    expect(findDateTime("请在15日内完成支付", received)).toBeNull();
    expect(findDateTime("验证码123456", received)).toBeNull();
  });

  it("rejects impossible dates", () => {
    expect(findDateTime("2024年13月05日", received)).toBeNull();
    expect(findDateTime("2023-02-29", received)).toBeNull();
  });
});

describe("findDateTime on English notices", () => {
  const utc = { receivedAt: Date.parse("2025-06-01T00:00:00Z"), timeZone: "UTC" };
  it.each([
    ["DATE: May 20, 2025", "2025-05-20T00:00:00.000Z"],
    ["Renews 20 May 2025", "2025-05-20T00:00:00.000Z"],
    ["Order date: 2 Dec 2024 18:20:35 GMT+7", "2024-12-02T11:20:35.000Z"],
    ["Nov 20, 2026 10:00 AM PST", "2026-11-20T18:00:00.000Z"],
    ["Transaction date: Jan 5, 2025 11:07:45 PM PST", "2025-01-06T07:07:45.000Z"],
    ["on March 3, 2025 at 9:15 pm UTC", "2025-03-03T21:15:00.000Z"],
    ["Date: Tue, 2 Dec 2024 18:20:35 +0700", "2024-12-02T11:20:35.000Z"],
    ["Sept. 9, 2024", "2024-09-09T00:00:00.000Z"],
    ["2025-05-20T08:00:00Z", "2025-05-20T08:00:00.000Z"],
    ["August 4, 2025 12:30 PM PT", "2025-08-04T19:30:00.000Z"],
  ])("reads %s", (text, iso) => {
    expect(findDateTime(text, utc)).toBe(iso);
  });

  it("uses the context zone for a time without one, daylight saving included", () => {
    const ny = { receivedAt: Date.parse("2025-08-01T00:00:00Z"), timeZone: "America/New_York" };
    expect(findDateTime("July 4, 2025 10:00 AM", ny)).toBe("2025-07-04T14:00:00.000Z");
    expect(findDateTime("January 4, 2025 10:00 AM", ny)).toBe("2025-01-04T15:00:00.000Z");
  });

  it("does not read 'may' in prose or a bare year as a date", () => {
    const utc2 = { receivedAt: Date.parse("2025-06-01T00:00:00Z"), timeZone: "UTC" };
    expect(findDateTime("You may 2 factor sign in. May 2025 statement", utc2)).toBeNull();
  });
});

describe("findCalendarDate", () => {
  it("reads a stated renewal date as written", () => {
    expect(findCalendarDate("Renews May 20, 2025", received)).toBe("2025-05-20");
    expect(findCalendarDate("将于2024年11月05日自动续费", received)).toBe("2024-11-05");
  });

  it("looks forward for a renewal date without a year", () => {
    expect(findCalendarDate("会员将于1月5日到期", shanghai("2024-12-20T10:00:00+08:00"))).toBe("2025-01-05");
    expect(findCalendarDate("will renew on June 3", shanghai("2025-05-20T10:00:00+08:00"))).toBe("2025-06-03");
    expect(findCalendarDate("Renews Dec 1", shanghai("2025-12-01T10:00:00+08:00"))).toBe("2025-12-01");
  });

  it("answers null without a date", () => {
    expect(findCalendarDate("自动续费已开通", received)).toBeNull();
  });
});

describe("wallClock", () => {
  // What wallClock reads, straight from Intl's parts: the reference it must always agree with.
  function fromParts(instant: number, timeZone: string) {
    const numeric = { year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric" } as const;
    const options = { timeZone, hourCycle: "h23", ...numeric, second: "numeric" } as const;
    const parts = new Intl.DateTimeFormat("en-US", options).formatToParts(new Date(instant));
    const field = (type: string) => Number(parts.find((part) => part.type === type)?.value);
    const [year, month, day] = [field("year"), field("month"), field("day")];
    return { year, month, day, utc: Date.UTC(year, month - 1, day, field("hour"), field("minute"), field("second")) };
  }

  it("reads the same fields as Intl's parts, seconds-level old offsets and far years included", () => {
    const zones = ["Asia/Shanghai", "UTC", "America/St_Johns", "Asia/Kathmandu", "Pacific/Kiritimati", "Europe/Paris"];
    const instants = [
      Date.UTC(2026, 10, 20, 16, 30),
      Date.UTC(2024, 1, 29, 23, 59, 59, 999),
      Date.UTC(1900, 0, 1), // before standard time: Shanghai was +08:05:43
      Date.UTC(1986, 4, 4, 1), // China's daylight saving time
      Date.UTC(2026, 2, 29, 1, 0, 0, 500), // Paris springs forward
      -1e14, // 1200 BCE
      8.64e15, // the last instant Date can hold
    ];
    for (const timeZone of zones) {
      for (const instant of instants) expect(wallClock(instant, timeZone)).toEqual(fromParts(instant, timeZone));
    }
    expect(() => wallClock(Number.NaN, "UTC")).toThrow(RangeError);
  });

  it("finds the instant of a wall-clock time around daylight-saving changes", () => {
    expect(zonedInstant(Date.UTC(2026, 2, 29, 3, 30), "Europe/Paris")).toBe(Date.UTC(2026, 2, 29, 1, 30));
    // 02:30 does not exist when Paris springs forward: read one hour on, like 03:30.
    expect(zonedInstant(Date.UTC(2026, 2, 29, 2, 30), "Europe/Paris")).toBe(Date.UTC(2026, 2, 29, 1, 30));
    // 02:30 happens twice when Paris falls back: the second time, in winter time.
    expect(zonedInstant(Date.UTC(2026, 9, 25, 2, 30), "Europe/Paris")).toBe(Date.UTC(2026, 9, 25, 1, 30));
  });
});

describe("month names in the Nordic and German forms", () => {
  it.each([
    ["Neste trekk: 14. desember 2025", "2025-12-14"],
    ["Betalt 3. maj 2026", "2026-05-03"],
    ["Fornyes 1. okt. 2026", "2026-10-01"],
    ["am 20. Mai 2026", "2026-05-20"],
  ])("%s", (text, day) => {
    expect(findCalendarDate(text, received)).toBe(day);
  });
});
