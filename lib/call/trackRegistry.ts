/**
 * MediaStreamTracks of the call, outside reactive state: the store holds ids, components look the
 * track up here by key (a remote consumer id, or `local:camera` / `local:screen`) and re-render
 * through `useTrack` (hooks/) when that key's track changes.
 */
type Listener = () => void;

const tracks = new Map<string, MediaStreamTrack>();
const listeners = new Map<string, Set<Listener>>();

export const LOCAL_CAMERA = 'local:camera';
export const LOCAL_MIC = 'local:microphone';
export const LOCAL_SCREEN = 'local:screen';

function notify(key: string): void {
  for (const listener of [...(listeners.get(key) ?? [])]) listener();
}

export const trackRegistry = {
  get(key: string): MediaStreamTrack | null {
    return tracks.get(key) ?? null;
  },
  set(key: string, track: MediaStreamTrack | null): void {
    if ((tracks.get(key) ?? null) === track) return;
    if (track) tracks.set(key, track);
    else tracks.delete(key);
    notify(key);
  },
  clear(): void {
    const keys = [...tracks.keys()];
    tracks.clear();
    keys.forEach(notify);
  },
  subscribe(key: string, listener: Listener): () => void {
    const set = listeners.get(key) ?? new Set<Listener>();
    set.add(listener);
    listeners.set(key, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) listeners.delete(key);
    };
  },
};
