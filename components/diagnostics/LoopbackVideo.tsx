'use client';

import { useTranslations } from 'next-intl';
import { useMediaElementTrack } from '@/hooks/useMediaElementTrack';

/** The test video as it comes back from the server while a path is tested; a placeholder between. */
export function LoopbackVideo({ track, className }: { track: MediaStreamTrack | null; className?: string }) {
  const t = useTranslations('diagnostics');
  return (
    <figure className={`flex flex-col gap-1.5 ${className ?? ''}`}>
      <div className="aspect-video w-full overflow-hidden rounded-xl bg-neutral-900 ring-1 ring-neutral-800">
        {track ? (
          <TrackVideo track={track} />
        ) : (
          <div className="flex h-full items-center justify-center text-xs text-neutral-400">
            {t('loopbackPlaceholder')}
          </div>
        )}
      </div>
      <figcaption className="text-xs text-neutral-400">{t('loopbackCaption')}</figcaption>
    </figure>
  );
}

function TrackVideo({ track }: { track: MediaStreamTrack }) {
  const ref = useMediaElementTrack<HTMLVideoElement>(track);
  return (
    <video
      ref={ref}
      data-testid="loopback-video"
      autoPlay
      muted
      playsInline
      className="h-full w-full object-cover"
    />
  );
}
