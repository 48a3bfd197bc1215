/**
 * Noise suppression: the microphone goes through RNNoise in an AudioWorklet (off the main
 * thread) and comes out as a new track. Browser-only.
 */
import { effectAssetUrl } from './effectAssets';
import { NOISE_PROCESSOR, noiseWorkletUrl, type NoiseProcessorMessage } from './noiseWorklet';
import { EffectError, within, type ProcessingStats, type TrackProcessor } from './TrackProcessor';

const SAMPLE_RATE = 48_000; // RNNoise's rate: the AudioContext resamples the microphone to it
const START_TIMEOUT_MS = 15_000;

let wasmBytes: Promise<ArrayBuffer> | null = null;

function loadWasm(): Promise<ArrayBuffer> {
  wasmBytes ??= fetch(effectAssetUrl('rnnoise.wasm')).then((res) => {
    if (!res.ok)
      throw new EffectError(`the noise suppression model could not be loaded (HTTP ${res.status})`);
    return res.arrayBuffer();
  });
  wasmBytes.catch(() => (wasmBytes = null)); // try again next time
  return wasmBytes;
}

export async function startNoiseSuppression(raw: MediaStreamTrack): Promise<TrackProcessor> {
  if (typeof AudioWorkletNode === 'undefined') {
    throw new EffectError('this browser cannot process audio in the background (no AudioWorklet)');
  }
  const bytes = await loadWasm();
  const context = new AudioContext({ sampleRate: SAMPLE_RATE, latencyHint: 'interactive' });
  try {
    await context.audioWorklet.addModule(noiseWorkletUrl());
    const node = new AudioWorkletNode(context, NOISE_PROCESSOR, {
      numberOfInputs: 1,
      numberOfOutputs: 1,
      outputChannelCount: [1],
      channelCount: 1,
      channelCountMode: 'explicit',
      processorOptions: { wasm: bytes.slice(0) },
    });
    let latest: ProcessingStats | null = null;
    const ready = new Promise<void>((resolve, reject) => {
      node.port.onmessage = (e: MessageEvent<NoiseProcessorMessage>) => {
        if (e.data.type === 'ready') resolve();
        else if (e.data.type === 'error')
          reject(new EffectError(`noise suppression failed: ${e.data.message}`));
        else latest = { msPerFrame: e.data.msPerFrame, fps: e.data.fps };
      };
      node.onprocessorerror = () => reject(new EffectError('noise suppression stopped with an error'));
    });
    const source = context.createMediaStreamSource(new MediaStream([raw]));
    const destination = context.createMediaStreamDestination();
    destination.channelCount = 1;
    source.connect(node).connect(destination);
    // Not awaited: without a user gesture yet, resume() waits for one (the first click resumes it).
    void context.resume();
    await within(ready, START_TIMEOUT_MS, 'Noise suppression');
    const [output] = destination.stream.getAudioTracks();
    if (!output) throw new EffectError('noise suppression produced no audio track');
    return {
      output,
      stats: () => latest,
      stop() {
        output.stop();
        node.port.postMessage('stop');
        source.disconnect();
        node.disconnect();
        void context.close();
      },
    };
  } catch (err) {
    void context.close();
    throw err;
  }
}
