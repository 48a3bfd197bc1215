'use client';

import Link from 'next/link';
import { useCallback, useEffect, useRef, useState } from 'react';
import { CallController, type CallStart } from '@/lib/call/CallController';
import { CallAbortedError } from '@/lib/client/CallClient';
import { CallControllerProvider } from './CallContext';
import { VideoCall } from './VideoCall';
import { PreJoin } from '@/components/prejoin/PreJoin';
import { DevicesPanel } from './DevicesPanel';
import { EndedScreen } from './EndedScreen';
import { fetchMeetingToken, MeetingTokenRefused, tokenProvider } from '@/lib/client/meetingTokens';
import type { CallEnd } from '@/lib/client/callTypes';
import { useCallStore } from '@/lib/store/callStore';

type Stage = 'prejoin' | 'call' | 'left' | 'ended';

/** Token refusals that no retry from the pre-join screen can fix. */
const FINAL_REFUSALS = new Set(['REMOVED', 'MEETING_ENDED']);

function joinErrorText(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return `Could not join the meeting: ${message}. Check your connection and try again.`;
}

/** A meeting link: pre-join (preview, devices, name) → the call → a "you left" screen. */
export function Meeting({
  meetingId,
  accountName = null,
}: {
  meetingId: string;
  accountName?: string | null;
}) {
  const [stage, setStage] = useState<Stage>('prejoin');
  const [controller, setController] = useState<CallController | null>(null);
  const [joining, setJoining] = useState(false);
  const [joinError, setJoinError] = useState<string | null>(null);
  const [end, setEnd] = useState<CallEnd | null>(null);
  const current = useRef<CallController | null>(null);
  /** A controller prepared while the pre-join screen is shown; the click takes it over. */
  const prepared = useRef<CallController | null>(null);

  // Leaving the page leaves the call.
  useEffect(() => () => void current.current?.leave(), []);

  // While the pre-join screen is open, connect and prepare the join without being seen; what
  // fails here is tried again, and explained, when "Join now" is clicked.
  useEffect(() => {
    if (stage !== 'prejoin') return;
    let ctrl: CallController | null = null;
    let cancelled = false;
    fetchMeetingToken(meetingId).then(
      (token) => {
        if (cancelled) return;
        ctrl = new CallController(tokenProvider(meetingId, token));
        prepared.current = ctrl;
        void ctrl.prepare(meetingId);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
      if (ctrl && prepared.current === ctrl) {
        prepared.current = null;
        void ctrl.leave();
      }
    };
  }, [meetingId, stage]);

  // The call ended for good (removed, meeting ended, not admitted): show why, drop the call.
  useEffect(
    () =>
      useCallStore.subscribe((state, prev) => {
        if (!state.end || state.end === prev.end) return;
        setEnd(state.end);
        setStage('ended');
        const ctrl = current.current;
        current.current = null;
        setController(null);
        void ctrl?.leave();
      }),
    [],
  );

  const join = useCallback(
    (choice: Omit<CallStart, 'meetingId'>) => {
      if (current.current) return;
      setJoining(true);
      setJoinError(null);
      const ready = prepared.current;
      prepared.current = null;
      const controller = ready
        ? Promise.resolve(ready)
        : fetchMeetingToken(meetingId).then((token) => new CallController(tokenProvider(meetingId, token)));
      controller
        .then((ctrl) => {
          current.current = ctrl;
          setController(ctrl);
          setStage('call');
          return ctrl.start({ ...choice, meetingId }).catch((err: unknown) => {
            if (err instanceof CallAbortedError || current.current !== ctrl) return;
            current.current = null;
            void ctrl.leave();
            setController(null);
            setStage('prejoin');
            setJoinError(joinErrorText(err));
          });
        })
        .catch((err: unknown) => {
          if (err instanceof MeetingTokenRefused && FINAL_REFUSALS.has(err.code)) {
            choice.stream.getTracks().forEach((t) => t.stop());
            setEnd({ reason: 'refused', message: err.message });
            setStage('ended');
          } else {
            setJoinError(err instanceof MeetingTokenRefused ? err.message : joinErrorText(err));
          }
        })
        .finally(() => setJoining(false));
    },
    [meetingId],
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
        <h1 className="text-2xl font-semibold">You left the meeting</h1>
        <div className="flex gap-3">
          <button
            type="button"
            onClick={() => setStage('prejoin')}
            className="rounded-full bg-sky-500 px-5 py-2.5 font-semibold text-neutral-950 hover:bg-sky-400 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white"
          >
            Rejoin
          </button>
          <Link
            href="/"
            className="rounded-full px-5 py-2.5 ring-1 ring-neutral-700 hover:bg-neutral-800 focus-visible:outline-2 focus-visible:outline-sky-400"
          >
            Back to home
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
    />
  );
}
