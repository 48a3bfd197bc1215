import { describe, expect, it } from 'vitest';
import { levelFromSamples } from './audioLevel';

describe('levelFromSamples', () => {
  it('is 0 for silence and 1 for a full-scale signal', () => {
    expect(levelFromSamples(new Float32Array(256))).toBe(0);
    expect(levelFromSamples(new Float32Array(256).fill(1))).toBe(1);
    expect(levelFromSamples(new Float32Array(0))).toBe(0);
  });

  it('maps loudness on a decibel scale', () => {
    // -20 dBFS RMS is two thirds up a 60 dB range; -60 dBFS and below reads as 0.
    expect(levelFromSamples(new Float32Array(256).fill(0.1))).toBeCloseTo(2 / 3, 5);
    expect(levelFromSamples(new Float32Array(256).fill(0.0005))).toBe(0);
  });
});
