/**
 * The background-blur worker: reads camera frames, asks MediaPipe selfie segmentation for a person
 * mask and writes blurred-background frames, all off the page's main thread.
 *
 * Segmentation runs beside the frame loop: every frame is composited with the latest mask, and a
 * new mask is requested whenever the previous one is done, so a slow segmenter lowers the mask
 * rate, not the video's frame rate.
 */
import { BlurCompositor } from './blurCompositor';
import type { BlurCommand, BlurReport, BlurStart } from './blurProtocol';

interface SegmentationResults {
  segmentationMask: CanvasImageSource & { width: number; height: number };
}
interface SelfieSegmentation {
  setOptions(options: { modelSelection?: number; selfieMode?: boolean }): void;
  onResults(listener: (results: SegmentationResults) => void): void;
  initialize(): Promise<void>;
  send(input: { image: ImageBitmap }): Promise<void>;
  close(): Promise<void>;
}
interface WorkerScope {
  onmessage: ((e: MessageEvent<BlurCommand>) => void) | null;
  postMessage(message: BlurReport): void;
  importScripts(...urls: string[]): void;
  SelfieSegmentation?: new (config: { locateFile: (file: string) => string }) => SelfieSegmentation;
  window?: unknown;
  document?: unknown;
}

const scope = self as unknown as WorkerScope;
/** The segmentation model's own input size (the landscape model): smaller frames cost less. */
const MASK_WIDTH = 256;
const MASK_HEIGHT = 144;

/**
 * MediaPipe's legacy solution has a worker mode, but it importScripts() its model files as if they
 * were scripts (and never loads them as data), so it cannot start there. Its page mode works in a
 * worker given the little of `window`/`document` it touches: script tags (loaded here with
 * importScripts), a canvas for WebGL (an OffscreenCanvas) and no-op listeners.
 */
function installDocumentShim(): void {
  interface ScriptTag {
    src: string;
    setAttribute(name: string, value: string): void;
    addEventListener(type: string, listener: () => void): void;
    fire(type: string): void;
  }
  const scriptTag = (): ScriptTag => {
    const listeners = new Map<string, () => void>();
    return {
      src: '',
      setAttribute(name, value) {
        if (name === 'src') this.src = value;
      },
      addEventListener(type, listener) {
        listeners.set(type, listener);
      },
      fire(type) {
        listeners.get(type)?.();
      },
    };
  };
  scope.window = scope;
  scope.document = {
    addEventListener() {},
    removeEventListener() {},
    createElement(tag: string) {
      return tag === 'canvas' ? new OffscreenCanvas(1, 1) : scriptTag();
    },
    body: {
      appendChild(tag: ScriptTag) {
        try {
          scope.importScripts(tag.src);
          tag.fire('load');
        } catch (err) {
          report({ type: 'error', message: `could not load ${tag.src}: ${String(err)}` });
          tag.fire('error');
        }
      },
    },
  };
}

function report(message: BlurReport): void {
  scope.postMessage(message);
}

let stopped = false;

async function run({ frames, sink, assetBase }: BlurStart): Promise<void> {
  installDocumentShim();
  scope.importScripts(`${assetBase}/selfie_segmentation.js`);
  const Segmentation = scope.SelfieSegmentation;
  if (!Segmentation) throw new Error('the segmentation script did not load');
  const segmenter = new Segmentation({ locateFile: (file) => `${assetBase}/${file}` });
  segmenter.setOptions({ modelSelection: 1, selfieMode: false });
  const compositor = new BlurCompositor();
  let ready = false;
  segmenter.onResults(({ segmentationMask }) => {
    compositor.setMask(segmentationMask, segmentationMask.width, segmentationMask.height);
    if (!ready) report({ type: 'ready' });
    ready = true;
  });
  await segmenter.initialize();

  const timing = { since: performance.now(), frames: 0, frameMs: 0, masks: 0, maskMs: 0 };
  let segmenting = false;
  const segment = async (image: ImageBitmap) => {
    const started = performance.now();
    try {
      await segmenter.send({ image });
      timing.masks += 1;
      timing.maskMs += performance.now() - started;
    } finally {
      image.close();
      segmenting = false;
    }
  };

  const reader = frames.getReader();
  const writer = sink.getWriter();
  try {
    while (!stopped) {
      const { value: frame, done } = await reader.read();
      if (done) break;
      const started = performance.now();
      try {
        if (!segmenting) {
          segmenting = true;
          const small = await createImageBitmap(frame, {
            resizeWidth: MASK_WIDTH,
            resizeHeight: MASK_HEIGHT,
          });
          segment(small).catch((err: unknown) => report({ type: 'error', message: String(err) }));
        }
        compositor.draw(frame);
        const out = new VideoFrame(compositor.canvas, { timestamp: frame.timestamp });
        timing.frames += 1;
        timing.frameMs += performance.now() - started;
        await writer.write(out);
      } finally {
        frame.close();
      }
      const elapsed = performance.now() - timing.since;
      if (elapsed >= 1000) {
        report({
          type: 'stats',
          msPerFrame: timing.frames ? timing.frameMs / timing.frames : 0,
          fps: (timing.frames * 1000) / elapsed,
          maskMs: timing.masks ? timing.maskMs / timing.masks : 0,
          maskFps: (timing.masks * 1000) / elapsed,
        });
        Object.assign(timing, { since: performance.now(), frames: 0, frameMs: 0, masks: 0, maskMs: 0 });
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
    await writer.close().catch(() => undefined);
    await segmenter.close();
  }
}

scope.onmessage = (e) => {
  const command = e.data;
  if (command.type === 'stop') {
    stopped = true;
    return;
  }
  run(command).catch((err: unknown) =>
    report({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
  );
};
