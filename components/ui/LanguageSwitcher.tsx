import { getLocale, getTranslations } from 'next-intl/server';
import { LanguageSelect } from './LanguageSelect';

/** The language picker with its label in the current language (no client messages needed). */
export async function LanguageSwitcher() {
  const [locale, t] = await Promise.all([getLocale(), getTranslations('common')]);
  return <LanguageSelect locale={locale} label={t('language')} />;
}
