// Queries for dashboard sign-in: one-time login links and the sessions they open (stored as hashes).
import { and, eq, gt, isNull } from "drizzle-orm";
import { loginLinks, type UserRow, users, type WebSessionRow, webSessions } from "../../schema/tables";
import type { Db } from "./client";

export async function insertLoginLink(db: Db, link: typeof loginLinks.$inferInsert): Promise<void> {
  await db.insert(loginLinks).values(link);
}

/** An unused, unexpired login link by its hash (without using it up). */
export async function liveLoginLink(db: Db, tokenHash: string, nowIso: string) {
  return db
    .select()
    .from(loginLinks)
    .where(and(eq(loginLinks.tokenHash, tokenHash), isNull(loginLinks.usedAt), gt(loginLinks.expiresAt, nowIso)))
    .get();
}

/**
 * Uses the link up and opens a session in one batch. The update only matches an unused link, so of two
 * clicks racing, one opens a session and the other finds the link used; returns null for the loser.
 */
export async function redeemLoginLink(
  db: Db,
  tokenHash: string,
  nowIso: string,
  session: typeof webSessions.$inferInsert,
): Promise<UserRow | null> {
  const used = await db
    .update(loginLinks)
    .set({ usedAt: nowIso })
    .where(and(eq(loginLinks.tokenHash, tokenHash), isNull(loginLinks.usedAt), gt(loginLinks.expiresAt, nowIso)))
    .returning({ userId: loginLinks.userId });
  const userId = used[0]?.userId;
  if (!userId) return null;
  await db.insert(webSessions).values({ ...session, userId });
  return (await db.select().from(users).where(eq(users.id, userId)).get()) ?? null;
}

export async function sessionByTokenHash(
  db: Db,
  tokenHash: string,
  nowIso: string,
): Promise<{ session: WebSessionRow; user: UserRow } | undefined> {
  return db
    .select({ session: webSessions, user: users })
    .from(webSessions)
    .innerJoin(users, eq(users.id, webSessions.userId))
    .where(and(eq(webSessions.tokenHash, tokenHash), isNull(webSessions.revokedAt), gt(webSessions.expiresAt, nowIso)))
    .get();
}

export async function revokeSession(db: Db, id: string, nowIso: string): Promise<void> {
  await db.update(webSessions).set({ revokedAt: nowIso }).where(eq(webSessions.id, id));
}
