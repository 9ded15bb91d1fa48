// Queries for dashboard sign-in: one-time login links and the sessions they open (stored as hashes).
import { and, eq, gt, isNull, sql } from "drizzle-orm";
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
 * Opens a session and uses the link up in one D1 batch, so a failure leaves the link as it was. The session is
 * inserted only from a live link and the link then marked used, in one transaction: of two clicks racing, the
 * second finds the link used and opens nothing. Returns the user, or null when the link was not live.
 */
export async function redeemLoginLink(
  db: Db,
  tokenHash: string,
  nowIso: string,
  session: Omit<typeof webSessions.$inferInsert, "userId">,
): Promise<UserRow | null> {
  const live = and(eq(loginLinks.tokenHash, tokenHash), isNull(loginLinks.usedAt), gt(loginLinks.expiresAt, nowIso));
  const [, , opened] = await db.batch([
    db.insert(webSessions).select(
      db
        .select({
          id: sql`${session.id}`.as("id"),
          userId: loginLinks.userId,
          tokenHash: sql`${session.tokenHash}`.as("token_hash"),
          createdAt: sql`${session.createdAt ?? nowIso}`.as("created_at"),
          expiresAt: sql`${session.expiresAt}`.as("expires_at"),
          revokedAt: sql`null`.as("revoked_at"),
        })
        .from(loginLinks)
        .where(live),
    ),
    db.update(loginLinks).set({ usedAt: nowIso }).where(live),
    db
      .select({ user: users })
      .from(webSessions)
      .innerJoin(users, eq(users.id, webSessions.userId))
      .where(eq(webSessions.id, session.id)),
  ]);
  return opened[0]?.user ?? null;
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
