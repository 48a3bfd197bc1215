/**
 * Per-participant and per-address limits on chatty or costly requests (rate-limiter-flexible).
 * Its memory store forgets each key when its window ends, so the keys held stay bounded by the
 * request rate times the window, however many distinct callers there are.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ErrorCode } from '@/lib/protocol';
import { ProtocolError } from '@/lib/protocol';

export interface SignalingRateLimits {
  chat: RateLimiterMemory;
  reactions: RateLimiterMemory;
  /** New meetings created by connections without a meeting token, per IP address. */
  anonymousRooms: RateLimiterMemory;
}

export function createRateLimits(): SignalingRateLimits {
  return {
    chat: new RateLimiterMemory({ points: 5, duration: 5 }),
    reactions: new RateLimiterMemory({ points: 10, duration: 10 }),
    anonymousRooms: new RateLimiterMemory({ points: 20, duration: 60 }),
  };
}

/** Spends one point for `key`; refuses with RATE_LIMITED (and when to retry) once spent. */
export async function spend(limiter: RateLimiterMemory, key: string, what: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (err) {
    if (err instanceof RateLimiterRes) {
      const seconds = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      throw new ProtocolError(ErrorCode.RATE_LIMITED, `too many ${what}; try again in ${seconds} s`);
    }
    throw err;
  }
}
