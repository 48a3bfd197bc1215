'use client';

import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { mediaErrorText } from '@/lib/i18n/mediaErrorText';
import type { MediaErrorInfo } from '@/lib/media/mediaErrors';

/** Says a camera, microphone or screen error (title and what to do) in the reader's language. */
export function useMediaErrorText(): (info: MediaErrorInfo) => { title: string; message: string } {
  const t = useTranslations('mediaErrors');
  return useCallback((info: MediaErrorInfo) => mediaErrorText(t, info), [t]);
}
