/**
 * When to try again after the signaling connection (or a re-join) failed: at once, then after
 * 0.3, 1.2, 2.7 and 4.8 s, then every 7 s for as long as the call is not given up, each delay
 * spread by ±20 % so a server restart is not met by every client in the same millisecond.
 * Written here rather than taken from Socket.IO because its built-in schedule (exponential with a
 * randomization factor) cannot express this table.
 */

/** Delays before attempts 1, 2, 3… (ms, before jitter); the last one repeats. */
export const RECONNECT_DELAYS_MS: readonly number[] = [0, 300, 1_200, 2_700, 4_800, 7_000];
/** Each delay is multiplied by a factor drawn from [1 - JITTER, 1 + JITTER]. */
export const RECONNECT_JITTER = 0.2;

/**
 * Delay before reconnect attempt `attempt` (1 = the first try after the loss).
 * `random` returns a number in [0, 1) (Math.random by default; tests pass their own).
 */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const index = Math.min(Math.max(Math.floor(attempt), 1), RECONNECT_DELAYS_MS.length) - 1;
  const base = RECONNECT_DELAYS_MS[index] ?? 0;
  const factor = 1 + RECONNECT_JITTER * (2 * random() - 1);
  return Math.round(base * factor);
}
