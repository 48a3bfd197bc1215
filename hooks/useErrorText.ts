'use client';

import { useMemo } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { errorTextIn } from '@/lib/i18n/errorText';

/** Says a coded error in the page's language (see lib/i18n/errorText). */
export function useErrorText(): (code: string, fallback: string) => string {
  const t = useTranslations('errors');
  const locale = useLocale();
  return useMemo(() => errorTextIn(locale, t), [locale, t]);
}
