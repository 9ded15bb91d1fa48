// Memberships and their cancellations, always scoped to the signed-in user.
import { createRoute } from "@hono/zod-openapi";
import { IdParam } from "../../schema/common";
import {
  Cancellation,
  CancellationCreate,
  type CancellationCreateInput,
  Membership,
  MembershipCreate,
  type MembershipCreateInput,
  MembershipList,
  type MembershipOutput,
  MembershipUpdate,
  type MembershipUpdateInput,
} from "../../schema/memberships";
import type { CancellationRow, memberships } from "../../schema/tables";
import { localDate } from "../calendar";
import {
  insertCancellation,
  insertMembership,
  type MembershipWithCancellations,
  membershipOfUser,
  membershipsOfUser,
  updateMembership,
} from "../db/memberships";
import { newId } from "../tokens";
import { requireUser } from "./auth";
import { type AppEnv, newRouter } from "./context";
import { ApiError, notFound } from "./errors";
import { errorResponses, jsonBody, jsonContent } from "./openapi";

// A cancellation time this far ahead of the server clock is a mistake, not clock skew.
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

function presentCancellation(row: CancellationRow) {
  return {
    id: row.id,
    membership_id: row.membershipId,
    side: row.side,
    cancelled_at: row.cancelledAt,
    reference: row.reference,
    evidence: row.evidence,
    created_at: row.createdAt,
  };
}

export function presentMembership(row: MembershipWithCancellations): MembershipOutput {
  return {
    id: row.id,
    name: row.name,
    merchant_aliases: row.merchantAliases,
    amount_minor: row.amountMinor,
    currency: row.currency,
    cycle_unit: row.cycleUnit,
    cycle_count: row.cycleCount,
    next_renewal_on: row.nextRenewalOn,
    auto_renew: row.autoRenew,
    channel: row.channel,
    cancel_notice_days: row.cancelNoticeDays,
    refund_window_days: row.refundWindowDays,
    trial_ends_on: row.trialEndsOn,
    lead_days: row.leadDays,
    cancel_url: row.cancelUrl,
    cancel_steps: row.cancelSteps,
    support_contact: row.supportContact,
    notes: row.notes,
    status: row.status,
    cancellations: row.cancellations.map(presentCancellation),
    created_at: row.createdAt,
  };
}

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

/** Any change to a membership's terms or cancellations asks the next sweep to look at it again. */
const userToday = (vars: { now: number; user: { timezone: string } }) => localDate(vars.now, vars.user.timezone);
const path = { params: IdParam };
const secured = { security: [{ Bearer: [] }], middleware: requireUser, tags: ["memberships"] };

// ---- the operations, shared by the JSON API and the dashboard pages ----

/** Who is acting and when: the request's drizzle client, signed-in user and arrival time. */
export type Actor = Pick<AppEnv["Variables"], "db" | "user" | "now">;

/** Registers a validated membership for the actor. */
export async function addMembership(actor: Actor, input: MembershipCreateInput): Promise<MembershipWithCancellations> {
  const row = await insertMembership(actor.db, {
    ...(membershipColumns(input) as typeof memberships.$inferInsert),
    id: newId("mem"),
    userId: actor.user.id,
    createdAt: new Date(actor.now).toISOString(),
    nextDueOn: userToday(actor),
  });
  return { ...row, cancellations: [] };
}

/** Applies the fields present in `input` to the actor's membership; 404 when it is not theirs. */
export async function changeMembership(
  actor: Actor,
  id: string,
  input: MembershipUpdateInput,
): Promise<MembershipWithCancellations> {
  const changes = membershipColumns(input);
  if (Object.keys(changes).length > 0) {
    const updated = await updateMembership(actor.db, actor.user.id, id, {
      ...changes,
      updatedAt: new Date(actor.now).toISOString(),
      nextDueOn: userToday(actor),
    });
    if (!updated) throw membershipNotFound();
  }
  const row = await membershipOfUser(actor.db, actor.user.id, id);
  if (!row) throw membershipNotFound();
  return row;
}

/** Stops watching the actor's membership, keeping its evidence; 404 when it is not theirs. */
export async function removeMembership(actor: Actor, id: string): Promise<void> {
  const now = new Date(actor.now).toISOString();
  const deleted = await updateMembership(actor.db, actor.user.id, id, { deletedAt: now, updatedAt: now });
  if (!deleted) throw membershipNotFound();
}

/**
 * Records one side's cancellation (the membership becomes cancelled and the sweep looks again); 404 when
 * the membership is not the actor's, 400 naming cancelled_at when that lies in the future.
 */
export async function recordCancellation(
  actor: Actor,
  id: string,
  input: CancellationCreateInput,
): Promise<CancellationRow> {
  const { db, user } = actor;
  const membership = await membershipOfUser(db, user.id, id);
  if (!membership) throw membershipNotFound();
  const cancelledAt = input.cancelled_at ? Date.parse(input.cancelled_at) : actor.now;
  if (cancelledAt > actor.now + FUTURE_TOLERANCE_MS) {
    throw new ApiError(400, "invalid_request", "body.cancelled_at: is in the future", [
      { field: "cancelled_at", message: "is in the future" },
    ]);
  }
  const now = new Date(actor.now).toISOString();
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
    userToday(actor),
  );
}

export const membershipsRouter = newRouter()
  .openapi(
    createRoute({
      ...secured,
      method: "get",
      path: "/memberships",
      summary: "List your memberships, soonest renewal first.",
      responses: { 200: jsonContent(MembershipList, "Your memberships."), ...errorResponses(401) },
    }),
    async (c) => {
      const rows = await membershipsOfUser(c.var.db, c.var.user.id);
      return c.json({ items: rows.map(presentMembership) }, 200);
    },
  )
  .openapi(
    createRoute({
      ...secured,
      method: "post",
      path: "/memberships",
      summary: "Register a membership you pay for.",
      request: jsonBody(MembershipCreate),
      responses: { 201: jsonContent(Membership, "The new membership."), ...errorResponses(400, 401) },
    }),
    async (c) => c.json(presentMembership(await addMembership(c.var, c.req.valid("json"))), 201),
  )
  .openapi(
    createRoute({
      ...secured,
      method: "get",
      path: "/memberships/{id}",
      summary: "One membership with its cancellations.",
      request: path,
      responses: { 200: jsonContent(Membership, "The membership."), ...errorResponses(401, 404) },
    }),
    async (c) => {
      const row = await membershipOfUser(c.var.db, c.var.user.id, c.req.valid("param").id);
      if (!row) throw membershipNotFound();
      return c.json(presentMembership(row), 200);
    },
  )
  .openapi(
    createRoute({
      ...secured,
      method: "patch",
      path: "/memberships/{id}",
      summary: "Change a membership's terms; absent fields stay as they are.",
      request: { ...path, ...jsonBody(MembershipUpdate) },
      responses: { 200: jsonContent(Membership, "The updated membership."), ...errorResponses(400, 401, 404) },
    }),
    async (c) => {
      const row = await changeMembership(c.var, c.req.valid("param").id, c.req.valid("json"));
      return c.json(presentMembership(row), 200);
    },
  )
  .openapi(
    createRoute({
      ...secured,
      method: "delete",
      path: "/memberships/{id}",
      summary: "Stop watching a membership. Its events, cancellations and alerts are kept as evidence.",
      request: path,
      responses: { 204: { description: "Deleted." }, ...errorResponses(401, 404) },
    }),
    async (c) => {
      await removeMembership(c.var, c.req.valid("param").id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      ...secured,
      method: "post",
      path: "/memberships/{id}/cancellations",
      summary:
        "Record a cancellation on one side (platform, payment channel, customer service) with its evidence. " +
        "The membership becomes cancelled.",
      request: { ...path, ...jsonBody(CancellationCreate) },
      responses: {
        201: jsonContent(Cancellation, "The recorded cancellation."),
        ...errorResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const row = await recordCancellation(c.var, c.req.valid("param").id, c.req.valid("json"));
      return c.json(presentCancellation(row), 201);
    },
  );
