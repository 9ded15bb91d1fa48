// Events' shapes (/events, /parse), and what a post to a webhook URL (/hooks/{webhook_token}) answers.
// See common.ts.
import { z } from "@hono/zod-openapi";
import { CalendarDate, Currency, Instant, optionalFields } from "./common";
import { EVENT_KINDS, PAYMENT_CHANNELS } from "./tables";

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
