/**
 * Sign-up, sign-in and sign-out, independent of Next.js: the server actions supply the database,
 * the rate limits, the client IP, and turn the result into a cookie or a form error.
 */
import { EmailTakenError, createUser, findUserByEmail } from '@/lib/db/users';
import { createSession, deleteSession, type SessionUser } from '@/lib/db/sessions';
import type { z } from 'zod';
import type { Db } from '@/lib/db/schema';
import { signInSchema, signUpSchema, type SignInInput, type SignUpInput } from '@/lib/auth/credentials';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { blockedForMs, waitMinutes, type AuthRateLimits } from '@/lib/auth/rateLimits';
import type { FormErrorKey, FormErrorValues } from '@/lib/i18n/formErrors';

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export interface AuthDeps {
  db: Db;
  limits: AuthRateLimits;
}

/** A user as shown to the user: no password hash. */
export type PublicUser = SessionUser;

export type AuthErrorCode = 'INVALID_INPUT' | 'EMAIL_TAKEN' | 'INVALID_CREDENTIALS' | 'RATE_LIMITED';

export type AuthResult =
  | { ok: true; user: PublicUser; session: { token: string; expiresAt: number } }
  | { ok: false; error: { code: AuthErrorCode; key: FormErrorKey; values?: FormErrorValues } };

function fail(code: AuthErrorCode, key: FormErrorKey, values?: FormErrorValues): AuthResult {
  return { ok: false, error: values ? { code, key, values } : { code, key } };
}

/** The first validation problem, as the key its schema names (lib/auth/credentials). */
function invalid(error: z.ZodError): AuthResult {
  return fail('INVALID_INPUT', (error.issues[0]?.message ?? 'checkForm') as FormErrorKey);
}

function tooManyAttempts(ms: number): AuthResult {
  return fail('RATE_LIMITED', 'tooManyAttempts', { minutes: waitMinutes(ms) });
}

async function startSession(db: Db, user: PublicUser): Promise<AuthResult> {
  const now = Date.now();
  const token = await createSession(db, user.id, SESSION_TTL_MS, now);
  return {
    ok: true,
    user: { id: user.id, email: user.email, displayName: user.displayName },
    session: { token, expiresAt: now + SESSION_TTL_MS },
  };
}

export async function signUp(deps: AuthDeps, input: SignUpInput, ip: string): Promise<AuthResult> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    await deps.limits.signUpsPerIp.consume(ip);
  } catch (rejection) {
    if (rejection instanceof Error) throw rejection;
    return tooManyAttempts(await blockedForMs(deps.limits.signUpsPerIp, ip));
  }
  const { email, password, displayName } = parsed.data;
  try {
    const user = await createUser(deps.db, {
      email,
      passwordHash: await hashPassword(password),
      displayName,
    });
    return await startSession(deps.db, user);
  } catch (err) {
    if (err instanceof EmailTakenError) {
      return fail('EMAIL_TAKEN', 'emailTaken');
    }
    throw err;
  }
}

/** A hash to check against when the email is unknown, so both cases take the same time. */
let decoyHash: Promise<string> | undefined;

export async function signIn(deps: AuthDeps, input: SignInInput, ip: string): Promise<AuthResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { email, password } = parsed.data;
  const { signInFailuresPerEmailAndIp: perEmail, signInFailuresPerIp: perIp } = deps.limits;
  const emailKey = `${ip}|${email}`;

  const waitMs = Math.max(await blockedForMs(perEmail, emailKey), await blockedForMs(perIp, ip));
  if (waitMs > 0) return tooManyAttempts(waitMs);

  const user = await findUserByEmail(deps.db, email);
  const matches = user
    ? await verifyPassword(password, user.passwordHash)
    : await verifyPassword(password, await (decoyHash ??= hashPassword('decoy password'))).then(() => false);
  if (!user || !matches) {
    await Promise.all([perEmail.penalty(emailKey), perIp.penalty(ip)]);
    return fail('INVALID_CREDENTIALS', 'wrongCredentials');
  }
  await perEmail.delete(emailKey);
  return startSession(deps.db, user);
}

/** Ends the session of this token (if any). */
export async function signOut(deps: Pick<AuthDeps, 'db'>, token: string | undefined): Promise<void> {
  if (token) await deleteSession(deps.db, token);
}
