import { describe, expect, it } from 'vitest';
import { RECONNECT_JITTER, reconnectDelayMs } from './reconnectBackoff';

const middle = () => 0.5;
const low = () => 0;
const high = () => 0.999_999;

describe('reconnectDelayMs', () => {
  it('follows 0, 0.3, 1.2, 2.7, 4.8 s, then 7 s for ever (without jitter)', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 50, 10_000].map((n) => reconnectDelayMs(n, middle));
    expect(delays).toEqual([0, 300, 1_200, 2_700, 4_800, 7_000, 7_000, 7_000, 7_000]);
  });

  it('spreads each delay by at most ±20 %', () => {
    expect(RECONNECT_JITTER).toBe(0.2);
    expect(reconnectDelayMs(2, low)).toBe(240);
    expect(reconnectDelayMs(2, high)).toBe(360);
    expect(reconnectDelayMs(6, low)).toBe(5_600);
    expect(reconnectDelayMs(6, high)).toBe(8_400);
    // The first attempt is immediate whatever the draw.
    expect(reconnectDelayMs(1, high)).toBe(0);
    for (let i = 0; i < 200; i++) {
      const d = reconnectDelayMs(4);
      expect(d).toBeGreaterThanOrEqual(2_160);
      expect(d).toBeLessThanOrEqual(3_240);
    }
  });

  it('treats nonsense attempt numbers as the first attempt', () => {
    expect(reconnectDelayMs(0, middle)).toBe(0);
    expect(reconnectDelayMs(-3, middle)).toBe(0);
    expect(reconnectDelayMs(2.7, middle)).toBe(300);
  });
});
