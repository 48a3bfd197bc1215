/**
 * The segmentation worker of background blur: MediaPipe selfie segmentation, answering each small
 * frame the compositing worker sends (over a MessagePort) with a person mask (alpha = person).
 */
import type { MaskReply, MaskRequest, SegmenterStart } from './blurProtocol';

interface SegmentationResults {
  segmentationMask: CanvasImageSource & { width: number; height: number };
}
interface SelfieSegmentation {
  setOptions(options: { modelSelection?: number; selfieMode?: boolean }): void;
  onResults(listener: (results: SegmentationResults) => void): void;
  initialize(): Promise<void>;
  send(input: { image: ImageBitmap }): Promise<void>;
}
interface WorkerScope {
  onmessage: ((e: MessageEvent<SegmenterStart>) => void) | null;
  importScripts(...urls: string[]): void;
  SelfieSegmentation?: new (config: { locateFile: (file: string) => string }) => SelfieSegmentation;
  window?: unknown;
  document?: unknown;
}

const scope = self as unknown as WorkerScope;

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
        } catch {
          tag.fire('error'); // MediaPipe then fails to initialise, which is reported
        }
      },
    },
  };
}

async function serve({ assetBase, port }: SegmenterStart): Promise<void> {
  const reply = (message: MaskReply, transfer: Transferable[] = []) => port.postMessage(message, transfer);
  try {
    installDocumentShim();
    scope.importScripts(`${assetBase}/selfie_segmentation.js`);
    const Segmentation = scope.SelfieSegmentation;
    if (!Segmentation) throw new Error('the segmentation script did not load');
    const segmenter = new Segmentation({ locateFile: (file) => `${assetBase}/${file}` });
    segmenter.setOptions({ modelSelection: 1, selfieMode: false });
    // The mask is copied into a bitmap of our own (MediaPipe may reuse or close its own).
    const copy = new OffscreenCanvas(1, 1);
    const copyCtx = copy.getContext('2d');
    if (!copyCtx) throw new Error('no 2D canvas context');
    let latest: ImageBitmap | null = null;
    segmenter.onResults(({ segmentationMask: mask }) => {
      copy.width = mask.width;
      copy.height = mask.height;
      copyCtx.globalCompositeOperation = 'copy';
      copyCtx.drawImage(mask, 0, 0);
      latest = copy.transferToImageBitmap();
    });
    await segmenter.initialize();
    port.onmessage = async (e: MessageEvent<MaskRequest>) => {
      const started = performance.now();
      try {
        latest = null;
        await segmenter.send({ image: e.data.image });
        const mask: ImageBitmap | null = latest;
        if (!mask) throw new Error('segmentation gave no mask');
        reply({ type: 'mask', mask, ms: performance.now() - started }, [mask]);
      } catch (err) {
        reply({ type: 'error', message: err instanceof Error ? err.message : String(err) });
      } finally {
        e.data.image.close();
      }
    };
  } catch (err) {
    reply({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
}

scope.onmessage = (e) => void serve(e.data);
