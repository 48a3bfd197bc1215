/**
 * Turns the errors of getUserMedia / getDisplayMedia / enumerateDevices into something a person
 * can act on: a short title and a message that says what to do next. The code, target and detail
 * are what the interface words in the reader's language (lib/i18n/mediaErrorText, the
 * `mediaErrors` messages); the English title and message here are the same words, for the
 * connection test and logs.
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
  title: string;
  /** What happened and what to do next, in plain words. */
  message: string;
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

const NOUN: Record<MediaTarget, string> = {
  camera: 'camera',
  microphone: 'microphone',
  'camera-and-microphone': 'camera and microphone',
  screen: 'screen sharing',
};

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
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

/** The title and guidance for an error code; `detail` (the browser's message) only shows for unknown errors. */
export function describeMediaError(code: MediaErrorCode, target: MediaTarget, detail = ''): MediaErrorInfo {
  const shown = code === 'unknown' ? detail : '';
  return { code, target, detail: shown, ...englishText(code, target, shown) };
}

function englishText(
  code: MediaErrorCode,
  target: MediaTarget,
  detail: string,
): Pick<MediaErrorInfo, 'title' | 'message'> {
  const noun = NOUN[target];
  const Noun = capitalize(noun);
  const plural = target === 'camera-and-microphone';
  const isAre = plural ? 'are' : 'is';
  const itThem = plural ? 'them' : 'it';
  const screen = target === 'screen';

  switch (code) {
    case 'system-denied':
      return screen
        ? {
            title: 'Screen recording is blocked',
            message:
              "Your computer's privacy settings don't let the browser record the screen. Allow screen recording for your browser in the system settings, restart the browser, then try again.",
          }
        : {
            title: `${Noun} blocked by your computer`,
            message: `Your computer's privacy settings don't let the browser use the ${noun}. Allow ${itThem} for your browser in the system settings, then press Try again.`,
          };
    case 'dismissed':
    case 'denied':
      if (screen) {
        return {
          title: 'Screen sharing was cancelled',
          message: 'Nothing is being shared. To share, try again and pick a screen, window or tab.',
        };
      }
      if (code === 'dismissed') {
        return {
          title: `${Noun} permission not given`,
          message: `The permission request was closed. Press Try again and choose Allow to use your ${noun}.`,
        };
      }
      return {
        title: `${Noun} access is blocked`,
        message: `Click the ${target === 'microphone' ? 'microphone' : 'camera'} icon in the address bar (or the site settings icon left of the address) and allow ${plural ? 'camera and microphone' : `the ${noun}`}, then press Try again.`,
      };
    case 'not-found':
      return screen
        ? { title: 'Nothing to share', message: 'The browser found no screen or window to share.' }
        : {
            title: `No ${plural ? 'camera or microphone' : noun} found`,
            message: `Plug in a ${plural ? 'camera or microphone' : noun} and press Try again, or join without ${itThem}.`,
          };
    case 'busy':
      return {
        title: `${Noun} ${isAre} busy`,
        message: `Another app or browser tab may be using your ${noun}. Close it, then press Try again.`,
      };
    case 'overconstrained':
      return {
        title: `${Noun} not available`,
        message: `The selected ${noun} can't be used right now. Pick another one from the list, or press Try again.`,
      };
    case 'insecure':
      return {
        title: `${Noun} not allowed on this page`,
        message:
          'The browser only allows camera, microphone and screen sharing on secure pages. Open the meeting over https:// (or on localhost), then try again.',
      };
    case 'aborted':
      return {
        title: `${Noun} could not start`,
        message: `Starting the ${noun} was interrupted. Press Try again; if it keeps failing, reconnect the device or restart the browser.`,
      };
    case 'unknown':
      return {
        title: `${Noun} unavailable`,
        message: `Something went wrong starting the ${noun}${detail ? ` (${detail})` : ''}. Press Try again, or join without ${itThem}.`,
      };
  }
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
