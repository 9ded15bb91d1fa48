// The iCal feed (RFC 5545) of a user's memberships: renewals, cancellation deadlines and trial endings as
// all-day events, so they show up in the calendar people already look at. Pure: rows and dates in, text out.
import type { MembershipRow } from "../../schema/tables";
import { addCycle } from "../rules/cycle";
import { agreementPath, amountText, type Locale } from "../texts/alerts";
import { addDays } from "./zones";

/** How far ahead renewals are listed; further out is guesswork about prices and plans anyway. */
export const FEED_MONTHS = 12;
// Bounds the work per membership whatever its cycle (a daily one has 365 renewals a year).
const MAX_RENEWALS = 400;

export type FeedEventKind = "renewal" | "cancel_deadline" | "trial_end";

export interface FeedEvent {
  kind: FeedEventKind;
  membershipId: string;
  /** YYYY-MM-DD, the all-day event's date. */
  date: string;
  summary: string;
  description: string;
  /** Days before the event that a reminder fires; null for no reminder. */
  alarmDays: number | null;
}

export interface FeedOwner {
  locale: Locale;
  leadDays: number;
}

const TEXTS = {
  "zh-CN": {
    calendarName: "续费看门狗",
    renewal: (name: string, amount: string) => `续费：${name}${amount ? ` ${amount}` : ""}`,
    deadline: (name: string, amount: string) => `取消截止：${name}${amount ? `（${amount}）` : ""}`,
    trial: (name: string, amount: string) => `试用结束：${name}${amount ? `（之后 ${amount}）` : ""}`,
    renewsOn: (date: string, amount: string) => `${date} 将自动续费${amount ? ` ${amount}` : ""}。`,
    deadlineFor: (date: string) => `最晚今天取消，否则 ${date} 的续费无法停止。`,
    trialEnds: "试用今天结束，之后开始自动扣费。",
    howToCancel: "取消方法：",
    agreement: "关闭自动扣款：",
  },
  en: {
    calendarName: "renewal-watchdog",
    renewal: (name: string, amount: string) => `Renews: ${name}${amount ? ` — ${amount}` : ""}`,
    deadline: (name: string, amount: string) => `Last day to cancel: ${name}${amount ? ` (${amount})` : ""}`,
    trial: (name: string, amount: string) => `Trial ends: ${name}${amount ? ` (then ${amount})` : ""}`,
    renewsOn: (date: string, amount: string) => `Renews automatically on ${date}${amount ? ` for ${amount}` : ""}.`,
    deadlineFor: (date: string) => `Cancel by today, or the renewal on ${date} can no longer be stopped.`,
    trialEnds: "The trial ends today; automatic charges start after it.",
    howToCancel: "How to cancel: ",
    agreement: "Close the automatic payment: ",
  },
} satisfies Record<Locale, unknown>;

/** How to cancel: the user's own steps and URL, then where the payment side's agreement is closed. */
function cancelHelp(membership: MembershipRow, locale: Locale): string[] {
  const texts = TEXTS[locale];
  const lines: string[] = [];
  if (membership.cancelSteps) lines.push(`${texts.howToCancel}${membership.cancelSteps}`);
  if (membership.cancelUrl)
    lines.push(membership.cancelSteps ? membership.cancelUrl : `${texts.howToCancel}${membership.cancelUrl}`);
  const agreement = agreementPath(membership.channel, locale);
  if (agreement) lines.push(`${texts.agreement}${agreement}`);
  return lines;
}

/** One dated thing about a membership: a renewal, the last day to cancel before one, or a trial's end. */
export interface MembershipDate {
  kind: FeedEventKind;
  membership: MembershipRow;
  /** YYYY-MM-DD in the user's timezone. */
  date: string;
  /** The renewal a cancellation deadline guards; the renewal itself for a renewal; null for a trial end. */
  renewalOn: string | null;
}

/**
 * Each active auto-renewing membership's renewals from its next one up to `until`, with the cancellation
 * deadline before each (when it has a notice period), and each active membership's trial end. Cancelled,
 * ended and deleted memberships renew no more, so they contribute nothing. Unsorted; shared by the feed
 * and the dashboard's calendar so both always show the same dates.
 */
export function membershipDates(memberships: MembershipRow[], until: string): MembershipDate[] {
  const dates: MembershipDate[] = [];
  for (const membership of memberships) {
    if (membership.status !== "active" || membership.deletedAt) continue;
    if (membership.autoRenew) {
      const anchor = membership.anchorDay ?? Number(membership.nextRenewalOn.slice(8, 10));
      let renewal = membership.nextRenewalOn;
      for (let step = 1; renewal <= until && step <= MAX_RENEWALS; step += 1) {
        dates.push({ kind: "renewal", membership, date: renewal, renewalOn: renewal });
        if (membership.cancelNoticeDays > 0) {
          const deadline = addDays(renewal, -membership.cancelNoticeDays);
          dates.push({ kind: "cancel_deadline", membership, date: deadline, renewalOn: renewal });
        }
        // Always stepped from the stored date, so month ends stay anchored (Jan 31 → Feb 28 → Mar 31).
        renewal = addCycle(membership.nextRenewalOn, membership.cycleUnit, membership.cycleCount * step, anchor);
      }
    }
    if (membership.trialEndsOn) {
      dates.push({ kind: "trial_end", membership, date: membership.trialEndsOn, renewalOn: null });
    }
  }
  return dates;
}

/**
 * The feed's events for `today` (the user's local date): renewals for the next FEED_MONTHS months with
 * the cancellation deadline before each, and each active trial's end.
 */
export function feedEvents(memberships: MembershipRow[], owner: FeedOwner, today: string): FeedEvent[] {
  const texts = TEXTS[owner.locale];
  const horizon = addCycle(today, "month", FEED_MONTHS, Number(today.slice(8, 10)));
  const events = membershipDates(memberships, horizon).map(({ kind, membership, date, renewalOn }): FeedEvent => {
    const amount = amountText(membership.amountMinor, membership.currency, owner.locale) ?? "";
    const help = cancelHelp(membership, owner.locale);
    const lead = Math.max(0, membership.leadDays ?? owner.leadDays);
    const base = { kind, membershipId: membership.id, date };
    if (kind === "renewal")
      return {
        ...base,
        summary: texts.renewal(membership.name, amount),
        description: [texts.renewsOn(date, amount), ...help].join("\n"),
        alarmDays: null,
      };
    if (kind === "cancel_deadline")
      return {
        ...base,
        summary: texts.deadline(membership.name, amount),
        description: [texts.deadlineFor(renewalOn ?? date), ...help].join("\n"),
        alarmDays: lead,
      };
    return {
      ...base,
      summary: texts.trial(membership.name, amount),
      description: [texts.trialEnds, ...help].join("\n"),
      alarmDays: lead,
    };
  });
  // Stable sort: on one day, a membership's events keep the order they were listed in.
  return events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newlines escaped. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

const encoder = new TextEncoder();

/** A content line folded at 75 octets (RFC 5545 3.1), never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // Continuation lines start with a space, which counts toward their 75 octets.
    if (octets + size > 75) {
      parts.push(current);
      current = " ";
      octets = 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n");
}

const compactDate = (date: string) => date.replace(/-/g, "");

/** 20261126T094713Z */
function utcStamp(instant: number): string {
  return new Date(instant)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** The whole VCALENDAR, CRLF-terminated; `now` is the request time (DTSTAMP), `today` the user's date. */
export function renderFeed(memberships: MembershipRow[], owner: FeedOwner, today: string, now: number): string {
  const stamp = utcStamp(now);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//renewal-watchdog//calendar feed//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(TEXTS[owner.locale].calendarName)}`,
    // Hints for how often clients refetch; the response's Cache-Control says the same.
    "REFRESH-INTERVAL;VALUE=DURATION:PT6H",
    "X-PUBLISHED-TTL:PT6H",
  ];
  for (const event of feedEvents(memberships, owner, today)) {
    lines.push(
      "BEGIN:VEVENT",
      // Stable across fetches, so a client updates the event instead of adding a copy.
      `UID:${event.kind}-${event.membershipId}-${compactDate(event.date)}@renewal-watchdog`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${compactDate(event.date)}`,
      `DTEND;VALUE=DATE:${compactDate(addDays(event.date, 1))}`,
      `SUMMARY:${escapeText(event.summary)}`,
      `DESCRIPTION:${escapeText(event.description)}`,
      "TRANSP:TRANSPARENT",
    );
    if (event.alarmDays !== null) {
      lines.push(
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        `DESCRIPTION:${escapeText(event.summary)}`,
        event.alarmDays > 0 ? `TRIGGER:-P${event.alarmDays}D` : "TRIGGER:PT0S",
        "END:VALARM",
      );
    }
    lines.push("END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}
