/** Camera and microphone checks: can this browser open them, and does the microphone pick up sound. */
import { levelFromSamples } from '@/lib/media/audioLevel';
import { classifyMediaError } from '@/lib/media/mediaErrors';

export type DeviceCheck =
  | { works: true; track: MediaStreamTrack; summary: string; detail?: string }
  | { works: false; summary: string; detail: string };

const LEVEL_LISTEN_MS = 1_500;

export async function checkCamera(): Promise<DeviceCheck> {
  try {
    const stream = await navigator.mediaDevices.getUserMedia({
      video: { width: { ideal: 640 }, height: { ideal: 360 } },
    });
    const track = stream.getVideoTracks()[0];
    if (!track) return { works: false, summary: 'no video', detail: 'The browser gave no camera picture.' };
    const { width, height, frameRate } = track.getSettings();
    const size = width && height ? `${width}×${height}` : 'open';
    return {
      works: true,
      track,
      summary: frameRate ? `${size} at ${Math.round(frameRate)} fps` : size,
      detail: track.label || undefined,
    };
  } catch (err) {
    const info = classifyMediaError(err, 'camera');
    return { works: false, summary: info.title, detail: info.message };
  }
}

/** Opens the microphone and listens for a moment; the figure is the loudest level heard. */
export async function checkMicrophone(): Promise<DeviceCheck> {
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  } catch (err) {
    const info = classifyMediaError(err, 'microphone');
    return { works: false, summary: info.title, detail: info.message };
  }
  const track = stream.getAudioTracks()[0];
  if (!track) return { works: false, summary: 'no sound', detail: 'The browser gave no microphone input.' };
  const peak = await peakLevel(stream).catch(() => null);
  const percent = peak === null ? null : Math.round(peak * 100);
  return {
    works: true,
    track,
    summary: percent === null ? 'open' : `level ${percent} %`,
    detail:
      percent === 0
        ? 'The microphone is open but picked up no sound: check that it is not muted.'
        : track.label || undefined,
  };
}

async function peakLevel(stream: MediaStream): Promise<number> {
  const context = new AudioContext();
  try {
    await context.resume().catch(() => undefined);
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    context.createMediaStreamSource(stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let peak = 0;
    const until = performance.now() + LEVEL_LISTEN_MS;
    while (performance.now() < until) {
      await new Promise((r) => setTimeout(r, 50));
      analyser.getFloatTimeDomainData(samples);
      peak = Math.max(peak, levelFromSamples(samples));
    }
    return peak;
  } finally {
    void context.close();
  }
}
