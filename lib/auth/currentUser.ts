/** The signed-in user of the current request, for server components and server actions. */
import { cookies } from 'next/headers';
import { cache } from 'react';
import { getDatabase } from '@/lib/db/globalDatabase';
import { findSessionUser, type SessionUser } from '@/lib/db/sessions';
import { SESSION_COOKIE } from '@/lib/auth/sessionCookie';

export type CurrentUser = SessionUser;

/** Reads the session cookie; null when signed out or the session expired. Cached per request. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  const { db } = await getDatabase();
  return findSessionUser(db, token);
});
