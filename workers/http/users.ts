// Users: created by the operator (admin token); each then reads and edits their own profile at /me.
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { ErrorEnvelope } from "../../schema/common";
import type { PhoneCodeRow, UserRow } from "../../schema/tables";
import { PhoneConfirm, User, UserCreate, UserCreated, type UserOutput, UserUpdate } from "../../schema/users";
import { phoneCodeOf } from "../db/phone-codes";
import { pendingCodeExpiry, sendPhoneCode } from "../services/phone";
import { confirmPhone, createUser, updateProfile } from "../services/users";
import { requireAdmin, requireUser } from "./auth";
import { type AppEnv, newRouter, userCtx } from "./context";
import { errorResponses, jsonBody, jsonContent } from "./openapi";

/** The profile as the API shows it; `code` is the user's phone-code row, read with `now` to tell if one waits. */
export function presentUser(row: UserRow, code?: { row: PhoneCodeRow | undefined; now: number }): UserOutput {
  return {
    id: row.id,
    email: row.email,
    phone: row.phone,
    phone_verified: row.phone !== null && row.phoneVerifiedAt !== null,
    phone_code_expires_at: code ? pendingCodeExpiry(row, code.row, code.now) : null,
    timezone: row.timezone,
    locale: row.locale,
    channels: row.channels,
    quiet_hours:
      row.quietHoursStart && row.quietHoursEnd ? { start: row.quietHoursStart, end: row.quietHoursEnd } : null,
    lead_days: row.leadDays,
    reminder_ladders: row.reminderLadders,
    renewal_grace_days: row.renewalGraceDays,
    created_at: row.createdAt,
  };
}

export const usersRouter = newRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/users",
      tags: ["users"],
      summary: "Create a user (admin token). Returns the user's API token, inbound address and webhook URL once.",
      security: [{ AdminToken: [] }],
      middleware: requireAdmin,
      request: jsonBody(UserCreate),
      responses: {
        201: jsonContent(UserCreated, "The new user, with secrets shown only this once."),
        ...errorResponses(400, 401, 409),
      },
    }),
    async (c) => {
      const created = await createUser(c.var.ctx, c.req.valid("json"));
      return c.json(
        {
          ...presentUser(created.user),
          api_token: created.apiToken,
          inbound_address: created.inboundAddress,
          webhook_url: created.webhookUrl,
        },
        201,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/me",
      tags: ["users"],
      summary: "Your profile and delivery preferences.",
      security: [{ Bearer: [] }],
      middleware: requireUser,
      responses: { 200: jsonContent(User, "Your profile."), ...errorResponses(401) },
    }),
    async (c) => c.json(await profileOf(c, c.var.user), 200),
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/me",
      tags: ["users"],
      summary:
        "Change your profile: e-mail, phone, timezone, locale, channels, quiet hours, lead days. A new phone number " +
        "is stored unconfirmed and texted a code (phone_code_expires_at says one is waiting).",
      security: [{ Bearer: [] }],
      middleware: requireUser,
      request: jsonBody(UserUpdate),
      responses: { 200: jsonContent(User, "Your updated profile."), ...errorResponses(400, 401, 409) },
    }),
    async (c) => {
      const { user } = await updateProfile(userCtx(c), c.req.valid("json"));
      return c.json(await profileOf(c, user), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/me/phone/code",
      tags: ["users"],
      summary:
        "Text a new confirmation code to your phone (6 digits, valid 10 minutes; at most one a minute and five a " +
        "day). A new code replaces the one before.",
      security: [{ Bearer: [] }],
      middleware: requireUser,
      responses: {
        200: jsonContent(User, "Sent: phone_code_expires_at says until when it is good."),
        ...errorResponses(400, 401, 409),
        429: jsonContent(ErrorEnvelope, "Too soon after the last code (rate_limited); see Retry-After (seconds)."),
        503: jsonContent(ErrorEnvelope, "The SMS provider could not take the message (sms_unavailable); try later."),
      },
    }),
    async (c) => {
      const sent = await sendPhoneCode(c.var.ctx, c.var.user);
      if (!sent.sent) throw sent.error;
      return c.json(await profileOf(c, c.var.user), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/me/phone/confirm",
      tags: ["users"],
      summary:
        "Confirm your phone with the code texted to it. From then on SMS alerts go to it and replies from it act on " +
        "your account; if another account had confirmed the same number, it loses it (and is told by e-mail).",
      security: [{ Bearer: [] }],
      middleware: requireUser,
      request: jsonBody(PhoneConfirm),
      responses: {
        200: jsonContent(User, "Confirmed: phone_verified is true."),
        400: jsonContent(
          ErrorEnvelope,
          "Not six digits (invalid_code, costs no try), no code waiting (no_code), expired (code_expired) or " +
            "wrong (wrong_code, with attempts_left).",
        ),
        ...errorResponses(401, 409),
        429: jsonContent(ErrorEnvelope, "Five wrong codes (too_many_attempts): ask for a new code."),
      },
    }),
    async (c) => {
      const user = await confirmPhone(userCtx(c), c.req.valid("json").code);
      return c.json(await profileOf(c, user), 200);
    },
  );

/** The profile with its pending-code state (one read of the user's code row). */
async function profileOf(c: Context<AppEnv>, user: UserRow): Promise<UserOutput> {
  return presentUser(user, { row: await phoneCodeOf(c.var.db, user.id), now: c.var.now });
}
