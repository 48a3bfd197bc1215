'use client';

import { useTranslations } from 'next-intl';
import { useMediaElementTrack } from '@/hooks/useMediaElementTrack';
import { useTrack } from '@/hooks/useTrack';
import { useCallStore } from '@/lib/store/callStore';
import { CamIcon, CamOffIcon, LeaveIcon, MicIcon, MicOffIcon } from '@/components/ui/icons';
import type { PipActions, PipSource } from '@/lib/call/pictureInPicture';

const BUTTON =
  'flex h-10 min-w-10 items-center justify-center rounded-full px-3 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-400';

/** What the call's picture-in-picture window shows: the chosen video and the call's basic controls. */
export function PipWindow({ source, actions }: { source: PipSource; actions: PipActions }) {
  const t = useTranslations('call');
  const track = useTrack(source.trackKey);
  const ref = useMediaElementTrack<HTMLVideoElement>(track);
  const micOn = useCallStore((s) => s.local.micOn);
  const cameraOn = useCallStore((s) => s.local.cameraOn);
  let label: string;
  if (source.name === null) label = source.screen ? t('pipYourScreen') : t('you');
  else label = source.screen ? t('pipScreenOf', { name: source.name }) : source.name;
  return (
    <main className="flex h-dvh flex-col bg-neutral-950 text-neutral-100" aria-label={t('pipWindowLabel')}>
      <div className="relative min-h-0 flex-1">
        {track ? (
          <video
            ref={ref}
            autoPlay
            playsInline
            muted
            aria-label={label}
            data-testid="pip-window-video"
            className="h-full w-full bg-black object-contain"
          />
        ) : (
          <p className="flex h-full items-center justify-center text-sm text-neutral-300">
            {t('pipNoVideo', { label })}
          </p>
        )}
        <span className="absolute bottom-1 left-2 rounded bg-black/70 px-1.5 text-xs">{label}</span>
      </div>
      <div role="toolbar" aria-label={t('callControls')} className="flex justify-center gap-2 p-2">
        <button
          type="button"
          aria-label={t('microphone')}
          aria-pressed={micOn}
          onClick={actions.toggleMic}
          className={`${BUTTON} ${micOn ? 'bg-neutral-800 hover:bg-neutral-700' : 'bg-red-700 hover:bg-red-600'}`}
        >
          {micOn ? <MicIcon /> : <MicOffIcon />}
        </button>
        <button
          type="button"
          aria-label={t('camera')}
          aria-pressed={cameraOn}
          onClick={actions.toggleCamera}
          className={`${BUTTON} ${cameraOn ? 'bg-neutral-800 hover:bg-neutral-700' : 'bg-red-700 hover:bg-red-600'}`}
        >
          {cameraOn ? <CamIcon /> : <CamOffIcon />}
        </button>
        <button
          type="button"
          aria-label={t('leaveCall')}
          onClick={actions.leave}
          className={`${BUTTON} bg-red-700 hover:bg-red-600`}
        >
          <LeaveIcon />
        </button>
      </div>
    </main>
  );
}
