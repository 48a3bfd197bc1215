/**
 * Brute-force protection for the account forms, kept in this process's memory
 * (rate-limiter-flexible): failed sign-ins per IP+email and per IP, and sign-ups per IP.
 */
import { RateLimiterMemory } from 'rate-limiter-flexible';

export interface LimitRule {
  points: number;
  durationS: number;
}

export interface AuthRateLimitRules {
  /** Failed sign-ins for one email from one IP. */
  signInFailuresPerEmailAndIp: LimitRule;
  /** Failed sign-ins from one IP, whatever the email. */
  signInFailuresPerIp: LimitRule;
  /** Sign-up attempts from one IP. */
  signUpsPerIp: LimitRule;
}

export const DEFAULT_AUTH_RATE_LIMITS: AuthRateLimitRules = {
  signInFailuresPerEmailAndIp: { points: 5, durationS: 15 * 60 },
  signInFailuresPerIp: { points: 50, durationS: 60 * 60 },
  signUpsPerIp: { points: 10, durationS: 60 * 60 },
};

export interface AuthRateLimits {
  signInFailuresPerEmailAndIp: RateLimiterMemory;
  signInFailuresPerIp: RateLimiterMemory;
  signUpsPerIp: RateLimiterMemory;
}

export function createAuthRateLimits(rules: AuthRateLimitRules = DEFAULT_AUTH_RATE_LIMITS): AuthRateLimits {
  const limiter = (keyPrefix: string, rule: LimitRule) =>
    new RateLimiterMemory({ keyPrefix, points: rule.points, duration: rule.durationS });
  return {
    signInFailuresPerEmailAndIp: limiter('signin-email-ip', rules.signInFailuresPerEmailAndIp),
    signInFailuresPerIp: limiter('signin-ip', rules.signInFailuresPerIp),
    signUpsPerIp: limiter('signup-ip', rules.signUpsPerIp),
  };
}

const KEY = Symbol.for('idea-communicator.auth-rate-limits');
type GlobalWithLimits = typeof globalThis & { [KEY]?: AuthRateLimits };

/**
 * The process-wide limits (kept on globalThis so a reloaded module keeps the counts); the first
 * call fixes how many sign-ups an address may make per hour.
 */
export function getAuthRateLimits(
  signUpsPerHour = DEFAULT_AUTH_RATE_LIMITS.signUpsPerIp.points,
): AuthRateLimits {
  const store = globalThis as GlobalWithLimits;
  const rules = { ...DEFAULT_AUTH_RATE_LIMITS, signUpsPerIp: { points: signUpsPerHour, durationS: 60 * 60 } };
  return (store[KEY] ??= createAuthRateLimits(rules));
}

/** Milliseconds until the key may try again, or 0 when it is not blocked. */
export async function blockedForMs(limiter: RateLimiterMemory, key: string): Promise<number> {
  const state = await limiter.get(key);
  return state && state.consumedPoints >= limiter.points ? Math.max(state.msBeforeNext, 1) : 0;
}

/** The wait as people are told it: whole minutes, at least one. */
export function waitMinutes(ms: number): number {
  return Math.max(1, Math.ceil(ms / 60_000));
}
