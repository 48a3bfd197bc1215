/**
 * Words call notices the way the page's toast does (lib/i18n/noticeText with next-intl's
 * translators), for a chosen language. A missing message or argument throws.
 */
import { createTranslator } from 'next-intl';
import { errorTextIn } from '@/lib/i18n/errorText';
import type { Locale } from '@/lib/i18n/locales';
import type { Messages } from '@/lib/i18n/messages';
import { noticeText } from '@/lib/i18n/noticeText';
import { useCallStore, type NoticeMessage } from '@/lib/store/callStore';

export type NoticeWords = (message: NoticeMessage) => string;

export function noticeWords(locale: Locale, messages: Messages): NoticeWords {
  const onError = (error: Error) => {
    throw error;
  };
  const notice = createTranslator({ locale, messages, namespace: 'notices', onError });
  const mediaError = createTranslator({ locale, messages, namespace: 'mediaErrors', onError });
  const error = errorTextIn(locale, createTranslator({ locale, messages, namespace: 'errors', onError }));
  return (message) => noticeText(message, { notice, mediaError, error });
}

/** The newest notice in the call store, worded. */
export function lastNotice(say: NoticeWords): string | undefined {
  const notice = useCallStore.getState().notices.at(-1);
  return notice && say(notice.message);
}
