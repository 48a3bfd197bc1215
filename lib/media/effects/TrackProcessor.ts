/** What every media effect gives back: the processed track and a way to stop it. */
export interface ProcessingStats {
  /** Average processing time per video frame or audio block over the last second, ms. */
  msPerFrame: number;
  /** Processed frames per second put out. */
  fps: number;
  /** Segmentation (blur) only: average ms per mask and masks per second. */
  maskMs?: number;
  maskFps?: number;
}

export interface TrackProcessor {
  /** The processed track to send and show instead of the raw one. */
  readonly output: MediaStreamTrack;
  /** The processor's own timing, null until it has measured something. */
  stats(): ProcessingStats | null;
  /** Stops the processing and the output track; the raw input track is left to its owner. */
  stop(): void;
}

/** An effect could not start: `message` says why, for the person (the raw track is used instead). */
export class EffectError extends Error {
  override readonly name = 'EffectError';
}

/** Rejects with an EffectError if `promise` does not settle within `ms`. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new EffectError(`${what} took too long to start`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new EffectError(String(err)));
      },
    );
  });
}
