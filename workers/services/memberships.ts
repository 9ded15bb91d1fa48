// Memberships and their cancellations: the operations the API, the dashboard and SMS replies share, always
// scoped to the context's user.
import type { CancellationCreateInput, MembershipCreateInput, MembershipUpdateInput } from "../../schema/memberships";
import type { CancellationRow, memberships } from "../../schema/tables";
import {
  insertCancellation,
  insertMembership,
  type MembershipWithCancellations,
  membershipOfUser,
  updateMembership,
} from "../db/memberships";
import { newId } from "../secrets/tokens";
import { localDate } from "../time/zones";
import type { UserCtx } from "./context";
import { invalidField, notFound } from "./errors";

// A cancellation time this far ahead of the server clock is a mistake, not clock skew.
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

/**
 * API fields → columns; only the fields present in `input` appear in the result. Setting the renewal date
 * also sets the day renewals are anchored to.
 */
function membershipColumns(input: MembershipUpdateInput): Partial<typeof memberships.$inferInsert> {
  const columns: Partial<typeof memberships.$inferInsert> = {
    name: input.name,
    merchantAliases: input.merchant_aliases && dedupeAliases(input.merchant_aliases),
    amountMinor: input.amount_minor,
    currency: input.currency,
    cycleUnit: input.cycle_unit,
    cycleCount: input.cycle_count,
    nextRenewalOn: input.next_renewal_on,
    anchorDay: input.next_renewal_on ? Number(input.next_renewal_on.slice(8, 10)) : undefined,
    autoRenew: input.auto_renew,
    channel: input.channel,
    cancelNoticeDays: input.cancel_notice_days,
    refundWindowDays: input.refund_window_days,
    trialEndsOn: input.trial_ends_on,
    leadDays: input.lead_days,
    reminderLadders: input.reminder_ladders,
    cancelUrl: input.cancel_url,
    cancelSteps: input.cancel_steps,
    supportContact: input.support_contact,
    notes: input.notes,
  };
  return Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined));
}

function dedupeAliases(aliases: string[]): string[] {
  const seen = new Set<string>();
  return aliases.filter((alias) => {
    const key = alias.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const membershipNotFound = () => notFound("Membership");

/** Any change to a membership's terms or cancellations asks the next sweep to look at it again (from today). */
const userToday = (ctx: UserCtx) => localDate(ctx.now, ctx.user.timezone);

/** One of the user's memberships with its cancellations; not found when it is not theirs. */
export async function membershipOf(ctx: UserCtx, id: string): Promise<MembershipWithCancellations> {
  const row = await membershipOfUser(ctx.db, ctx.user.id, id);
  if (!row) throw membershipNotFound();
  return row;
}

/** Registers a validated membership for the user. */
export async function addMembership(ctx: UserCtx, input: MembershipCreateInput): Promise<MembershipWithCancellations> {
  const row = await insertMembership(ctx.db, {
    ...(membershipColumns(input) as typeof memberships.$inferInsert),
    id: newId("mem"),
    userId: ctx.user.id,
    createdAt: new Date(ctx.now).toISOString(),
    nextDueOn: userToday(ctx),
  });
  return { ...row, cancellations: [] };
}

/** Applies the fields present in `input` to the user's membership; not found when it is not theirs. */
export async function changeMembership(
  ctx: UserCtx,
  id: string,
  input: MembershipUpdateInput,
): Promise<MembershipWithCancellations> {
  const changes = membershipColumns(input);
  if (Object.keys(changes).length > 0) {
    const updated = await updateMembership(ctx.db, ctx.user.id, id, {
      ...changes,
      updatedAt: new Date(ctx.now).toISOString(),
      nextDueOn: userToday(ctx),
    });
    if (!updated) throw membershipNotFound();
  }
  return membershipOf(ctx, id);
}

/** Stops watching the user's membership, keeping its evidence; not found when it is not theirs. */
export async function removeMembership(ctx: UserCtx, id: string): Promise<void> {
  const now = new Date(ctx.now).toISOString();
  const deleted = await updateMembership(ctx.db, ctx.user.id, id, { deletedAt: now, updatedAt: now });
  if (!deleted) throw membershipNotFound();
}

/**
 * Records one side's cancellation (the membership becomes cancelled and the sweep looks again); not found when
 * the membership is not the user's, a validation error naming cancelled_at when that lies in the future.
 */
export async function recordCancellation(
  ctx: UserCtx,
  id: string,
  input: CancellationCreateInput,
): Promise<CancellationRow> {
  const { db, user } = ctx;
  await membershipOf(ctx, id);
  const cancelledAt = input.cancelled_at ? Date.parse(input.cancelled_at) : ctx.now;
  if (cancelledAt > ctx.now + FUTURE_TOLERANCE_MS) throw invalidField("cancelled_at", "is in the future");
  const now = new Date(ctx.now).toISOString();
  return insertCancellation(
    db,
    user.id,
    {
      id: newId("can"),
      membershipId: id,
      userId: user.id,
      side: input.side,
      cancelledAt: new Date(cancelledAt).toISOString(),
      reference: input.reference ?? null,
      evidence: input.evidence ?? null,
      createdAt: now,
    },
    now,
    userToday(ctx),
  );
}
