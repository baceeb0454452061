import { randomBytes } from "node:crypto";
import { and, eq, gt, lt, or } from "drizzle-orm";
import type { Tx } from "@/db";
import { memberActivity, sessions } from "@/db/schema";

export const SESSION_ABSOLUTE_MS = 30 * 24 * 3600 * 1000;
export const SESSION_IDLE_MS = 7 * 24 * 3600 * 1000;
const TOUCH_EVERY_MS = 5 * 60 * 1000;

export async function createSession(db: Tx, userId: string): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  await db.insert(sessions).values({ id, userId, expiresAt: new Date(Date.now() + SESSION_ABSOLUTE_MS) });
  await touchActivity(db, userId);
  return id;
}

/**
 * The user a session belongs to, or null when it was revoked, expired, or idle too long.
 * Refreshes its last-seen time at most every few minutes so reads stay cheap.
 */
export async function sessionUserId(db: Tx, sessionId: string): Promise<string | null> {
  const now = Date.now();
  const [row] = await db
    .select({ userId: sessions.userId, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, new Date(now)), gt(sessions.lastSeenAt, new Date(now - SESSION_IDLE_MS))));
  if (!row) return null;
  if (now - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.id, sessionId));
    await touchActivity(db, row.userId);
  }
  return row.userId;
}

export async function deleteSession(db: Tx, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Signs a person out everywhere (password reset, suspension). */
export async function deleteUserSessions(db: Tx, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

export async function purgeExpiredSessions(db: Tx): Promise<void> {
  const now = Date.now();
  await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, new Date(now)), lt(sessions.lastSeenAt, new Date(now - SESSION_IDLE_MS))));
}

/** Last use of the site, kept beyond the session's life: recall thresholds count active members by it. */
async function touchActivity(db: Tx, userId: string): Promise<void> {
  const now = new Date();
  await db.insert(memberActivity).values({ userId, lastSeenAt: now }).onConflictDoUpdate({ target: memberActivity.userId, set: { lastSeenAt: now } });
}
