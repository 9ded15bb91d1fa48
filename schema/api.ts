// The API's shapes as zod schemas: one source for request validation, response types and the
// OpenAPI document. Field names are SPEC's (snake_case). Inputs are strict: an unknown field is a
// 400 naming it, not a silently ignored typo.
import { z } from "@hono/zod-openapi";
import {
  CANCELLATION_SIDES,
  CYCLE_UNITS,
  DELIVERY_CHANNELS,
  EVENT_KINDS,
  LOCALES,
  MEMBERSHIP_STATUSES,
  PAYMENT_CHANNELS,
} from "./tables";
import { CURRENCIES, isCalendarDate, isCurrency, isTimeZone, realInstant } from "./vocabulary";

export const ErrorEnvelope = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "invalid_request" }),
      message: z.string().openapi({ example: "amount_minor: expected an integer" }),
      details: z.unknown().optional(),
    }),
  })
  .openapi("Error");

const CalendarDate = z
  .string()
  .refine(isCalendarDate, "must be a calendar date written YYYY-MM-DD")
  .openapi({ format: "date", example: "2026-12-01" });

const Instant = z
  .string()
  .refine(
    (value) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
      realInstant(value) !== undefined,
    "must be a real ISO 8601 date-time with a timezone offset, e.g. 2026-11-20T10:00:00+08:00 (no 02-30, no 24:00)",
  )
  .openapi({ format: "date-time", example: "2026-11-20T10:00:00+08:00" });

const TimeZone = z
  .string()
  .max(64)
  .refine(isTimeZone, "must be an IANA timezone such as Asia/Shanghai")
  .openapi({ example: "Asia/Shanghai" });

const Locale = z.enum(LOCALES).openapi({ example: "zh-CN" });

const Phone = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/, "must be an E.164 number such as +8613800138000")
  .openapi({ example: "+8613800138000" });

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM (24-hour)");

const QuietHours = z
  .strictObject({ start: ClockTime, end: ClockTime })
  .refine((hours) => hours.start !== hours.end, "start and end must differ")
  .openapi("QuietHours", { example: { start: "22:00", end: "08:00" } });

const LeadDays = z.int().min(0).max(90);
const DeliveryChannel = z.enum(DELIVERY_CHANNELS);
const OptionalText = (max: number) => z.string().trim().max(max).nullable().optional();

function optionalFields<T extends Record<string, z.ZodType>>(fields: T) {
  return Object.fromEntries(Object.entries(fields).map(([key, schema]) => [key, schema.optional()])) as {
    [K in keyof T]: z.ZodOptional<T[K]>;
  };
}

// ---- users ----

export const UserCreate = z
  .strictObject({
    email: z.email().max(254),
    phone: Phone.optional(),
    timezone: TimeZone.optional(),
    locale: Locale.optional(),
  })
  .openapi("UserCreate");

export const User = z
  .object({
    id: z.string().openapi({ example: "usr_7k2m9q4x8w3n5p6r" }),
    email: z.string(),
    phone: z.string().nullable(),
    phone_verified: z.boolean().openapi({
      description:
        "Whether this account confirmed `phone` with the code texted to it. Until then no SMS alert goes to it " +
        "(each SMS delivery is marked dead with last_error 'phone not confirmed') and replies from it act on nothing.",
    }),
    phone_code_expires_at: z.string().nullable().openapi({
      description: "While a code texted to `phone` is waiting to be confirmed: when it expires. Never the code itself.",
    }),
    timezone: z.string(),
    locale: Locale,
    channels: z.array(DeliveryChannel),
    quiet_hours: QuietHours.nullable(),
    lead_days: z.int(),
    renewal_grace_days: z.int(),
    created_at: z.string(),
  })
  .openapi("User");

export const UserCreated = User.extend({
  api_token: z.string().openapi({ description: "Bearer token for the API. Shown once." }),
  inbound_address: z
    .string()
    .openapi({ description: "Forward payment notices here. Shown once.", example: "k3…@inbound.example.com" }),
  webhook_url: z.string().openapi({ description: "POST SMS-forwarder texts and events here. Shown once." }),
}).openapi("UserCreated");

export const UserUpdate = z
  .strictObject({
    email: z.email().max(254).optional(),
    phone: Phone.nullable()
      .optional()
      .openapi({
        description:
          "Setting or changing it stores the number unconfirmed and texts it a 6-digit code (valid 10 minutes); " +
          "confirm with POST /api/v1/me/phone/confirm. SMS alerts go to a confirmed number only.",
      }),
    timezone: TimeZone.optional(),
    locale: Locale.optional(),
    channels: z
      .array(DeliveryChannel)
      .min(1)
      .refine((list) => new Set(list).size === list.length, "must not repeat a channel")
      .optional(),
    quiet_hours: QuietHours.nullable().optional(),
    lead_days: LeadDays.optional(),
    renewal_grace_days: z
      .int()
      .min(1)
      .max(14)
      .optional()
      .openapi({ description: "Days after a renewal date without a matching charge before you are asked to check." }),
  })
  .openapi("UserUpdate");

export const PhoneConfirm = z
  .strictObject({
    code: z
      .string()
      .max(32)
      .openapi({ description: "The 6-digit code texted to your phone (spaces ignored).", example: "482913" }),
  })
  .openapi("PhoneConfirm");

// ---- memberships ----

const MerchantAliases = z
  .array(z.string().trim().min(1).max(100))
  .max(50)
  .openapi({ example: ["爱奇艺", "iQIYI", "财付通-爱奇艺"] });

const Currency = z
  .string()
  .refine(isCurrency, `must be an ISO 4217 code we support (${CURRENCIES.join(", ")})`)
  .openapi({ example: "CNY" });

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

export const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "id", in: "path" }, example: "mem_4f8k2m9q7x3w5n6p" }),
});

// ---- events ----

const FieldSource = z
  .object({
    from: z.enum([
      "label",
      "text",
      "subject",
      "sender_tag",
      "sender_name",
      "sender",
      "quote",
      "sent_at",
      "received_at",
    ]),
    label: z.string().optional().openapi({ description: "The label the value was written after (from: label)." }),
    text: z.string().optional().openapi({ description: "The words it was read from, as written (cut to a line)." }),
  })
  .openapi("FieldSource");

const Provenance = z
  .object({
    reader: z.string().openapi({ description: "The reader that recognised the notice, or other.", example: "cn-bank" }),
    fields: z.record(z.string(), FieldSource).openapi({
      description: "For each field read from the notice: where it was read (a labelled value, a line, the subject…).",
    }),
  })
  .nullable()
  .openapi("Provenance", {
    description: "Where each field was read in the notice; null for an event posted as JSON.",
  });

const eventFields = {
  kind: z.enum(EVENT_KINDS),
  amount_minor: z.int().min(0).max(1_000_000_000_00).nullable(),
  currency: Currency.nullable(),
  merchant: z.string().trim().min(1).max(200).nullable(),
  merchant_legal: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .nullable()
    .openapi({
      description:
        "The payee's legal name when the notice names it besides the service (merchant): matching and alias " +
        "learning use both.",
    }),
  occurred_at: Instant,
  reference: z.string().trim().min(1).max(200).nullable(),
  card_tail: z
    .string()
    .regex(/^\d{2,6}$/, "must be the last 2–6 digits")
    .nullable(),
  channel: z.enum(PAYMENT_CHANNELS).nullable(),
  renews_at: CalendarDate.nullable(),
};

/** The project's own event JSON, as posted to a webhook by a bank or a user's own script. */
export const EventInput = z
  .strictObject({
    ...optionalFields(eventFields),
    kind: eventFields.kind,
    occurred_at: eventFields.occurred_at,
  })
  .refine((event) => (event.amount_minor == null) === (event.currency == null), {
    message: "amount_minor and currency go together",
    path: ["currency"],
  })
  .openapi("EventInput");

export const Event = z
  .object({
    id: z.string().openapi({ example: "evt_2k9m4q7x8w3n5p6r" }),
    ...eventFields,
    currency: z.string().nullable(),
    occurred_at: z.string().openapi({ format: "date-time" }),
    renews_at: z.string().nullable(),
    membership_id: z.string().nullable(),
    match: z.record(z.string(), z.unknown()).nullable(),
    provenance: Provenance,
    inbound_message_id: z.string().nullable(),
    dismissed_at: z.string().nullable().openapi({
      description: "When you dismissed this unmatched event as a one-off (not a subscription); null otherwise.",
      format: "date-time",
    }),
    created_at: z.string(),
  })
  .openapi("Event");

export const EventUpdate = z
  .strictObject({
    membership_id: z
      .string()
      .min(1)
      .max(64)
      .nullable()
      .optional()
      .openapi({
        description:
          "The membership this event belongs to (teaches it the merchant's name and clears a dismissal), or null " +
          "to unassign.",
      }),
    dismissed: z
      .boolean()
      .optional()
      .openapi({
        description:
          "true: a one-off, not a subscription. The event leaves the inbox (GET /events?unmatched=true) and the " +
          "unknown-subscription alert it raised is resolved. Only for an event that belongs to no membership " +
          "(send membership_id: null with it to unassign first). false: back to the inbox.",
      }),
  })
  .refine((update) => update.membership_id !== undefined || update.dismissed !== undefined, {
    message: "send membership_id or dismissed",
  })
  .refine((update) => !(update.dismissed === true && typeof update.membership_id === "string"), {
    message: "a dismissed event belongs to no membership: send membership_id or dismissed: true, not both",
    path: ["dismissed"],
  })
  .openapi("EventUpdate");

export const EventList = z.object({ items: z.array(Event) }).openapi("EventList");

export const EventQuery = z.object({
  membership_id: z.string().min(1).max(64).optional(),
  kind: z.enum(EVENT_KINDS).optional(),
  unmatched: z.enum(["true", "false"]).optional().openapi({
    description: "true: only events matched to no membership and not dismissed (the inbox); false: only matched events",
  }),
  dismissed: z
    .enum(["true", "false"])
    .optional()
    .openapi({ description: "true: only events dismissed as one-offs; false: only events not dismissed" }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const ParsedEvent = z
  .object({
    ...eventFields,
    currency: z.string().nullable(),
    occurred_at: z.string(),
    renews_at: z.string().nullable(),
    membership_id: z.string().nullable(),
    match: z.record(z.string(), z.unknown()).nullable(),
    provenance: Provenance,
  })
  .openapi("ParsedEvent");

export const ParseResult = z.object({ items: z.array(ParsedEvent) }).openapi("ParseResult");

export const HookResult = z
  .object({
    inbound_message_id: z.string(),
    duplicate: z
      .boolean()
      .openapi({ description: "true when this message was received before: nothing new was stored" }),
    status: z.enum(["processed", "failed", "pending"]),
    events: z.array(Event),
  })
  .openapi("HookResult");

export const Health = z.object({ ok: z.boolean(), database: z.enum(["up", "down"]) }).openapi("Health");

export type UserCreateInput = z.infer<typeof UserCreate>;
export type UserUpdateInput = z.infer<typeof UserUpdate>;
export type MembershipCreateInput = z.infer<typeof MembershipCreate>;
export type MembershipUpdateInput = z.infer<typeof MembershipUpdate>;
export type CancellationCreateInput = z.infer<typeof CancellationCreate>;
export type MembershipOutput = z.infer<typeof Membership>;
export type UserOutput = z.infer<typeof User>;

export const CalendarFeed = z
  .object({
    url: z.string().openapi({
      description:
        "Your iCal feed of renewals, cancellation deadlines and trial endings. The URL is its own credential: " +
        "anyone who has it can read the feed, so rotate it if it leaks.",
      example: "https://watchdog.example.com/calendar/usr_k2m9q4x8w3n5p6r7/Wq3…xA.ics",
    }),
  })
  .openapi("CalendarFeed");

export const WebhookSigning = z
  .object({
    enabled: z.boolean().openapi({
      description:
        "Whether posts to your webhook URL must carry Standard Webhooks headers (webhook-id, webhook-timestamp, " +
        "webhook-signature); unsigned posts are refused while it is on.",
    }),
    since: z.string().nullable().openapi({
      description: "When signing was turned on (or its secret last replaced), ISO 8601; null when off.",
      example: "2026-11-20T02:00:00.000Z",
    }),
  })
  .openapi("WebhookSigning");

export const WebhookSigningSecret = WebhookSigning.extend({
  secret: z.string().openapi({
    description:
      "The signing secret, shown only this once: whsec_ followed by the base64 of the key bytes (the format " +
      "Standard Webhooks libraries accept as is). HMAC-SHA256 with the decoded bytes, not the text.",
    example: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  }),
}).openapi("WebhookSigningSecret");
