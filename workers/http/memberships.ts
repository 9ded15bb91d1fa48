// The memberships API: parse, call one service (services/memberships.ts), present.
import { IdParam } from "../../schema/common";
import {
  Cancellation,
  CancellationCreate,
  Membership,
  MembershipCreate,
  MembershipList,
  type MembershipOutput,
  MembershipUpdate,
} from "../../schema/memberships";
import type { CancellationRow } from "../../schema/tables";
import { type MembershipWithCancellations, membershipsOfUser } from "../db/memberships";
import {
  addMembership,
  changeMembership,
  membershipOf,
  recordCancellation,
  removeMembership,
} from "../services/memberships";
import { newRouter, userCtx } from "./context";
import { errorResponses, jsonBody, jsonContent, userRoute } from "./openapi";

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
    reminder_ladders: row.reminderLadders,
    cancel_url: row.cancelUrl,
    cancel_steps: row.cancelSteps,
    support_contact: row.supportContact,
    notes: row.notes,
    status: row.status,
    cancellations: row.cancellations.map(presentCancellation),
    created_at: row.createdAt,
  };
}

const path = { params: IdParam };
export const membershipsRouter = newRouter()
  .openapi(
    userRoute("memberships", {
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
    userRoute("memberships", {
      method: "post",
      path: "/memberships",
      summary: "Register a membership you pay for.",
      request: jsonBody(MembershipCreate),
      responses: { 201: jsonContent(Membership, "The new membership."), ...errorResponses(400, 401) },
    }),
    async (c) => c.json(presentMembership(await addMembership(userCtx(c), c.req.valid("json"))), 201),
  )
  .openapi(
    userRoute("memberships", {
      method: "get",
      path: "/memberships/{id}",
      summary: "One membership with its cancellations.",
      request: path,
      responses: { 200: jsonContent(Membership, "The membership."), ...errorResponses(401, 404) },
    }),
    async (c) => {
      return c.json(presentMembership(await membershipOf(userCtx(c), c.req.valid("param").id)), 200);
    },
  )
  .openapi(
    userRoute("memberships", {
      method: "patch",
      path: "/memberships/{id}",
      summary: "Change a membership's terms; absent fields stay as they are.",
      request: { ...path, ...jsonBody(MembershipUpdate) },
      responses: { 200: jsonContent(Membership, "The updated membership."), ...errorResponses(400, 401, 404) },
    }),
    async (c) => {
      const row = await changeMembership(userCtx(c), c.req.valid("param").id, c.req.valid("json"));
      return c.json(presentMembership(row), 200);
    },
  )
  .openapi(
    userRoute("memberships", {
      method: "delete",
      path: "/memberships/{id}",
      summary: "Stop watching a membership. Its events, cancellations and alerts are kept as evidence.",
      request: path,
      responses: { 204: { description: "Deleted." }, ...errorResponses(401, 404) },
    }),
    async (c) => {
      await removeMembership(userCtx(c), c.req.valid("param").id);
      return c.body(null, 204);
    },
  )
  .openapi(
    userRoute("memberships", {
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
      const row = await recordCancellation(userCtx(c), c.req.valid("param").id, c.req.valid("json"));
      return c.json(presentCancellation(row), 201);
    },
  );
