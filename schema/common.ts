// The API's shapes as zod schemas: one source for request validation, response types and the
// OpenAPI document. Field names are SPEC's (snake_case). Inputs are strict: an unknown field is a
// 400 naming it, not a silently ignored typo. One file a resource (users.ts, memberships.ts, events.ts,
// alerts.ts, health.ts, calendar-feed.ts, webhook-signing.ts); this one holds what they share.
import { z } from "@hono/zod-openapi";
import { DELIVERY_CHANNELS, LOCALES } from "./tables";
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

export const CalendarDate = z
  .string()
  .refine(isCalendarDate, "must be a calendar date written YYYY-MM-DD")
  .openapi({ format: "date", example: "2026-12-01" });

export const Instant = z
  .string()
  .refine(
    (value) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
      realInstant(value) !== undefined,
    "must be a real ISO 8601 date-time with a timezone offset, e.g. 2026-11-20T10:00:00+08:00 (no 02-30, no 24:00)",
  )
  .openapi({ format: "date-time", example: "2026-11-20T10:00:00+08:00" });

export const TimeZone = z
  .string()
  .max(64)
  .refine(isTimeZone, "must be an IANA timezone such as Asia/Shanghai")
  .openapi({ example: "Asia/Shanghai" });

export const Locale = z.enum(LOCALES).openapi({ example: "zh-CN" });

export const LeadDays = z.int().min(0).max(90);

const ReminderStep = z.strictObject({
  days: LeadDays.openapi({ description: "Days before the date (0: on the day itself)." }),
  channels: z
    .array(z.enum(DELIVERY_CHANNELS))
    .max(DELIVERY_CHANNELS.length)
    .optional()
    .openapi({ description: "Channels this step adds to your own (e.g. sms on the last day)." }),
});
const Ladder = z
  .array(ReminderStep)
  .min(1)
  .max(6)
  .refine((steps) => new Set(steps.map((step) => step.days)).size === steps.length, "each step needs its own days");

/** Lead times per reminder, each step sent once per period; a reminder left out keeps one step of lead_days. */
export const ReminderLadders = z
  .strictObject({ renewal: Ladder.optional(), cancel_by: Ladder.optional(), trial_end: Ladder.optional() })
  .openapi("ReminderLadders", {
    description:
      "Several reminders before a renewal, before the last day to cancel and before a trial ends. Each step is " +
      "sent at most once per period; the ladder stops once the membership is cancelled or an alert of the period " +
      "is resolved with reason kept.",
    example: {
      renewal: [{ days: 7 }, { days: 3 }, { days: 1, channels: ["sms"] }],
      cancel_by: [{ days: 2 }, { days: 0, channels: ["sms"] }],
    },
  });

export const Currency = z
  .string()
  .refine(isCurrency, `must be an ISO 4217 code we support (${CURRENCIES.join(", ")})`)
  .openapi({ example: "CNY" });

export function optionalFields<T extends Record<string, z.ZodType>>(fields: T) {
  return Object.fromEntries(Object.entries(fields).map(([key, schema]) => [key, schema.optional()])) as {
    [K in keyof T]: z.ZodOptional<T[K]>;
  };
}

export const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "id", in: "path" }, example: "mem_4f8k2m9q7x3w5n6p" }),
});
