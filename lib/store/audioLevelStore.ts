/**
 * Audio levels, several reports a second: kept in their own store so a report re-renders
 * nothing by itself. Tiles read them with a transient subscription (see hooks/useSpeakingRing),
 * which updates the DOM directly.
 */
import { create } from 'zustand';

export interface AudioLevelState {
  /** dBov (-127 silent … 0 loud) of each peer in the last report; absent = silent. */
  volumes: Readonly<Record<string, number>>;
}

export const useAudioLevelStore = create<AudioLevelState>()(() => ({ volumes: {} }));

export const audioLevelActions = {
  /** Applies one report: listed peers get their volume, everyone else goes silent. */
  setLevels(levels: ReadonlyArray<{ peerId: string; volume: number }>): void {
    const before = useAudioLevelStore.getState().volumes;
    const next = Object.fromEntries(levels.map((l) => [l.peerId, l.volume]));
    const keys = Object.keys(next);
    const same = keys.length === Object.keys(before).length && keys.every((k) => before[k] === next[k]);
    if (!same) useAudioLevelStore.setState({ volumes: next });
  },
  reset(): void {
    useAudioLevelStore.setState({ volumes: {} }, true);
  },
};

/** The peer's volume, or null when silent. */
export function volumeOf(state: AudioLevelState, peerId: string | null): number | null {
  return peerId === null ? null : (state.volumes[peerId] ?? null);
}
