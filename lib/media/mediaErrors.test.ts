import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { mediaErrorText } from '@/lib/i18n/mediaErrorText';
import en from '@/messages/en.json';
import {
  classifyMediaError,
  isMissingDeviceError,
  mergeMediaErrors,
  mediaDevicesUnavailableError,
  type MediaErrorCode,
  type MediaErrorInfo,
} from './mediaErrors';

const english = createTranslator({ locale: 'en', messages: en, namespace: 'mediaErrors' });

/** The error as an English page says it. */
const say = (info: MediaErrorInfo) => mediaErrorText(english, info);

/** Browsers throw DOMExceptions; Node has DOMException too, so the tests use the real type. */
function domError(name: string, message = ''): DOMException {
  return new DOMException(message, name);
}

describe('classifyMediaError', () => {
  const cases: [string, string, MediaErrorCode][] = [
    ['NotAllowedError', 'Permission denied', 'denied'],
    ['PermissionDeniedError', '', 'denied'],
    ['NotAllowedError', 'Permission denied by system', 'system-denied'],
    ['NotAllowedError', 'Permission dismissed', 'dismissed'],
    ['NotFoundError', 'Requested device not found', 'not-found'],
    ['DevicesNotFoundError', '', 'not-found'],
    ['NotReadableError', 'Could not start video source', 'busy'],
    ['TrackStartError', '', 'busy'],
    ['OverconstrainedError', '', 'overconstrained'],
    ['SecurityError', '', 'insecure'],
    ['AbortError', '', 'aborted'],
    ['TypeError', 'whatever', 'unknown'],
  ];
  it.each(cases)('%s (%s) → %s', (name, message, code) => {
    expect(classifyMediaError(domError(name, message)).code).toBe(code);
  });

  it('tells a user who blocked access where to allow it', () => {
    const info = classifyMediaError(domError('NotAllowedError', 'Permission denied'));
    expect(say(info).message).toMatch(/address bar/);
    expect(say(info).message).toMatch(/allow camera and microphone/);
    expect(say(info).message).toMatch(/Try again/);
  });

  it('names only the device that failed', () => {
    const mic = classifyMediaError(domError('NotAllowedError'), 'microphone');
    expect(say(mic).title).toBe('Microphone access is blocked');
    expect(say(mic).message).toMatch(/microphone icon/);
    expect(say(mic).message).toMatch(/allow the microphone/);
    const cam = classifyMediaError(domError('NotReadableError'), 'camera');
    expect(say(cam).title).toBe('Camera is busy');
    expect(say(cam).message).toMatch(/Another app .* using your camera. Close it/);
  });

  it('offers joining without a missing device', () => {
    const info = classifyMediaError(domError('NotFoundError'), 'camera');
    expect(say(info).message).toMatch(/Plug in a camera/);
    expect(say(info).message).toMatch(/join without it/);
    expect(say(classifyMediaError(domError('NotFoundError'))).message).toMatch(/join without them/);
  });

  it('explains the https requirement when mediaDevices is missing', () => {
    const info = classifyMediaError(mediaDevicesUnavailableError());
    expect(info.code).toBe('insecure');
    expect(say(info).message).toMatch(/https/);
  });

  it('treats a cancelled screen picker as a choice, not a problem', () => {
    const info = classifyMediaError(domError('NotAllowedError', 'Permission denied'), 'screen');
    expect(info.code).toBe('denied');
    expect(say(info).title).toBe('Screen sharing was cancelled');
    expect(
      classifyMediaError(domError('NotAllowedError', 'Permission denied by system'), 'screen').code,
    ).toBe('system-denied');
  });

  it('copes with values that are not errors', () => {
    expect(classifyMediaError(undefined).code).toBe('unknown');
    expect(say(classifyMediaError('boom')).message).toContain('(boom)');
    expect(classifyMediaError({ name: 42 }).code).toBe('unknown');
  });
});

describe('isMissingDeviceError', () => {
  it('is true for a vanished chosen device only', () => {
    expect(isMissingDeviceError(domError('OverconstrainedError'))).toBe(true);
    expect(isMissingDeviceError(domError('NotFoundError'))).toBe(true);
    expect(isMissingDeviceError(domError('NotAllowedError'))).toBe(false);
    expect(isMissingDeviceError(domError('NotReadableError'))).toBe(false);
  });
});

describe('mergeMediaErrors', () => {
  it('explains a shared failure once, for both devices', () => {
    const merged = mergeMediaErrors(
      classifyMediaError(domError('NotAllowedError'), 'camera'),
      classifyMediaError(domError('NotAllowedError'), 'microphone'),
    );
    expect(merged).toHaveLength(1);
    expect(say(merged[0]!).title).toBe('Camera and microphone access is blocked');
    expect(say(merged[0]!).message).toMatch(/allow camera and microphone/);
  });

  it('keeps different failures apart and drops the successes', () => {
    const camera = classifyMediaError(domError('NotReadableError'), 'camera');
    const mic = classifyMediaError(domError('NotFoundError'), 'microphone');
    expect(mergeMediaErrors(camera, mic)).toEqual([camera, mic]);
    expect(mergeMediaErrors(null, mic)).toEqual([mic]);
    expect(mergeMediaErrors(null, null)).toEqual([]);
  });
});
