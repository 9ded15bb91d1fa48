// Memberships' shapes and their cancellations' (/memberships, /memberships/{id}/cancellations).
// See common.ts.
import { z } from "@hono/zod-openapi";
import { CalendarDate, Currency, Instant, LeadDays, optionalFields, ReminderLadders } from "./common";
import { CANCELLATION_SIDES, CYCLE_UNITS, MEMBERSHIP_STATUSES, PAYMENT_CHANNELS } from "./tables";

const OptionalText = (max: number) => z.string().trim().max(max).nullable().optional();

const MerchantAliases = z
  .array(z.string().trim().min(1).max(100))
  .max(50)
  .openapi({ example: ["爱奇艺", "iQIYI", "财付通-爱奇艺"] });

const membershipFields = {
  name: z.string().trim().min(1).max(100).openapi({ example: "爱奇艺黄金VIP" }),
  merchant_aliases: MerchantAliases,
  amount_minor: z
    .int()
    .min(0)
    .max(1_000_000_000_00)
    .openapi({ description: "Expected charge in minor units (分, cents).", example: 2500 }),
  currency: Currency,
  cycle_unit: z.enum(CYCLE_UNITS),
  cycle_count: z.int().min(1).max(120),
  next_renewal_on: CalendarDate.openapi({ description: "Next renewal date in the user's timezone." }),
  auto_renew: z.boolean(),
  channel: z.enum(PAYMENT_CHANNELS),
  cancel_notice_days: z
    .int()
    .min(0)
    .max(365)
    .openapi({ description: "Cancel at least this many days before renewal." }),
  refund_window_days: z.int().min(0).max(365),
  trial_ends_on: CalendarDate.nullable(),
  lead_days: LeadDays.nullable().openapi({ description: "Days of warning; the user's lead_days when null." }),
  reminder_ladders: ReminderLadders.nullable().openapi({
    description: "This membership's own ladders, over lead_days and the user's; null: lead_days, else the user's.",
  }),
  cancel_url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable(),
  cancel_steps: z.string().trim().max(2000).nullable(),
  support_contact: z.string().trim().max(500).nullable(),
  notes: z.string().trim().max(2000).nullable(),
};

export const MembershipCreate = z
  .strictObject({
    ...membershipFields,
    merchant_aliases: membershipFields.merchant_aliases.default([]),
    cycle_count: membershipFields.cycle_count.default(1),
    auto_renew: membershipFields.auto_renew.default(true),
    channel: membershipFields.channel.default("other"),
    cancel_notice_days: membershipFields.cancel_notice_days.default(0),
    refund_window_days: membershipFields.refund_window_days.default(0),
    trial_ends_on: membershipFields.trial_ends_on.optional(),
    lead_days: membershipFields.lead_days.optional(),
    reminder_ladders: membershipFields.reminder_ladders.optional(),
    cancel_url: membershipFields.cancel_url.optional(),
    cancel_steps: membershipFields.cancel_steps.optional(),
    support_contact: membershipFields.support_contact.optional(),
    notes: membershipFields.notes.optional(),
  })
  .openapi("MembershipCreate");

// Every field optional and without the create defaults: an absent field is left unchanged.
export const MembershipUpdate = z.strictObject(optionalFields(membershipFields)).openapi("MembershipUpdate");

export const CancellationSide = z.enum(CANCELLATION_SIDES);

export const Cancellation = z
  .object({
    id: z.string(),
    membership_id: z.string(),
    side: CancellationSide,
    cancelled_at: z.string(),
    reference: z.string().nullable(),
    evidence: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi("Cancellation");

export const CancellationCreate = z
  .strictObject({
    side: CancellationSide.openapi({
      description:
        "Which side was cancelled: the platform, the payment channel's auto-deduct agreement, or via customer service.",
    }),
    cancelled_at: Instant.optional().openapi({ description: "When it was cancelled; defaults to now." }),
    reference: OptionalText(200),
    evidence: OptionalText(2000).openapi({
      description: "What the screenshot shows, the agent's name, the ticket number.",
    }),
  })
  .openapi("CancellationCreate");

export const Membership = z
  .object({
    id: z.string().openapi({ example: "mem_4f8k2m9q7x3w5n6p" }),
    ...membershipFields,
    merchant_aliases: z.array(z.string()),
    currency: z.string(),
    next_renewal_on: z.string().openapi({ format: "date" }),
    trial_ends_on: z.string().nullable(),
    cancel_url: z.string().nullable(),
    status: z.enum(MEMBERSHIP_STATUSES),
    cancellations: z.array(Cancellation),
    created_at: z.string(),
  })
  .openapi("Membership");

export const MembershipList = z.object({ items: z.array(Membership) }).openapi("MembershipList");

export type MembershipCreateInput = z.infer<typeof MembershipCreate>;
export type MembershipUpdateInput = z.infer<typeof MembershipUpdate>;
export type CancellationCreateInput = z.infer<typeof CancellationCreate>;
export type MembershipOutput = z.infer<typeof Membership>;
