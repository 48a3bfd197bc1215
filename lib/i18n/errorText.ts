/**
 * Says a coded error (lib/protocol/errors.ts, client warnings, token refusals) in the reader's
 * language. In English the message that came with the error is shown as it is (it is written for
 * people and often more specific than the code); other languages show the code's translation, or
 * that message when the code has none.
 */
import type { Messages } from './messages';

export type ErrorCode = keyof Messages['errors'];

/** A translator of the `errors` namespace (next-intl's useTranslations or createTranslator). */
export interface ErrorTranslate {
  (key: ErrorCode): string;
  has(key: ErrorCode): boolean;
}

export function errorTextIn(locale: string, t: ErrorTranslate): (code: string, fallback: string) => string {
  return (code, fallback) => (locale !== 'en' && t.has(code as ErrorCode) ? t(code as ErrorCode) : fallback);
}
