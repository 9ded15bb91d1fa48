// Users: created by the operator (admin token); each then reads and edits their own profile at /me.
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { User, UserCreate, UserCreated, type UserOutput, UserUpdate, type UserUpdateInput } from "../../schema/api";
import type { UserRow } from "../../schema/tables";
import { isUniqueViolation } from "../db/client";
import { insertUserWithToken, updateUser, userByEmail } from "../db/users";
import { newApiToken, newId, sha256Hex } from "../tokens";
import { inboundAddress, userSecrets, webhookUrl } from "../user-addresses";
import { requireAdmin, requireUser } from "./auth";
import { type AppEnv, newRouter } from "./context";
import { ApiError } from "./errors";
import { errorResponses, jsonBody, jsonContent } from "./openapi";

export function presentUser(row: UserRow): UserOutput {
  return {
    id: row.id,
    email: row.email,
    phone: row.phone,
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
    (c) => c.json(presentUser(c.var.user), 200),
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/me",
      tags: ["users"],
      summary: "Change your profile: e-mail, phone, timezone, locale, channels, quiet hours, lead days.",
      security: [{ Bearer: [] }],
      middleware: requireUser,
      request: jsonBody(UserUpdate),
      responses: { 200: jsonContent(User, "Your updated profile."), ...errorResponses(400, 401, 409) },
    }),
    async (c) => c.json(presentUser(await updateProfile(c, c.req.valid("json"))), 200),
  );

/**
 * Applies a validated profile change for the signed-in user; shared by PATCH /me and the settings page.
 * Throws 400 (SMS without a phone, naming `channels`) or 409 (e-mail taken), storing nothing then.
 */
export async function updateProfile(c: Context<AppEnv>, input: UserUpdateInput): Promise<UserRow> {
  const user = c.var.user;
  const phone = input.phone === undefined ? user.phone : input.phone;
  const channels = input.channels ?? user.channels;
  if (channels.includes("sms") && !phone) {
    throw new ApiError(400, "invalid_request", "body.channels: SMS alerts need a phone number; set phone first.", [
      { field: "channels", message: "SMS alerts need a phone number" },
    ]);
  }
  const email = input.email?.toLowerCase();
  if (email && email !== user.email && (await userByEmail(c.var.db, email))) throw emailTaken();
  const quiet = input.quiet_hours;
  try {
    return await updateUser(c.var.db, user.id, {
      email,
      phone,
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
}
