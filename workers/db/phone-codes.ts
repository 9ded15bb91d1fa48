// Queries for phone confirmation: the code row per user (written only inside the send limits, tries counted
// atomically) and the batch that gives a number to the account that confirmed it, taking it from any other.
import { and, eq, isNotNull, lte, ne, or, sql } from "drizzle-orm";
import { type PhoneCodeRow, phoneCodes, type UserRow, users } from "../../schema/tables";
import { CODES_PER_DAY, DAY_MS, MAX_CODE_ATTEMPTS, RESEND_SECONDS } from "../secrets/phone-codes";
import type { Db } from "./client";

export async function phoneCodeOf(db: Db, userId: string): Promise<PhoneCodeRow | undefined> {
  return db.select().from(phoneCodes).where(eq(phoneCodes.userId, userId)).get();
}

/**
 * Stores a new code for `phone` — unless one went to it less than a minute ago, or five in the last day — and says
 * whether it did. One statement, so two requests at once cannot both pass the limits.
 */
export async function storePhoneCode(
  db: Db,
  row: { userId: string; phone: string; codeHash: string; expiresAt: string },
  now: number,
): Promise<boolean> {
  const at = new Date(now).toISOString();
  const resendAfter = new Date(now - RESEND_SECONDS * 1000).toISOString();
  const dayAgo = new Date(now - DAY_MS).toISOString();
  const newWindow = lte(phoneCodes.windowStart, dayAgo);
  const stored = await db
    .insert(phoneCodes)
    .values({ ...row, attempts: 0, sentAt: at, windowStart: at, windowSends: 1 })
    .onConflictDoUpdate({
      target: phoneCodes.userId,
      set: {
        phone: row.phone,
        codeHash: row.codeHash,
        expiresAt: row.expiresAt,
        attempts: 0,
        sentAt: at,
        windowStart: sql`case when ${newWindow} then ${at} else ${phoneCodes.windowStart} end`,
        windowSends: sql`case when ${newWindow} then 1 else ${phoneCodes.windowSends} + 1 end`,
      },
      setWhere: and(
        // The minute between codes is per number: a typo corrected at once still gets its code.
        or(lte(phoneCodes.sentAt, resendAfter), ne(phoneCodes.phone, row.phone)),
        or(newWindow, sql`${phoneCodes.windowSends} < ${CODES_PER_DAY}`),
      ),
    })
    .returning({ userId: phoneCodes.userId });
  return stored.length > 0;
}

const voidCode = (db: Db, userId: string) =>
  db.update(phoneCodes).set({ codeHash: null, expiresAt: null }).where(eq(phoneCodes.userId, userId));

/** Voids the user's code (used, never delivered, or the number changed); the send counters stay. */
export async function voidPhoneCode(db: Db, userId: string) {
  await voidCode(db, userId);
}

/** Counts one try at the live code and returns the count, or null when no try is left (or no code). */
export async function countCodeAttempt(db: Db, userId: string): Promise<number | null> {
  const row = await db
    .update(phoneCodes)
    .set({ attempts: sql`${phoneCodes.attempts} + 1` })
    .where(
      and(
        eq(phoneCodes.userId, userId),
        isNotNull(phoneCodes.codeHash),
        sql`${phoneCodes.attempts} < ${MAX_CODE_ATTEMPTS}`,
      ),
    )
    .returning({ attempts: phoneCodes.attempts })
    .get();
  return row?.attempts ?? null;
}

/**
 * Confirms `phone` for `userId` (if it is still the user's number) and takes it from every other account that had
 * confirmed it, in one batch; the unique index on confirmed numbers holds even against two confirmations at once.
 * Returns the user as confirmed (undefined if the number changed meanwhile) and the accounts that lost the number.
 */
export async function confirmPhoneNumber(
  db: Db,
  userId: string,
  phone: string,
  now: number,
): Promise<{ user: UserRow | undefined; released: UserRow[] }> {
  const at = new Date(now).toISOString();
  const [released, confirmed] = await db.batch([
    db
      .update(users)
      .set({ phoneVerifiedAt: null, updatedAt: at })
      .where(
        and(
          eq(users.phone, phone),
          isNotNull(users.phoneVerifiedAt),
          ne(users.id, userId),
          // Only when the number is still the confirming user's: otherwise nothing in this batch changes.
          sql`exists (select 1 from users as confirming where confirming.id = ${userId} and confirming.phone = ${phone})`,
        ),
      )
      .returning(),
    db
      .update(users)
      .set({ phoneVerifiedAt: at, updatedAt: at })
      .where(and(eq(users.id, userId), eq(users.phone, phone)))
      .returning(),
    voidCode(db, userId),
  ]);
  return { user: confirmed[0], released };
}
