'use client';

import { useEffect, useRef, useState } from 'react';
import { EffectSlot, type StartEffect } from '@/lib/media/effects/EffectSlot';

interface Started {
  raw: MediaStreamTrack;
  track: MediaStreamTrack | null;
}

/**
 * A media effect on a preview track (pre-join): the processed track while `on`, the raw one while
 * off. While the effect starts, `track` is null (nothing unprocessed is shown). If it cannot
 * start, `onError` is told why and the raw track is shown. The processing stops on unmount; the
 * raw track is left to its owner.
 */
export function useEffectTrack(
  raw: MediaStreamTrack | null,
  start: StartEffect,
  on: boolean,
  onError: (message: string) => void,
) {
  const [slot] = useState(() => new EffectSlot(start));
  const [started, setStarted] = useState<Started | null>(null);
  const onErrorRef = useRef(onError);
  useEffect(() => {
    onErrorRef.current = onError;
  }, [onError]);

  useEffect(() => {
    if (!raw || !on) {
      void slot.outputFor(raw, false);
      return;
    }
    let live = true;
    void slot.outputFor(raw, true).then((outcome) => {
      if (!live || outcome.superseded) return;
      setStarted({ raw, track: outcome.track });
      if (outcome.error) onErrorRef.current(outcome.error.message);
    });
    return () => {
      live = false;
    };
  }, [raw, on, slot]);

  useEffect(() => () => slot.stop(), [slot]);

  const ready = raw !== null && on && started?.raw === raw ? started : null;
  return {
    track: raw === null || !on ? raw : (ready?.track ?? null),
    pending: raw !== null && on && ready === null,
  };
}
