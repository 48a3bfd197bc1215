/**
 * Turns the errors of getUserMedia / getDisplayMedia / enumerateDevices into something a person
 * can act on: a code, the device(s) it concerns and, for unknown errors, the browser's words. The
 * interface says it as a short title and what to do next, in the reader's language
 * (lib/i18n/mediaErrorText and the `mediaErrors` messages).
 */

export type MediaErrorCode =
  | 'denied'
  | 'system-denied'
  | 'dismissed'
  | 'not-found'
  | 'busy'
  | 'overconstrained'
  | 'insecure'
  | 'aborted'
  | 'unknown';

/** Which device(s) the failed request was for; only changes the wording. */
export type MediaTarget = 'camera' | 'microphone' | 'camera-and-microphone' | 'screen';

export interface MediaErrorInfo {
  code: MediaErrorCode;
  /** Which device(s) the request was for. */
  target: MediaTarget;
  /** The browser's own message, shown only for unknown errors ('' when there is none). */
  detail: string;
}

/**
 * Name of the error raised by this app when `navigator.mediaDevices` does not exist (pages served
 * over plain HTTP from another host than localhost, or very old browsers).
 */
export const MEDIA_DEVICES_UNAVAILABLE = 'MediaDevicesUnavailableError';

export function mediaDevicesUnavailableError(): Error {
  const err = new Error('navigator.mediaDevices is not available in this context');
  err.name = MEDIA_DEVICES_UNAVAILABLE;
  return err;
}

function nameOf(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'name' in err && typeof err.name === 'string') {
    return err.name;
  }
  return '';
}

function messageOf(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'message' in err && typeof err.message === 'string') {
    return err.message;
  }
  return typeof err === 'string' ? err : '';
}

/** Reads the error's name (and message, for the variants of a refusal) into a code. */
export function mediaErrorCode(err: unknown): MediaErrorCode {
  const detail = messageOf(err);
  switch (nameOf(err)) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
      if (/system/i.test(detail)) return 'system-denied';
      if (/dismiss/i.test(detail)) return 'dismissed';
      return 'denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
      return 'not-found';
    case 'NotReadableError':
    case 'TrackStartError':
      return 'busy';
    case 'OverconstrainedError':
    case 'ConstraintNotSatisfiedError':
      return 'overconstrained';
    case 'SecurityError':
    case MEDIA_DEVICES_UNAVAILABLE:
      return 'insecure';
    case 'AbortError':
      return 'aborted';
    default:
      return 'unknown';
  }
}

/** Maps an error from the browser's media APIs to a code and user-facing guidance. */
export function classifyMediaError(
  err: unknown,
  target: MediaTarget = 'camera-and-microphone',
): MediaErrorInfo {
  return describeMediaError(mediaErrorCode(err), target, messageOf(err));
}

/** An error of `code` for `target`; `detail` (the browser's message) is kept for unknown errors only. */
export function describeMediaError(code: MediaErrorCode, target: MediaTarget, detail = ''): MediaErrorInfo {
  return { code, target, detail: code === 'unknown' ? detail : '' };
}

/**
 * The problems to show for a camera and a microphone request: one combined explanation when both
 * failed the same way (e.g. access blocked), otherwise one per failed device.
 */
export function mergeMediaErrors(
  camera: MediaErrorInfo | null,
  microphone: MediaErrorInfo | null,
): MediaErrorInfo[] {
  if (camera && microphone && camera.code === microphone.code && camera.code !== 'unknown') {
    return [describeMediaError(camera.code, 'camera-and-microphone')];
  }
  return [camera, microphone].filter((e): e is MediaErrorInfo => e !== null);
}

/** True for errors that mean "the chosen device is gone", where the default device may still work. */
export function isMissingDeviceError(err: unknown): boolean {
  const name = nameOf(err);
  return (
    name === 'OverconstrainedError' ||
    name === 'ConstraintNotSatisfiedError' ||
    name === 'NotFoundError' ||
    name === 'DevicesNotFoundError'
  );
}
