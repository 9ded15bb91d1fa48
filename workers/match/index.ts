// Matching: which of a user's memberships an event belongs to, with a score and a reason a person can
// check. Pure: the memberships and the user's timezone come in, nothing is read or stored here.
import type { MembershipRow } from "../../schema/tables";
import { isCurrency } from "../../schema/vocabulary";
import { formatMoney } from "../money/format";
import type { ExtractedEvent } from "../read/types";
import { EARLY_CHARGE_DAYS, previousRenewal as previousCycle } from "../rules/cycle";
import { localDate } from "../time/zones";
import { foldCase, isDistinctive, normalizeMerchant, withoutPunctuation } from "./merchant";

export { normalizeMerchant } from "./merchant";

export type MatchableMembership = Pick<
  MembershipRow,
  | "id"
  | "name"
  | "merchantAliases"
  | "amountMinor"
  | "currency"
  | "channel"
  | "nextRenewalOn"
  | "cycleUnit"
  | "cycleCount"
  | "status"
  | "trialEndsOn"
  | "anchorDay"
>;
export type MatchableEvent = Pick<
  ExtractedEvent,
  "kind" | "amount_minor" | "currency" | "merchant" | "occurred_at" | "channel"
> & { merchant_legal?: string | null };

export interface MatchOptions {
  timeZone: string;
  /**
   * What the notice said, as a person reads it (sender, subject, the top of its text: read/index.ts noticeText): when
   * the merchant read from it fits no membership, a membership named anywhere in it is a candidate, if its amount or
   * date fits too.
   */
  noticeText?: string;
}

/** Why an event was linked to a membership; stored as JSON with the event (SPEC "match"). */
export interface Match {
  /** 0..1 */
  score: number;
  /** Human-readable, e.g. "merchant “支付宝-爱奇艺” matches alias “爱奇艺”; amount 25.00 CNY as expected; …" */
  reason: string;
  /** The alias (or name) that matched. */
  alias: string | null;
  amount: "exact" | "near" | "different" | "unknown";
  /** Occurred within the window around the expected (or previous) renewal or the trial end. */
  date_window: boolean;
}

export type MatchResult =
  | { membershipId: string; match: Match }
  | { membershipId: null; reason: string; candidates: { membershipId: string; score: number }[] };

// Points out of 100, so sums and the ambiguity margin are exact integers (0.1 is not, in floats).
// The merchant dominates: without it nothing is a candidate, and it is the largest single part; amount,
// date and channel then separate memberships that share a merchant.
const POINTS = {
  merchantEqual: 55,
  merchantContains: 40,
  // Named somewhere in the notice, not as its merchant: a candidate only when the amount or the date fits too.
  merchantMentioned: 30,
  amountExact: 25,
  amountNear: 12,
  dateWindow: 15,
  channelSame: 5,
  channelDifferent: -5,
} as const;
/** A runner-up this close to the best means we cannot tell them apart: the user decides. */
const AMBIGUITY_MARGIN = 10;
/** Days before and after an expected renewal in which a charge or notice for it plausibly arrives: the same days
 *  in which a charge pays the renewal (rules/cycle.ts), so a charge the matcher calls "near" is one that pays. */
const WINDOW_BEFORE = EARLY_CHARGE_DAYS;
const WINDOW_AFTER = 3;

const MATCHED_KINDS: ReadonlySet<MatchableEvent["kind"]> = new Set([
  "charge",
  "refund",
  "renewal_notice",
  "cancellation",
  "signup",
]);

type MerchantEvidence = { strength: "equal" | "contains" | "mentioned"; alias: string; normalized: string };
type AmountVerdict = { amount: Match["amount"]; points: number; text: string };
type DateVerdict = { inWindow: boolean; text: string | null };
type Scored = { membership: MatchableMembership; points: number; match: Match };

export function matchEvent(
  event: MatchableEvent,
  memberships: MatchableMembership[],
  options: MatchOptions,
): MatchResult {
  if (!MATCHED_KINDS.has(event.kind)) {
    return unmatched(`a “${event.kind}” event is not a payment notice, so it belongs to no membership`);
  }
  const merchant = event.merchant?.trim() || null;
  const legal = event.merchant_legal?.trim() || null;
  // The event's day in the user's zone costs an Intl call; it is read only once a membership is a
  // candidate. An unknown zone still throws as before, even when none is.
  let eventDate: string | null | undefined;
  const dateOfEvent = () => {
    if (eventDate === undefined) eventDate = calendarDate(event.occurred_at, options.timeZone);
    return eventDate;
  };
  const scored: Scored[] = [];
  const names = [merchant, legal]
    .filter((name): name is string => name !== null)
    .map((name) => ({
      name,
      normalized: normalizeMerchant(name),
    }));
  for (const membership of memberships) {
    for (const { name, normalized } of names) {
      const evidence = merchantEvidence(normalized, membership);
      if (!evidence) continue;
      scored.push(score(event, name, dateOfEvent(), membership, evidence));
      break;
    }
  }
  if (scored.length === 0 && options.noticeText) {
    const words = noticeWords(options.noticeText);
    for (const membership of memberships) {
      const evidence = mentionIn(words, membership);
      if (!evidence) continue;
      const candidate = score(event, merchant ?? "", dateOfEvent(), membership, evidence);
      if (candidate.match.amount === "exact" || candidate.match.amount === "near" || candidate.match.date_window)
        scored.push(candidate);
    }
  }
  if (scored.length === 0) {
    if (!knownZones.has(options.timeZone)) calendarDate(event.occurred_at, options.timeZone);
    if (!merchant) return unmatched("the notice names no merchant to match");
    return unmatched(
      memberships.length === 0
        ? "there are no memberships to match against"
        : `no membership's name or aliases match merchant “${merchant}”`,
    );
  }

  // Stable sort: equal scores keep the caller's order, so the result never depends on chance.
  scored.sort((a, b) => b.points - a.points);
  const candidates = scored.map((entry) => ({ membershipId: entry.membership.id, score: entry.match.score }));
  const [best, second] = scored as [Scored, ...Scored[]];
  if (second && best.points - second.points <= AMBIGUITY_MARGIN) {
    return {
      membershipId: null,
      reason:
        `${merchant ? `merchant “${merchant}”` : "the notice"} fits both ${describe(best)} and ${describe(second)} ` +
        "about equally well; assign the event by hand",
      candidates,
    };
  }
  return { membershipId: best.membership.id, match: best.match };
}

/** The notice reduced like a merchant name (NFKC, lower case, no spaces or punctuation), to search for names in. */
function noticeWords(text: string): string {
  return withoutPunctuation(foldCase(text));
}

/** The longest distinctive name or alias of the membership that the notice writes somewhere, or null. */
function mentionIn(words: string, membership: MatchableMembership): MerchantEvidence | null {
  let best: MerchantEvidence | null = null;
  for (const alias of [membership.name, ...membership.merchantAliases]) {
    const normalized = normalizedName(alias);
    if (!isDistinctive(normalized) || !words.includes(normalized)) continue;
    if (!best || normalized.length > best.normalized.length) best = { strength: "mentioned", alias, normalized };
  }
  return best;
}

function unmatched(reason: string): MatchResult {
  return { membershipId: null, reason, candidates: [] };
}

function describe(entry: Scored): string {
  return `“${entry.membership.name}” (${entry.membership.id}, score ${entry.match.score.toFixed(2)})`;
}

// A user's memberships and their ~24 names and aliases are the same for every notice matched against
// them, and normalising each was most of matching's cost: remember each name's normal form (the
// function is pure, so this changes no answer). Cleared when full, so hostile names cannot grow it.
const normalizedNames = new Map<string, string>();
const MAX_NORMALIZED_NAMES = 10_000;

function normalizedName(name: string): string {
  let normalized = normalizedNames.get(name);
  if (normalized === undefined) {
    if (normalizedNames.size >= MAX_NORMALIZED_NAMES) normalizedNames.clear();
    normalized = normalizeMerchant(name);
    normalizedNames.set(name, normalized);
  }
  return normalized;
}

/** The strongest way the event's merchant names this membership, or null when it does not at all. */
function merchantEvidence(eventMerchant: string, membership: MatchableMembership): MerchantEvidence | null {
  let best: MerchantEvidence | null = null;
  for (const alias of [membership.name, ...membership.merchantAliases]) {
    const normalized = normalizedName(alias);
    if (normalized === eventMerchant) return { strength: "equal", alias, normalized };
    const [shorter, longer] =
      normalized.length <= eventMerchant.length ? [normalized, eventMerchant] : [eventMerchant, normalized];
    // Among partial matches the longest alias is the most specific one to explain the match with.
    if (longer.includes(shorter) && isDistinctive(shorter) && (!best || normalized.length > best.normalized.length)) {
      best = { strength: "contains", alias, normalized };
    }
  }
  return best;
}

function score(
  event: MatchableEvent,
  merchant: string,
  eventDate: string | null,
  membership: MatchableMembership,
  evidence: MerchantEvidence,
): Scored {
  const reasons: string[] = [];
  let points: number = POINTS.merchantMentioned;
  if (evidence.strength === "equal") points = POINTS.merchantEqual;
  if (evidence.strength === "contains") points = POINTS.merchantContains;
  if (evidence.strength === "mentioned") {
    reasons.push(
      merchant
        ? `merchant “${merchant}” fits no membership, but the notice names “${evidence.alias}”`
        : `the notice names no merchant, but it names “${evidence.alias}”`,
    );
  } else {
    reasons.push(
      evidence.strength === "equal"
        ? `merchant “${merchant}” matches alias “${evidence.alias}”`
        : `merchant “${merchant}” partly matches alias “${evidence.alias}”`,
    );
  }

  const amount = amountVerdict(event, membership);
  points += amount.points;
  reasons.push(amount.text);

  const date = dateVerdict(eventDate, membership);
  if (date.inWindow) points += POINTS.dateWindow;
  if (date.text) reasons.push(date.text);

  const channel = channelVerdict(event, membership);
  points += channel.points;
  if (channel.text) reasons.push(channel.text);

  // Said out loud because a charge on a cancelled membership is exactly what the user must see.
  if (membership.status !== "active") reasons.push(`the membership is ${membership.status}`);

  points = Math.max(0, Math.min(100, points));
  return {
    membership,
    points,
    match: {
      score: points / 100,
      reason: reasons.join("; "),
      alias: evidence.alias,
      amount: amount.amount,
      date_window: date.inWindow,
    },
  };
}

function amountVerdict(event: MatchableEvent, membership: MatchableMembership): AmountVerdict {
  const expectedText = money(membership.amountMinor, membership.currency);
  if (event.amount_minor === null || event.currency === null) {
    return { amount: "unknown", points: 0, text: "no amount given" };
  }
  // Refund notices sometimes carry the amount signed; the size is what we compare.
  const actual = event.kind === "refund" ? Math.abs(event.amount_minor) : event.amount_minor;
  const actualText = money(actual, event.currency);
  if (event.currency !== membership.currency) {
    return { amount: "unknown", points: 0, text: `amount ${actualText}, expected in ${membership.currency}` };
  }
  const expected = membership.amountMinor;
  const diff = Math.abs(actual - expected);
  if (diff <= Math.max(expected * 0.01, 1)) {
    return { amount: "exact", points: POINTS.amountExact, text: `amount ${actualText} as expected` };
  }
  // A refund may give back only part of the charge; anything up to the full amount fits.
  if (event.kind === "refund" && actual < expected) {
    return {
      amount: "near",
      points: POINTS.amountNear,
      text: `partial refund of ${actualText} (expected charge ${expectedText})`,
    };
  }
  if (diff <= expected * 0.2) {
    return {
      amount: "near",
      points: POINTS.amountNear,
      text: `amount ${actualText} is close to the expected ${expectedText}`,
    };
  }
  return { amount: "different", points: 0, text: `amount ${actualText} differs from the expected ${expectedText}` };
}

/** Zones localDate has accepted: asking it again could not throw. */
const knownZones = new Set<string>();

/** The calendar date of an instant in the user's zone; null when the instant cannot be read. */
function calendarDate(instant: string, timeZone: string): string | null {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return null;
  const date = localDate(ms, timeZone);
  knownZones.add(timeZone);
  return date;
}

function dateVerdict(eventDate: string | null, membership: MatchableMembership): DateVerdict {
  if (eventDate === null) return { inWindow: false, text: null };
  // On a tie the first anchor names the reason: a trial converting is the more telling story.
  const anchors: { label: string; date: string }[] = [];
  if (membership.trialEndsOn) anchors.push({ label: "the trial end", date: membership.trialEndsOn });
  anchors.push({ label: "the renewal", date: membership.nextRenewalOn });
  // The charge for the renewal just gone may arrive after the user (or the sweep) moved the date on.
  anchors.push({ label: "the previous renewal", date: previousRenewal(membership) });

  let closest: { label: string; date: string; offset: number } | null = null;
  for (const anchor of anchors) {
    const offset = dayDifference(eventDate, anchor.date);
    if (offset < -WINDOW_BEFORE || offset > WINDOW_AFTER) continue;
    if (!closest || Math.abs(offset) < Math.abs(closest.offset)) closest = { ...anchor, offset };
  }
  if (!closest) return { inWindow: false, text: `${eventDate} is not near the renewal on ${membership.nextRenewalOn}` };
  const { label, date, offset } = closest;
  const when =
    offset === 0
      ? "on the day of"
      : `${Math.abs(offset)} day${Math.abs(offset) === 1 ? "" : "s"} ${offset < 0 ? "before" : "after"}`;
  return { inWindow: true, text: `${when} ${label} on ${date}` };
}

function channelVerdict(
  event: MatchableEvent,
  membership: MatchableMembership,
): { points: number; text: string | null } {
  // "other" tells us nothing about where the money went, so it neither helps nor hurts.
  if (!event.channel || event.channel === "other" || membership.channel === "other") return { points: 0, text: null };
  if (event.channel === membership.channel) return { points: POINTS.channelSame, text: `paid via ${event.channel}` };
  return {
    points: POINTS.channelDifferent,
    text: `paid via ${event.channel}, expected ${membership.channel}`,
  };
}

/** nextRenewalOn moved back one cycle, anchored like every renewal (Mar 31 → Feb 28 → Jan 31). */
function previousRenewal(membership: MatchableMembership): string {
  const anchor = membership.anchorDay ?? Number(membership.nextRenewalOn.slice(8, 10));
  return previousCycle(membership.nextRenewalOn, membership.cycleUnit, membership.cycleCount, anchor);
}

/** Whole calendar days from `to` to `from` (negative when `from` is earlier). */
function dayDifference(from: string, to: string): number {
  return (Date.parse(`${from}T00:00:00Z`) - Date.parse(`${to}T00:00:00Z`)) / 86_400_000;
}

/** Money for a reason text; a code outside the table is shown raw rather than failing the match. */
function money(amountMinor: number, currency: string): string {
  return isCurrency(currency) ? formatMoney(amountMinor, currency) : `${amountMinor} (minor units) ${currency}`;
}
