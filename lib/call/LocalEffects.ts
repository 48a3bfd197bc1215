/**
 * The media effects of the call's own tracks: background blur on the camera, noise suppression on
 * the microphone. CallController hands every raw track it opens through `output()` and sends (and
 * shows) what comes back. A failing effect is reported and switched off; the raw track is used.
 */
import { startBackgroundBlur } from '@/lib/media/effects/backgroundBlur';
import { EffectSlot } from '@/lib/media/effects/EffectSlot';
import { startNoiseSuppression } from '@/lib/media/effects/noiseSuppression';
import type { ProcessingStats } from '@/lib/media/effects/TrackProcessor';
import { callActions, notice, useCallStore, type EffectName, type NoticeKey } from '@/lib/store/callStore';

type LocalKind = 'audio' | 'video';

export type EffectStats = Record<EffectName, ProcessingStats | null>;

const EFFECT_OF: Record<LocalKind, EffectName> = { audio: 'noiseSuppression', video: 'backgroundBlur' };
/** What is said when an effect fails and the raw track is sent instead. */
const FAILED: Record<EffectName, NoticeKey> = {
  backgroundBlur: 'blurFailed',
  noiseSuppression: 'noiseSuppressionFailed',
};

export class LocalEffects {
  readonly #slots: Record<LocalKind, EffectSlot> = {
    audio: new EffectSlot(startNoiseSuppression),
    video: new EffectSlot(startBackgroundBlur),
  };

  /**
   * The track to send for the raw `track` of `kind`: processed when its effect is on (in the
   * store), else `track` itself. Null when there is nothing to send, or when a later call for the
   * same kind replaced this one.
   */
  async output(kind: LocalKind, track: MediaStreamTrack | null): Promise<MediaStreamTrack | null> {
    const name = EFFECT_OF[kind];
    const wanted = useCallStore.getState().effects[name];
    callActions.setEffectPending(name, wanted && track !== null);
    const outcome = await this.#slots[kind].outputFor(track, wanted);
    if (outcome.superseded) return null;
    callActions.setEffectPending(name, false);
    if (outcome.error) {
      callActions.setEffect(name, false);
      callActions.notify('error', notice(FAILED[name], { detail: outcome.error.message }));
    }
    return outcome.track;
  }

  /** The effects' own timing, for the statistics panel. */
  stats(): EffectStats {
    return { backgroundBlur: this.#slots.video.stats(), noiseSuppression: this.#slots.audio.stats() };
  }

  stop(): void {
    this.#slots.audio.stop();
    this.#slots.video.stop();
  }
}
