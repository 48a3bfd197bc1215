'use client';

import { useSyncExternalStore } from 'react';
import { trackRegistry } from '@/lib/call/trackRegistry';

/** The track registered under `key` (null when none), kept current. */
export function useTrack(key: string | null): MediaStreamTrack | null {
  return useSyncExternalStore(
    (listener) => (key ? trackRegistry.subscribe(key, listener) : () => undefined),
    () => (key ? trackRegistry.get(key) : null),
    () => null,
  );
}
