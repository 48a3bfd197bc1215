/**
 * A camera, microphone or screen error (lib/media/mediaErrors) in the reader's language: the
 * `mediaErrors` messages say each code for each target, a title and what to do next.
 */
import type { MediaErrorCode, MediaErrorInfo, MediaTarget } from '@/lib/media/mediaErrors';
import type { Messages } from './messages';

export type MediaErrorKey = keyof Messages['mediaErrors'];

/** A translator of the `mediaErrors` namespace (next-intl's useTranslations or createTranslator). */
export type MediaErrorTranslate = (key: MediaErrorKey, values?: Record<string, string>) => string;

type Prefix =
  | 'systemDenied'
  | 'dismissed'
  | 'denied'
  | 'notFound'
  | 'busy'
  | 'overconstrained'
  | 'insecure'
  | 'aborted'
  | 'unknown';

const PREFIX: Record<MediaErrorCode, Prefix> = {
  'system-denied': 'systemDenied',
  dismissed: 'dismissed',
  denied: 'denied',
  'not-found': 'notFound',
  busy: 'busy',
  overconstrained: 'overconstrained',
  insecure: 'insecure',
  aborted: 'aborted',
  unknown: 'unknown',
};

/** The select option each target has in the messages (ICU options take no hyphens). */
const TARGET: Record<MediaTarget, string> = {
  camera: 'camera',
  microphone: 'microphone',
  'camera-and-microphone': 'both',
  screen: 'screen',
};

export function mediaErrorText(
  t: MediaErrorTranslate,
  info: Pick<MediaErrorInfo, 'code' | 'target' | 'detail'>,
): { title: string; message: string } {
  const prefix = PREFIX[info.code];
  const values = { target: TARGET[info.target], detail: info.detail };
  const message: MediaErrorKey =
    prefix === 'unknown' && info.detail ? 'unknownMessageDetail' : `${prefix}Message`;
  return { title: t(`${prefix}Title`, values), message: t(message, values) };
}
