/**
 * The words the connection test uses, in the reader's language: the page hands its next-intl
 * translators to the test, which writes its summaries, details and verdict with them.
 */
import type { MediaErrorTranslate } from '@/lib/i18n/mediaErrorText';
import type { Messages } from '@/lib/i18n/messages';

export type DiagnosticsKey = keyof Messages['diagnostics'];

export interface DiagnosticsWords {
  /** A translator of the `diagnostics` namespace. */
  t: (key: DiagnosticsKey, values?: Record<string, string | number>) => string;
  mediaError: MediaErrorTranslate;
}
