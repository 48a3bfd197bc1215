/**
 * Turns the errors of getUserMedia / getDisplayMedia / enumerateDevices into something a person
 * can act on: a short title and a message that says what to do next.
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

/** Maps an error from the browser's media APIs to a code and user-facing guidance. */
export function classifyMediaError(err: unknown, target: MediaTarget = 'camera-and-microphone'): MediaErrorInfo {
  const name = nameOf(err);
  const detail = messageOf(err);
  const noun = NOUN[target];
  const Noun = capitalize(noun);
  const plural = target === 'camera-and-microphone';
  const isAre = plural ? 'are' : 'is';
  const itThem = plural ? 'them' : 'it';

  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError': {
      if (target === 'screen') {
        if (/system/i.test(detail)) {
          return {
            code: 'system-denied',
            title: 'Screen recording is blocked',
            message:
              "Your computer's privacy settings don't let the browser record the screen. Allow screen recording for your browser in the system settings, restart the browser, then try again.",
          };
        }
        return {
          code: 'denied',
          title: 'Screen sharing was cancelled',
          message: 'Nothing is being shared. To share, try again and pick a screen, window or tab.',
        };
      }
      if (/system/i.test(detail)) {
        return {
          code: 'system-denied',
          title: `${Noun} blocked by your computer`,
          message: `Your computer's privacy settings don't let the browser use the ${noun}. Allow ${itThem} for your browser in the system settings, then press Try again.`,
        };
      }
      if (/dismiss/i.test(detail)) {
        return {
          code: 'dismissed',
          title: `${Noun} permission not given`,
          message: `The permission request was closed. Press Try again and choose Allow to use your ${noun}.`,
        };
      }
      return {
        code: 'denied',
        title: `${Noun} access is blocked`,
        message: `Click the ${target === 'microphone' ? 'microphone' : 'camera'} icon in the address bar (or the site settings icon left of the address) and allow ${plural ? 'camera and microphone' : `the ${noun}`}, then press Try again.`,
      };
    }
    case 'NotFoundError':
    case 'DevicesNotFoundError':
      return {
        code: 'not-found',
        title: target === 'screen' ? 'Nothing to share' : `No ${noun} found`,
        message:
          target === 'screen'
            ? 'The browser found no screen or window to share.'
            : `Plug in a ${plural ? 'camera or microphone' : noun} and press Try again, or join without ${itThem}.`,
      };
    case 'NotReadableError':
    case 'TrackStartError':
      return {
        code: 'busy',
        title: `${Noun} ${isAre} busy`,
        message: `Another app or browser tab may be using your ${noun}. Close it, then press Try again.`,
      };
    case 'OverconstrainedError':
    case 'ConstraintNotSatisfiedError':
      return {
        code: 'overconstrained',
        title: `${Noun} not available`,
        message: `The selected ${noun} can't be used right now. Pick another one from the list, or press Try again.`,
      };
    case 'SecurityError':
    case MEDIA_DEVICES_UNAVAILABLE:
      return {
        code: 'insecure',
        title: `${Noun} not allowed on this page`,
        message:
          'The browser only allows camera, microphone and screen sharing on secure pages. Open the meeting over https:// (or on localhost), then try again.',
      };
    case 'AbortError':
      return {
        code: 'aborted',
        title: `${Noun} could not start`,
        message: `Starting the ${noun} was interrupted. Press Try again; if it keeps failing, reconnect the device or restart the browser.`,
      };
    default:
      return {
        code: 'unknown',
        title: `${Noun} unavailable`,
        message: `Something went wrong starting the ${noun}${detail ? ` (${detail})` : ''}. Press Try again, or join without ${itThem}.`,
      };
  }
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
