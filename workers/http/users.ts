// Users: created by the operator (admin token); each then reads and edits their own profile at /me.
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { ErrorEnvelope } from "../../schema/common";
import type { PhoneCodeRow, UserRow } from "../../schema/tables";
import {
  PhoneConfirm,
  User,
  UserCreate,
  UserCreated,
  type UserOutput,
  UserUpdate,
  type UserUpdateInput,
} from "../../schema/users";
import { isUniqueViolation } from "../db/client";
import { phoneCodeOf, voidPhoneCode } from "../db/phone-codes";
import { insertUserWithToken, updateUser, userByEmail } from "../db/users";
import { newApiToken, newId, sha256Hex } from "../tokens";
import { inboundAddress, userSecrets, webhookUrl } from "../user-addresses";
import { requireAdmin, requireUser } from "./auth";
import { type AppEnv, newRouter } from "./context";
import { ApiError } from "./errors";
import { errorResponses, jsonBody, jsonContent } from "./openapi";
import { type CodeSent, confirmPhoneCode, pendingCodeExpiry, sendPhoneCode, tellReleased } from "./phone";

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
    renewal_grace_days: row.renewalGraceDays,
    created_at: row.createdAt,
  };
}

const emailTaken = () => new ApiError(409, "email_taken", "A user with that e-mail already exists.");

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
      const input = c.req.valid("json");
      const db = c.var.db;
      const email = input.email.toLowerCase();
      if (await userByEmail(db, email)) throw emailTaken();
      const userId = newId("usr");
      const apiToken = newApiToken();
      const { inboundToken, webhookToken } = await userSecrets(c.env.LINK_SECRET, userId);
      const [apiTokenHash, inboundTokenHash, webhookTokenHash] = await Promise.all(
        [apiToken, inboundToken, webhookToken].map(sha256Hex),
      );
      let row: UserRow;
      try {
        row = await insertUserWithToken(
          db,
          {
            id: userId,
            email,
            phone: input.phone ?? null,
            timezone: input.timezone ?? "Asia/Shanghai",
            locale: input.locale ?? "zh-CN",
            channels: ["email"],
            inboundTokenHash: inboundTokenHash as string,
            webhookTokenHash: webhookTokenHash as string,
            createdAt: new Date(c.var.now).toISOString(),
          },
          { id: newId("tok"), userId, tokenHash: apiTokenHash as string, createdAt: new Date(c.var.now).toISOString() },
        );
      } catch (error) {
        if (isUniqueViolation(error)) throw emailTaken();
        throw error;
      }
      return c.json(
        {
          ...presentUser(row),
          api_token: apiToken,
          inbound_address: inboundAddress(inboundToken, c.env.INBOUND_DOMAIN),
          webhook_url: webhookUrl(webhookToken, c.env.PUBLIC_URL),
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
      const { user } = await updateProfile(c, c.req.valid("json"));
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
      const sent = await sendPhoneCode(c.var.db, c.env, c.var.user, c.var.now);
      if (!sent.sent) throw withRetryAfter(c, sent.error);
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
      const user = await confirmPhone(c, c.req.valid("json").code);
      return c.json(await profileOf(c, user), 200);
    },
  );

/** The profile with its pending-code state (one read of the user's code row). */
async function profileOf(c: Context<AppEnv>, user: UserRow): Promise<UserOutput> {
  return presentUser(user, { row: await phoneCodeOf(c.var.db, user.id), now: c.var.now });
}

/** A refused code request as thrown: a 429 carries Retry-After in seconds. */
export function withRetryAfter(c: Context<AppEnv>, error: ApiError): ApiError {
  const seconds = (error.details as { retry_after?: number } | undefined)?.retry_after;
  if (error.status === 429 && seconds) c.header("Retry-After", String(seconds));
  return error;
}

/** Checks the typed code for the signed-in user (API and settings page); the accounts that lost the number are told. */
export async function confirmPhone(c: Context<AppEnv>, typed: string): Promise<UserRow> {
  const { user, released } = await confirmPhoneCode(c.var.db, c.var.user, typed, c.var.now);
  if (released.length > 0) c.executionCtx.waitUntil(tellReleased(c.env, released, c.var.now));
  return user;
}

/**
 * Applies a validated profile change for the signed-in user; shared by PATCH /me and the settings page.
 * Throws 400 (SMS without a phone, naming `channels`) or 409 (e-mail taken), storing nothing then. A changed
 * phone is stored unconfirmed and texted a code: `code` says whether one went out (null: the phone did not change).
 */
export async function updateProfile(
  c: Context<AppEnv>,
  input: UserUpdateInput,
): Promise<{ user: UserRow; code: CodeSent | null }> {
  const user = c.var.user;
  const phone = input.phone === undefined ? user.phone : input.phone;
  const phoneChanged = phone !== user.phone;
  const channels = input.channels ?? user.channels;
  if (channels.includes("sms") && !phone) {
    throw new ApiError(400, "invalid_request", "body.channels: SMS alerts need a phone number; set phone first.", [
      { field: "channels", message: "SMS alerts need a phone number" },
    ]);
  }
  const email = input.email?.toLowerCase();
  if (email && email !== user.email && (await userByEmail(c.var.db, email))) throw emailTaken();
  const quiet = input.quiet_hours;
  let row: UserRow;
  try {
    row = await updateUser(c.var.db, user.id, {
      email,
      phone,
      // A new number is nobody's until its code comes back: the old confirmation does not carry over.
      ...(phoneChanged && { phoneVerifiedAt: null }),
      timezone: input.timezone,
      locale: input.locale,
      channels,
      leadDays: input.lead_days,
      renewalGraceDays: input.renewal_grace_days,
      ...(quiet !== undefined && { quietHoursStart: quiet?.start ?? null, quietHoursEnd: quiet?.end ?? null }),
      updatedAt: new Date(c.var.now).toISOString(),
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
  if (!phoneChanged) return { user: row, code: null };
  await voidPhoneCode(c.var.db, user.id);
  const code = row.phone ? await sendPhoneCode(c.var.db, c.env, row, c.var.now) : null;
  if (code && !code.sent) console.warn(`phone code for ${user.id} not sent: ${code.error.code}`);
  return { user: row, code };
}
