import { describe, expect, it } from 'vitest';
import { qualityOf } from './connectionQuality';

describe('qualityOf', () => {
  it('is good on a clean connection and says why', () => {
    expect(qualityOf({ score: 9, lossPct: 0.1, rttMs: 32 })).toEqual({
      level: 'good',
      reason: 'score 9/10, 0.1 % loss, 32 ms RTT',
    });
  });

  it('grades the server score: below 8 fair, below 5 poor', () => {
    expect(qualityOf({ score: 8 }).level).toBe('good');
    expect(qualityOf({ score: 7 }).level).toBe('fair');
    expect(qualityOf({ score: 5 }).level).toBe('fair');
    expect(qualityOf({ score: 4 }).level).toBe('poor');
  });

  it('grades loss: over 1 % fair, over 5 % poor', () => {
    expect(qualityOf({ lossPct: 1 }).level).toBe('good');
    expect(qualityOf({ lossPct: 1.5 }).level).toBe('fair');
    expect(qualityOf({ lossPct: 5 }).level).toBe('fair');
    expect(qualityOf({ lossPct: 12 })).toEqual({ level: 'poor', reason: '12 % loss' });
  });

  it('grades round-trip time: over 200 ms fair, over 400 ms poor', () => {
    expect(qualityOf({ rttMs: 200 }).level).toBe('good');
    expect(qualityOf({ rttMs: 250 }).level).toBe('fair');
    expect(qualityOf({ rttMs: 401 }).level).toBe('poor');
  });

  it('grades freezes in the window: 1 fair, 3 poor; none are not mentioned', () => {
    expect(qualityOf({ score: 10, freezes: 0 })).toEqual({ level: 'good', reason: 'score 10/10' });
    expect(qualityOf({ freezes: 1 })).toEqual({ level: 'fair', reason: '1 freeze' });
    expect(qualityOf({ freezes: 3 })).toEqual({ level: 'poor', reason: '3 freezes' });
  });

  it('takes the worst signal', () => {
    expect(qualityOf({ score: 10, lossPct: 0, rttMs: 500 }).level).toBe('poor');
    expect(qualityOf({ score: 6, lossPct: 0, rttMs: 10 }).level).toBe('fair');
    expect(qualityOf({ score: 3, lossPct: 2, rttMs: 10 }).level).toBe('poor');
  });

  it('is good with nothing measured yet, and ignores unknown values', () => {
    expect(qualityOf({})).toEqual({ level: 'good', reason: 'no measurements yet' });
    expect(qualityOf({ score: null, lossPct: Number.NaN, rttMs: undefined })).toEqual({
      level: 'good',
      reason: 'no measurements yet',
    });
  });
});
