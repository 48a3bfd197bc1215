/**
 * The compositing worker of background blur: reads camera frames and writes frames with the
 * background blurred, using the latest person mask from the segmentation worker. A new mask is
 * asked for whenever the previous one has arrived, so a slow segmenter lowers the mask rate, not
 * the video's frame rate.
 */
import { BlurCompositor } from './blurCompositor';
import type { BlurCommand, BlurReport, BlurStart, MaskReply, MaskRequest } from './blurProtocol';

interface WorkerScope {
  onmessage: ((e: MessageEvent<BlurCommand>) => void) | null;
  postMessage(message: BlurReport): void;
}

const scope = self as unknown as WorkerScope;
/** The segmentation model's own input size (the landscape model): smaller frames cost less. */
const MASK_WIDTH = 256;
const MASK_HEIGHT = 144;

function report(message: BlurReport): void {
  scope.postMessage(message);
}

let stopped = false;

async function run({ frames, sink, masks }: BlurStart): Promise<void> {
  const compositor = new BlurCompositor();
  const timing = { since: performance.now(), frames: 0, frameMs: 0, masks: 0, maskMs: 0 };
  let waitingForMask = false;
  let ready = false;
  masks.onmessage = (e: MessageEvent<MaskReply>) => {
    waitingForMask = false;
    const reply = e.data;
    if (reply.type === 'error') {
      report({ type: 'error', message: reply.message });
      return;
    }
    compositor.setMask(reply.mask, reply.mask.width, reply.mask.height);
    reply.mask.close();
    timing.masks += 1;
    timing.maskMs += reply.ms;
    if (!ready) report({ type: 'ready' });
    ready = true;
  };

  const reader = frames.getReader();
  const writer = sink.getWriter();
  try {
    while (!stopped) {
      const { value: frame, done } = await reader.read();
      if (done) break;
      const started = performance.now();
      try {
        if (!waitingForMask) {
          waitingForMask = true;
          const image = await createImageBitmap(frame, {
            resizeWidth: MASK_WIDTH,
            resizeHeight: MASK_HEIGHT,
          });
          masks.postMessage({ image } satisfies MaskRequest, [image]);
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
    masks.close();
    await reader.cancel().catch(() => undefined);
    await writer.close().catch(() => undefined);
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
