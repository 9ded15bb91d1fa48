// The shapes of GET /alerts and GET /memberships/{id}/timeline (the dispute kit), as zod schemas:
// one source for validation, response types and the OpenAPI document. Field names are SPEC's.
import { z } from "@hono/zod-openapi";
import { Membership } from "./memberships";
import {
  ALERT_KINDS,
  ALERT_RESOLUTIONS,
  ALERT_STATES,
  CANCELLATION_SIDES,
  CYCLE_UNITS,
  DELIVERY_CHANNELS,
  DELIVERY_STATUSES,
  EVENT_KINDS,
  PAYMENT_CHANNELS,
  USER_RESOLUTIONS,
} from "./tables";

// ---- alerts ----

export const AlertKind = z.enum(ALERT_KINDS).openapi({ example: "cancel_deadline" });

export const Delivery = z
  .object({
    channel: z.enum(DELIVERY_CHANNELS),
    status: z.enum(DELIVERY_STATUSES).openapi({
      description:
        "dead: gave up after repeated failures; the alert is still listed here. withdrawn: not sent, because " +
        "the alert was resolved before it went out.",
    }),
    attempts: z.int(),
    sent_at: z.string().nullable(),
    last_error: z.string().nullable(),
  })
  .openapi("Delivery");

export const AlertState = z.enum(ALERT_STATES).openapi({
  description: "open until resolved: by you with a reason, or by the watchdog itself when the cause is gone.",
  example: "open",
});

export const AlertResolution = z
  .object({
    reason: z.enum(ALERT_RESOLUTIONS).openapi({
      description:
        "Yours: refunded, disputed, not_mine, ignored, kept, cancelled. The watchdog's own: event_assigned (the " +
        "unknown charge was assigned to a membership), event_dismissed (dismissed as a one-off), " +
        "payment_channel_cancelled (the payment side's cancellation was recorded too).",
      example: "refunded",
    }),
    by: z.enum(["user", "system"]).openapi({ description: "user: you resolved it; system: its cause went away." }),
    resolved_at: z.string().openapi({ format: "date-time" }),
  })
  .openapi("AlertResolution");

export const Alert = z
  .object({
    id: z.string().openapi({ example: "alr_3k9m4q7x8w2n5p6r" }),
    kind: AlertKind,
    membership_id: z.string().nullable(),
    event_id: z.string().nullable(),
    created_at: z.string(),
    title: z.string().openapi({ description: "In your current locale (see GET /alerts)." }),
    body: z.string().openapi({
      description: "What to do next, in your current locale, with a fresh link to the membership's timeline.",
    }),
    state: AlertState,
    resolution: AlertResolution.nullable().openapi({ description: "How it was resolved; null while open." }),
    deliveries: z.array(Delivery),
  })
  .openapi("Alert");

export const AlertList = z.object({ items: z.array(Alert) }).openapi("AlertList");

export const AlertQuery = z.object({
  membership_id: z.string().min(1).max(64).optional(),
  kind: AlertKind.optional(),
  state: AlertState.optional().openapi({ description: "open: still asking for action; resolved: dealt with." }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const AlertResolve = z
  .strictObject({
    reason: z.enum(USER_RESOLUTIONS).openapi({
      description:
        "Why it needs no more action: refunded (the money came back), disputed (a refund or chargeback is under " +
        "way), not_mine (not your subscription), ignored (nothing to do), kept (you keep paying for it), cancelled " +
        "(you cancelled it).",
      example: "refunded",
    }),
  })
  .openapi("AlertResolve");

// ---- timeline ----

const Terms = z
  .object({
    name: z.string(),
    merchant_aliases: z.array(z.string()),
    amount_minor: z.int(),
    currency: z.string(),
    cycle_unit: z.enum(CYCLE_UNITS),
    cycle_count: z.int(),
    next_renewal_on: z.string(),
    auto_renew: z.boolean(),
    channel: z.enum(PAYMENT_CHANNELS),
    cancel_notice_days: z.int(),
    refund_window_days: z.int(),
    trial_ends_on: z.string().nullable(),
    cancel_url: z.string().nullable(),
    cancel_steps: z.string().nullable(),
    support_contact: z.string().nullable(),
  })
  .openapi("MembershipTerms");

const entryBase = {
  at: z.string().openapi({ description: "The instant this entry is ordered by (ISO 8601).", format: "date-time" }),
};

const CreatedEntry = z
  .object({
    ...entryBase,
    type: z.literal("membership_created"),
    membership_id: z.string(),
    terms: Terms.openapi({ description: "The membership's terms as registered (current values)." }),
  })
  .openapi("TimelineMembershipCreated");

const EventEntry = z
  .object({
    ...entryBase,
    type: z.literal("event"),
    event_id: z.string(),
    kind: z.enum(EVENT_KINDS),
    amount_minor: z.int().nullable(),
    currency: z.string().nullable(),
    merchant: z.string().nullable(),
    occurred_at: z.string(),
    reference: z.string().nullable(),
    card_tail: z.string().nullable(),
    channel: z.enum(PAYMENT_CHANNELS).nullable(),
    inbound_message_id: z.string().nullable(),
    source: z.enum(["email", "webhook"]).nullable().openapi({ description: "How the original message arrived." }),
    sender: z.string().nullable(),
    subject: z.string().nullable(),
    received_at: z.string().nullable(),
    raw_size: z.int().nullable().openapi({ description: "Size of the original message in bytes." }),
  })
  .openapi("TimelineEvent");

const CancellationEntry = z
  .object({
    ...entryBase,
    type: z.literal("cancellation"),
    cancellation_id: z.string(),
    side: z.enum(CANCELLATION_SIDES),
    cancelled_at: z.string(),
    reference: z.string().nullable(),
    evidence: z.string().nullable(),
  })
  .openapi("TimelineCancellation");

const AlertEntry = z
  .object({
    ...entryBase,
    type: z.literal("alert"),
    alert_id: z.string(),
    kind: AlertKind,
    title: z.string().openapi({ description: "In the owner's current locale, like GET /alerts." }),
    created_at: z.string(),
    state: AlertState,
    resolution: AlertResolution.nullable(),
  })
  .openapi("TimelineAlert");

export const TimelineEntry = z
  .discriminatedUnion("type", [CreatedEntry, EventEntry, CancellationEntry, AlertEntry])
  .openapi("TimelineEntry");

export const Timeline = z.object({ membership: Membership, entries: z.array(TimelineEntry) }).openapi("Timeline", {
  description:
    "The dispute kit: the membership's terms, every matched event with the message it came from, every " +
    "cancellation with its evidence and every alert, in time order.",
});

export const TimelineQuery = z.object({
  format: z
    .enum(["json", "html"])
    .optional()
    .openapi({ description: "html: a printable page (also chosen when Accept prefers text/html)." }),
});

export type AlertOutput = z.infer<typeof Alert>;
export type AlertResolutionOutput = z.infer<typeof AlertResolution>;
export type TimelineOutput = z.infer<typeof Timeline>;
export type TimelineEntryOutput = z.infer<typeof TimelineEntry>;
