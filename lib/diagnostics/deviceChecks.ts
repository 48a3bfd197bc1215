/** Camera and microphone checks: can this browser open them, and does the microphone pick up sound. */
import { levelFromSamples } from '@/lib/media/audioLevel';
import { mediaErrorText } from '@/lib/i18n/mediaErrorText';
import { classifyMediaError, type MediaTarget } from '@/lib/media/mediaErrors';
import type { DiagnosticsWords } from './words';

export type DeviceCheck =
  | { works: true; track: MediaStreamTrack; summary: string; detail?: string }
  | { works: false; summary: string; detail: string };

const LEVEL_LISTEN_MS = 1_500;

/** A device that could not be opened: the error's title and what to do, in the reader's words. */
function refused(err: unknown, target: MediaTarget, words: DiagnosticsWords): DeviceCheck {
  const { title, message } = mediaErrorText(words.mediaError, classifyMediaError(err, target));
  return { works: false, summary: title, detail: message };
}

export async function checkCamera(words: DiagnosticsWords): Promise<DeviceCheck> {
  const { t } = words;
  try {
    const stream = await navigator.mediaDevices.getUserMedia({
      video: { width: { ideal: 640 }, height: { ideal: 360 } },
    });
    const track = stream.getVideoTracks()[0];
    if (!track) return { works: false, summary: t('noVideo'), detail: t('noVideoDetail') };
    const { width, height, frameRate } = track.getSettings();
    const size = width && height ? `${width}×${height}` : t('deviceOpen');
    return {
      works: true,
      track,
      summary: frameRate ? t('cameraFigures', { size, fps: String(Math.round(frameRate)) }) : size,
      detail: track.label || undefined,
    };
  } catch (err) {
    return refused(err, 'camera', words);
  }
}

/** Opens the microphone and listens for a moment; the figure is the loudest level heard. */
export async function checkMicrophone(words: DiagnosticsWords): Promise<DeviceCheck> {
  const { t } = words;
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  } catch (err) {
    return refused(err, 'microphone', words);
  }
  const track = stream.getAudioTracks()[0];
  if (!track) return { works: false, summary: t('noSound'), detail: t('noSoundDetail') };
  const peak = await peakLevel(stream).catch(() => null);
  const percent = peak === null ? null : Math.round(peak * 100);
  return {
    works: true,
    track,
    summary: percent === null ? t('deviceOpen') : t('micLevel', { percent: String(percent) }),
    detail: percent === 0 ? t('micSilent') : track.label || undefined,
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
