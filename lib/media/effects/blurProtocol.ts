/** Messages between the page and the background-blur worker (blur.worker.ts). */
export interface BlurStart {
  type: 'start';
  /** Camera frames in (from a MediaStreamTrackProcessor), processed frames out (to a generator). */
  frames: ReadableStream<VideoFrame>;
  sink: WritableStream<VideoFrame>;
  /** Where the segmentation files are served (effectAssets.ts). */
  assetBase: string;
}

export type BlurCommand = BlurStart | { type: 'stop' };

export type BlurReport =
  /** Segmentation works: the first mask was made. */
  | { type: 'ready' }
  | { type: 'error'; message: string }
  | { type: 'stats'; msPerFrame: number; fps: number; maskMs: number; maskFps: number };
