/**
 * Picks the interface language from an Accept-Language header. Hand-written rather than taken from
 * a locale-matcher library: the interface has a handful of languages without regional variants, so
 * matching each range's primary subtag by quality is the whole job (RFC 9110 §12.5.4).
 */
import { DEFAULT_LOCALE, isLocale, type Locale } from './locales';

interface Range {
  tag: string;
  q: number;
  order: number;
}

function parseRanges(header: string): Range[] {
  return header
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.trim().split(';');
      const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const q = qParam === undefined ? 1 : Number(qParam.slice(2));
      return { tag: tag.trim().toLowerCase(), q: Number.isFinite(q) ? q : 0, order };
    })
    .filter((r) => r.tag !== '' && r.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
}

export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  for (const { tag } of parseRanges(acceptLanguage)) {
    const primary = tag.split('-')[0];
    if (isLocale(primary)) return primary;
  }
  return DEFAULT_LOCALE;
}
