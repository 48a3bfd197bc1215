'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { clampPage, computeGrid, pageCount, pageItems } from '@/lib/layout/gridLayout';
import { SELF, arrangeTiles, selectTileIds, tileId } from '@/lib/store/tiles';
import { callActions, useCallStore } from '@/lib/store/callStore';
import { useCallController } from './CallContext';
import { ChevronLeft, ChevronRight } from '@/components/ui/icons';
import { ParticipantVideo } from './ParticipantVideo';
import { useElementSize } from '@/hooks/useElementSize';

const GAP = 8;
const STRIP_TILE_WIDTH = 176;

function useActiveSpeakerTile(): string | null {
  return useCallStore((s) => {
    if (!s.activeSpeakerId) return null;
    return tileId('camera', s.activeSpeakerId === s.selfPeerId ? SELF : s.activeSpeakerId);
  });
}

/** The call's stage: a paged grid, or one large tile with a strip of the others (speaker view). */
export function VideoGrid() {
  const t = useTranslations('call');
  const controller = useCallController();
  const ids = useCallStore(useShallow(selectTileIds));
  const pinnedId = useCallStore((s) => s.pinnedId);
  const layout = useCallStore((s) => s.layout);
  const page = useCallStore((s) => s.page);
  const speakerTile = useActiveSpeakerTile();
  const [ref, size] = useElementSize<HTMLDivElement>();

  const view = useMemo(() => {
    if (layout === 'speaker' && ids.length > 1) {
      const main =
        (pinnedId && ids.includes(pinnedId) ? pinnedId : null) ??
        ids.find((id) => id.startsWith('screen:') && id !== tileId('screen', SELF)) ??
        (speakerTile && speakerTile !== tileId('camera', SELF) ? speakerTile : null) ??
        ids.find((id) => id !== tileId('camera', SELF) && id !== tileId('screen', SELF)) ??
        ids[0]!;
      const others = ids.filter((id) => id !== main);
      const stripSize = Math.max(1, Math.floor((size.width + GAP) / (STRIP_TILE_WIDTH + GAP)));
      const ordered = arrangeTiles(others, {
        pinnedId: null,
        activeSpeakerTile: speakerTile,
        pageSize: stripSize,
      });
      const pages = pageCount(ordered.length, stripSize);
      const current = clampPage(page, ordered.length, stripSize);
      return {
        kind: 'speaker' as const,
        main,
        tiles: pageItems(ordered, current, stripSize),
        page: current,
        pages,
      };
    }
    const grid = computeGrid({ width: size.width, height: size.height, count: ids.length, gap: GAP });
    const ordered = arrangeTiles(ids, { pinnedId, activeSpeakerTile: speakerTile, pageSize: grid.pageSize });
    const current = clampPage(page, ordered.length, grid.pageSize);
    return {
      kind: 'grid' as const,
      grid,
      tiles: pageItems(ordered, current, grid.pageSize),
      page: current,
      pages: pageCount(ordered.length, grid.pageSize),
    };
  }, [ids, layout, page, pinnedId, size.height, size.width, speakerTile]);

  const visible = view.kind === 'speaker' ? [view.main, ...view.tiles] : view.tiles;
  const visibleKey = visible.join('|');
  const measured = size.width > 0;
  useEffect(() => {
    if (measured) controller.setVisibleTiles(visibleKey.split('|'));
  }, [controller, measured, visibleKey]);
  // Pages shrink when people leave: keep the store's page in range.
  useEffect(() => {
    if (view.page !== page) callActions.setPage(view.page);
  }, [page, view.page]);

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-2">
      <div ref={ref} className="relative min-h-0 flex-1" data-testid="video-grid" data-layout={view.kind}>
        {measured && view.kind === 'grid' && (
          <div
            className="absolute inset-0 grid content-center justify-center"
            style={{
              gap: GAP,
              gridTemplateColumns: `repeat(${view.grid.cols}, ${view.grid.tileWidth}px)`,
              gridAutoRows: `${view.grid.tileHeight}px`,
            }}
          >
            {view.tiles.map((id) => (
              <ParticipantVideo key={id} tileId={id} compact={view.grid.tileWidth < 200} />
            ))}
          </div>
        )}
        {measured && view.kind === 'speaker' && (
          <div className="absolute inset-0 flex flex-col gap-2">
            <div className="min-h-0 flex-1">
              <ParticipantVideo tileId={view.main} />
            </div>
            <div className="flex h-24 shrink-0 justify-center gap-2 sm:h-28">
              {view.tiles.map((id) => (
                <div key={id} style={{ width: STRIP_TILE_WIDTH }} className="h-full shrink-0">
                  <ParticipantVideo tileId={id} compact />
                </div>
              ))}
            </div>
          </div>
        )}
      </div>
      {view.pages > 1 && (
        <nav aria-label={t('pages')} className="flex items-center justify-center gap-3 text-sm">
          <button
            type="button"
            aria-label={t('previousPage')}
            disabled={view.page === 0}
            onClick={() => callActions.setPage(view.page - 1)}
            className="rounded-full p-1.5 ring-1 ring-neutral-700 hover:bg-neutral-800 focus-visible:outline-2 focus-visible:outline-sky-400 disabled:opacity-40"
          >
            <ChevronLeft />
          </button>
          <span data-testid="page-indicator">{t('pageOf', { page: view.page + 1, pages: view.pages })}</span>
          <button
            type="button"
            aria-label={t('nextPage')}
            disabled={view.page >= view.pages - 1}
            onClick={() => callActions.setPage(view.page + 1)}
            className="rounded-full p-1.5 ring-1 ring-neutral-700 hover:bg-neutral-800 focus-visible:outline-2 focus-visible:outline-sky-400 disabled:opacity-40"
          >
            <ChevronRight />
          </button>
        </nav>
      )}
    </div>
  );
}
