/**
 * Sign-in sessions. The browser holds a random token; the database holds only its SHA-256, so a
 * leaked database does not leak usable sessions. Expired sessions are never returned and are
 * purged when their user signs in again (or by purgeExpiredSessions).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '@/lib/db/schema';

/** The signed-in user a session belongs to (no password hash). */
export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
}

const TOKEN_BYTES = 32;

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Starts a session for the user and returns its token (shown to nobody but the browser). */
export async function createSession(
  db: Db,
  userId: string,
  ttlMs: number,
  now = Date.now(),
): Promise<string> {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('authSessions').where('userId', '=', userId).where('expiresAt', '<=', now).execute();
    await trx
      .insertInto('authSessions')
      .values({ tokenHash: hashSessionToken(token), userId, createdAt: now, expiresAt: now + ttlMs })
      .execute();
  });
  return token;
}

/** The user of a live session, or null for an unknown or expired token. */
export async function findSessionUser(db: Db, token: string, now = Date.now()): Promise<SessionUser | null> {
  if (token === '') return null;
  const row = await db
    .selectFrom('authSessions')
    .innerJoin('users', 'users.id', 'authSessions.userId')
    .select(['users.id', 'users.email', 'users.displayName'])
    .where('authSessions.tokenHash', '=', hashSessionToken(token))
    .where('authSessions.expiresAt', '>', now)
    .executeTakeFirst();
  return row ?? null;
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('authSessions').where('tokenHash', '=', hashSessionToken(token)).execute();
}

/** Deletes every expired session; returns how many. */
export async function purgeExpiredSessions(db: Db, now = Date.now()): Promise<number> {
  const result = await db.deleteFrom('authSessions').where('expiresAt', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
