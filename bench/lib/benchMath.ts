/**
 * The arithmetic of the capacity figures, kept pure so it is tested on its own: CPU from
 * /proc tick deltas, loss from sent/expected counts, cost per forwarded packet, the step search's
 * verdict and the extrapolation to consumers per core.
 */

/** Linux reports process CPU time in clock ticks; 100 per second on every mainstream kernel build (USER_HZ). */
export const CLOCK_TICKS_PER_S = 100;

export interface CpuSample {
  /** utime + stime in clock ticks. */
  ticks: number;
  /** performance.now() when read, ms. */
  atMs: number;
}

/** Share of one core used between two samples (1.0 = one core fully busy). */
export function coreShare(a: CpuSample, b: CpuSample, ticksPerS = CLOCK_TICKS_PER_S): number {
  const wallS = (b.atMs - a.atMs) / 1000;
  if (wallS <= 0) return 0;
  return (b.ticks - a.ticks) / ticksPerS / wallS;
}

/** utime + stime (fields 14 and 15) from the text of /proc/<pid>/stat. */
export function ticksFromStat(stat: string): number {
  // The command name (field 2) is in parentheses and may hold spaces: split after the last ')'.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state), so field n is rest[n - 3].
  return Number(rest[11]) + Number(rest[12]);
}

/** Percent of `expected` packets that did not arrive (never negative: duplicates count as 0 loss). */
export function lossPercent(delivered: number, expected: number): number {
  if (expected <= 0) return 0;
  return Math.max(0, ((expected - delivered) / expected) * 100);
}

/** Worker CPU per forwarded packet, in microseconds. */
export function microsPerPacket(share: number, packetsPerS: number): number {
  if (packetsPerS <= 0) return 0;
  return (share * 1e6) / packetsPerS;
}

/** Loss at or above which a step counts as over capacity. */
export const LOSS_LIMIT_PERCENT = 0.5;
/** Worker CPU share at or above which the worker counts as saturated (the rest goes to the kernel and jitter). */
export const SATURATED_SHARE = 0.9;

export interface Step {
  consumers: number;
  /** Worker CPU as a share of one core. */
  workerShare: number;
  lossPercent: number;
}

export function overCapacity(s: Step): boolean {
  return s.lossPercent >= LOSS_LIMIT_PERCENT || s.workerShare >= SATURATED_SHARE;
}

/**
 * Consumers one fully busy core would carry, from the steps measured: the largest step still
 * within limits, scaled linearly by its CPU share (consumers / share). Linear scaling is honest
 * here because the work per consumer is per packet (SRTP + send) and does not grow with the count;
 * a step at a tiny share extrapolates noise, so only steps at ≥ 5 % of a core are used.
 * Returns null when no step qualifies.
 */
export function consumersPerCore(steps: Step[]): { perCore: number; fromStep: Step } | null {
  const ok = steps.filter((s) => !overCapacity(s) && s.workerShare >= 0.05);
  if (ok.length === 0) return null;
  const best = ok.reduce((a, b) => (b.consumers > a.consumers ? b : a));
  return { perCore: Math.round(best.consumers / best.workerShare), fromStep: best };
}

/** Spread of per-worker CPU shares: max − min, in percentage points of a core. */
export function spreadPoints(shares: number[]): number {
  if (shares.length === 0) return 0;
  return (Math.max(...shares) - Math.min(...shares)) * 100;
}

/** Spread of per-worker CPU shares relative to the busiest: (max − min) ÷ max, in percent. */
export function spreadPercent(shares: number[]): number {
  const max = Math.max(0, ...shares);
  if (max === 0) return 0;
  return ((max - Math.min(...shares)) / max) * 100;
}

/** Inbound bitrate in kbit/s from two byte counters `ms` apart. */
export function kbps(bytesBefore: number, bytesAfter: number, ms: number): number {
  if (ms <= 0) return 0;
  return ((bytesAfter - bytesBefore) * 8) / ms;
}

export const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Why stepping stopped at this step: the worker itself (saturated), loss while the worker was
 * mostly waiting for a CPU other processes held (a busy machine, not the worker's limit), plain
 * loss, or not at all.
 */
export function limitOf(s: Step & { workerWaitShare: number }): string {
  if (!overCapacity(s)) return 'not reached';
  if (s.workerShare >= SATURATED_SHARE) return 'worker saturated';
  if (s.workerWaitShare >= 0.5) return 'loss while the worker waited for a CPU (busy machine)';
  return 'loss';
}
