'use server';
/**
 * Server actions of the sign-up, sign-in and sign-out forms.
 *
 * CSRF: Next.js only runs a server action when the request's Origin header matches its Host
 * (X-Forwarded-Host behind a proxy), so another site cannot submit these forms on a user's behalf.
 * Keep it that way: do not add other origins to `experimental.serverActions.allowedOrigins`. The
 * session cookie is also SameSite=Lax.
 */
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { loadConfig } from '@/lib/config';
import { getDatabase } from '@/lib/db/globalDatabase';
import { signIn, signOut, signUp, type AuthResult } from '@/lib/auth/authService';
import { CREDENTIAL_LIMITS } from '@/lib/auth/credentials';
import type { AuthFormState } from '@/lib/auth/formState';
import { getAuthRateLimits } from '@/lib/auth/rateLimits';
import { getRequestInfo } from '@/lib/auth/requestInfo';
import { safeNextPath } from '@/lib/auth/safeRedirect';
import { SESSION_COOKIE, sessionCookieOptions, shouldUseSecureCookie } from '@/lib/auth/sessionCookie';
import { formErrorText } from '@/lib/i18n/formErrorText';

function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

async function deps() {
  const { db } = await getDatabase();
  return { db, limits: getAuthRateLimits(loadConfig().auth.signUpsPerIpPerHour) };
}

/** Sets the session cookie and leaves for the page the user wanted; returns the form error otherwise. */
async function finish(result: AuthResult, form: FormData): Promise<AuthFormState> {
  if (!result.ok) {
    return {
      error: await formErrorText(result.error.key, { ...CREDENTIAL_LIMITS, ...result.error.values }),
      email: field(form, 'email'),
      displayName: field(form, 'displayName'),
    };
  }
  const config = loadConfig();
  const secure = shouldUseSecureCookie(config.auth.cookieSecure, config.env, await getRequestInfo());
  (await cookies()).set(
    SESSION_COOKIE,
    result.session.token,
    sessionCookieOptions(secure, result.session.expiresAt),
  );
  redirect(safeNextPath(field(form, 'next')));
}

export async function signUpAction(_previous: AuthFormState, form: FormData): Promise<AuthFormState> {
  const { ip } = await getRequestInfo();
  const input = {
    email: field(form, 'email'),
    password: field(form, 'password'),
    displayName: field(form, 'displayName'),
  };
  return finish(await signUp(await deps(), input, ip), form);
}

export async function signInAction(_previous: AuthFormState, form: FormData): Promise<AuthFormState> {
  const { ip } = await getRequestInfo();
  const input = { email: field(form, 'email'), password: field(form, 'password') };
  return finish(await signIn(await deps(), input, ip), form);
}

export async function signOutAction(): Promise<void> {
  const jar = await cookies();
  const { db } = await getDatabase();
  await signOut({ db }, jar.get(SESSION_COOKIE)?.value);
  jar.delete(SESSION_COOKIE);
  redirect('/');
}
