/**
 * Messages of background blur. Two workers: the compositing worker (blur.worker.ts) runs the frame
 * loop; the segmentation worker (segmentation.worker.ts) makes person masks. They talk over a
 * MessagePort of their own, so a slow segmenter never holds up the frames.
 */
export interface BlurStart {
  type: 'start';
  /** Camera frames in (from a MediaStreamTrackProcessor), processed frames out (to a generator). */
  frames: ReadableStream<VideoFrame>;
  sink: WritableStream<VideoFrame>;
  /** The port to the segmentation worker. */
  masks: MessagePort;
}

export type BlurCommand = BlurStart | { type: 'stop' };

/** What the compositing worker tells the page. */
export type BlurReport =
  /** Segmentation works: the first mask was made. */
  | { type: 'ready' }
  | { type: 'error'; message: string }
  | { type: 'stats'; msPerFrame: number; fps: number; maskMs: number; maskFps: number };

/** Page → segmentation worker. */
export interface SegmenterStart {
  type: 'start';
  /** Where the segmentation files are served (effectAssets.ts). */
  assetBase: string;
  /** The port to the compositing worker. */
  port: MessagePort;
}

/** Compositing worker → segmentation worker: a small copy of a frame to find the person in. */
export interface MaskRequest {
  image: ImageBitmap;
}

/** Segmentation worker → compositing worker. */
export type MaskReply = { type: 'mask'; mask: ImageBitmap; ms: number } | { type: 'error'; message: string };
