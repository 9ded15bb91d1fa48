// The watchdog's decisions, shared by ingest and the sweep: match a new event to a membership, run the
// rules, and turn their verdicts into statements that go into the same D1 batch as the fact behind them.
import type { CancellationRow, MembershipRow, UserRow } from "../../schema/tables";
import { resolveHalfCancelled } from "../db/alerts";
import type { Db } from "../db/client";
import { type MembershipWithCancellations, membershipsOfUser } from "../db/memberships";
import {
  alertStatements,
  cancellationStatement,
  HISTORY_DAYS,
  matchedEvents,
  membershipStateStatement,
  type Statement,
  type StoredAlert,
  unmatchedPayments,
} from "../db/watchdog";
import { matchEvent } from "../match";
import {
  type AlertDraft,
  DEFAULT_RULE_SETTINGS,
  type EventRow,
  onMatchedEvent,
  onUnmatchedEvent,
  type RuleContext,
  SEPARATE_AGREEMENT_CHANNELS,
} from "../rules";
import { timelineLink } from "../secrets/links";
import { newId } from "../secrets/tokens";
import { renderAlert } from "../texts/alerts";
import { localDate } from "../time/zones";
import type { Ctx } from "./context";

export function ruleContext(user: UserRow, now: number): RuleContext {
  return {
    now,
    timeZone: user.timezone,
    userLeadDays: user.leadDays,
    userLadders: user.reminderLadders,
    unconfirmedGraceDays: user.renewalGraceDays,
    halfCancelledAfterDays: DEFAULT_RULE_SETTINGS.halfCancelledAfterDays,
  };
}

/** Who and when the watchdog decides for: the invocation's database, links and instant, and the user. */
export type Watch = Pick<Ctx, "db" | "links" | "now"> & { user: UserRow };

/** Drafts with their title and body in the user's language, linking the membership's timeline when it can. */
export async function withTexts(
  watch: Watch,
  drafts: AlertDraft[],
  membership?: Pick<MembershipRow, "cancelSteps">,
): Promise<StoredAlert[]> {
  const { user, links, now } = watch;
  const stored: StoredAlert[] = [];
  for (const draft of drafts) {
    const timelineUrl = links && draft.membershipId ? await timelineLink(links, draft.membershipId, now) : undefined;
    const { title, body } = renderAlert(draft, user.locale, {
      cancelSteps: membership?.cancelSteps ?? null,
      timelineUrl,
    });
    stored.push({ ...draft, title, body });
  }
  return stored;
}

/** The statements storing the drafts as alerts with their deliveries, rendered for the user. */
export async function renderedAlerts(
  watch: Watch,
  drafts: AlertDraft[],
  membership?: Pick<MembershipRow, "cancelSteps">,
): Promise<Statement[]> {
  const stored = await withTexts(watch, drafts, membership);
  return alertStatements(watch.db, watch.user, stored, new Date(watch.now).toISOString());
}

/**
 * A matched cancellation notice is evidence of that side's cancellation: from Alipay, WeChat Pay, a bank or
 * PayPal it closes the payment-channel agreement (and so resolves a half-cancelled alert); elsewhere (Apple,
 * Google Play) the platform is the payer.
 */
function recordedCancellation(
  db: Db,
  user: UserRow,
  membership: MembershipRow,
  event: EventRow,
  nowIso: string,
): Statement[] {
  if (event.kind !== "cancellation") return [];
  const paymentSide = event.channel !== null && SEPARATE_AGREEMENT_CHANNELS.has(event.channel);
  return [
    cancellationStatement(db, {
      id: newId("can"),
      membershipId: membership.id,
      userId: user.id,
      side: paymentSide ? "payment_channel" : "platform",
      cancelledAt: event.occurredAt,
      reference: event.reference ?? event.id,
      evidence: `Cancellation notice${event.merchant ? ` for ${event.merchant}` : ""} received (event ${event.id}).`,
      createdAt: nowIso,
    }),
    ...(membership.status === "active"
      ? [membershipStateStatement(db, membership.id, { status: "cancelled" }, nowIso)]
      : []),
    ...(paymentSide ? resolveHalfCancelled(db, user.id, membership.id, nowIso) : []),
  ];
}

/** The statements for what an event sets off, and how many alerts among them (none: nothing to deliver). */
export interface Verdict {
  statements: Statement[];
  alerts: number;
}

export const historySince = (now: number) => new Date(now - HISTORY_DAYS * 86_400_000).toISOString();

/**
 * A new event (not yet stored): the membership it belongs to and why, and the statements for what it
 * sets off — charge_after_cancel, price_changed, unknown_subscription, the renewal moving forward. The
 * caller stores the event first and these after it, in one batch, so the alert exists when it returns.
 */
export async function watchEvent(
  watch: Watch,
  event: EventRow,
  known: { memberships?: MembershipWithCancellations[]; noticeText?: string } = {},
): Promise<{ event: EventRow } & Verdict> {
  const { db, user, now } = watch;
  // The caller may have read them in the same round trip as the user (lookupInbound).
  const candidates = known.memberships ?? (await membershipsOfUser(db, user.id));
  const result = matchEvent(
    {
      kind: event.kind,
      amount_minor: event.amountMinor,
      currency: event.currency,
      merchant: event.merchant,
      merchant_legal: event.merchantLegal,
      occurred_at: event.occurredAt,
      channel: event.channel,
    },
    candidates,
    { timeZone: user.timezone, noticeText: known.noticeText },
  );
  if ("match" in result) {
    const membership = candidates.find((candidate) => candidate.id === result.membershipId);
    if (!membership) throw new Error("matched a membership that was not a candidate");
    const matched: EventRow = { ...event, membershipId: membership.id, match: { ...result.match } };
    const earlier = await historyOf(db, membership.id, now);
    return { event: matched, ...(await matchedStatements(watch, membership, matched, earlier)) };
  }
  const unmatched: EventRow = {
    ...event,
    membershipId: null,
    match: event.kind === "other" ? null : { score: 0, reason: result.reason, candidates: result.candidates },
  };
  if (unmatched.kind !== "charge" && unmatched.kind !== "signup")
    return { event: unmatched, statements: [], alerts: 0 };
  const earlier = (await unmatchedPayments(db, user.id, historySince(now))).filter((row) => row.id !== event.id);
  const drafts = onUnmatchedEvent(unmatched, earlier, ruleContext(user, now));
  return { event: unmatched, statements: await renderedAlerts(watch, drafts), alerts: drafts.length };
}

async function historyOf(db: Db, membershipId: string, now: number): Promise<EventRow[]> {
  return (await matchedEvents(db, [membershipId], historySince(now))).get(membershipId) ?? [];
}

/** The rules for an event just matched to `membership` (by the matcher or by hand). */
export async function matchedStatements(
  watch: Watch,
  membership: MembershipRow & { cancellations: CancellationRow[] },
  event: EventRow,
  earlierEvents: EventRow[],
): Promise<Verdict> {
  const { db, user, now } = watch;
  const nowIso = new Date(now).toISOString();
  const history = {
    membership,
    cancellations: membership.cancellations,
    events: [...earlierEvents.filter((row) => row.id !== event.id), event],
  };
  const outcome = onMatchedEvent(history, event, ruleContext(user, now));
  const statements = [
    ...recordedCancellation(db, user, membership, event, nowIso),
    // The sweep looks at the membership again today: a new match can change every rule's window.
    membershipStateStatement(
      db,
      membership.id,
      { nextRenewalOn: outcome.nextRenewalOn, nextDueOn: localDate(now, user.timezone) },
      nowIso,
    ),
    ...(await renderedAlerts(watch, outcome.alerts, membership)),
  ];
  return { statements, alerts: outcome.alerts.length };
}
