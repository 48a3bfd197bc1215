/** Microphone loudness as a 0..1 level (the meter's arithmetic, without the Web Audio plumbing). */

/** Loudness mapping: this many dBFS and below shows as 0; 0 dBFS shows as 1. */
const FLOOR_DB = -60;
/** Per-sample fraction of the level kept when the sound gets quieter (rises show at once). */
export const RELEASE = 0.75;

/** RMS of a block of samples (-1..1), as a 0..1 level on a decibel scale. */
export function levelFromSamples(samples: Float32Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const v of samples) sum += v * v;
  const rms = Math.sqrt(sum / samples.length);
  if (rms <= 0) return 0;
  const db = 20 * Math.log10(rms);
  return Math.min(1, Math.max(0, (db - FLOOR_DB) / -FLOOR_DB));
}
