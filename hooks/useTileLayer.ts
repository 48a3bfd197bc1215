'use client';

import { useEffect, type RefObject } from 'react';
import { layerForSize } from '@/lib/media/layerForSize';

/**
 * Asks for the simulcast layer that fits the size `ref`'s video is drawn at, in device pixels:
 * a ResizeObserver follows resizes and layout changes; pinning asks for the top layer. `request`
 * is called with each new layer (repeats are filtered downstream); null `request`: nothing asked.
 */
export function useTileLayer(
  ref: RefObject<HTMLElement | null>,
  request: ((spatialLayer: number) => void) | null,
  pinned: boolean,
): void {
  useEffect(() => {
    const el = ref.current;
    if (!el || !request) return;
    let last = -1;
    const apply = (width: number, height: number) => {
      const layer = layerForSize({ width, height }, window.devicePixelRatio, pinned);
      if (layer === last) return;
      last = layer;
      request(layer);
    };
    const rect = el.getBoundingClientRect();
    apply(rect.width, rect.height);
    const observer = new ResizeObserver(([entry]) => {
      if (entry) apply(entry.contentRect.width, entry.contentRect.height);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, request, pinned]);
}
