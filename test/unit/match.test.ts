// The matcher's promises: a notice finds its membership by the names statements really use, and when
// two memberships fit equally it says so instead of guessing.
import { describe, expect, it } from "vitest";
import { type MatchableEvent, type MatchableMembership, matchEvent, normalizeMerchant } from "../../workers/match";

const shanghai = { timeZone: "Asia/Shanghai" };

function membership(overrides: Partial<MatchableMembership> & Pick<MatchableMembership, "id" | "name">) {
  return {
    merchantAliases: [],
    amountMinor: 2500,
    currency: "CNY",
    channel: "other",
    nextRenewalOn: "2026-12-01",
    cycleUnit: "month",
    cycleCount: 1,
    status: "active",
    trialEndsOn: null,
    anchorDay: null,
    ...overrides,
  } as MatchableMembership;
}

function charge(overrides: Partial<MatchableEvent>): MatchableEvent {
  return {
    kind: "charge",
    amount_minor: 2500,
    currency: "CNY",
    merchant: null,
    // 2026-11-29 10:15 in Shanghai: two days before a renewal on 2026-12-01.
    occurred_at: "2026-11-29T02:15:00Z",
    channel: null,
    ...overrides,
  };
}

const iqiyi = membership({
  id: "mem_iqiyi",
  name: "爱奇艺黄金VIP",
  merchantAliases: ["爱奇艺", "iQIYI"],
  channel: "wechat_pay",
});
const spotify = membership({
  id: "mem_spotify",
  name: "Spotify",
  merchantAliases: ["Spotify"],
  amountMinor: 1099,
  currency: "EUR",
  channel: "paypal",
  nextRenewalOn: "2026-11-15",
});
const netflix = membership({
  id: "mem_netflix",
  name: "Netflix",
  amountMinor: 1549,
  currency: "USD",
  channel: "credit_card",
  nextRenewalOn: "2026-11-20",
});
const neteaseMusic = membership({
  id: "mem_netease",
  name: "网易云音乐黑胶VIP",
  merchantAliases: ["网易云音乐"],
  amountMinor: 15800,
  cycleUnit: "year",
  nextRenewalOn: "2027-03-01",
});
const everyone = [iqiyi, spotify, netflix, neteaseMusic];

function matchedId(event: MatchableEvent, memberships: MatchableMembership[] = everyone) {
  return matchEvent(event, memberships, shanghai).membershipId;
}

function matchOf(event: MatchableEvent, memberships: MatchableMembership[] = everyone) {
  const result = matchEvent(event, memberships, shanghai);
  if (result.membershipId === null) throw new Error(`expected a match, got: ${result.reason}`);
  return result.match;
}

describe("normalizeMerchant", () => {
  it.each([
    ["财付通-爱奇艺", "爱奇艺"],
    ["支付宝-爱奇艺", "爱奇艺"],
    ["支付宝（中国）-优酷", "优酷"],
    ["微信支付-腾讯视频", "腾讯视频"],
    ["美团支付-美团", "美团"],
    ["云闪付－哔哩哔哩", "哔哩哔哩"],
    ["北京爱奇艺科技有限公司", "爱奇艺"],
    ["深圳市腾讯计算机系统有限公司", "腾讯计算机系统"],
    ["上海宽娱数码科技有限公司", "宽娱数码"],
    ["【哔哩哔哩】", "哔哩哔哩"],
    ["SPOTIFY AB", "spotify"],
    ["ＮＥＴＦＬＩＸ", "netflix"],
    ["Netflix.com", "netflix"],
    ["Dropbox, Inc.", "dropbox"],
    ["Notion Labs, Inc.", "notionlabs"],
    ["Apple Services Pte. Ltd.", "appleservices"],
    ["Acme Co., Ltd.", "acme"],
    ["PAYPAL *SPOTIFY", "spotify"],
    ["PP*NETFLIX", "netflix"],
    ["GOOGLE *YouTube", "youtube"],
    ["SQ *BLUE BOTTLE", "bluebottle"],
  ])("reads %s as %s", (raw, expected) => {
    expect(normalizeMerchant(raw)).toBe(expected);
  });

  it("keeps brands that only look like a prefix or a suffix", () => {
    expect(normalizeMerchant("微信读书")).toBe("微信读书");
    expect(normalizeMerchant("Grab")).toBe("grab");
  });

  it("never reduces a name to nothing", () => {
    expect(normalizeMerchant("有限公司")).toBe("有限公司");
    expect(normalizeMerchant("APPLE.COM/BILL")).not.toBe("");
    expect(normalizeMerchant("Inc.")).toBe("inc");
    expect(normalizeMerchant("-")).toBe("-");
  });
});

describe("matchEvent: finding the membership by merchant", () => {
  it("links a WeChat Pay charge from 财付通-爱奇艺 to the iQIYI membership and explains why", () => {
    const result = matchEvent(charge({ merchant: "财付通-爱奇艺", channel: "wechat_pay" }), everyone, shanghai);
    expect(result).toEqual({
      membershipId: "mem_iqiyi",
      match: {
        score: 1,
        reason:
          "merchant “财付通-爱奇艺” matches alias “爱奇艺”; amount 25.00 CNY as expected; " +
          "2 days before the renewal on 2026-12-01; paid via wechat_pay",
        alias: "爱奇艺",
        amount: "exact",
        date_window: true,
      },
    });
  });

  it.each([
    ["支付宝-爱奇艺", "mem_iqiyi"],
    ["北京爱奇艺科技有限公司", "mem_iqiyi"],
    ["iQIYI.com", "mem_iqiyi"],
    ["PAYPAL *SPOTIFY", "mem_spotify"],
    ["ＮＥＴＦＬＩＸ", "mem_netflix"],
    ["Netflix.com", "mem_netflix"],
  ])("recognises %s as %s", (merchant, id) => {
    expect(matchedId(charge({ merchant }))).toBe(id);
  });

  it("matches the statement name “SPOTIFY AB” to the alias “Spotify”", () => {
    const match = matchOf(
      charge({ merchant: "SPOTIFY AB", amount_minor: 1099, currency: "EUR", occurred_at: "2026-11-15T08:00:00Z" }),
    );
    expect(match).toMatchObject({ alias: "Spotify", amount: "exact", date_window: true });
  });

  it("accepts a merchant that contains an alias, with less confidence than an exact name", () => {
    const partial = matchOf(
      charge({ merchant: "网易云音乐黑胶VIP连续包年", amount_minor: 15800, occurred_at: "2027-02-27T04:00:00Z" }),
    );
    const exact = matchOf(charge({ merchant: "网易云音乐", amount_minor: 15800, occurred_at: "2027-02-27T04:00:00Z" }));
    // The longest name found inside the merchant explains the match best.
    expect(partial.alias).toBe("网易云音乐黑胶VIP");
    expect(partial.reason).toContain("partly matches alias “网易云音乐黑胶VIP”");
    expect(partial.score).toBeLessThan(exact.score);
  });

  it("does not trust a too-short fragment like “QQ” inside “QQ音乐”", () => {
    const qqMusic = membership({
      id: "mem_qqmusic",
      name: "QQ音乐绿钻",
      merchantAliases: ["QQ音乐"],
      amountMinor: 1500,
    });
    expect(matchedId(charge({ merchant: "QQ", amount_minor: 1500 }), [qqMusic])).toBeNull();
    expect(matchedId(charge({ merchant: "财付通-QQ音乐", amount_minor: 1500 }), [qqMusic])).toBe("mem_qqmusic");
  });

  it("leaves a charge from an unknown merchant unmatched, saying so", () => {
    const result = matchEvent(charge({ merchant: "财付通-滴滴出行", amount_minor: 2350 }), everyone, shanghai);
    expect(result).toEqual({
      membershipId: null,
      reason: "no membership's name or aliases match merchant “财付通-滴滴出行”",
      candidates: [],
    });
  });

  it("reads a membership's aliases as they are now, when the same list is matched again after an edit", () => {
    const edited = membership({ id: "mem_edited", name: "视频会员", merchantAliases: ["爱奇艺"] });
    const event = charge({ merchant: "财付通-腾讯视频" });
    expect(matchedId(event, [edited])).toBeNull();
    edited.merchantAliases = ["腾讯视频"];
    expect(matchOf(event, [edited]).alias).toBe("腾讯视频");
    edited.merchantAliases = [];
    expect(matchedId(event, [edited])).toBeNull();
  });
});

describe("matchEvent: amounts", () => {
  it("still matches when the price went up from 25.00 to 30.00, marked near", () => {
    const match = matchOf(charge({ merchant: "支付宝-爱奇艺", amount_minor: 3000 }));
    expect(match.amount).toBe("near");
    expect(match.reason).toContain("amount 30.00 CNY is close to the expected 25.00 CNY");
  });

  it("still matches 250.00 against an expected 25.00 on the merchant alone, marked different", () => {
    const match = matchOf(charge({ merchant: "支付宝-爱奇艺", amount_minor: 25000 }));
    expect(match.amount).toBe("different");
    expect(match.reason).toContain("amount 250.00 CNY differs from the expected 25.00 CNY");
  });

  it("counts a difference of one fen as the expected amount", () => {
    expect(matchOf(charge({ merchant: "爱奇艺", amount_minor: 2499 })).amount).toBe("exact");
  });

  it("cannot judge an amount in another currency or no amount at all", () => {
    expect(matchOf(charge({ merchant: "爱奇艺", amount_minor: 399, currency: "USD" })).amount).toBe("unknown");
    expect(matchOf(charge({ merchant: "爱奇艺", amount_minor: null, currency: null })).amount).toBe("unknown");
  });
});

describe("matchEvent: dates", () => {
  it("counts calendar days in the user's timezone", () => {
    // 17:30 UTC on 30 November is already 1 December in Shanghai: the renewal day itself.
    const event = charge({ merchant: "爱奇艺", occurred_at: "2026-11-30T17:30:00Z" });
    expect(matchEvent(event, [iqiyi], shanghai)).toMatchObject({
      match: { reason: expect.stringContaining("on the day of the renewal on 2026-12-01") },
    });
    expect(matchEvent(event, [iqiyi], { timeZone: "UTC" })).toMatchObject({
      match: { reason: expect.stringContaining("1 day before the renewal on 2026-12-01") },
    });
  });

  it("accepts a charge up to fourteen days before and three days after the renewal, not beyond", () => {
    expect(matchOf(charge({ merchant: "爱奇艺", occurred_at: "2026-11-17T02:00:00Z" })).date_window).toBe(true);
    expect(matchOf(charge({ merchant: "爱奇艺", occurred_at: "2026-11-16T02:00:00Z" })).date_window).toBe(false);
    expect(matchOf(charge({ merchant: "爱奇艺", occurred_at: "2026-12-04T02:00:00Z" })).date_window).toBe(true);
    expect(matchOf(charge({ merchant: "爱奇艺", occurred_at: "2026-12-05T02:00:00Z" })).date_window).toBe(false);
  });

  it("recognises the charge for the renewal just gone, clamped to the end of a short month", () => {
    const monthEnd = membership({ id: "mem_month_end", name: "爱奇艺", nextRenewalOn: "2026-03-31" });
    const match = matchOf(charge({ merchant: "爱奇艺", occurred_at: "2026-02-28T03:00:00Z" }), [monthEnd]);
    expect(match.date_window).toBe(true);
    expect(match.reason).toContain("on the day of the previous renewal on 2026-02-28");
  });

  it("counts the day a trial converts to paid like a renewal", () => {
    const trial = membership({
      id: "mem_trial",
      name: "Spotify Premium",
      merchantAliases: ["Spotify"],
      amountMinor: 1099,
      currency: "EUR",
      nextRenewalOn: "2026-12-10",
      trialEndsOn: "2026-12-10",
    });
    const notice = { kind: "renewal_notice", merchant: "Spotify AB", amount_minor: 1099, currency: "EUR" } as const;
    const match = matchOf(charge({ ...notice, occurred_at: "2026-12-07T09:00:00Z" }), [trial]);
    expect(match.date_window).toBe(true);
    expect(match.reason).toContain("3 days before the trial end on 2026-12-10");
  });
});

describe("matchEvent: two memberships with the same merchant", () => {
  const tencentA = membership({
    id: "mem_tv_mine",
    name: "腾讯视频VIP",
    merchantAliases: ["腾讯视频"],
    amountMinor: 3000,
  });
  const tencentB = membership({
    id: "mem_tv_parents",
    name: "腾讯视频（爸妈）",
    merchantAliases: ["腾讯视频"],
    amountMinor: 3000,
  });

  it("refuses to guess when both fit equally, naming both", () => {
    const result = matchEvent(
      charge({ merchant: "财付通-腾讯视频", amount_minor: 3000 }),
      [tencentA, tencentB],
      shanghai,
    );
    expect(result.membershipId).toBeNull();
    if (result.membershipId !== null) return;
    expect(result.reason).toContain("“腾讯视频VIP” (mem_tv_mine");
    expect(result.reason).toContain("“腾讯视频（爸妈）” (mem_tv_parents");
    expect(result.candidates).toEqual([
      { membershipId: "mem_tv_mine", score: 0.95 },
      { membershipId: "mem_tv_parents", score: 0.95 },
    ]);
  });

  it("refuses to guess when only the payment channel tells them apart", () => {
    const viaWeChat = { ...tencentA, channel: "wechat_pay" as const };
    const viaAlipay = { ...tencentB, channel: "alipay" as const };
    const event = charge({ merchant: "财付通-腾讯视频", amount_minor: 3000, channel: "wechat_pay" });
    expect(matchedId(event, [viaWeChat, viaAlipay])).toBeNull();
  });

  it("picks the one whose amount fits clearly better", () => {
    const yearly = { ...tencentB, amountMinor: 25800, cycleUnit: "year" as const };
    expect(matchedId(charge({ merchant: "财付通-腾讯视频", amount_minor: 3000 }), [yearly, tencentA])).toBe(
      "mem_tv_mine",
    );
    expect(matchedId(charge({ merchant: "财付通-腾讯视频", amount_minor: 25800 }), [yearly, tencentA])).toBe(
      "mem_tv_parents",
    );
  });

  it("picks the one whose renewal date fits clearly better", () => {
    const midMonth = { ...tencentB, nextRenewalOn: "2026-12-15" };
    const event = charge({ merchant: "财付通-腾讯视频", amount_minor: 3000, occurred_at: "2026-12-14T01:00:00Z" });
    expect(matchedId(event, [tencentA, midMonth])).toBe("mem_tv_parents");
  });

  it("prefers the membership named exactly over one that only contains the name", () => {
    const sports = membership({ id: "mem_iqiyi_sports", name: "爱奇艺体育", amountMinor: 2500 });
    expect(matchedId(charge({ merchant: "支付宝-爱奇艺" }), [sports, iqiyi])).toBe("mem_iqiyi");
  });
});

describe("matchEvent: refunds, cancellations and what is never matched", () => {
  it("matches a partial refund to the membership it came from", () => {
    const match = matchOf(charge({ kind: "refund", merchant: "财付通-爱奇艺", amount_minor: 1250 }));
    expect(match.amount).toBe("near");
    expect(match.reason).toContain("partial refund of 12.50 CNY (expected charge 25.00 CNY)");
  });

  it("matches a full refund as the expected amount", () => {
    expect(matchOf(charge({ kind: "refund", merchant: "支付宝-爱奇艺", amount_minor: 2500 })).amount).toBe("exact");
  });

  it("still matches a charge to a cancelled membership, so a charge after cancelling is caught", () => {
    const cancelled = { ...iqiyi, status: "cancelled" as const };
    const match = matchOf(charge({ merchant: "财付通-爱奇艺" }), [cancelled]);
    expect(match.reason).toContain("the membership is cancelled");
  });

  it("matches a cancellation confirmation and a new auto-deduct agreement too", () => {
    expect(
      matchedId(charge({ kind: "cancellation", merchant: "支付宝-爱奇艺", amount_minor: null, currency: null })),
    ).toBe("mem_iqiyi");
    expect(matchedId(charge({ kind: "signup", merchant: "支付宝-爱奇艺" }))).toBe("mem_iqiyi");
  });

  it("never matches an event that is not a payment notice, even if it names a merchant", () => {
    const result = matchEvent(charge({ kind: "other", merchant: "爱奇艺" }), everyone, shanghai);
    expect(result).toMatchObject({ membershipId: null, candidates: [] });
    expect(result.membershipId === null && result.reason).toContain("not a payment notice");
  });

  it("never matches a notice that names no merchant", () => {
    const result = matchEvent(charge({ merchant: null }), everyone, shanghai);
    expect(result).toEqual({ membershipId: null, reason: "the notice names no merchant to match", candidates: [] });
  });
});

describe("matchEvent: scores", () => {
  it("scores between 0 and 1, higher when channel, amount and date agree", () => {
    const bare = matchOf(charge({ merchant: "爱奇艺", amount_minor: 99900, occurred_at: "2026-06-01T00:00:00Z" }));
    const wrongChannel = matchOf(
      charge({ merchant: "爱奇艺", amount_minor: 99900, occurred_at: "2026-06-01T00:00:00Z", channel: "alipay" }),
    );
    const everything = matchOf(charge({ merchant: "爱奇艺", channel: "wechat_pay" }));
    expect(wrongChannel.score).toBeGreaterThan(0);
    expect(wrongChannel.score).toBeLessThan(bare.score);
    expect(bare.score).toBeLessThan(everything.score);
    expect(everything.score).toBe(1);
  });
});

describe("matchEvent: names the notice gives besides its merchant", () => {
  it("matches by the payee's legal name when the service name fits no membership", () => {
    const baidu = membership({ id: "mem_baidu", name: "百度网盘", merchantAliases: ["北京百度网讯科技有限公司"] });
    const event = charge({ merchant: "超级会员连续包月", merchant_legal: "北京百度网讯科技有限公司" });
    expect(matchOf(event, [baidu, iqiyi])).toMatchObject({ alias: "北京百度网讯科技有限公司" });
  });

  it("takes a membership the notice names anywhere when the merchant read fits none, if amount or date agree", () => {
    const notice =
      "【招商银行】您尾号1234的信用卡消费25.00人民币，商户：北京某某科技有限公司，用于爱奇艺会员自动续费。";
    const result = matchEvent(charge({ merchant: "北京某某科技有限公司" }), everyone, {
      ...shanghai,
      noticeText: notice,
    });
    expect(result).toMatchObject({
      membershipId: "mem_iqiyi",
      match: {
        alias: "爱奇艺",
        amount: "exact",
        reason: expect.stringContaining(
          "merchant “北京某某科技有限公司” fits no membership, but the notice names “爱奇艺”",
        ),
      },
    });
    const unnamed = matchEvent(charge({ merchant: null }), everyone, { ...shanghai, noticeText: notice });
    expect(unnamed).toMatchObject({ membershipId: "mem_iqiyi", match: { alias: "爱奇艺" } });
    expect(unnamed.membershipId && unnamed.match.reason).toContain(
      "the notice names no merchant, but it names “爱奇艺”",
    );
  });

  it("does not take a membership named in passing when neither its amount nor its date fits", () => {
    const notice = "Your card was charged $99.00 by Example Corp. Also try Netflix and Spotify!";
    const event = charge({
      merchant: "Example Corp",
      amount_minor: 9900,
      currency: "USD",
      occurred_at: "2026-06-01T00:00:00Z",
    });
    const result = matchEvent(event, everyone, { ...shanghai, noticeText: notice });
    expect(result).toMatchObject({
      membershipId: null,
      reason: "no membership's name or aliases match merchant “Example Corp”",
    });
  });

  it("prefers the merchant read over a name mentioned elsewhere", () => {
    const notice = "支付宝-网易云音乐 自动扣款 25.00元。推荐：爱奇艺黄金VIP";
    const result = matchEvent(charge({ merchant: "支付宝-网易云音乐", amount_minor: 15800 }), everyone, {
      ...shanghai,
      noticeText: notice,
    });
    expect(result.membershipId).toBe("mem_netease");
  });
});
