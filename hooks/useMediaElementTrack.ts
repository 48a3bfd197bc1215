'use client';

import { useEffect, useRef, type RefObject } from 'react';

/**
 * Plays `track` in the media element the returned ref is attached to (`<video>` or `<audio>`),
 * and detaches it when the track changes or the component unmounts. `onPlayError` hears a
 * refused play() (e.g. NotAllowedError: autoplay with sound needs a user gesture first).
 */
export function useMediaElementTrack<T extends HTMLMediaElement>(
  track: MediaStreamTrack | null,
  onPlayError?: (err: unknown) => void,
): RefObject<T | null> {
  const ref = useRef<T>(null);
  const onError = useRef(onPlayError);
  useEffect(() => {
    onError.current = onPlayError;
  }, [onPlayError]);

  useEffect(() => {
    const el = ref.current;
    if (!el || !track) return;
    el.srcObject = new MediaStream([track]);
    // autoPlay covers it; play() only speeds up the first frame and reports a refusal.
    el.play().catch((err: unknown) => onError.current?.(err));
    return () => {
      el.srcObject = null;
    };
  }, [track]);
  return ref;
}
