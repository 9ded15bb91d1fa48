// Users' shapes: POST /users (the operator's) and the signed-in user's /me, /me/phone. See common.ts.
import { z } from "@hono/zod-openapi";
import { LeadDays, Locale, ReminderLadders, TimeZone } from "./common";
import { DELIVERY_CHANNELS } from "./tables";

const Phone = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/, "must be an E.164 number such as +8613800138000")
  .openapi({ example: "+8613800138000" });

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM (24-hour)");

const QuietHours = z
  .strictObject({ start: ClockTime, end: ClockTime })
  .refine((hours) => hours.start !== hours.end, "start and end must differ")
  .openapi("QuietHours", { example: { start: "22:00", end: "08:00" } });

const DeliveryChannel = z.enum(DELIVERY_CHANNELS);

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
    reminder_ladders: ReminderLadders.nullable(),
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
    reminder_ladders: ReminderLadders.nullable()
      .optional()
      .openapi({ description: "Your default ladders; null: one step of lead_days for every reminder." }),
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

export type UserCreateInput = z.infer<typeof UserCreate>;
export type UserUpdateInput = z.infer<typeof UserUpdate>;
export type UserOutput = z.infer<typeof User>;
