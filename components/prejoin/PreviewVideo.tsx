'use client';

import { useEffect, useRef } from 'react';

/** A muted, mirrored (like a mirror, as people expect to see themselves) preview of a camera track. */
export function PreviewVideo({ track, className }: { track: MediaStreamTrack; className?: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.srcObject = new MediaStream([track]);
    el.play().catch(() => undefined); // autoPlay covers it; play() only speeds up the first frame
    return () => {
      el.srcObject = null;
    };
  }, [track]);
  return (
    <video
      ref={ref}
      data-testid="preview-video"
      autoPlay
      muted
      playsInline
      className={`-scale-x-100 ${className ?? ''}`}
    />
  );
}
