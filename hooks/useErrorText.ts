'use client';

import { useCallback } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import type { Messages } from '@/lib/i18n/messages';

type TranslatedCode = keyof Messages['errors'];

/**
 * Says a coded server error (lib/protocol/errors.ts, token refusals) in the page's language. In
 * English the server's own message is shown as it is (it is written for people and often more
 * specific than the code); other languages show the code's translation, or that message when the
 * code has none.
 */
export function useErrorText(): (code: string, fallback: string) => string {
  const t = useTranslations('errors');
  const locale = useLocale();
  return useCallback(
    (code: string, fallback: string) =>
      locale !== 'en' && t.has(code as TranslatedCode) ? t(code as TranslatedCode) : fallback,
    [locale, t],
  );
}
