import { describe, expect, it } from 'vitest';
import { safeNextPath } from '@/lib/auth/safeRedirect';

describe('safeNextPath', () => {
  it('keeps paths on this site', () => {
    expect(safeNextPath('/dashboard')).toBe('/dashboard');
    expect(safeNextPath('/m/abc-defg-hij?x=1#top')).toBe('/m/abc-defg-hij?x=1#top');
  });

  it('falls back to the dashboard for anything that could leave the site', () => {
    for (const bad of [
      undefined,
      ['/a', '/b'],
      '',
      'dashboard',
      'https://evil.example',
      '//evil.example/path',
      '/\\evil.example',
      '/\t/evil.example',
      'javascript:alert(1)',
      `/${'a'.repeat(600)}`,
    ]) {
      expect(safeNextPath(bad), String(bad)).toBe('/dashboard');
    }
    expect(safeNextPath('//evil.example', '/')).toBe('/');
  });
});
