'use client';

import { useRouter } from 'next/navigation';
import { useId, useTransition } from 'react';
import {
  LOCALE_COOKIE,
  LOCALE_COOKIE_MAX_AGE_S,
  LOCALE_NAMES,
  LOCALES,
  type Locale,
} from '@/lib/i18n/locales';

/**
 * The language picker: remembers the choice in a cookie (read by lib/i18n/request.ts) and renders
 * the page again on the server in that language, keeping what is on screen (a pre-join preview).
 */
export function LanguageSelect({ locale, label }: { locale: Locale; label: string }) {
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();

  function choose(next: string) {
    document.cookie = `${LOCALE_COOKIE}=${encodeURIComponent(next)}; path=/; max-age=${LOCALE_COOKIE_MAX_AGE_S}; samesite=lax`;
    startTransition(() => router.refresh());
  }

  return (
    <div className="flex items-center gap-2 text-sm text-neutral-400">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={locale}
        disabled={pending}
        onChange={(e) => choose(e.target.value)}
        className="rounded-md border border-neutral-700 bg-neutral-900 px-2 py-1 text-neutral-200 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-400"
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
