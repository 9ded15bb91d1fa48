// Users and their profiles: creating one (the operator), changing one's profile (PATCH /me, the settings page,
// the language switch) and confirming its phone (the API and the settings page).

import type { UserRow } from "../../schema/tables";
import type { UserCreateInput, UserUpdateInput } from "../../schema/users";
import { isUniqueViolation } from "../db/client";
import { dueAgainFrom } from "../db/memberships";
import { voidPhoneCode } from "../db/phone-codes";
import { undeliveredSmsDead } from "../db/sms-replies";
import { insertUserWithToken, updateUser, userByEmail } from "../db/users";
import { newApiToken, newId, sha256Hex } from "../secrets/tokens";
import { inboundAddress, userSecrets, webhookUrl } from "../secrets/user-addresses";
import { localDate } from "../time/zones";
import type { Ctx, UserCtx } from "./context";
import { conflict, invalidField } from "./errors";
import { type CodeSent, confirmPhoneCode, sendPhoneCode, tellReleased } from "./phone";

const emailTaken = () => conflict("email_taken", "A user with that e-mail already exists.");

/** Stores `write`'s row, or says the e-mail is taken when a concurrent request took it first (the unique index). */
async function unlessEmailTaken(write: () => Promise<UserRow>): Promise<UserRow> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}

export interface NewUser {
  user: UserRow;
  /** Shown this once: only their hashes are stored. */
  apiToken: string;
  inboundAddress: string;
  webhookUrl: string;
}

/** Creates a user with an API token, an inbound address and a webhook URL; a taken e-mail is a conflict. */
export async function createUser(ctx: Ctx, input: UserCreateInput): Promise<NewUser> {
  const { db, site } = ctx;
  const email = input.email.toLowerCase();
  if (await userByEmail(db, email)) throw emailTaken();
  const userId = newId("usr");
  const apiToken = newApiToken();
  const { inboundToken, webhookToken } = await userSecrets(site.LINK_SECRET, userId);
  const [apiTokenHash, inboundTokenHash, webhookTokenHash] = await Promise.all(
    [apiToken, inboundToken, webhookToken].map(sha256Hex),
  );
  const createdAt = new Date(ctx.now).toISOString();
  const user = await unlessEmailTaken(() =>
    insertUserWithToken(
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
        createdAt,
      },
      { id: newId("tok"), userId, tokenHash: apiTokenHash as string, createdAt },
    ),
  );
  return {
    user,
    apiToken,
    inboundAddress: inboundAddress(inboundToken, site.INBOUND_DOMAIN),
    webhookUrl: webhookUrl(webhookToken, site.PUBLIC_URL),
  };
}

/**
 * Applies a validated profile change for the user. SMS without a phone is invalid (naming `channels`) and a
 * taken e-mail a conflict, storing nothing then. A changed phone is stored unconfirmed and texted a code:
 * `code` says whether one went out (null: the phone did not change).
 */
export async function updateProfile(
  ctx: UserCtx,
  input: UserUpdateInput,
): Promise<{ user: UserRow; code: CodeSent | null }> {
  const { db, user } = ctx;
  const phone = input.phone === undefined ? user.phone : input.phone;
  const phoneChanged = phone !== user.phone;
  const channels = input.channels ?? user.channels;
  if (channels.includes("sms") && !phone) {
    throw invalidField("channels", "SMS alerts need a phone number; set phone first.");
  }
  const email = input.email?.toLowerCase();
  if (email && email !== user.email && (await userByEmail(db, email))) throw emailTaken();
  const quiet = input.quiet_hours;
  const row = await unlessEmailTaken(() =>
    updateUser(db, user.id, {
      email,
      phone,
      // A new number is nobody's until its code comes back: the old confirmation does not carry over.
      ...(phoneChanged && { phoneVerifiedAt: null }),
      timezone: input.timezone,
      locale: input.locale,
      channels,
      leadDays: input.lead_days,
      reminderLadders: input.reminder_ladders,
      renewalGraceDays: input.renewal_grace_days,
      ...(quiet !== undefined && { quietHoursStart: quiet?.start ?? null, quietHoursEnd: quiet?.end ?? null }),
      // Choosing SMS again undoes a STOP.
      ...(channels.includes("sms") && { smsStoppedAt: null }),
      updatedAt: new Date(ctx.now).toISOString(),
    }),
  );
  // SMS turned off here: what was queued for it is not sent (a ladder's rung may still add SMS later).
  if (user.channels.includes("sms") && !channels.includes("sms")) {
    await undeliveredSmsDead(db, user.id, "SMS turned off in the profile");
  }
  // Other lead times can bring a reminder earlier than the day each membership was next due on.
  const leadsChanged =
    (input.lead_days !== undefined && input.lead_days !== user.leadDays) || input.reminder_ladders !== undefined;
  if (leadsChanged) await dueAgainFrom(db, user.id, localDate(ctx.now, row.timezone));
  if (!phoneChanged) return { user: row, code: null };
  await voidPhoneCode(db, user.id);
  const code = row.phone ? await sendPhoneCode(ctx, row) : null;
  if (code && !code.sent) console.warn(`phone code for ${user.id} not sent: ${code.error.code}`);
  return { user: row, code };
}

/** Checks the typed code for the user; the accounts that lost the number are told by e-mail afterwards. */
export async function confirmPhone(ctx: UserCtx, typed: string): Promise<UserRow> {
  const { user, released } = await confirmPhoneCode(ctx, ctx.user, typed);
  if (released.length > 0) ctx.later(tellReleased(ctx, released));
  return user;
}
