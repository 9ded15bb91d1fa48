// Changing one of the user's events by hand, shared by PATCH /events/{id} and the dashboard's inbox.
import { resolveUnknownSubscription } from "../db/alerts";
import { type EventRow, eventAssignmentStatement, eventOfUser } from "../db/events";
import { membershipsOfUser } from "../db/memberships";
import { matchedEvents, membershipStateStatement } from "../db/watchdog";
import { deliverDue } from "../deliver/outbox";
import { normalizeMerchant } from "../match";
import type { UserCtx } from "./context";
import { conflict, notFound } from "./errors";
import { historySince, matchedStatements } from "./watchdog";

// The API accepts at most this many aliases; learning one more never pushes a membership past it.
const MAX_ALIASES = 50;

export interface EventChange {
  /** A membership id assigns, null unassigns, undefined leaves it. */
  membershipId?: string | null;
  dismissed?: boolean;
}

/** One of the user's events; not found when it is not theirs. */
export async function eventOf(ctx: UserCtx, id: string): Promise<EventRow> {
  const event = await eventOfUser(ctx.db, ctx.user.id, id);
  if (!event) throw notFound("Event");
  return event;
}

/**
 * Changes one of the user's events: assigns it to one of their memberships by hand (see assignTo), unassigns
 * it, or dismisses it as a one-off (or takes that back). Another user's event or membership is not found,
 * dismissing an assigned event a conflict; neither changes anything.
 */
export async function updateEvent(ctx: UserCtx, id: string, change: EventChange): Promise<EventRow> {
  const { db, user, now } = ctx;
  const event = await eventOf(ctx, id);
  if (typeof change.membershipId === "string") return assignTo(ctx, event, change.membershipId);
  const unassign = change.membershipId === null;
  if (change.dismissed === true && !unassign && event.membershipId !== null) {
    throw conflict(
      "event_matched",
      "This event belongs to a membership; send membership_id: null with dismissed: true to unassign and dismiss it.",
    );
  }
  const nowIso = new Date(now).toISOString();
  const dismissedAt =
    change.dismissed === undefined ? event.dismissedAt : change.dismissed ? (event.dismissedAt ?? nowIso) : null;
  const changed: EventRow = { ...event, ...(unassign && { membershipId: null, match: null }), dismissedAt };
  await db.batch([
    eventAssignmentStatement(db, id, changed),
    ...(change.dismissed ? resolveUnknownSubscription(db, user.id, id, "event_dismissed", nowIso) : []),
  ]);
  return changed;
}

/**
 * Assigns an event to one of the user's memberships by hand: the membership learns the merchant's name as an
 * alias, the watchdog re-evaluates the event, a dismissal is cleared and the event's unknown-subscription alert
 * is resolved. Another user's membership is not found and changes nothing.
 */
async function assignTo(ctx: UserCtx, event: EventRow, membershipId: string): Promise<EventRow> {
  const { db, user, now } = ctx;
  const membership = (await membershipsOfUser(db, user.id)).find((row) => row.id === membershipId);
  if (!membership) throw notFound("Membership");
  const nowIso = new Date(now).toISOString();
  const assigned: EventRow = {
    ...event,
    membershipId,
    match: { score: 1, reason: `assigned by hand to “${membership.name}”`, alias: event.merchant, by_hand: true },
    dismissedAt: null,
  };
  // Both names the notice gave (the service and the payee's legal name) are learned, so either matches next time.
  const known = new Set([membership.name, ...membership.merchantAliases].map(normalizeMerchant));
  const learned: string[] = [];
  for (const name of [event.merchant, event.merchantLegal]) {
    if (!name || known.has(normalizeMerchant(name))) continue;
    if (membership.merchantAliases.length + learned.length >= MAX_ALIASES) break;
    known.add(normalizeMerchant(name));
    learned.push(name);
  }
  const learns = learned.length > 0;
  const taught = learns ? { ...membership, merchantAliases: [...membership.merchantAliases, ...learned] } : membership;
  const earlier = (await matchedEvents(db, [membershipId], historySince(now))).get(membershipId) ?? [];
  const [first, ...rest] = [
    eventAssignmentStatement(db, event.id, assigned),
    ...(learns
      ? [membershipStateStatement(db, membershipId, { merchantAliases: taught.merchantAliases }, nowIso)]
      : []),
    ...resolveUnknownSubscription(db, user.id, event.id, "event_assigned", nowIso),
    ...(await matchedStatements(ctx, taught, assigned, earlier)).statements,
  ];
  await db.batch([first, ...rest]);
  ctx.later(deliverDue(db, ctx.providers, now, user.id));
  return assigned;
}
