/**
 * next-intl's per-request configuration, without locale prefixes in URLs: the language comes from
 * the switcher's cookie, else from the browser's Accept-Language, else English.
 */
import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { isLocale, LOCALE_COOKIE, type Locale } from './locales';
import { negotiateLocale } from './negotiateLocale';
import { loadMessages } from './messages';

export async function requestLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  return negotiateLocale((await headers()).get('accept-language'));
}

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return {
    locale,
    messages: await loadMessages(locale),
    // The server does not know the viewer's zone: it renders UTC and the browser switches to its own
    // (see components/dashboard/LocalTime.tsx).
    timeZone: 'UTC',
  };
});
