/**
 * The words of a call notice (lib/store/notices) in the reader's language. Pure: the translators
 * come from next-intl (hooks/useNoticeText in the page, createTranslator in tests).
 */
import type { NoticeKey, NoticeMessage, NoticeValues } from '@/lib/store/notices';
import { mediaErrorText, type MediaErrorTranslate } from './mediaErrorText';

export interface NoticeTranslators {
  /** A translator of the `notices` namespace. */
  notice: (key: NoticeKey, values?: NoticeValues) => string;
  /** Says a coded error (see hooks/useErrorText). */
  error: (code: string, fallback: string) => string;
  mediaError: MediaErrorTranslate;
}

export function noticeText(message: NoticeMessage, t: NoticeTranslators): string {
  if ('key' in message) return t.notice(message.key, message.values);
  if ('error' in message) return t.error(message.error.code, message.error.message);
  if ('media' in message) {
    const { title, message: guidance } = mediaErrorText(t.mediaError, message.media);
    return `${title}. ${guidance}`;
  }
  return message.text;
}
