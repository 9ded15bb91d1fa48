// Queries about users and the secrets that identify them.
import { and, eq, isNull } from "drizzle-orm";
import { apiTokens, type UserRow, users } from "../../schema/tables";
import type { Db } from "./client";

export async function userByApiTokenHash(db: Db, tokenHash: string): Promise<UserRow | undefined> {
  const rows = await db
    .select({ user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)))
    .limit(1);
  return rows[0]?.user;
}

export async function userByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.select().from(users).where(eq(users.email, email)).get();
}

export async function userById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.select().from(users).where(eq(users.id, id)).get();
}

/**
 * The user's calendar nonce, storing `candidate` if they have none yet; of two first requests racing, the first
 * write wins for both. Null only if no nonce could be stored (the user is gone).
 */
export async function firstCalendarNonce(db: Db, userId: string, candidate: string): Promise<string | null> {
  await db
    .update(users)
    .set({ calendarNonce: candidate })
    .where(and(eq(users.id, userId), isNull(users.calendarNonce)));
  const row = await db.select({ nonce: users.calendarNonce }).from(users).where(eq(users.id, userId)).get();
  return row?.nonce ?? null;
}

/** The user and their first API token, written together so neither exists without the other. */
export async function insertUserWithToken(
  db: Db,
  user: typeof users.$inferInsert,
  token: typeof apiTokens.$inferInsert,
): Promise<UserRow> {
  const [inserted] = await db.batch([db.insert(users).values(user).returning(), db.insert(apiTokens).values(token)]);
  const row = inserted[0];
  if (!row) throw new Error("user insert returned no row");
  return row;
}

export async function updateUser(db: Db, id: string, changes: Partial<typeof users.$inferInsert>): Promise<UserRow> {
  const row = await db.update(users).set(changes).where(eq(users.id, id)).returning().get();
  if (!row) throw new Error(`user ${id} vanished during update`);
  return row;
}
