'use client';

import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import type { CallController, CallStart } from '@/lib/call/CallController';
import { CallControllerProvider } from './CallContext';
import { PreJoin } from '@/components/prejoin/PreJoin';
import { EndedScreen } from './EndedScreen';
import type { CallEnd } from '@/lib/client/callTypes';
import { useErrorText } from '@/hooks/useErrorText';

type Stage = 'prejoin' | 'call' | 'left' | 'ended';

/** Token refusals that no retry from the pre-join screen can fix. */
const FINAL_REFUSALS = new Set(['REMOVED', 'MEETING_ENDED']);

// The call machinery and the call screen are not part of the page's first JavaScript: the pre-join
// screen shows first, then they load in the background (see preloadCall) while people get ready.
const loadCallRuntime = () => import('@/lib/call/callRuntime');
const loadVideoCall = () => import('./VideoCall');
const VideoCall = dynamic(() => loadVideoCall().then((m) => m.VideoCall), { ssr: false });
const DevicesPanel = dynamic(() => import('./DevicesPanel').then((m) => m.DevicesPanel), { ssr: false });

function preloadCall(): void {
  void Promise.all([loadCallRuntime(), loadVideoCall()]).catch(() => undefined);
}

/** Runs `work` once the browser is idle (the pre-join preview comes first); returns a cancel. */
function afterIdle(work: () => void): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const handle = window.requestIdleCallback(work, { timeout: 2_000 });
    return () => window.cancelIdleCallback(handle);
  }
  const timer = window.setTimeout(work, 200);
  return () => window.clearTimeout(timer);
}

/** A meeting link: pre-join (preview, devices, name) → the call → a "you left" screen. */
export function Meeting({
  meetingId,
  accountName = null,
  languageSwitcher,
}: {
  meetingId: string;
  accountName?: string | null;
  languageSwitcher?: ReactNode;
}) {
  const t = useTranslations('call');
  const errorText = useErrorText();
  const [stage, setStage] = useState<Stage>('prejoin');
  const [controller, setController] = useState<CallController | null>(null);
  const [joining, setJoining] = useState(false);
  const [joinError, setJoinError] = useState<string | null>(null);
  const [end, setEnd] = useState<CallEnd | null>(null);
  const current = useRef<CallController | null>(null);
  const unsubscribeEnd = useRef<(() => void) | null>(null);
  /** A controller prepared while the pre-join screen is shown; the click takes it over. */
  const prepared = useRef<CallController | null>(null);

  useEffect(() => afterIdle(preloadCall), []);

  // While the pre-join screen is open, connect and prepare the join without being seen, once the
  // call machinery has loaded; what fails here is tried again, and explained, on "Join now".
  useEffect(() => {
    if (stage !== 'prejoin') return;
    let ctrl: CallController | null = null;
    let cancelled = false;
    const cancelIdle = afterIdle(() => {
      loadCallRuntime()
        .then(async (runtime) => {
          if (cancelled) return;
          const token = await runtime.fetchMeetingToken(meetingId);
          if (cancelled) return;
          ctrl = new runtime.CallController(runtime.tokenProvider(meetingId, token));
          prepared.current = ctrl;
          void ctrl.prepare(meetingId);
        })
        .catch(() => undefined);
    });
    return () => {
      cancelled = true;
      cancelIdle();
      if (ctrl && prepared.current === ctrl) {
        prepared.current = null;
        void ctrl.leave();
      }
    };
  }, [meetingId, stage]);

  // Leaving the page leaves the call.
  useEffect(
    () => () => {
      unsubscribeEnd.current?.();
      void current.current?.leave();
    },
    [],
  );

  const joinErrorText = useCallback(
    (err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : null;
      return t('joinFailed', { message: code ? errorText(code, message) : message });
    },
    [errorText, t],
  );

  const join = useCallback(
    (choice: Omit<CallStart, 'meetingId'>) => {
      if (current.current) return;
      setJoining(true);
      setJoinError(null);
      loadCallRuntime()
        .then(async (runtime) => {
          // The call ended for good (removed, meeting ended, not admitted): show why, drop the call.
          unsubscribeEnd.current ??= runtime.useCallStore.subscribe((state, prev) => {
            if (!state.end || state.end === prev.end) return;
            setEnd(state.end);
            setStage('ended');
            const ctrl = current.current;
            current.current = null;
            setController(null);
            void ctrl?.leave();
          });
          try {
            const ready = prepared.current;
            prepared.current = null;
            const ctrl =
              ready ??
              new runtime.CallController(
                runtime.tokenProvider(meetingId, await runtime.fetchMeetingToken(meetingId)),
              );
            current.current = ctrl;
            setController(ctrl);
            setStage('call');
            return ctrl.start({ ...choice, meetingId }).catch((err: unknown) => {
              if (err instanceof runtime.CallAbortedError || current.current !== ctrl) return;
              current.current = null;
              void ctrl.leave();
              setController(null);
              setStage('prejoin');
              setJoinError(joinErrorText(err));
            });
          } catch (err) {
            if (err instanceof runtime.MeetingTokenRefused && FINAL_REFUSALS.has(err.code)) {
              choice.stream.getTracks().forEach((track) => track.stop());
              setEnd({ reason: 'refused', message: err.message, code: err.code });
              setStage('ended');
            } else {
              setJoinError(
                err instanceof runtime.MeetingTokenRefused
                  ? errorText(err.code, err.message)
                  : joinErrorText(err),
              );
            }
          }
        })
        .catch((err: unknown) => setJoinError(joinErrorText(err)))
        .finally(() => setJoining(false));
    },
    [errorText, joinErrorText, meetingId],
  );

  const leave = useCallback(() => {
    const ctrl = current.current;
    current.current = null;
    setStage('left');
    setController(null);
    void ctrl?.leave();
  }, []);

  if (stage === 'call' && controller) {
    return (
      <CallControllerProvider value={controller}>
        <VideoCall meetingId={meetingId} onLeave={leave} devicesPanel={<DevicesPanel />} />
      </CallControllerProvider>
    );
  }
  if (stage === 'ended' && end) return <EndedScreen end={end} />;
  if (stage === 'left') {
    return (
      <main className="flex min-h-dvh flex-col items-center justify-center gap-6 p-6 text-center">
        <h1 className="text-2xl font-semibold">{t('youLeft')}</h1>
        <div className="flex gap-3">
          <button
            type="button"
            onClick={() => setStage('prejoin')}
            className="rounded-full bg-sky-500 px-5 py-2.5 font-semibold text-neutral-950 hover:bg-sky-400 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white"
          >
            {t('rejoin')}
          </button>
          <Link
            href="/"
            className="rounded-full px-5 py-2.5 ring-1 ring-neutral-700 hover:bg-neutral-800 focus-visible:outline-2 focus-visible:outline-sky-400"
          >
            {t('backHome')}
          </Link>
        </div>
      </main>
    );
  }
  return (
    <PreJoin
      meetingId={meetingId}
      onJoin={join}
      joining={joining}
      error={joinError}
      accountName={accountName}
      languageSwitcher={languageSwitcher}
    />
  );
}
