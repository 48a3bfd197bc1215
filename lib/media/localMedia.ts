/**
 * Opening the camera and microphone with the devices the user picked. Camera and microphone are
 * obtained independently, so a busy camera does not cost the microphone (and vice versa), and a
 * remembered device that is no longer plugged in falls back to the default one.
 */
import {
  classifyMediaError,
  isMissingDeviceError,
  mediaDevicesUnavailableError,
  mediaErrorCode,
  type MediaErrorInfo,
} from './mediaErrors';

export type MediaKind = 'audio' | 'video';

export interface KindRequest {
  /** The device to open; null/undefined = the browser's default. */
  deviceId?: string | null;
  /**
   * Microphone only: whether the browser's own noise suppression runs (default true). Off when
   * the app suppresses noise itself (lib/media/effects), so the two do not fight.
   */
  browserNoiseSuppression?: boolean;
}

export interface LocalMediaRequest {
  /** Omit or pass false to not open that kind at all. */
  audio?: KindRequest | boolean;
  video?: KindRequest | boolean;
}

export interface LocalMediaResult {
  audioTrack: MediaStreamTrack | null;
  videoTrack: MediaStreamTrack | null;
  /** Why the requested microphone / camera could not be opened (null when it worked or was not asked for). */
  audioError: MediaErrorInfo | null;
  videoError: MediaErrorInfo | null;
  /** Kinds whose chosen device could not be opened, so the default device is used instead. */
  fellBack: MediaKind[];
}

/** The subset of `navigator.mediaDevices` used here (lets tests pass a fake). */
export type UserMediaSource = Pick<MediaDevices, 'getUserMedia'>;

export function audioConstraints(deviceId?: string | null, noiseSuppression = true): MediaTrackConstraints {
  return {
    ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
    echoCancellation: true,
    noiseSuppression,
    autoGainControl: true,
  };
}

export function videoConstraints(deviceId?: string | null): MediaTrackConstraints {
  return {
    ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
    width: { ideal: 1280 },
    height: { ideal: 720 },
    frameRate: { ideal: 30 },
  };
}

function constraintsFor(kind: MediaKind, request: KindRequest): MediaTrackConstraints {
  return kind === 'audio'
    ? audioConstraints(request.deviceId, request.browserNoiseSuppression)
    : videoConstraints(request.deviceId);
}

function targetOf(kind: MediaKind) {
  return kind === 'audio' ? 'microphone' : 'camera';
}

function normalize(request: KindRequest | boolean | undefined): KindRequest | null {
  if (request === undefined || request === false) return null;
  return request === true ? {} : request;
}

/** `navigator.mediaDevices`, or null where the page may not use media devices (insecure origin, SSR). */
export function browserMediaDevices(): MediaDevices | null {
  if (typeof navigator === 'undefined') return null;
  // Undefined on insecure origins, whatever the DOM typings say.
  const md: MediaDevices | undefined = navigator.mediaDevices;
  return typeof md?.getUserMedia === 'function' ? md : null;
}

interface KindOutcome {
  track: MediaStreamTrack | null;
  error: MediaErrorInfo | null;
  fellBack: boolean;
}

async function openKind(
  source: UserMediaSource,
  kind: MediaKind,
  request: KindRequest,
): Promise<KindOutcome> {
  const deviceId = request.deviceId;
  const open = async (id?: string | null) => {
    const stream = await source.getUserMedia({ [kind]: constraintsFor(kind, { ...request, deviceId: id }) });
    const [track, ...extra] = kind === 'audio' ? stream.getAudioTracks() : stream.getVideoTracks();
    stopTracks(extra);
    if (!track) throw new DOMException('no track returned', 'NotFoundError');
    return track;
  };
  try {
    return { track: await open(deviceId), error: null, fellBack: false };
  } catch (err) {
    if (!deviceId || !isMissingDeviceError(err)) {
      return { track: null, error: classifyMediaError(err, targetOf(kind)), fellBack: false };
    }
  }
  try {
    return { track: await open(null), error: null, fellBack: true };
  } catch (err) {
    return { track: null, error: classifyMediaError(err, targetOf(kind)), fellBack: false };
  }
}

/**
 * Opens the requested kinds. Never throws: a kind that could not be opened has a null track and an
 * error explaining why. Asks for both kinds in one request first (a single permission prompt),
 * then for each kind alone if that failed, so one broken device does not lose the other.
 */
export async function acquireLocalMedia(
  request: LocalMediaRequest,
  source: UserMediaSource | null = browserMediaDevices(),
): Promise<LocalMediaResult> {
  const audio = normalize(request.audio);
  const video = normalize(request.video);
  const result: LocalMediaResult = {
    audioTrack: null,
    videoTrack: null,
    audioError: null,
    videoError: null,
    fellBack: [],
  };
  if (!audio && !video) return result;
  if (!source) {
    if (audio) result.audioError = classifyMediaError(mediaDevicesUnavailableError(), 'microphone');
    if (video) result.videoError = classifyMediaError(mediaDevicesUnavailableError(), 'camera');
    return result;
  }

  if (audio && video) {
    try {
      const stream = await source.getUserMedia({
        audio: constraintsFor('audio', audio),
        video: videoConstraints(video.deviceId),
      });
      const [audioTrack, ...extraAudio] = stream.getAudioTracks();
      const [videoTrack, ...extraVideo] = stream.getVideoTracks();
      stopTracks([...extraAudio, ...extraVideo]);
      if (audioTrack && videoTrack) return { ...result, audioTrack, videoTrack };
      stopTracks([audioTrack, videoTrack]);
    } catch (err) {
      // A closed prompt or an insecure page fails the same way for each kind alone: don't ask twice more.
      const code = mediaErrorCode(err);
      if (code === 'dismissed' || code === 'insecure') {
        return {
          ...result,
          audioError: classifyMediaError(err, 'microphone'),
          videoError: classifyMediaError(err, 'camera'),
        };
      }
    }
  }

  // One kind at a time: the second request only starts once the first one is answered.
  if (audio) {
    const outcome = await openKind(source, 'audio', audio);
    result.audioTrack = outcome.track;
    result.audioError = outcome.error;
    if (outcome.fellBack) result.fellBack.push('audio');
  }
  if (video) {
    const outcome = await openKind(source, 'video', video);
    result.videoTrack = outcome.track;
    result.videoError = outcome.error;
    if (outcome.fellBack) result.fellBack.push('video');
  }
  return result;
}

/** Stops every track of the given tracks and/or streams (nulls are skipped). */
export function stopTracks(
  items: Iterable<MediaStreamTrack | MediaStream | null | undefined> | MediaStream | null | undefined,
): void {
  if (!items) return;
  if (isStream(items)) {
    items.getTracks().forEach((track) => track.stop());
    return;
  }
  for (const item of items) {
    if (!item) continue;
    if (isStream(item)) item.getTracks().forEach((track) => track.stop());
    else item.stop();
  }
}

function isStream(value: unknown): value is MediaStream {
  return typeof value === 'object' && value !== null && 'getTracks' in value;
}
