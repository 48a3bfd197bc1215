'use client';

import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { noticeText } from '@/lib/i18n/noticeText';
import type { NoticeMessage } from '@/lib/store/callStore';
import { useErrorText } from './useErrorText';

/** Words the call's notices in the reader's language. */
export function useNoticeText(): (message: NoticeMessage) => string {
  const notice = useTranslations('notices');
  const mediaError = useTranslations('mediaErrors');
  const error = useErrorText();
  return useCallback(
    (message: NoticeMessage) => noticeText(message, { notice, mediaError, error }),
    [notice, mediaError, error],
  );
}
