/** Opening local capture tracks for the call: one device at a time, or the screen. */

export type LocalKind = 'audio' | 'video';

export const AUDIO_CONSTRAINTS: MediaTrackConstraints = {
  echoCancellation: true,
  noiseSuppression: true,
  autoGainControl: true,
};

export const VIDEO_CONSTRAINTS: MediaTrackConstraints = {
  width: { ideal: 1280 },
  height: { ideal: 720 },
  frameRate: { ideal: 30 },
};

/** Opens the given device (or the default one when `deviceId` is null). */
export async function openDeviceTrack(kind: LocalKind, deviceId: string | null): Promise<MediaStreamTrack> {
  const base = kind === 'audio' ? AUDIO_CONSTRAINTS : VIDEO_CONSTRAINTS;
  const constraints = deviceId ? { ...base, deviceId: { exact: deviceId } } : base;
  const stream = await navigator.mediaDevices.getUserMedia(
    kind === 'audio' ? { audio: constraints } : { video: constraints },
  );
  const track = stream.getTracks()[0];
  if (!track) throw new DOMException('the browser returned no track', 'NotFoundError');
  return track;
}

/**
 * Asks the browser for a screen, window or tab, with its audio where the browser offers it
 * (Chromium: tab audio, and system audio on some platforms).
 */
export function openScreen(): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getDisplayMedia) {
    return Promise.reject(new DOMException('screen sharing is not supported here', 'NotSupportedError'));
  }
  return navigator.mediaDevices.getDisplayMedia({
    video: { frameRate: { ideal: 15, max: 30 } },
    audio: true,
  });
}
