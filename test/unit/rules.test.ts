import { describe, expect, it } from "vitest";
import type { CancellationRow } from "../../schema/tables";
import {
  type AlertDraft,
  type AlertKind,
  type EventRow,
  type MembershipHistory,
  onMatchedEvent,
  onUnmatchedEvent,
  type RuleContext,
  sweepMembership,
} from "../../workers/rules";
import { addDays, localDate } from "../../workers/time/zones";

const SHANGHAI = "Asia/Shanghai";
const LOS_ANGELES = "America/Los_Angeles";
const ZONES = [SHANGHAI, LOS_ANGELES] as const;

/** 23:30 UTC on `day`: already the next morning in Shanghai, still the afternoon of `day` in Los Angeles. */
const lateUtc = (day: string) => Date.parse(`${day}T23:30:00Z`);
/** An instant near midnight UTC whose local date in `timeZone` is `day`. */
const instantOn = (day: string, timeZone: string) => lateUtc(timeZone === SHANGHAI ? addDays(day, -1) : day);

function context(timeZone: string, now: number, overrides: Partial<RuleContext> = {}): RuleContext {
  return {
    now,
    timeZone,
    userLeadDays: 3,
    userLadders: null,
    unconfirmedGraceDays: 2,
    halfCancelledAfterDays: 2,
    ...overrides,
  };
}

type Membership = MembershipHistory["membership"];

function membership(overrides: Partial<Membership> = {}): Membership {
  return {
    id: "mem_1",
    userId: "usr_1",
    name: "iQIYI VIP",
    merchantAliases: ["爱奇艺"],
    amountMinor: 2500,
    currency: "CNY",
    cycleUnit: "month",
    cycleCount: 1,
    nextRenewalOn: "2026-03-15",
    autoRenew: true,
    channel: "alipay",
    cancelNoticeDays: 0,
    refundWindowDays: 0,
    trialEndsOn: null,
    leadDays: null,
    reminderLadders: null,
    keptFor: null,
    cancelUrl: "https://vip.iqiyi.com/cancel",
    cancelSteps: null,
    supportContact: null,
    notes: null,
    status: "active",
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: null,
    deletedAt: null,
    nextDueOn: null,
    anchorDay: null,
    ...overrides,
  };
}

let eventCounter = 0;
function event(overrides: Partial<EventRow> = {}): EventRow {
  eventCounter += 1;
  return {
    id: `evt_${eventCounter}`,
    userId: "usr_1",
    inboundMessageId: null,
    kind: "charge",
    amountMinor: 2500,
    currency: "CNY",
    merchant: "支付宝-爱奇艺",
    merchantLegal: null,
    occurredAt: "2026-03-15T02:00:00.000Z",
    reference: null,
    cardTail: null,
    channel: "alipay",
    renewsAt: null,
    membershipId: "mem_1",
    provenance: null,
    match: null,
    dismissedAt: null,
    createdAt: "2026-03-15T02:00:01.000Z",
    ...overrides,
  };
}

function cancellation(side: CancellationRow["side"], cancelledAt: string): CancellationRow {
  return {
    id: `can_${side}_${cancelledAt}`,
    membershipId: "mem_1",
    userId: "usr_1",
    side,
    cancelledAt,
    reference: null,
    evidence: null,
    createdAt: cancelledAt,
  };
}

function history(
  overrides: Partial<Membership> = {},
  rest: { cancellations?: CancellationRow[]; events?: EventRow[] } = {},
): MembershipHistory {
  return { membership: membership(overrides), cancellations: rest.cancellations ?? [], events: rest.events ?? [] };
}

const ofKind = (alerts: AlertDraft[], kind: AlertKind) => alerts.filter((alert) => alert.kind === kind);
const sweepOn = (day: string, timeZone: string, subject: MembershipHistory, overrides: Partial<RuleContext> = {}) =>
  sweepMembership(subject, context(timeZone, instantOn(day, timeZone), overrides));

// One membership per time-based alert kind, with the local days its alert is due on.
const platformCancelled = cancellation("platform", "2026-03-05T10:00:00Z"); // Mar 5 in both zones
const disputedCharge = event({ id: "evt_disputed", occurredAt: "2026-03-05T12:00:00Z" }); // Mar 5 in both zones
const timed: { kind: AlertKind; subject: MembershipHistory; first: string; last: string | null; key: string }[] = [
  {
    kind: "renewal_upcoming",
    subject: history(),
    first: "2026-03-12",
    last: "2026-03-14",
    key: "renewal_upcoming:mem_1:2026-03-15",
  },
  {
    kind: "cancel_deadline",
    subject: history({ cancelNoticeDays: 7 }),
    first: "2026-03-05",
    last: "2026-03-08",
    key: "cancel_deadline:mem_1:2026-03-15",
  },
  {
    kind: "trial_ending",
    subject: history({ trialEndsOn: "2026-03-20", nextRenewalOn: "2026-03-20" }),
    first: "2026-03-17",
    last: "2026-03-19",
    key: "trial_ending:mem_1:2026-03-20",
  },
  {
    kind: "renewal_unconfirmed",
    subject: history(),
    first: "2026-03-17",
    // Open-ended until the advanced renewal is stored; after that the period is behind it.
    last: null,
    key: "renewal_unconfirmed:mem_1:2026-03-15",
  },
  {
    kind: "half_cancelled",
    subject: history({ status: "cancelled" }, { cancellations: [platformCancelled] }),
    first: "2026-03-07",
    last: "2026-03-14",
    key: "half_cancelled:mem_1:2026-03-15",
  },
  {
    kind: "refund_window_closing",
    subject: history(
      { status: "cancelled", refundWindowDays: 14, nextRenewalOn: "2026-04-01" },
      { cancellations: [cancellation("platform", "2026-03-01T10:00:00Z")], events: [disputedCharge] },
    ),
    first: "2026-03-16",
    last: "2026-03-19",
    key: "refund_window_closing:mem_1:evt_disputed",
  },
];

describe("time-based alerts fire on the right local day", () => {
  it.each(timed)("$kind: one instant near midnight UTC is due in Shanghai but a day early in Los Angeles", (rule) => {
    const instant = lateUtc(addDays(rule.first, -1));
    expect(localDate(instant, SHANGHAI)).toBe(rule.first);
    expect(ofKind(sweepMembership(rule.subject, context(SHANGHAI, instant)).alerts, rule.kind)).toHaveLength(1);
    expect(ofKind(sweepMembership(rule.subject, context(LOS_ANGELES, instant)).alerts, rule.kind)).toEqual([]);
  });

  for (const timeZone of ZONES) {
    it.each(timed)(`$kind: fires from $first in ${timeZone}, not a day early, with one key`, (rule) => {
      expect(ofKind(sweepOn(addDays(rule.first, -1), timeZone, rule.subject).alerts, rule.kind)).toEqual([]);
      const last = rule.last ?? addDays(rule.first, 1);
      for (let day = rule.first; day <= last; day = addDays(day, 1)) {
        const alerts = ofKind(sweepOn(day, timeZone, rule.subject).alerts, rule.kind);
        expect(alerts.map((alert) => alert.dedupeKey)).toEqual([rule.key]);
      }
      if (rule.last)
        expect(ofKind(sweepOn(addDays(rule.last, 1), timeZone, rule.subject).alerts, rule.kind)).toEqual([]);
    });
  }
});

describe("renewal_upcoming", () => {
  it("warns three days before an auto-renewal with what it will cost", () => {
    const [alert] = ofKind(sweepOn("2026-03-12", SHANGHAI, history()).alerts, "renewal_upcoming");
    expect(alert).toMatchObject({
      membershipId: "mem_1",
      eventId: null,
      facts: { name: "iQIYI VIP", amount_minor: 2500, currency: "CNY", renewal_on: "2026-03-15", days_left: 3 },
    });
  });

  it("uses the membership's own lead days over the user's, and with none warns on the day itself", () => {
    expect(ofKind(sweepOn("2026-03-08", SHANGHAI, history({ leadDays: 7 })).alerts, "renewal_upcoming")).toHaveLength(
      1,
    );
    const noLead = history({ leadDays: 0 });
    expect(ofKind(sweepOn("2026-03-14", SHANGHAI, noLead).alerts, "renewal_upcoming")).toEqual([]);
    expect(ofKind(sweepOn("2026-03-15", SHANGHAI, noLead).alerts, "renewal_upcoming")).toHaveLength(1);
  });

  it("stays quiet after a cancellation and for a membership that does not auto-renew", () => {
    const cancelled = history(
      { status: "cancelled" },
      { cancellations: [cancellation("platform", "2026-03-01T00:00Z")] },
    );
    expect(ofKind(sweepOn("2026-03-13", SHANGHAI, cancelled).alerts, "renewal_upcoming")).toEqual([]);
    expect(ofKind(sweepOn("2026-03-13", SHANGHAI, history({ autoRenew: false })).alerts, "renewal_upcoming")).toEqual(
      [],
    );
  });
});

describe("cancel_deadline", () => {
  it("warns three days before the cancellation deadline in the user's timezone", () => {
    const subject = history({ cancelNoticeDays: 7 });
    for (const timeZone of ZONES) {
      const [alert] = ofKind(sweepOn("2026-03-05", timeZone, subject).alerts, "cancel_deadline");
      expect(alert?.facts).toMatchObject({ deadline_on: "2026-03-08", renewal_on: "2026-03-15", days_left: 3 });
    }
  });

  it("still warns on the deadline day itself, the last day cancelling helps", () => {
    const [alert] = ofKind(sweepOn("2026-03-08", SHANGHAI, history({ cancelNoticeDays: 7 })).alerts, "cancel_deadline");
    expect(alert?.facts.days_left).toBe(0);
  });

  it("never warns for a membership that does not auto-renew, is cancelled, or has no notice period", () => {
    for (const overrides of [
      { cancelNoticeDays: 7, autoRenew: false },
      { cancelNoticeDays: 7, status: "cancelled" as const },
      { cancelNoticeDays: 0 },
    ]) {
      for (let day = "2026-03-01"; day <= "2026-03-15"; day = addDays(day, 1)) {
        expect(ofKind(sweepOn(day, SHANGHAI, history(overrides)).alerts, "cancel_deadline")).toEqual([]);
      }
    }
  });
});

describe("trial_ending", () => {
  it("warns before the trial converts, not once it has ended or for a cancelled trial", () => {
    const trial = { trialEndsOn: "2026-03-20", nextRenewalOn: "2026-03-20" };
    const [alert] = ofKind(sweepOn("2026-03-18", LOS_ANGELES, history(trial)).alerts, "trial_ending");
    expect(alert?.facts).toMatchObject({ trial_ends_on: "2026-03-20", days_left: 2 });
    expect(ofKind(sweepOn("2026-03-20", LOS_ANGELES, history(trial)).alerts, "trial_ending")).toEqual([]);
    expect(
      ofKind(sweepOn("2026-03-18", LOS_ANGELES, history({ ...trial, status: "cancelled" })).alerts, "trial_ending"),
    ).toEqual([]);
  });
});

describe("renewal_unconfirmed and the renewal date moving on", () => {
  it("asks the user to check two days after a renewal with no charge, and moves the renewal on", () => {
    const result = sweepOn("2026-03-17", SHANGHAI, history());
    expect(ofKind(result.alerts, "renewal_unconfirmed")[0]?.facts).toMatchObject({
      renewal_on: "2026-03-15",
      days_since: 2,
      next_renewal_on: "2026-04-15",
    });
    expect(result).toMatchObject({ nextRenewalOn: "2026-04-15", status: "active" });
  });

  it("waits one day longer when it is the day after, and honours the user's grace days", () => {
    const before = sweepOn("2026-03-16", SHANGHAI, history());
    expect(before).toMatchObject({ nextRenewalOn: "2026-03-15", nextDueOn: "2026-03-17" });
    expect(ofKind(before.alerts, "renewal_unconfirmed")).toEqual([]);
    const patient = { unconfirmedGraceDays: 5 };
    expect(ofKind(sweepOn("2026-03-19", SHANGHAI, history(), patient).alerts, "renewal_unconfirmed")).toEqual([]);
    expect(ofKind(sweepOn("2026-03-20", SHANGHAI, history(), patient).alerts, "renewal_unconfirmed")).toHaveLength(1);
  });

  it("stays quiet when the charge arrived, and still moves a renewal the charge did not move", () => {
    const charged = history({}, { events: [event({ occurredAt: "2026-03-14T20:00:00+08:00" })] });
    for (const timeZone of ZONES) {
      const result = sweepOn("2026-03-17", timeZone, charged);
      expect(ofKind(result.alerts, "renewal_unconfirmed")).toEqual([]);
      expect(result.nextRenewalOn).toBe("2026-04-15");
    }
  });

  it("does not count a refund or last period's charge as this renewal's charge", () => {
    const subject = history(
      {},
      {
        events: [
          event({ kind: "refund", occurredAt: "2026-03-15T02:00:00Z" }),
          event({ occurredAt: "2026-02-15T02:00:00Z" }),
        ],
      },
    );
    expect(ofKind(sweepOn("2026-03-17", SHANGHAI, subject).alerts, "renewal_unconfirmed")).toHaveLength(1);
  });

  it("catches up a membership untouched for months with one alert, for the latest missed period", () => {
    const untouched = history({ nextRenewalOn: "2026-01-15" });
    const result = sweepOn("2026-06-20", SHANGHAI, untouched);
    expect(result.nextRenewalOn).toBe("2026-07-15");
    expect(ofKind(result.alerts, "renewal_unconfirmed").map((alert) => alert.dedupeKey)).toEqual([
      "renewal_unconfirmed:mem_1:2026-06-15",
    ]);
    expect(ofKind(result.alerts, "renewal_unconfirmed")[0]?.facts.missed_periods).toBe(6);

    const paidInJune = { ...untouched, events: [event({ occurredAt: "2026-06-15T02:00:00Z" })] };
    const caughtUp = sweepOn("2026-06-20", SHANGHAI, paidInJune);
    expect(ofKind(caughtUp.alerts, "renewal_unconfirmed").map((alert) => alert.dedupeKey)).toEqual([
      "renewal_unconfirmed:mem_1:2026-05-15",
    ]);
  });

  it("keeps a month-end renewal anchored while it moves: Jan 31 → Feb 28 → Mar 31", () => {
    const endOfMonth = history({ nextRenewalOn: "2026-01-31" });
    const february = sweepOn("2026-02-02", SHANGHAI, endOfMonth);
    expect(february.nextRenewalOn).toBe("2026-02-28");
    const march = sweepOn("2026-03-02", SHANGHAI, history({ nextRenewalOn: "2026-02-28", anchorDay: 31 }));
    expect(march.nextRenewalOn).toBe("2026-03-31");
  });
});

describe("the end of a paid period", () => {
  it("ends a cancelled membership on its renewal date in the user's timezone", () => {
    const cancelled = history(
      { status: "cancelled" },
      { cancellations: [cancellation("platform", "2026-03-01T00:00Z")] },
    );
    const instant = lateUtc("2026-03-14");
    expect(sweepMembership(cancelled, context(SHANGHAI, instant))).toMatchObject({ status: "ended" });
    expect(sweepMembership(cancelled, context(LOS_ANGELES, instant))).toMatchObject({
      status: "cancelled",
      nextDueOn: "2026-03-15",
    });
  });

  it("ends a membership that does not auto-renew, without asking about a charge", () => {
    const result = sweepOn("2026-03-17", SHANGHAI, history({ autoRenew: false }));
    expect(result).toMatchObject({ status: "ended", nextRenewalOn: "2026-03-15", alerts: [], nextDueOn: null });
  });

  it("leaves a deleted membership alone", () => {
    expect(sweepOn("2026-03-13", SHANGHAI, history({ deletedAt: "2026-03-01T00:00:00Z" }))).toEqual({
      alerts: [],
      nextRenewalOn: "2026-03-15",
      status: "active",
      nextDueOn: null,
    });
  });
});

describe("half_cancelled", () => {
  const halfCancelled = (overrides: Partial<Membership> = {}, cancellations = [platformCancelled]) =>
    history({ status: "cancelled", ...overrides }, { cancellations });

  it("warns two days after a platform-only cancellation while the Alipay agreement may still charge", () => {
    const [alert] = ofKind(sweepOn("2026-03-07", SHANGHAI, halfCancelled()).alerts, "half_cancelled");
    expect(alert?.facts).toMatchObject({
      channel: "alipay",
      cancelled_at: "2026-03-05T10:00:00Z",
      cancelled_on: "2026-03-05",
      renewal_on: "2026-03-15",
      days_left: 8,
    });
  });

  it("counts the two days from the cancellation's date in the user's timezone", () => {
    const lateEvening = [cancellation("platform", "2026-03-05T20:00:00Z")]; // Mar 6 in Shanghai, Mar 5 in LA
    expect(ofKind(sweepOn("2026-03-07", SHANGHAI, halfCancelled({}, lateEvening)).alerts, "half_cancelled")).toEqual(
      [],
    );
    expect(
      ofKind(sweepOn("2026-03-07", LOS_ANGELES, halfCancelled({}, lateEvening)).alerts, "half_cancelled"),
    ).toHaveLength(1);
  });

  it("stops once the payment channel is cancelled too", () => {
    const both = [platformCancelled, cancellation("payment_channel", "2026-03-06T10:00:00Z")];
    for (let day = "2026-03-05"; day <= "2026-03-20"; day = addDays(day, 1)) {
      expect(ofKind(sweepOn(day, SHANGHAI, halfCancelled({}, both)).alerts, "half_cancelled")).toEqual([]);
    }
  });

  it("is not raised where the platform is the payment side (Apple), nor without a platform cancellation", () => {
    expect(
      ofKind(sweepOn("2026-03-10", SHANGHAI, halfCancelled({ channel: "apple" })).alerts, "half_cancelled"),
    ).toEqual([]);
    const viaSupport = [cancellation("customer_service", "2026-03-05T10:00:00Z")];
    expect(ofKind(sweepOn("2026-03-10", SHANGHAI, halfCancelled({}, viaSupport)).alerts, "half_cancelled")).toEqual([]);
  });
});

describe("charge_after_cancel", () => {
  const cancelled = (events: EventRow[] = []) =>
    history(
      { status: "cancelled", refundWindowDays: 7 },
      { cancellations: [cancellation("platform", "2026-03-10T20:00:00Z")], events },
    );

  it("fires at once when a charge arrives after the cancellation, with its refund deadline in local days", () => {
    const charge = event({ id: "evt_late", amountMinor: 2800, occurredAt: "2026-03-10T23:30:00Z" });
    for (const [timeZone, closes] of [
      [SHANGHAI, "2026-03-18"],
      [LOS_ANGELES, "2026-03-17"],
    ] as const) {
      const { alerts } = onMatchedEvent(cancelled(), charge, context(timeZone, Date.parse("2026-03-11T00:00:00Z")));
      expect(ofKind(alerts, "charge_after_cancel")).toEqual([
        {
          kind: "charge_after_cancel",
          membershipId: "mem_1",
          eventId: "evt_late",
          dedupeKey: "charge_after_cancel:mem_1:evt_late",
          facts: expect.objectContaining({
            amount_minor: 2800,
            currency: "CNY",
            cancelled_at: "2026-03-10T20:00:00Z",
            cancelled_side: "platform",
            refund_window_closes_on: closes,
          }),
        },
      ]);
    }
  });

  it("is not raised for a charge before the cancellation (same day, earlier hour) or for a refund", () => {
    const ctx = context(SHANGHAI, Date.parse("2026-03-11T00:00:00Z"));
    const earlier = event({ occurredAt: "2026-03-10T19:59:00Z" });
    expect(onMatchedEvent(cancelled(), earlier, ctx).alerts).toEqual([]);
    const refund = event({ kind: "refund", occurredAt: "2026-03-10T23:00:00Z" });
    expect(onMatchedEvent(cancelled(), refund, ctx).alerts).toEqual([]);
  });

  it("is caught by the sweep when the cancellation was recorded after the charge had been matched", () => {
    const charge = event({ id: "evt_missed", occurredAt: "2026-03-12T02:00:00Z" });
    const first = sweepOn("2026-03-13", SHANGHAI, cancelled([charge]));
    const again = sweepOn("2026-03-14", SHANGHAI, cancelled([charge]));
    expect(ofKind(first.alerts, "charge_after_cancel").map((alert) => alert.dedupeKey)).toEqual([
      "charge_after_cancel:mem_1:evt_missed",
    ]);
    expect(ofKind(again.alerts, "charge_after_cancel").map((alert) => alert.dedupeKey)).toEqual([
      "charge_after_cancel:mem_1:evt_missed",
    ]);
  });
});

describe("refund_window_closing", () => {
  const disputed = (overrides: Partial<Membership> = {}, more: EventRow[] = []) =>
    history(
      { status: "cancelled", refundWindowDays: 14, nextRenewalOn: "2026-04-01", ...overrides },
      { cancellations: [cancellation("platform", "2026-03-01T10:00:00Z")], events: [disputedCharge, ...more] },
    );

  it("warns before the refund window of a disputed charge closes, with the charge's facts", () => {
    const [alert] = ofKind(sweepOn("2026-03-17", SHANGHAI, disputed()).alerts, "refund_window_closing");
    expect(alert).toMatchObject({
      eventId: "evt_disputed",
      facts: { charged_on: "2026-03-05", refund_window_closes_on: "2026-03-19", days_left: 2, amount_minor: 2500 },
    });
  });

  it("keeps warning after the membership has ended: the money is still owed", () => {
    const ended = disputed({ status: "ended", nextRenewalOn: "2026-03-10" });
    expect(ofKind(sweepOn("2026-03-17", SHANGHAI, ended).alerts, "refund_window_closing")).toHaveLength(1);
  });

  it("is not raised once a refund arrived, for an undisputed charge, or without a refund window", () => {
    const refund = event({ kind: "refund", occurredAt: "2026-03-08T02:00:00Z" });
    expect(ofKind(sweepOn("2026-03-17", SHANGHAI, disputed({}, [refund])).alerts, "refund_window_closing")).toEqual([]);
    expect(
      ofKind(sweepOn("2026-03-17", SHANGHAI, disputed({ refundWindowDays: 0 })).alerts, "refund_window_closing"),
    ).toEqual([]);
    const undisputed = history({ refundWindowDays: 14, nextRenewalOn: "2026-04-05" }, { events: [disputedCharge] });
    expect(ofKind(sweepOn("2026-03-17", SHANGHAI, undisputed).alerts, "refund_window_closing")).toEqual([]);
  });

  it("lets one refund answer one disputed charge", () => {
    const second = event({ id: "evt_second", occurredAt: "2026-03-06T12:00:00Z", amountMinor: 3000 });
    const refund = event({ kind: "refund", occurredAt: "2026-03-08T02:00:00Z", amountMinor: 3000 });
    const alerts = ofKind(
      sweepOn("2026-03-17", SHANGHAI, disputed({}, [second, refund])).alerts,
      "refund_window_closing",
    );
    expect(alerts.map((alert) => alert.eventId)).toEqual(["evt_disputed"]);
  });
});

describe("price_changed", () => {
  const ctx = context(SHANGHAI, Date.parse("2026-03-15T03:00:00Z"));
  const priceAlerts = (amountMinor: number, overrides: Partial<EventRow> = {}, expected = 2500) =>
    ofKind(
      onMatchedEvent(history({ amountMinor: expected }), event({ id: "evt_price", amountMinor, ...overrides }), ctx)
        .alerts,
      "price_changed",
    );

  it("warns when a matched charge costs more than expected, with both amounts", () => {
    expect(priceAlerts(3000)).toEqual([
      expect.objectContaining({
        dedupeKey: "price_changed:mem_1:evt_price",
        eventId: "evt_price",
        facts: expect.objectContaining({ expected_amount_minor: 2500, amount_minor: 3000, difference_minor: 500 }),
      }),
    ]);
    expect(priceAlerts(2000)).toHaveLength(1);
  });

  it("tolerates 1% (and at least one minor unit) of rounding", () => {
    expect(priceAlerts(2525)).toEqual([]);
    expect(priceAlerts(2526)).toHaveLength(1);
    expect(priceAlerts(51, {}, 50)).toEqual([]);
    expect(priceAlerts(52, {}, 50)).toHaveLength(1);
  });

  it("does not compare amounts in different currencies or charges without an amount", () => {
    expect(priceAlerts(400, { currency: "USD" })).toEqual([]);
    expect(priceAlerts(0, { amountMinor: null })).toEqual([]);
  });
});

describe("price_changed at the notice", () => {
  const ctx = context(SHANGHAI, Date.parse("2026-03-01T03:00:00Z"));
  const notice = (amountMinor: number, overrides: Partial<EventRow> = {}) =>
    event({
      id: "evt_notice",
      kind: "renewal_notice",
      amountMinor,
      occurredAt: "2026-03-01T02:00:00Z",
      renewsAt: "2026-03-15",
      ...overrides,
    });
  const priceOn = (subject: MembershipHistory, matched: EventRow) =>
    ofKind(onMatchedEvent(subject, matched, ctx).alerts, "price_changed");

  it("warns when a renewal notice announces a new price, with the renewal and the last day to cancel", () => {
    expect(priceOn(history(), notice(3000))).toEqual([
      expect.objectContaining({
        dedupeKey: "price_changed:mem_1:evt_notice",
        eventId: "evt_notice",
        facts: expect.objectContaining({
          expected_amount_minor: 2500,
          amount_minor: 3000,
          noticed_on: "2026-03-01",
          renewal_on: "2026-03-15",
          deadline_on: "2026-03-14",
        }),
      }),
    ]);
    // A membership that must be cancelled a week ahead: the last day is a week before the renewal.
    const weekAhead = priceOn(history({ cancelNoticeDays: 7 }), notice(3000))[0];
    expect(weekAhead?.facts.deadline_on).toBe("2026-03-08");
    // No renewal date in the notice: the one on record.
    const onRecord = priceOn(history({ nextRenewalOn: "2026-03-20" }), notice(3000, { renewsAt: null }))[0];
    expect(onRecord?.facts.renewal_on).toBe("2026-03-20");
  });

  it("stays quiet for a reminder at the registered price, or in another currency", () => {
    expect(priceOn(history(), notice(2500))).toEqual([]);
    expect(priceOn(history(), notice(2510))).toEqual([]);
    expect(priceOn(history(), notice(400, { currency: "USD" }))).toEqual([]);
  });

  it("does not warn again when the charge comes at the price the notice announced", () => {
    const announced = notice(3000);
    const charge = event({ id: "evt_new_price", amountMinor: 3000, occurredAt: "2026-03-15T02:00:00Z" });
    const subject = history({}, { events: [announced, charge] });
    expect(priceOn(subject, charge)).toEqual([]);
    // A charge at yet another price still warns; so does one long after the notice.
    const other = event({ id: "evt_other_price", amountMinor: 3500, occurredAt: "2026-03-15T02:00:00Z" });
    expect(priceOn(history({}, { events: [announced, other] }), other)).toHaveLength(1);
    const later = event({ id: "evt_later", amountMinor: 3000, occurredAt: "2026-07-15T02:00:00Z" });
    expect(priceOn(history({}, { events: [announced, later] }), later)).toHaveLength(1);
  });
});

describe("a matched charge moves the renewal on", () => {
  const ctx = context(SHANGHAI, Date.parse("2026-03-15T03:00:00Z"));

  it("moves the renewal one cycle for a charge around the renewal date, in the user's timezone", () => {
    const onTime = event({ occurredAt: "2026-03-15T02:00:00Z" });
    expect(onMatchedEvent(history(), onTime, ctx).nextRenewalOn).toBe("2026-04-15");
    // Mar 18 23:30 UTC is Mar 19 in Shanghai: four days late, outside the window; still Mar 18 in LA.
    const late = event({ occurredAt: "2026-03-18T23:30:00Z" });
    expect(onMatchedEvent(history(), late, ctx).nextRenewalOn).toBe("2026-03-15");
    expect(onMatchedEvent(history(), late, context(LOS_ANGELES, ctx.now)).nextRenewalOn).toBe("2026-04-15");
  });

  it("moves it once: the same payment reported twice does not skip a month", () => {
    const sms = event({ occurredAt: "2026-03-15T02:00:00Z" });
    const mail = event({ occurredAt: "2026-03-15T02:00:30Z" });
    const first = onMatchedEvent(history({}, { events: [sms] }), sms, ctx);
    const applied = history({ nextRenewalOn: first.nextRenewalOn }, { events: [sms, mail] });
    expect(onMatchedEvent(applied, mail, ctx).nextRenewalOn).toBe("2026-04-15");
    // Even if the first had not been applied, a second charge for the same renewal does not move it again.
    expect(onMatchedEvent(history({}, { events: [sms, mail] }), mail, ctx).nextRenewalOn).toBe("2026-03-15");
  });

  it("ignores refunds and charges far from the renewal", () => {
    expect(onMatchedEvent(history(), event({ kind: "refund" }), ctx).nextRenewalOn).toBe("2026-03-15");
    expect(onMatchedEvent(history(), event({ occurredAt: "2026-02-28T02:00:00Z" }), ctx).nextRenewalOn).toBe(
      "2026-03-15",
    );
  });

  it("keeps month-end anchoring: paid Feb 28 for a Jan 31 membership renews next on Mar 31", () => {
    const anchored = history({ nextRenewalOn: "2026-02-28", anchorDay: 31 });
    expect(onMatchedEvent(anchored, event({ occurredAt: "2026-02-28T02:00:00Z" }), ctx).nextRenewalOn).toBe(
      "2026-03-31",
    );
  });
});

describe("unknown_subscription", () => {
  const unmatched = (overrides: Partial<EventRow>) =>
    event({ membershipId: null, merchant: "Spotify AB", ...overrides });

  it("warns about a new subscription nobody is tracking, keyed by the month in the user's timezone", () => {
    const signup = unmatched({ id: "evt_signup", kind: "signup", occurredAt: "2026-03-31T23:30:00Z" });
    const keys = (timeZone: string) =>
      onUnmatchedEvent(signup, [], context(timeZone, Date.parse("2026-04-01T00:00:00Z"))).map((a) => a.dedupeKey);
    expect(keys(SHANGHAI)).toEqual(["unknown_subscription:spotify ab:2026-04"]);
    expect(keys(LOS_ANGELES)).toEqual(["unknown_subscription:spotify ab:2026-03"]);
  });

  it("warns about a second charge from the same merchant about a cycle later, however the name is written", () => {
    const ctx = context(SHANGHAI, Date.parse("2026-04-15T00:00:00Z"));
    const april = unmatched({ id: "evt_april", occurredAt: "2026-04-14T02:00:00Z", merchant: "  ＳＰＯＴＩＦＹ ＡＢ" });
    for (const [earlier, cycle] of [
      ["2026-03-14T02:00:00Z", "month"],
      ["2026-04-07T02:00:00Z", "week"],
      ["2025-04-14T02:00:00Z", "year"],
    ] as const) {
      const alerts = onUnmatchedEvent(april, [unmatched({ occurredAt: earlier })], ctx);
      expect(alerts).toEqual([
        expect.objectContaining({
          kind: "unknown_subscription",
          membershipId: null,
          eventId: "evt_april",
          dedupeKey: "unknown_subscription:spotify ab:2026-04",
          facts: expect.objectContaining({ cycle_unit: cycle }),
        }),
      ]);
    }
  });

  it("stays quiet for a one-off charge, an irregular gap, another merchant or a refund", () => {
    const ctx = context(SHANGHAI, Date.parse("2026-04-15T00:00:00Z"));
    const april = unmatched({ occurredAt: "2026-04-14T02:00:00Z" });
    expect(onUnmatchedEvent(april, [], ctx)).toEqual([]);
    expect(onUnmatchedEvent(april, [unmatched({ occurredAt: "2026-03-30T02:00:00Z" })], ctx)).toEqual([]);
    expect(
      onUnmatchedEvent(april, [unmatched({ occurredAt: "2026-03-14T02:00:00Z", merchant: "Netflix" })], ctx),
    ).toEqual([]);
    expect(onUnmatchedEvent(april, [unmatched({ kind: "refund", occurredAt: "2026-03-14T02:00:00Z" })], ctx)).toEqual(
      [],
    );
    expect(onUnmatchedEvent(april, [april], ctx)).toEqual([]);
  });
});

describe("running the sweep again", () => {
  const busy = history(
    { status: "cancelled", refundWindowDays: 14, cancelNoticeDays: 3 },
    { cancellations: [platformCancelled], events: [disputedCharge] },
  );

  it("returns the same alerts and state for the same instant", () => {
    for (const subject of [busy, history({ nextRenewalOn: "2026-01-15", cancelNoticeDays: 3 })]) {
      const ctx = context(SHANGHAI, instantOn("2026-03-12", SHANGHAI));
      expect(sweepMembership(subject, ctx)).toEqual(sweepMembership(subject, ctx));
    }
  });

  it("finds nothing new once its own result is stored", () => {
    const subject = history({ nextRenewalOn: "2026-01-15", cancelNoticeDays: 3 });
    const ctx = context(SHANGHAI, instantOn("2026-03-12", SHANGHAI));
    const first = sweepMembership(subject, ctx);
    const stored = { ...subject, membership: { ...subject.membership, nextRenewalOn: first.nextRenewalOn } };
    const second = sweepMembership(stored, ctx);
    const firstKeys = first.alerts.map((alert) => alert.dedupeKey);
    expect(firstKeys).toContain("renewal_upcoming:mem_1:2026-03-15");
    expect(firstKeys).toContain("renewal_unconfirmed:mem_1:2026-02-15");
    expect(second.alerts.every((alert) => firstKeys.includes(alert.dedupeKey))).toBe(true);
    expect(second).toMatchObject({
      nextRenewalOn: first.nextRenewalOn,
      status: first.status,
      nextDueOn: first.nextDueOn,
    });
  });
});

describe("nextDueOn", () => {
  const scenarios: { name: string; subject: MembershipHistory; overrides?: Partial<RuleContext> }[] = [
    {
      name: "a month-end membership with a trial, a notice period and one missing charge",
      subject: history(
        { nextRenewalOn: "2026-01-31", anchorDay: 31, cancelNoticeDays: 7, trialEndsOn: "2026-01-31" },
        { events: [event({ occurredAt: "2026-01-31T02:00:00Z" }), event({ occurredAt: "2026-03-30T02:00:00Z" })] },
      ),
    },
    {
      name: "a half-cancelled membership with a disputed and a refunded charge",
      subject: history(
        { status: "cancelled", refundWindowDays: 10 },
        {
          cancellations: [platformCancelled],
          events: [
            disputedCharge,
            event({ id: "evt_refunded", occurredAt: "2026-03-15T02:00:00Z", amountMinor: 999 }),
            event({ kind: "refund", occurredAt: "2026-03-16T02:00:00Z", amountMinor: 999 }),
          ],
        },
      ),
      overrides: { halfCancelledAfterDays: 3 },
    },
    {
      name: "a weekly membership with a lead longer than its cycle",
      subject: history({ cycleUnit: "week", nextRenewalOn: "2026-02-04", leadDays: 10, cancelNoticeDays: 2 }),
    },
    {
      name: "a daily membership with no lead and no grace",
      subject: history({ cycleUnit: "day", nextRenewalOn: "2026-02-10", leadDays: 0 }),
      overrides: { unconfirmedGraceDays: 0 },
    },
    {
      name: "a yearly Feb 29 membership with a month's notice",
      subject: history({ cycleUnit: "year", nextRenewalOn: "2024-02-29", cancelNoticeDays: 30, leadDays: 14 }),
    },
    {
      name: "a trial that does not auto-renew",
      subject: history({ autoRenew: false, trialEndsOn: "2026-02-20", nextRenewalOn: "2026-02-20" }),
    },
    {
      name: "a quarterly membership caught up after months untouched, with a long grace",
      subject: history({ cycleCount: 3, nextRenewalOn: "2025-06-30", cancelNoticeDays: 1, leadDays: 5 }),
      overrides: { unconfirmedGraceDays: 9 },
    },
  ];

  /** Runs the sweep every day of 2026 from the same history, or only on the days nextDueOn names. */
  function simulate(subject: MembershipHistory, timeZone: string, overrides: Partial<RuleContext>, lazy: boolean) {
    let state = subject;
    // undefined until the first sweep: a new membership is always swept once.
    let due: string | null | undefined;
    const firstSeen = new Map<string, string>();
    const changes: string[] = [];
    for (let day = "2026-01-01"; day <= "2027-01-31"; day = addDays(day, 1)) {
      const ctx = context(timeZone, lateUtc(day), overrides);
      const today = localDate(ctx.now, timeZone);
      if (lazy && due !== undefined && (due === null || due > today)) continue;
      const result = sweepMembership(state, ctx);
      const fresh = result.alerts.filter((alert) => !firstSeen.has(alert.dedupeKey));
      const changed =
        result.nextRenewalOn !== state.membership.nextRenewalOn || result.status !== state.membership.status;
      if (due !== undefined && (fresh.length > 0 || changed)) {
        // Something new today: the last nextDueOn must have named today or an earlier day.
        const news = `${today}: ${fresh.map((alert) => alert.dedupeKey).join(", ")} ${changed ? "(state)" : ""}`;
        expect(due !== null && due <= today, `nextDueOn was ${due}; ${news}`).toBe(true);
      }
      for (const alert of fresh) firstSeen.set(alert.dedupeKey, today);
      if (changed) changes.push(`${today} ${result.nextRenewalOn} ${result.status}`);
      if (result.nextDueOn !== null) expect(result.nextDueOn > today).toBe(true);
      const { nextRenewalOn, status } = result;
      state = { ...state, membership: { ...state.membership, nextRenewalOn, status } };
      due = result.nextDueOn;
    }
    return { firstSeen: Object.fromEntries(firstSeen), changes };
  }

  for (const timeZone of ZONES) {
    it.each(scenarios)(`is never later than the first day something fires, in ${timeZone}: $name`, (scenario) => {
      const daily = simulate(scenario.subject, timeZone, scenario.overrides ?? {}, false);
      const lazy = simulate(scenario.subject, timeZone, scenario.overrides ?? {}, true);
      expect(Object.keys(daily.firstSeen).length).toBeGreaterThan(0);
      expect(lazy).toEqual(daily);
    });
  }

  it("is null once a membership has ended with nothing left to watch", () => {
    expect(sweepOn("2026-03-20", SHANGHAI, history({ status: "ended" })).nextDueOn).toBeNull();
  });
});
