'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import { useAudioLevelStore, volumeOf } from '@/lib/store/audioLevelStore';

/** -70 dBov (the server's floor) → empty … -10 dBov → full. */
function fillOf(volume: number | null): number {
  if (volume === null) return 0;
  return Math.min(1, Math.max(0, (volume + 70) / 60));
}

/**
 * Shown on a tile whose video the server holds back (large meeting, not a recent speaker): says
 * why, and draws the person's voice level so the tile is alive. The level is a transient
 * subscription that updates the bar directly (several reports a second, no re-render).
 */
export function SuspendedLevel({ peerId, compact }: { peerId: string; compact: boolean }) {
  const t = useTranslations('call');
  const bar = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const apply = (volume: number | null) => {
      if (bar.current) bar.current.style.transform = `scaleX(${fillOf(volume)})`;
    };
    apply(volumeOf(useAudioLevelStore.getState(), peerId));
    return useAudioLevelStore.subscribe((s) => apply(volumeOf(s, peerId)));
  }, [peerId]);
  return (
    <div
      data-testid="video-held"
      className="mt-2 flex w-3/4 max-w-32 flex-col items-center gap-1 text-xs text-neutral-300"
    >
      <span className={compact ? 'sr-only' : undefined}>{t('videoResumes')}</span>
      <span aria-hidden="true" className="h-1.5 w-full overflow-hidden rounded-full bg-neutral-700">
        <span
          ref={bar}
          data-testid="voice-level"
          className="block h-full w-full origin-left bg-emerald-400 transition-transform duration-150"
          style={{ transform: 'scaleX(0)' }}
        />
      </span>
    </div>
  );
}
