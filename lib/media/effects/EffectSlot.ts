/**
 * One effect on one kind of local track (blur on the camera, noise suppression on the
 * microphone): given the raw track and whether the effect is wanted, it yields the track to show
 * and send, the processed one or the raw one. Only the latest request counts; a processor that is
 * no longer needed is stopped. The raw tracks belong to the caller and are never stopped here.
 */
import type { ProcessingStats, TrackProcessor } from './TrackProcessor';

export type StartEffect = (raw: MediaStreamTrack) => Promise<TrackProcessor>;

export type EffectOutcome =
  /** The track to use: processed, or the raw one (effect off, or it failed: see `error`). */
  | { superseded: false; track: MediaStreamTrack | null; processed: boolean; error: Error | null }
  /** A later request replaced this one: ignore the outcome. */
  | { superseded: true };

export class EffectSlot {
  readonly #start: StartEffect;
  #processor: TrackProcessor | null = null;
  #input: MediaStreamTrack | null = null;
  #sequence = 0;

  constructor(start: StartEffect) {
    this.#start = start;
  }

  /** Whether the current output is processed. */
  get active(): boolean {
    return this.#processor !== null;
  }

  stats(): ProcessingStats | null {
    return this.#processor?.stats() ?? null;
  }

  async outputFor(raw: MediaStreamTrack | null, on: boolean): Promise<EffectOutcome> {
    const mine = ++this.#sequence;
    if (raw && on && this.#processor && this.#input === raw) {
      return { superseded: false, track: this.#processor.output, processed: true, error: null };
    }
    if (!raw || !on) {
      this.#replace(null, raw);
      return { superseded: false, track: raw, processed: false, error: null };
    }
    try {
      const processor = await this.#start(raw);
      if (mine !== this.#sequence) {
        processor.stop();
        return { superseded: true };
      }
      this.#replace(processor, raw);
      return { superseded: false, track: processor.output, processed: true, error: null };
    } catch (err) {
      if (mine !== this.#sequence) return { superseded: true };
      this.#replace(null, raw);
      const error = err instanceof Error ? err : new Error(String(err));
      return { superseded: false, track: raw, processed: false, error };
    }
  }

  /** Stops any processing (leaving the call, unmounting the preview). */
  stop(): void {
    this.#sequence += 1;
    this.#replace(null, null);
  }

  #replace(processor: TrackProcessor | null, input: MediaStreamTrack | null): void {
    const previous = this.#processor;
    this.#processor = processor;
    this.#input = input;
    if (previous && previous !== processor) previous.stop();
  }
}
