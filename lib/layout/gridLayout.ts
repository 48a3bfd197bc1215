/**
 * Grid geometry for the call view: how many tiles fit a container, in which arrangement, and
 * which participants are on which page. Pure functions, so the UI and its tests share them.
 */

export interface GridInput {
  /** Container size in CSS pixels. */
  width: number;
  height: number;
  /** Tiles to place. */
  count: number;
  /** Tile aspect ratio (width / height). */
  aspect?: number;
  /** Gap between tiles in pixels. */
  gap?: number;
  /** Smallest acceptable tile width; fewer tiles per page below it. */
  minTileWidth?: number;
  /** Hard cap on tiles per page (decoded videos cost CPU). */
  maxPerPage?: number;
}

export interface GridLayout {
  cols: number;
  rows: number;
  tileWidth: number;
  tileHeight: number;
  /** Tiles per page (cols × rows, capped by count when everything fits). */
  pageSize: number;
}

const DEFAULT_ASPECT = 16 / 9;

/** Largest tile size for `count` tiles in `cols` columns. */
function fit(width: number, height: number, count: number, cols: number, aspect: number, gap: number) {
  const rows = Math.ceil(count / cols);
  const maxW = (width - gap * (cols - 1)) / cols;
  const maxH = (height - gap * (rows - 1)) / rows;
  const tileWidth = Math.max(0, Math.min(maxW, maxH * aspect));
  return { cols, rows, tileWidth, tileHeight: tileWidth / aspect };
}

/** The arrangement with the biggest tiles for `count` tiles (no paging). */
export function bestFit(width: number, height: number, count: number, aspect = DEFAULT_ASPECT, gap = 8) {
  const n = Math.max(1, count);
  let best = fit(width, height, n, 1, aspect, gap);
  for (let cols = 2; cols <= n; cols++) {
    const f = fit(width, height, n, cols, aspect, gap);
    if (f.tileWidth > best.tileWidth) best = f;
  }
  return best;
}

/**
 * Chooses the arrangement and page size: all tiles on one page while each stays at least
 * `minTileWidth` wide and under `maxPerPage`; otherwise the largest page that keeps that width.
 */
export function computeGrid({
  width,
  height,
  count,
  aspect = DEFAULT_ASPECT,
  gap = 8,
  minTileWidth = 160,
  maxPerPage = 25,
}: GridInput): GridLayout {
  let perPage = Math.max(1, Math.min(count, maxPerPage));
  for (; perPage > 1; perPage--) {
    if (bestFit(width, height, perPage, aspect, gap).tileWidth >= minTileWidth) break;
  }
  const f = bestFit(width, height, perPage, aspect, gap);
  return {
    cols: f.cols,
    rows: f.rows,
    tileWidth: Math.floor(f.tileWidth),
    tileHeight: Math.floor(f.tileHeight),
    pageSize: perPage,
  };
}

export function pageCount(count: number, pageSize: number): number {
  return Math.max(1, Math.ceil(count / Math.max(1, pageSize)));
}

/** Clamps a page index into range (pages shrink when people leave). */
export function clampPage(page: number, count: number, pageSize: number): number {
  return Math.min(Math.max(0, page), pageCount(count, pageSize) - 1);
}

/** The slice of `items` shown on `page`. */
export function pageItems<T>(items: readonly T[], page: number, pageSize: number): T[] {
  const p = clampPage(page, items.length, pageSize);
  return items.slice(p * pageSize, p * pageSize + pageSize);
}

/**
 * Tile order: pinned first, then screen shares, then the active speaker, then everyone else in
 * join order. Keeps the people who matter on page one.
 */
export function orderTiles<T extends { id: string; isScreen: boolean; joinedAt: number }>(
  tiles: readonly T[],
  opts: { pinnedId?: string | null; activeSpeakerId?: string | null },
): T[] {
  const rank = (t: T): number => {
    if (t.id === opts.pinnedId) return 0;
    if (t.isScreen) return 1;
    if (t.id === opts.activeSpeakerId) return 2;
    return 3;
  };
  return [...tiles].sort((a, b) => rank(a) - rank(b) || a.joinedAt - b.joinedAt);
}
