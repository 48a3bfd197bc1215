'use client';

import { useMediaElementTrack } from '@/hooks/useMediaElementTrack';

/** A muted, mirrored (like a mirror, as people expect to see themselves) preview of a camera track. */
export function PreviewVideo({ track, className }: { track: MediaStreamTrack; className?: string }) {
  const ref = useMediaElementTrack<HTMLVideoElement>(track);
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
