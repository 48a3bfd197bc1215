'use client';

import { useEffect, type RefObject } from 'react';
import { useAudioLevelStore, volumeOf } from '@/lib/store/audioLevelStore';

/** Louder than this (dBov) counts as speaking. */
export const SPEAKING_DBOV = -55;

/** Ring width for a volume: -55 dBov → 2px … -10 dBov → 5px; 0 when not speaking. */
export function ringWidth(volume: number | null): number {
  if (volume === null || volume <= SPEAKING_DBOV) return 0;
  return Math.round(2 + Math.min(3, Math.max(0, (volume - SPEAKING_DBOV) / 15)));
}

/**
 * Draws a speaking ring around `ref`'s element from the audio-level store, by a transient
 * subscription: the levels change several times a second, so the DOM is updated directly and
 * the component never re-renders for them. `peerId` null (or a muted mic) shows no ring.
 */
export function useSpeakingRing(ref: RefObject<HTMLElement | null>, peerId: string | null): void {
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let shown = -1;
    const apply = (volume: number | null) => {
      const px = ringWidth(volume);
      if (px === shown) return;
      shown = px;
      if (px > 0) {
        el.dataset.speaking = 'true';
        el.style.boxShadow = `0 0 0 ${px}px rgb(56 189 248 / 0.85)`;
      } else {
        delete el.dataset.speaking;
        el.style.boxShadow = '';
      }
    };
    apply(volumeOf(useAudioLevelStore.getState(), peerId));
    if (peerId === null) return;
    const unsubscribe = useAudioLevelStore.subscribe((s) => apply(volumeOf(s, peerId)));
    return () => {
      unsubscribe();
      apply(null);
    };
  }, [ref, peerId]);
}
