/**
 * The AudioWorklet side of noise suppression: RNNoise (wasm) on 480-sample frames at 48 kHz.
 *
 * An AudioWorklet loads a script by URL and cannot import the app's bundles, so its source is put
 * together here from two self-contained functions, `FrameChunker` and `noiseProcessorMain`, and
 * loaded from a Blob URL (no separate build step). Neither may refer to anything outside itself.
 * The wasm bytes arrive in the node's processorOptions and are compiled in the worklet.
 */
import { FrameChunker } from './FrameChunker';

export const NOISE_PROCESSOR = 'rnnoise-suppressor';

/** Messages from the processor on its port. */
export type NoiseProcessorMessage =
  { type: 'ready' } | { type: 'error'; message: string } | { type: 'stats'; msPerFrame: number; fps: number };

/**
 * Registers the processor. The names of the wasm's exports are those of @jitsi/rnnoise-wasm 0.2.1's
 * dist/rnnoise.wasm (emscripten-minified): c memory, d constructors, f rnnoise_create, g malloc,
 * h rnnoise_destroy, i free, j rnnoise_process_frame; it imports a.a resize_heap, a.b memcpy_big.
 */
function noiseProcessorMain(Chunker: typeof FrameChunker, name: string): void {
  interface WasmExports {
    c: WebAssembly.Memory;
    d: () => void;
    f: (model: number) => number;
    g: (bytes: number) => number;
    h: (state: number) => void;
    i: (ptr: number) => void;
    j: (state: number, out: number, input: number) => number;
  }
  interface ProcessorBase {
    readonly port: MessagePort;
  }
  interface WorkletScope {
    AudioWorkletProcessor: new () => ProcessorBase;
    registerProcessor(name: string, ctor: unknown): void;
    performance?: { now(): number };
  }
  const scope = globalThis as unknown as WorkletScope;
  const FRAME = 480;
  const SCALE = 32768; // RNNoise works on 16-bit sample values
  const now = () => (scope.performance ? scope.performance.now() : Date.now());

  class NoiseSuppressor extends scope.AudioWorkletProcessor {
    private wasm: WasmExports | null = null;
    private state = 0;
    private inPtr = 0;
    private outPtr = 0;
    private heap: Float32Array = new Float32Array(0);
    private readonly chunker = new Chunker(FRAME);
    private alive = true;
    private busyMs = 0;
    private frames = 0;
    private since = now();

    constructor(options: { processorOptions?: { wasm?: ArrayBuffer } }) {
      super();
      this.port.onmessage = (e: MessageEvent) => {
        if (e.data === 'stop') this.dispose();
      };
      try {
        const bytes = options.processorOptions?.wasm;
        if (!bytes) throw new Error('no RNNoise wasm given');
        let memory: WebAssembly.Memory | null = null;
        const heapU8 = () => new Uint8Array(memory ? memory.buffer : new ArrayBuffer(0));
        const imports = {
          a: {
            a: (requested: number) => {
              if (!memory) return 0;
              const grow = Math.ceil((requested - memory.buffer.byteLength) / 65536);
              try {
                if (grow > 0) memory.grow(grow);
                return 1;
              } catch {
                return 0; // out of memory: RNNoise's malloc reports the failure
              }
            },
            b: (dest: number, src: number, num: number) => {
              heapU8().copyWithin(dest, src, src + num);
            },
          },
        };
        const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), imports);
        const wasm = instance.exports as unknown as WasmExports;
        if (typeof wasm.j !== 'function' || !(wasm.c instanceof WebAssembly.Memory)) {
          throw new Error('unexpected RNNoise build');
        }
        memory = wasm.c;
        wasm.d();
        this.state = wasm.f(0);
        this.inPtr = wasm.g(FRAME * 4);
        this.outPtr = wasm.g(FRAME * 4);
        this.wasm = wasm;
        this.port.postMessage({ type: 'ready' });
      } catch (err) {
        this.alive = false;
        this.port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
      }
    }

    process(inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
      const output = outputs[0]?.[0];
      if (!output) return this.alive;
      const input = inputs[0]?.[0];
      const wasm = this.wasm;
      if (!wasm || !input) {
        output.fill(0);
        return this.alive;
      }
      this.chunker.process(input, output, (frame) => {
        const started = now();
        if (this.heap.buffer !== wasm.c.buffer) this.heap = new Float32Array(wasm.c.buffer);
        const inAt = this.inPtr >> 2;
        const outAt = this.outPtr >> 2;
        for (let i = 0; i < FRAME; i++) this.heap[inAt + i] = (frame[i] ?? 0) * SCALE;
        wasm.j(this.state, this.outPtr, this.inPtr);
        for (let i = 0; i < FRAME; i++) frame[i] = (this.heap[outAt + i] ?? 0) / SCALE;
        this.busyMs += now() - started;
        this.frames += 1;
      });
      const elapsed = now() - this.since;
      if (elapsed >= 1000) {
        const msPerFrame = this.frames > 0 ? this.busyMs / this.frames : 0;
        this.port.postMessage({ type: 'stats', msPerFrame, fps: (this.frames * 1000) / elapsed });
        this.busyMs = 0;
        this.frames = 0;
        this.since = now();
      }
      return this.alive;
    }

    private dispose(): void {
      this.alive = false;
      const wasm = this.wasm;
      this.wasm = null;
      if (!wasm) return;
      wasm.h(this.state);
      wasm.i(this.inPtr);
      wasm.i(this.outPtr);
    }
  }
  scope.registerProcessor(name, NoiseSuppressor);
}

let moduleUrl: string | null = null;

/** A Blob URL of the worklet's script (made once per page). */
export function noiseWorkletUrl(): string {
  moduleUrl ??= URL.createObjectURL(
    new Blob(
      [`(${noiseProcessorMain.toString()})(${FrameChunker.toString()}, ${JSON.stringify(NOISE_PROCESSOR)});`],
      {
        type: 'text/javascript',
      },
    ),
  );
  return moduleUrl;
}
