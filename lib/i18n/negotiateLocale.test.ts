import { describe, expect, it } from 'vitest';
import { negotiateLocale } from './negotiateLocale';

describe('negotiateLocale', () => {
  it('takes the first offered language by quality', () => {
    expect(negotiateLocale('de-DE,de;q=0.9,en;q=0.8')).toBe('de');
    expect(negotiateLocale('it-IT,es;q=0.8,fr;q=0.9')).toBe('fr');
    expect(negotiateLocale('en;q=0.5, es-419')).toBe('es');
  });

  it('falls back to English for missing, unknown or refused languages', () => {
    expect(negotiateLocale(null)).toBe('en');
    expect(negotiateLocale('')).toBe('en');
    expect(negotiateLocale('ja,zh;q=0.9')).toBe('en');
    expect(negotiateLocale('de;q=0')).toBe('en');
    expect(negotiateLocale('*')).toBe('en');
  });
});
