/**
 * Background blur: camera frames go to a worker (blur.worker.ts) through insertable streams
 * (MediaStreamTrackProcessor → worker → MediaStreamTrackGenerator) and come back as a new track.
 * Person masks come from a second worker (segmentation.worker.ts). Nothing runs on the main
 * thread but the set-up. Browser-only.
 */
import type { BlurCommand, BlurReport, SegmenterStart } from './blurProtocol';
import { EFFECT_ASSET_BASE } from './effectAssets';
import { EffectError, within, type ProcessingStats, type TrackProcessor } from './TrackProcessor';

/** Segmentation loads a 6 MB wasm and compiles shaders; slow machines need a while. */
const START_TIMEOUT_MS = 60_000;

/** Chromium's insertable streams for video tracks (not in TypeScript's DOM types yet). */
interface InsertableStreams {
  MediaStreamTrackProcessor: new (init: { track: MediaStreamTrack }) => {
    readable: ReadableStream<VideoFrame>;
  };
  MediaStreamTrackGenerator: new (init: { kind: 'video' }) => MediaStreamTrack & {
    writable: WritableStream<VideoFrame>;
  };
}

function insertableStreams(): InsertableStreams | null {
  const g = globalThis as Partial<InsertableStreams>;
  return g.MediaStreamTrackProcessor && g.MediaStreamTrackGenerator && typeof Worker !== 'undefined'
    ? (g as InsertableStreams)
    : null;
}

export function backgroundBlurSupported(): boolean {
  return insertableStreams() !== null;
}

export async function startBackgroundBlur(raw: MediaStreamTrack): Promise<TrackProcessor> {
  const api = insertableStreams();
  if (!api) throw new EffectError('this browser cannot process camera video (try Chrome or Edge)');
  // A clone of its own: ending the processing (the worker cancels its stream) never touches the
  // caller's camera track, which may still be shown or sent raw.
  const input = raw.clone();
  const processor = new api.MediaStreamTrackProcessor({ track: input });
  const generator = new api.MediaStreamTrackGenerator({ kind: 'video' });
  const worker = new Worker(new URL('./blur.worker.ts', import.meta.url), { name: 'background-blur' });
  const segmenter = new Worker(new URL('./segmentation.worker.ts', import.meta.url), {
    name: 'background-segmentation',
  });
  const channel = new MessageChannel();
  let latest: ProcessingStats | null = null;
  const ready = new Promise<void>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<BlurReport>) => {
      const message = e.data;
      if (message.type === 'ready') resolve();
      else if (message.type === 'error')
        reject(new EffectError(`background blur failed: ${message.message}`));
      else
        latest = {
          msPerFrame: message.msPerFrame,
          fps: message.fps,
          maskMs: message.maskMs,
          maskFps: message.maskFps,
        };
    };
    worker.onerror = (e) => reject(new EffectError(`background blur failed: ${e.message}`));
    segmenter.onerror = (e) => reject(new EffectError(`background segmentation failed: ${e.message}`));
  });
  const stop = () => {
    worker.postMessage({ type: 'stop' } satisfies BlurCommand);
    generator.stop();
    input.stop();
    // Give the worker a moment to close its streams and the segmenter, then end it for good.
    setTimeout(() => {
      worker.terminate();
      segmenter.terminate();
    }, 1000);
  };
  const start: BlurCommand = {
    type: 'start',
    frames: processor.readable,
    sink: generator.writable,
    masks: channel.port1,
  };
  const segmenterStart: SegmenterStart = {
    type: 'start',
    assetBase: new URL(EFFECT_ASSET_BASE, location.href).href,
    port: channel.port2,
  };
  segmenter.postMessage(segmenterStart, [channel.port2]);
  worker.postMessage(start, [processor.readable, generator.writable, channel.port1]);
  try {
    await within(ready, START_TIMEOUT_MS, 'Background blur');
  } catch (err) {
    stop();
    throw err;
  }
  return { output: generator, stats: () => latest, stop };
}
