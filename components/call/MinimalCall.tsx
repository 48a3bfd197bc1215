'use client';

import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { CallAbortedError, CallClient, type CallState } from '@/lib/client/CallClient';
import { exposeCallClient } from '@/lib/client/testHooks';
import { acquireLocalMedia, stopStream } from './localMedia';
import { StreamVideo, TrackAudio } from './MediaElements';
import { emptyRemoteState, participantsOf, remoteReducer, type Participant } from './remoteState';

type CallStatus = 'idle' | 'joining' | 'joined' | 'reconnecting' | 'room closed' | `error: ${string}`;

function statusOf(state: CallState): CallStatus | null {
  switch (state) {
    case 'idle':
    case 'left':
      return 'idle';
    case 'connecting':
    case 'joining':
      return 'joining';
    case 'joined':
      return 'joined';
    case 'reconnecting':
      return 'reconnecting';
    case 'closed':
      return 'room closed';
    case 'failed':
      return null; // the caller knows why; see join() and the warning handler
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

const TILE = 'relative aspect-video overflow-hidden rounded-xl bg-neutral-900 ring-1 ring-neutral-800';
const BUTTON =
  'rounded-full px-4 py-2 text-sm font-medium ring-1 ring-neutral-700 hover:bg-neutral-800 disabled:opacity-40 disabled:hover:bg-transparent aria-pressed:bg-red-600 aria-pressed:ring-red-600 aria-pressed:hover:bg-red-500';

export function MinimalCall({ meetingId, defaultName }: { meetingId: string; defaultName: string }) {
  const [name, setName] = useState(defaultName);
  const [inCall, setInCall] = useState(false);
  const [status, setStatus] = useState<CallStatus>('idle');
  const [localStream, setLocalStream] = useState<MediaStream | null>(null);
  const [mediaProblem, setMediaProblem] = useState<string | null>(null);
  const [warning, setWarning] = useState<string | null>(null);
  const [micOn, setMicOn] = useState(true);
  const [camOn, setCamOn] = useState(true);
  const [audioBlocked, setAudioBlocked] = useState(false);
  const [remote, dispatch] = useReducer(remoteReducer, emptyRemoteState);

  const clientRef = useRef<CallClient | null>(null);
  const streamRef = useRef<MediaStream | null>(null);
  /** Bumped by every teardown so a join still awaiting getUserMedia knows it was cancelled. */
  const attemptRef = useRef(0);

  const teardown = useCallback(async () => {
    attemptRef.current += 1;
    const client = clientRef.current;
    clientRef.current = null;
    exposeCallClient(null);
    setInCall(false);
    setLocalStream(null);
    dispatch({ type: 'reset' });
    setAudioBlocked(false);
    await client?.leave();
    stopStream(streamRef.current);
    streamRef.current = null;
  }, []);

  // Leaving the page leaves the call: closes transports, the socket and every listener.
  useEffect(() => {
    return () => {
      void teardown();
    };
  }, [teardown]);

  const onAudioBlocked = useCallback(() => setAudioBlocked(true), []);

  async function join() {
    if (clientRef.current) return;
    const attempt = ++attemptRef.current;
    setInCall(true);
    setStatus('joining');
    setWarning(null);
    setMediaProblem(null);

    const { stream, problem } = await acquireLocalMedia();
    if (attempt !== attemptRef.current) {
      stopStream(stream); // left (or unmounted) while the permission prompt was open
      return;
    }
    streamRef.current = stream;
    setLocalStream(stream);
    setMediaProblem(
      problem ? `${problem} You are in the meeting receive-only: others cannot see or hear you.` : null,
    );
    setMicOn((stream?.getAudioTracks().length ?? 0) > 0);
    setCamOn((stream?.getVideoTracks().length ?? 0) > 0);

    const client = new CallClient();
    clientRef.current = client;
    exposeCallClient(client);
    client.on('state', (state) => {
      const next = statusOf(state);
      if (next) setStatus(next);
      if (state === 'failed') setStatus('error: the call failed (connection to the server lost?)');
    });
    client.on('peerAdded', (peer) => dispatch({ type: 'peerAdded', peer }));
    client.on('peerRemoved', ({ peerId }) => dispatch({ type: 'peerRemoved', peerId }));
    client.on('trackAdded', (track) => dispatch({ type: 'trackAdded', track }));
    client.on('trackRemoved', ({ producerId }) => dispatch({ type: 'trackRemoved', producerId }));
    client.on('producerPaused', ({ producerId }) => dispatch({ type: 'paused', producerId, paused: true }));
    client.on('producerResumed', ({ producerId }) => dispatch({ type: 'paused', producerId, paused: false }));
    client.on('warning', ({ message }) => setWarning(message));

    try {
      await client.join({ callId: meetingId, userId: name.trim() || defaultName, stream });
    } catch (err) {
      if (err instanceof CallAbortedError || clientRef.current !== client) return;
      await teardown();
      setStatus(`error: ${messageOf(err)}`);
    }
  }

  async function toggleMic() {
    const next = !micOn;
    setMicOn(next);
    await clientRef.current?.setMicEnabled(next);
  }

  async function toggleCamera() {
    const next = !camOn;
    setCamOn(next);
    await clientRef.current?.setCameraEnabled(next);
  }

  async function rejoin() {
    const client = clientRef.current;
    if (!client) return;
    try {
      await client.rejoin();
    } catch (err) {
      if (!(err instanceof CallAbortedError)) setStatus(`error: ${messageOf(err)}`);
    }
  }

  function enableSound() {
    document.querySelectorAll<HTMLAudioElement>('audio[data-testid="remote-audio"]').forEach((el) => {
      void el.play().catch(() => undefined);
    });
    setAudioBlocked(false);
  }

  const participants = participantsOf(remote);
  const hasMic = (localStream?.getAudioTracks().length ?? 0) > 0;
  const hasCamera = (localStream?.getVideoTracks().length ?? 0) > 0;

  return (
    <main className="flex min-h-dvh flex-col gap-4 p-4 sm:p-6">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-lg font-semibold">
          Idea Communicator <span className="font-mono text-neutral-400">/ {meetingId}</span>
        </h1>
        <p data-testid="call-status" role="status" className="text-sm text-neutral-400">
          {status}
        </p>
      </header>

      {!inCall && (
        <form
          className="mx-auto mt-10 flex w-full max-w-md flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            void join();
          }}
        >
          <label htmlFor="display-name" className="text-sm text-neutral-400">
            Your name
          </label>
          <input
            id="display-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={64}
            autoComplete="nickname"
            className="rounded-lg border border-neutral-700 bg-neutral-900 px-3 py-2.5 focus:border-sky-500 focus:outline-none"
          />
          <button
            type="submit"
            className="rounded-lg bg-sky-600 px-5 py-2.5 font-medium text-white hover:bg-sky-500"
          >
            Join
          </button>
        </form>
      )}

      {inCall && (
        <>
          {mediaProblem && (
            <p
              role="alert"
              data-testid="media-problem"
              className="rounded-lg bg-amber-950 p-3 text-sm text-amber-200"
            >
              {mediaProblem}
            </p>
          )}
          {warning && (
            <p data-testid="call-warning" className="rounded-lg bg-neutral-900 p-3 text-sm text-neutral-300">
              {warning}
            </p>
          )}
          {status === 'room closed' && (
            <div
              role="alert"
              className="flex items-center gap-3 rounded-lg bg-red-950 p-3 text-sm text-red-200"
            >
              The meeting was closed by the server.
              <button type="button" onClick={() => void rejoin()} className={BUTTON}>
                Rejoin
              </button>
            </div>
          )}
          {audioBlocked && (
            <button type="button" onClick={enableSound} className={`${BUTTON} self-start`}>
              Click to enable sound
            </button>
          )}

          <section className="grid flex-1 auto-rows-min grid-cols-[repeat(auto-fill,minmax(min(100%,22rem),1fr))] gap-3">
            <div className={TILE}>
              <StreamVideo
                stream={localStream}
                mirrored
                data-testid="local-video"
                className="h-full w-full object-cover"
              />
              {(!hasCamera || !camOn) && (
                <Placeholder name={name} note={hasCamera ? 'camera off' : 'no camera'} />
              )}
              <Label name={`${name.trim() || defaultName} (you)`} muted={!hasMic || !micOn} />
            </div>
            {participants.map((p) => (
              <RemoteTile key={p.peerId} participant={p} />
            ))}
          </section>

          <div className="hidden">
            {participants.flatMap((p) =>
              p.audio.map((a) => (
                <TrackAudio key={a.producerId} track={a.track} peerId={p.peerId} onBlocked={onAudioBlocked} />
              )),
            )}
          </div>

          <nav aria-label="Call controls" className="flex flex-wrap justify-center gap-3">
            <button
              type="button"
              aria-pressed={!micOn}
              disabled={!hasMic}
              onClick={() => void toggleMic()}
              className={BUTTON}
            >
              {micOn ? 'Mute mic' : 'Unmute mic'}
            </button>
            <button
              type="button"
              aria-pressed={!camOn}
              disabled={!hasCamera}
              onClick={() => void toggleCamera()}
              className={BUTTON}
            >
              {camOn ? 'Stop camera' : 'Start camera'}
            </button>
            <button
              type="button"
              onClick={() => void teardown()}
              className="rounded-full bg-red-600 px-5 py-2 text-sm font-medium text-white hover:bg-red-500"
            >
              Leave
            </button>
          </nav>
        </>
      )}
    </main>
  );
}

function RemoteTile({ participant: p }: { participant: Participant }) {
  const showVideo = p.camera !== null && !p.camera.paused;
  const micMuted = p.audio.length === 0 || p.audio.every((a) => a.paused);
  return (
    <>
      <div className={TILE} data-testid="remote-tile" data-peer-id={p.peerId}>
        <StreamVideo
          track={p.camera?.track ?? null}
          data-testid="remote-video"
          data-peer-id={p.peerId}
          className="h-full w-full object-cover"
        />
        {!showVideo && <Placeholder name={p.userId} note={p.camera ? 'camera off' : null} />}
        <Label name={p.userId} muted={micMuted} />
      </div>
      {p.screen && (
        <div className={TILE}>
          <StreamVideo
            track={p.screen.track}
            data-testid="remote-screen"
            data-peer-id={p.peerId}
            className="h-full w-full bg-black object-contain"
          />
          <Label name={`${p.userId} (screen)`} muted={false} />
        </div>
      )}
    </>
  );
}

function Placeholder({ name, note }: { name: string; note: string | null }) {
  const initial = name.trim().charAt(0).toUpperCase() || '?';
  return (
    <div className="absolute inset-0 flex flex-col items-center justify-center gap-2 bg-neutral-900">
      <span className="flex size-16 items-center justify-center rounded-full bg-sky-800 text-2xl font-semibold">
        {initial}
      </span>
      {note && <span className="text-xs text-neutral-400">{note}</span>}
    </div>
  );
}

function Label({ name, muted }: { name: string; muted: boolean }) {
  return (
    <span className="absolute bottom-2 left-2 flex items-center gap-1.5 rounded-md bg-black/60 px-2 py-1 text-xs">
      {name}
      {muted && <span className="text-red-400">· muted</span>}
    </span>
  );
}
