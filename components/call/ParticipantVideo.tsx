'use client';

import { useTranslations } from 'next-intl';
import { memo, useCallback, useRef } from 'react';
import { useMediaElementTrack } from '@/hooks/useMediaElementTrack';
import { useSpeakingRing } from '@/hooks/useSpeakingRing';
import { useTrack } from '@/hooks/useTrack';
import { callActions } from '@/lib/store/callStore';
import { MicOffIcon, PinIcon } from '@/components/ui/icons';
import { useTileLayer } from '@/hooks/useTileLayer';
import { useTileView } from '@/hooks/useTileView';
import { useCallController } from './CallContext';
import { SuspendedLevel } from './SuspendedLevel';
import { TileOverlay } from './TileOverlay';
import { parseTileId } from '@/lib/store/tiles';

const CONNECTION_KEY = {
  lost: 'connectionLost',
  connecting: 'restoringMedia',
  poor: 'weakConnection',
} as const;

function initials(name: string): string {
  const words = name
    .replace(/\(.*\)/, '')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  const letters = words.length > 1 ? [words[0]?.[0], words.at(-1)?.[0]] : [words[0]?.[0], words[0]?.[1]];
  return letters.filter(Boolean).join('').toUpperCase() || '?';
}

/** Hue from the name, so each person keeps the same avatar colour. */
function hueOf(name: string): number {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) % 360;
  return h;
}

function TileVideo({
  trackKey,
  mirrored,
  contain,
  remote,
  pinned,
}: {
  trackKey: string;
  mirrored: boolean;
  contain: boolean;
  /** A received video (its key is the consumer id): ask for the layer that fits the tile. */
  remote: boolean;
  pinned: boolean;
}) {
  const track = useTrack(trackKey);
  const ref = useMediaElementTrack<HTMLVideoElement>(track);
  const controller = useCallController();
  const request = useCallback(
    (layer: number) => controller.setPreferredLayer(trackKey, layer),
    [controller, trackKey],
  );
  useTileLayer(ref, remote ? request : null, pinned);
  return (
    <video
      ref={ref}
      autoPlay
      playsInline
      muted
      data-testid="tile-video"
      className={`absolute inset-0 h-full w-full ${contain ? 'object-contain' : 'object-cover'} ${
        mirrored ? '-scale-x-100' : ''
      }`}
    />
  );
}

/** One person (or one shared screen) in the call: video or avatar, name, mic state, speaking ring. */
export const ParticipantVideo = memo(function ParticipantVideo({
  tileId,
  compact = false,
}: {
  tileId: string;
  compact?: boolean;
}) {
  const t = useTranslations('call');
  const v = useTileView(tileId);
  const figure = useRef<HTMLElement>(null);
  // Louder voices draw a thicker ring; drawn outside React (levels change several times a second).
  useSpeakingRing(figure, v.exists && !v.isScreen && !v.micMuted ? v.peerId : null);
  if (!v.exists) return null;
  const showVideo = v.videoKey !== null && !v.videoOff && !v.suspended;
  const label = [
    v.name,
    v.isScreen ? null : v.micMuted ? t('tileMicOff') : t('tileMicOn'),
    v.suspended ? t('tileVideoHeld') : v.isScreen || showVideo ? null : t('tileCameraOff'),
    v.activeSpeaker ? t('tileSpeaking') : null,
  ]
    .filter(Boolean)
    .join(', ');

  return (
    <figure
      ref={figure}
      data-testid="participant-tile"
      data-tile-id={tileId}
      data-peer-id={v.peerId ?? undefined}
      data-self={v.isSelf || undefined}
      data-screen={v.isScreen || undefined}
      data-video={showVideo ? 'on' : 'off'}
      data-mic={v.micMuted ? 'muted' : 'on'}
      data-connection={v.connection}
      data-video-score={v.videoScore ?? undefined}
      data-reconnecting={v.reconnecting || undefined}
      data-suspended={v.suspended || undefined}
      aria-label={label}
      className={`group relative h-full w-full overflow-hidden rounded-xl bg-neutral-900 transition-shadow ${
        v.activeSpeaker ? 'ring-2 ring-sky-400' : 'ring-1 ring-neutral-800'
      }`}
    >
      {showVideo && v.videoKey ? (
        <TileVideo
          trackKey={v.videoKey}
          mirrored={v.isSelf && !v.isScreen}
          contain={v.isScreen}
          remote={!v.isSelf}
          pinned={v.pinned}
        />
      ) : (
        <div className="absolute inset-0 flex flex-col items-center justify-center">
          <div
            aria-hidden="true"
            className={`flex items-center justify-center rounded-full font-semibold text-white ${
              compact ? 'h-10 w-10 text-sm' : 'h-16 w-16 text-xl sm:h-24 sm:w-24 sm:text-3xl'
            }`}
            style={{ backgroundColor: `hsl(${hueOf(v.name)} 45% 38%)` }}
          >
            {initials(v.name)}
          </div>
          {v.suspended && v.peerId && <SuspendedLevel peerId={v.peerId} compact={compact} />}
        </div>
      )}

      {!v.isScreen && <TileOverlay owner={parseTileId(tileId)?.owner ?? ''} />}

      <figcaption className="absolute inset-x-0 bottom-0 flex items-center gap-1.5 bg-gradient-to-t from-black/70 to-transparent px-2 pb-1.5 pt-4 text-xs sm:text-sm">
        {!v.isScreen && v.micMuted && (
          <span title={t('microphoneOff')} data-testid="mic-muted" className="rounded bg-red-700/90 p-0.5">
            <MicOffIcon className="h-3.5 w-3.5" />
          </span>
        )}
        <span className="truncate font-medium drop-shadow">{v.name}</span>
        {v.reconnecting ? (
          <span
            data-testid="peer-reconnecting"
            title={t('peerReconnectingTitle')}
            className="ml-auto shrink-0 rounded bg-amber-600/90 px-1.5 text-xs"
          >
            {t('peerReconnecting')}
          </span>
        ) : (
          v.connection !== 'ok' && (
            <span role="status" className="ml-auto shrink-0 rounded bg-amber-600/90 px-1.5 text-xs">
              {t(CONNECTION_KEY[v.connection])}
            </span>
          )
        )}
      </figcaption>

      {!compact && (
        <button
          type="button"
          onClick={() => callActions.pin(tileId)}
          aria-pressed={v.pinned}
          aria-label={v.pinned ? t('unpinNamed', { name: v.name }) : t('pinNamed', { name: v.name })}
          className={`absolute right-2 top-2 rounded-full bg-black/60 p-1.5 opacity-0 transition-opacity focus-visible:opacity-100 focus-visible:outline-2 focus-visible:outline-sky-400 group-hover:opacity-100 ${
            v.pinned ? 'opacity-100 text-sky-300' : ''
          }`}
        >
          <PinIcon className="h-4 w-4" />
        </button>
      )}
    </figure>
  );
});
