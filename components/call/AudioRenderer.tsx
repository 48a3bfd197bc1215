'use client';

import { useTranslations } from 'next-intl';
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useMediaElementTrack } from '@/hooks/useMediaElementTrack';
import { useTrack } from '@/hooks/useTrack';
import { callActions, useCallStore, type CallStoreState } from '@/lib/store/callStore';

type SinkCapable = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };

/** Every remote audio track (voices and shared-screen audio), whatever page its tile is on. */
const selectAudioConsumers = (s: CallStoreState): string[] =>
  Object.values(s.participants).flatMap((p) =>
    Object.values(p.media)
      .filter((m) => m.kind === 'audio')
      .map((m) => m.consumerId),
  );

function onPlayError(err: unknown): void {
  if (err instanceof DOMException && err.name === 'NotAllowedError') callActions.setAudioBlocked(true);
}

function RemoteAudio({ consumerId, sinkId }: { consumerId: string; sinkId: string | null }) {
  const t = useTranslations('call');
  const track = useTrack(consumerId);
  const ref = useMediaElementTrack<SinkCapable>(track, onPlayError);
  useEffect(() => {
    const el = ref.current;
    if (!el?.setSinkId) return;
    el.setSinkId(sinkId ?? '').catch(() => {
      callActions.notify('warning', { text: t('speakerFailed') });
    });
  }, [ref, sinkId, t]);
  return <audio ref={ref} autoPlay data-remote-audio={consumerId} />;
}

/** Plays the call's audio through the chosen speaker; offers a button when autoplay is blocked. */
export function AudioRenderer() {
  const t = useTranslations('call');
  const consumers = useCallStore(useShallow(selectAudioConsumers));
  const sinkId = useCallStore((s) => s.local.devices.audioOutput);
  const blocked = useCallStore((s) => s.audioBlocked);

  const unblock = () => {
    const els = document.querySelectorAll<HTMLAudioElement>('audio[data-remote-audio]');
    Promise.all([...els].map((el) => el.play()))
      .then(() => callActions.setAudioBlocked(false))
      .catch(() => callActions.notify('error', { text: t('audioStillBlocked') }));
  };

  return (
    <>
      <div hidden>
        {consumers.map((id) => (
          <RemoteAudio key={id} consumerId={id} sinkId={sinkId} />
        ))}
      </div>
      {blocked && (
        <div className="absolute inset-x-0 top-16 z-30 flex justify-center px-4">
          <button
            type="button"
            onClick={unblock}
            className="rounded-full bg-sky-500 px-5 py-2.5 font-semibold text-neutral-950 shadow-lg hover:bg-sky-400 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white"
          >
            {t('enableAudio')}
          </button>
        </div>
      )}
    </>
  );
}
