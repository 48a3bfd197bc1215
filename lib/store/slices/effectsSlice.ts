/**
 * The media effects the person wants on their own tracks, and whether each one is running. The
 * processors and their timings live in the call controller, not here.
 */
import type { StoreAccess } from './sliceTypes';

export type EffectName = 'backgroundBlur' | 'noiseSuppression';

export interface EffectsState {
  /** What the person chose (remembered in the device prefs). */
  backgroundBlur: boolean;
  noiseSuppression: boolean;
  /** An effect being switched on or off (its toggle waits). */
  pending: EffectName[];
}

export interface EffectsSlice {
  effects: EffectsState;
}

export const initialEffects: EffectsSlice = {
  effects: { backgroundBlur: false, noiseSuppression: false, pending: [] },
};

export function effectsActions({ set, get }: StoreAccess) {
  return {
    setEffect(name: EffectName, on: boolean): void {
      set({ effects: { ...get().effects, [name]: on } });
    },
    setEffectPending(name: EffectName, pending: boolean): void {
      const effects = get().effects;
      const others = effects.pending.filter((n) => n !== name);
      set({ effects: { ...effects, pending: pending ? [...others, name] : others } });
    },
  };
}
