'use client';

import { useTranslations } from 'next-intl';
import { LOCAL_CAMERA } from '@/lib/call/trackRegistry';
import { useMediaElementTrack } from '@/hooks/useMediaElementTrack';
import { useTrack } from '@/hooks/useTrack';
import { useCallStore } from '@/lib/store/callStore';

/** Shown while a guest waits in the waiting room: their own preview and a way out. */
export function WaitingScreen({ meetingId, onLeave }: { meetingId: string; onLeave: () => void }) {
  const t = useTranslations('call');
  const camera = useTrack(LOCAL_CAMERA);
  const ref = useMediaElementTrack<HTMLVideoElement>(camera);
  const hostAway = useCallStore((s) => s.hostPresent === false);
  return (
    <main
      className="flex min-h-dvh flex-col items-center justify-center gap-6 p-6 text-center"
      data-testid="waiting-screen"
    >
      {camera && (
        <video
          ref={ref}
          autoPlay
          playsInline
          muted
          className="aspect-video w-full max-w-md -scale-x-100 rounded-xl bg-neutral-900 object-cover"
        />
      )}
      <div role="status" className="space-y-2">
        <h1 className="text-2xl font-semibold">{t('waitingTitle')}</h1>
        {hostAway ? (
          <p className="mx-auto max-w-md text-amber-200" data-testid="host-absent">
            {t('hostAbsent')}
          </p>
        ) : (
          <p className="mx-auto max-w-md text-neutral-400">
            {t.rich('waitingBody', {
              meetingId,
              code: (chunks) => <span className="font-mono">{chunks}</span>,
            })}
          </p>
        )}
      </div>
      <button
        type="button"
        onClick={onLeave}
        className="rounded-full px-5 py-2.5 ring-1 ring-neutral-700 hover:bg-neutral-800 focus-visible:outline-2 focus-visible:outline-sky-400"
      >
        {t('leaveWaitingRoom')}
      </button>
    </main>
  );
}
