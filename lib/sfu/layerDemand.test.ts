import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DemandDebouncer, wantedSpatialLayer } from './layerDemand';

describe('wantedSpatialLayer', () => {
  it('is -1 when nobody watches (no consumers, or all paused)', () => {
    expect(wantedSpatialLayer([], 2)).toBe(-1);
    expect(
      wantedSpatialLayer(
        [
          { paused: true, preferredSpatialLayer: 2 },
          { paused: true, preferredSpatialLayer: undefined },
        ],
        2,
      ),
    ).toBe(-1);
  });

  it('is the highest layer a resumed consumer asks for', () => {
    const thumbs = [
      { paused: false, preferredSpatialLayer: 0 },
      { paused: false, preferredSpatialLayer: 1 },
      { paused: true, preferredSpatialLayer: 2 },
    ];
    expect(wantedSpatialLayer(thumbs, 2)).toBe(1);
  });

  it('a consumer that never asked (seed client, recorder) wants the top layer', () => {
    expect(
      wantedSpatialLayer(
        [
          { paused: false, preferredSpatialLayer: 0 },
          { paused: false, preferredSpatialLayer: undefined },
        ],
        2,
      ),
    ).toBe(2);
  });

  it('never goes above the top layer', () => {
    expect(wantedSpatialLayer([{ paused: false, preferredSpatialLayer: 5 }], 2)).toBe(2);
  });
});

describe('DemandDebouncer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const timing = { raiseMs: 50, lowerMs: 2_000 };

  it('tells a raise quickly and a drop only once it held', () => {
    const sent: Array<[string, number]> = [];
    const d = new DemandDebouncer((id, layer) => sent.push([id, layer]), timing);
    d.track('p', 2);
    d.update('p', 0);
    vi.advanceTimersByTime(1_999);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([['p', 0]]);
    d.update('p', 2);
    vi.advanceTimersByTime(50);
    expect(sent).toEqual([
      ['p', 0],
      ['p', 2],
    ]);
  });

  it("turns no layer off during a new sender's warm-up, then drops as usual", () => {
    const sent: Array<[string, number]> = [];
    const d = new DemandDebouncer((id, layer) => sent.push([id, layer]), { ...timing, warmupMs: 4_000 });
    d.track('p', 2);
    vi.advanceTimersByTime(500);
    d.update('p', 0);
    vi.advanceTimersByTime(3_499);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([['p', 0]]);
    // After the warm-up a drop waits only for lowerMs.
    d.update('p', 2);
    vi.advanceTimersByTime(50);
    d.update('p', 1);
    vi.advanceTimersByTime(2_000);
    expect(sent).toEqual([
      ['p', 0],
      ['p', 2],
      ['p', 1],
    ]);
  });

  it('a drop that is undone before it held is never sent', () => {
    const sent: Array<[string, number]> = [];
    const d = new DemandDebouncer((id, layer) => sent.push([id, layer]), timing);
    d.track('p', 2);
    d.update('p', -1);
    vi.advanceTimersByTime(1_000);
    d.update('p', 2);
    vi.advanceTimersByTime(5_000);
    expect(sent).toEqual([]);
  });

  it('forgets closed producers and ignores unknown ones', () => {
    const sent: Array<[string, number]> = [];
    const d = new DemandDebouncer((id, layer) => sent.push([id, layer]), timing);
    d.update('unknown', 1);
    d.track('p', 2);
    d.update('p', 1);
    d.forget('p');
    vi.advanceTimersByTime(5_000);
    expect(sent).toEqual([]);
  });
});
