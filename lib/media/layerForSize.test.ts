import { describe, expect, it } from 'vitest';
import { TOP_LAYER, layerForSize } from './layerForSize';

describe('layerForSize', () => {
  it('a thumbnail gets the smallest layer', () => {
    expect(layerForSize({ width: 176, height: 112 }, 1)).toBe(0);
    expect(layerForSize({ width: 320, height: 180 }, 1)).toBe(0);
  });

  it('a quarter of a laptop screen gets the middle layer', () => {
    expect(layerForSize({ width: 632, height: 356 }, 1)).toBe(1);
  });

  it('a large tile gets the top layer', () => {
    expect(layerForSize({ width: 1264, height: 711 }, 1)).toBe(TOP_LAYER);
    expect(layerForSize({ width: 3000, height: 2000 }, 1)).toBe(TOP_LAYER);
  });

  it('counts device pixels: the same tile on a 2x screen needs a layer more', () => {
    expect(layerForSize({ width: 320, height: 180 }, 2)).toBe(1);
    expect(layerForSize({ width: 632, height: 356 }, 2)).toBe(TOP_LAYER);
  });

  it('a tall narrow tile is judged by its height', () => {
    expect(layerForSize({ width: 200, height: 400 }, 1)).toBe(1);
  });

  it('a pinned tile gets the top layer whatever its size', () => {
    expect(layerForSize({ width: 176, height: 112 }, 1, true)).toBe(TOP_LAYER);
  });

  it('a hidden (zero-size) tile or a bad ratio falls back sanely', () => {
    expect(layerForSize({ width: 0, height: 0 }, 1)).toBe(0);
    expect(layerForSize({ width: 632, height: 356 }, Number.NaN)).toBe(1);
  });
});
