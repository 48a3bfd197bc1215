import { describe, expect, it } from 'vitest';
import { bestFit, clampPage, computeGrid, orderTiles, pageCount, pageItems } from './gridLayout';

describe('bestFit', () => {
  it('puts two tiles side by side in a wide container and stacked in a tall one', () => {
    expect(bestFit(1600, 600, 2)).toMatchObject({ cols: 2, rows: 1 });
    expect(bestFit(400, 900, 2)).toMatchObject({ cols: 1, rows: 2 });
  });

  it('keeps the tile aspect ratio and stays inside the container', () => {
    const f = bestFit(1280, 720, 9, 16 / 9, 8);
    expect(f).toMatchObject({ cols: 3, rows: 3 });
    expect(f.tileWidth / f.tileHeight).toBeCloseTo(16 / 9);
    expect(f.cols * f.tileWidth + 8 * (f.cols - 1)).toBeLessThanOrEqual(1280 + 1e-6);
    expect(f.rows * f.tileHeight + 8 * (f.rows - 1)).toBeLessThanOrEqual(720 + 1e-6);
  });
});

describe('computeGrid', () => {
  it('shows everybody on one page when tiles stay large enough', () => {
    expect(computeGrid({ width: 1280, height: 720, count: 4 }).pageSize).toBe(4);
  });

  it('pages when tiles would get smaller than the minimum width', () => {
    const g = computeGrid({ width: 360, height: 640, count: 30, minTileWidth: 160 });
    expect(g).toMatchObject({ cols: 2, rows: 6, pageSize: 12 });
    expect(g.tileWidth).toBeGreaterThanOrEqual(160);
  });

  it('never exceeds maxPerPage', () => {
    expect(computeGrid({ width: 4000, height: 3000, count: 100, maxPerPage: 25 }).pageSize).toBe(25);
  });

  it('always gives at least one tile per page, even in a tiny container', () => {
    expect(computeGrid({ width: 50, height: 50, count: 5 }).pageSize).toBe(1);
  });

  it('handles an empty call', () => {
    expect(computeGrid({ width: 800, height: 600, count: 0 }).pageSize).toBe(1);
  });
});

describe('paging', () => {
  const items = ['a', 'b', 'c', 'd', 'e'];

  it('counts pages', () => {
    expect(pageCount(5, 2)).toBe(3);
    expect(pageCount(0, 4)).toBe(1);
  });

  it('slices pages and clamps out-of-range pages', () => {
    expect(pageItems(items, 0, 2)).toEqual(['a', 'b']);
    expect(pageItems(items, 2, 2)).toEqual(['e']);
    expect(pageItems(items, 9, 2)).toEqual(['e']);
    expect(clampPage(-3, 5, 2)).toBe(0);
  });
});

describe('orderTiles', () => {
  const t = (id: string, joinedAt: number, isScreen = false) => ({ id, joinedAt, isScreen });

  it('orders pinned, screen shares, active speaker, then join order', () => {
    const tiles = [t('a', 1), t('b', 2), t('s', 3, true), t('c', 4), t('d', 5)];
    const ids = orderTiles(tiles, { pinnedId: 'd', activeSpeakerId: 'c' }).map((x) => x.id);
    expect(ids).toEqual(['d', 's', 'c', 'a', 'b']);
  });
});
