import { createTranslator } from 'next-intl';
import { expect, it } from 'vitest';
import {
  SESSION_TTL_MS,
  signIn,
  signOut,
  signUp,
  type AuthDeps,
  type AuthResult,
} from '@/lib/auth/authService';
import { CREDENTIAL_LIMITS } from '@/lib/auth/credentials';
import { createAuthRateLimits, DEFAULT_AUTH_RATE_LIMITS, waitMinutes } from '@/lib/auth/rateLimits';
import de from '@/messages/de.json';
import en from '@/messages/en.json';
import { findSessionUser } from '@/lib/db/sessions';
import { findUserByEmail } from '@/lib/db/users';
import { describeEachEngine } from '@/tests/support/testDatabases';

let n = 0;
function uniqueEmail(name: string): string {
  n++;
  return `${name}${n}@example.com`;
}

function expectOk(result: AuthResult) {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.key}`);
  return result;
}

const english = createTranslator({ locale: 'en', messages: en, namespace: 'formErrors' });
const german = createTranslator({ locale: 'de', messages: de, namespace: 'formErrors' });

/** A refusal as the sign-in and sign-up forms show it (lib/auth/actions words it the same way). */
function refusal(result: AuthResult, t = english) {
  if (result.ok) throw new Error('expected a refusal');
  const { code, key, values } = result.error;
  return { code, message: t(key, { ...CREDENTIAL_LIMITS, ...values }) };
}

describeEachEngine('auth service', (db) => {
  const deps = (rules = DEFAULT_AUTH_RATE_LIMITS): AuthDeps => ({
    db: db(),
    limits: createAuthRateLimits(rules),
  });

  it('signs up: normalised email, hashed password, a 30-day session for the new user', async () => {
    const email = uniqueEmail('Ada');
    const before = Date.now();
    const result = expectOk(
      await signUp(
        deps(),
        { email: `  ${email.toUpperCase()} `, password: 'analytical engine', displayName: ' Ada ' },
        '10.0.0.1',
      ),
    );
    expect(result.user).toEqual({ id: expect.any(String), email: email.toLowerCase(), displayName: 'Ada' });
    expect(result.session.expiresAt).toBeGreaterThanOrEqual(before + SESSION_TTL_MS);
    expect(result.session.expiresAt).toBeLessThanOrEqual(Date.now() + SESSION_TTL_MS);
    expect(await findSessionUser(db(), result.session.token)).toEqual(result.user);

    const stored = await findUserByEmail(db(), email);
    expect(stored?.passwordHash).toMatch(/^scrypt\$/);
    expect(stored?.passwordHash).not.toContain('analytical engine');
  });

  it('refuses a second account with the same email', async () => {
    const email = uniqueEmail('grace');
    const d = deps();
    expectOk(await signUp(d, { email, password: 'password one', displayName: 'Grace' }, '10.0.0.2'));
    const again = await signUp(
      d,
      { email: email.toUpperCase(), password: 'password two', displayName: 'G' },
      '10.0.0.2',
    );
    expect(refusal(again)).toEqual({
      code: 'EMAIL_TAKEN',
      message: 'An account with this email already exists. Sign in instead.',
    });
  });

  it('validates the sign-up form', async () => {
    const d = deps();
    const cases: [Record<string, string>, string][] = [
      [{ email: 'not-an-email', password: 'long enough', displayName: 'X' }, 'Enter a valid email address.'],
      [
        { email: uniqueEmail('s'), password: 'short', displayName: 'X' },
        'Use a password of at least 8 characters.',
      ],
      [{ email: uniqueEmail('s'), password: 'long enough', displayName: '   ' }, 'Enter your name.'],
    ];
    for (const [input, message] of cases) {
      const result = await signUp(
        d,
        { email: input.email!, password: input.password!, displayName: input.displayName! },
        '10.0.0.3',
      );
      expect(refusal(result)).toEqual({ code: 'INVALID_INPUT', message });
    }
  });

  it('signs in with the right password only, whatever the email case', async () => {
    const email = uniqueEmail('linus');
    const d = deps();
    const created = expectOk(
      await signUp(d, { email, password: 'right password', displayName: 'Linus' }, '10.0.0.4'),
    );

    const signedIn = expectOk(
      await signIn(d, { email: ` ${email.toUpperCase()}`, password: 'right password' }, '10.0.0.4'),
    );
    expect(signedIn.user).toEqual(created.user);
    expect(signedIn.session.token).not.toBe(created.session.token);

    const wrong = await signIn(d, { email, password: 'wrong password' }, '10.0.0.4');
    expect(refusal(wrong)).toEqual({ code: 'INVALID_CREDENTIALS', message: 'Wrong email or password.' });
    const unknown = await signIn(d, { email: uniqueEmail('nobody'), password: 'right password' }, '10.0.0.4');
    expect(unknown).toEqual(wrong);
    expect(await signIn(d, { email, password: '' }, '10.0.0.4')).toMatchObject({
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('blocks an email+IP after 5 failures for 15 minutes; other emails and IPs still work', async () => {
    const email = uniqueEmail('target');
    const other = uniqueEmail('bystander');
    const d = deps();
    expectOk(await signUp(d, { email, password: 'right password', displayName: 'T' }, '10.0.1.1'));
    expectOk(await signUp(d, { email: other, password: 'right password', displayName: 'B' }, '10.0.1.1'));

    for (let i = 0; i < 5; i++) {
      expect(await signIn(d, { email, password: `guess ${i}` }, '10.0.1.1')).toMatchObject({
        error: { code: 'INVALID_CREDENTIALS' },
      });
    }
    const blocked = await signIn(d, { email, password: 'right password' }, '10.0.1.1');
    expect(refusal(blocked)).toEqual({
      code: 'RATE_LIMITED',
      message: 'Too many attempts, try again in 15 minutes.',
    });
    expectOk(await signIn(d, { email: other, password: 'right password' }, '10.0.1.1'));
    expectOk(await signIn(d, { email, password: 'right password' }, '10.0.1.2'));
  });

  it('forgets earlier failures after a successful sign-in', async () => {
    const email = uniqueEmail('forgetful');
    const d = deps();
    expectOk(await signUp(d, { email, password: 'right password', displayName: 'F' }, '10.0.2.1'));
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) await signIn(d, { email, password: 'wrong password' }, '10.0.2.1');
      expectOk(await signIn(d, { email, password: 'right password' }, '10.0.2.1'));
    }
  });

  it('limits failed sign-ins per IP across emails', async () => {
    const d = deps({ ...DEFAULT_AUTH_RATE_LIMITS, signInFailuresPerIp: { points: 3, durationS: 3600 } });
    const email = uniqueEmail('victim');
    expectOk(await signUp(d, { email, password: 'right password', displayName: 'V' }, '10.0.3.1'));
    for (let i = 0; i < 3; i++)
      await signIn(d, { email: uniqueEmail('spray'), password: 'password' }, '10.0.3.1');
    const blocked = await signIn(d, { email, password: 'right password' }, '10.0.3.1');
    expect(refusal(blocked)).toEqual({
      code: 'RATE_LIMITED',
      message: 'Too many attempts, try again in 60 minutes.',
    });
    expectOk(await signIn(d, { email, password: 'right password' }, '10.0.3.2'));
  });

  it('limits sign-ups per IP', async () => {
    const d = deps({ ...DEFAULT_AUTH_RATE_LIMITS, signUpsPerIp: { points: 2, durationS: 600 } });
    for (let i = 0; i < 2; i++) {
      expectOk(
        await signUp(d, { email: uniqueEmail('bulk'), password: 'password!', displayName: 'B' }, '10.0.4.1'),
      );
    }
    const third = await signUp(
      d,
      { email: uniqueEmail('bulk'), password: 'password!', displayName: 'B' },
      '10.0.4.1',
    );
    expect(refusal(third)).toEqual({
      code: 'RATE_LIMITED',
      message: 'Too many attempts, try again in 10 minutes.',
    });
    expectOk(
      await signUp(d, { email: uniqueEmail('bulk'), password: 'password!', displayName: 'B' }, '10.0.4.2'),
    );
  });

  it('signs out: the session token stops working, other sessions stay', async () => {
    const email = uniqueEmail('leaver');
    const d = deps();
    const first = expectOk(
      await signUp(d, { email, password: 'right password', displayName: 'L' }, '10.0.5.1'),
    );
    const second = expectOk(await signIn(d, { email, password: 'right password' }, '10.0.5.1'));
    await signOut(d, first.session.token);
    expect(await findSessionUser(db(), first.session.token)).toBeNull();
    expect(await findSessionUser(db(), second.session.token)).toEqual(second.user);
    await signOut(d, undefined);
    await signOut(d, first.session.token);
  });
});

it('words the rate-limit message in whole minutes, in English and German', () => {
  const say = (ms: number, t = english) => t('tooManyAttempts', { minutes: waitMinutes(ms) });
  expect(say(1)).toBe('Too many attempts, try again in 1 minute.');
  expect(say(60_001)).toBe('Too many attempts, try again in 2 minutes.');
  expect(say(15 * 60_000)).toBe('Too many attempts, try again in 15 minutes.');
  expect(say(1, german)).toBe('Zu viele Versuche. Versuchen Sie es in einer Minute erneut.');
  expect(say(15 * 60_000, german)).toBe('Zu viele Versuche. Versuchen Sie es in 15 Minuten erneut.');
});

it('says a wrong password in German', () => {
  expect(german('wrongCredentials')).toBe('E-Mail-Adresse oder Passwort ist falsch.');
  expect(german('passwordTooShort', CREDENTIAL_LIMITS)).toBe(
    'Verwenden Sie ein Passwort mit mindestens 8 Zeichen.',
  );
});
