/**
 * Camera, microphone and screen errors in every language: English keeps the words the browser
 * tests read, and every language words every code for every device without a missing argument.
 */
import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { describeMediaError, type MediaErrorCode, type MediaTarget } from '@/lib/media/mediaErrors';
import de from '@/messages/de.json';
import en from '@/messages/en.json';
import es from '@/messages/es.json';
import fr from '@/messages/fr.json';
import type { Locale } from './locales';
import { mediaErrorText } from './mediaErrorText';

const CODES: MediaErrorCode[] = [
  'system-denied',
  'dismissed',
  'denied',
  'not-found',
  'busy',
  'overconstrained',
  'insecure',
  'aborted',
  'unknown',
];
const TARGETS: MediaTarget[] = ['camera', 'microphone', 'camera-and-microphone', 'screen'];

function translator(locale: Locale, messages: typeof en) {
  return createTranslator({
    locale,
    messages,
    namespace: 'mediaErrors',
    onError: (error) => {
      throw error;
    },
  });
}

describe('mediaErrorText', () => {
  const english = translator('en', en);

  it('words errors in English as the browser tests read them', () => {
    expect(mediaErrorText(english, describeMediaError('denied', 'camera-and-microphone'))).toEqual({
      title: 'Camera and microphone access is blocked',
      message:
        'Click the camera icon in the address bar (or the site settings icon left of the address) and allow camera and microphone, then press Try again.',
    });
    expect(mediaErrorText(english, describeMediaError('busy', 'camera')).title).toBe('Camera is busy');
    expect(mediaErrorText(english, describeMediaError('dismissed', 'screen')).title).toBe(
      'Screen sharing was cancelled',
    );
    expect(mediaErrorText(english, describeMediaError('unknown', 'microphone', 'Could not start'))).toEqual({
      title: 'Microphone unavailable',
      message:
        'Something went wrong starting the microphone (Could not start). Press Try again, or join without it.',
    });
    expect(mediaErrorText(english, describeMediaError('unknown', 'camera')).message).toBe(
      'Something went wrong starting the camera. Press Try again, or join without it.',
    );
  });

  it('says a blocked camera and microphone in German, Spanish and French', () => {
    const info = describeMediaError('denied', 'camera-and-microphone');
    expect(mediaErrorText(translator('de', de), info).title).toBe(
      'Zugriff auf Kamera und Mikrofon ist blockiert',
    );
    expect(mediaErrorText(translator('es', es), info).title).toBe(
      'El acceso a la cámara y al micrófono está bloqueado',
    );
    expect(mediaErrorText(translator('fr', fr), info).title).toBe(
      'L’accès à la caméra et au micro est bloqué',
    );
  });

  it('keeps the browser’s own words for an unknown error in every language', () => {
    const info = describeMediaError('unknown', 'microphone', 'Device in use by driver');
    for (const [locale, messages] of [
      ['de', de],
      ['es', es],
      ['fr', fr],
    ] as const) {
      const { title, message } = mediaErrorText(translator(locale, messages), info);
      expect(message).toContain('(Device in use by driver)');
      expect(title).not.toBe(mediaErrorText(english, info).title);
    }
  });

  it('words every code for every device in every language', () => {
    for (const [locale, messages] of [
      ['de', de],
      ['es', es],
      ['fr', fr],
    ] as const) {
      const t = translator(locale, messages);
      for (const code of CODES) {
        for (const target of TARGETS) {
          const { title, message } = mediaErrorText(t, describeMediaError(code, target, 'x'));
          expect(title, `${locale} ${code} ${target}`).not.toMatch(/[{}]/);
          expect(message, `${locale} ${code} ${target}`).not.toMatch(/[{}]/);
          expect(title.length).toBeGreaterThan(3);
        }
      }
    }
  });
});
