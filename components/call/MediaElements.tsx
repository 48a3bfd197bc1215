'use client';

import { useEffect, useRef } from 'react';

/** A muted, auto-playing `<video>` showing a stream (local preview) or a single remote track. */
export function StreamVideo({
  stream,
  track,
  mirrored = false,
  className,
  ...data
}: {
  stream?: MediaStream | null;
  track?: MediaStreamTrack | null;
  mirrored?: boolean;
  className?: string;
  'data-testid'?: string;
  'data-peer-id'?: string;
}) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.srcObject = stream ?? (track ? new MediaStream([track]) : null);
    return () => {
      el.srcObject = null;
    };
  }, [stream, track]);
  return (
    <video
      ref={ref}
      autoPlay
      playsInline
      muted
      className={`${className ?? ''} ${mirrored ? '-scale-x-100' : ''}`}
      {...data}
    />
  );
}

/** Plays one remote audio track. Reports when the browser's autoplay policy blocks it. */
export function TrackAudio({
  track,
  peerId,
  onBlocked,
}: {
  track: MediaStreamTrack;
  peerId: string;
  onBlocked: () => void;
}) {
  const ref = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.srcObject = new MediaStream([track]);
    el.play().catch((err: unknown) => {
      if (err instanceof DOMException && err.name === 'NotAllowedError') onBlocked();
    });
    return () => {
      el.srcObject = null;
    };
  }, [track, onBlocked]);
  return <audio ref={ref} autoPlay data-testid="remote-audio" data-peer-id={peerId} />;
}
