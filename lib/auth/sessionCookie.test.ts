import { describe, expect, it } from 'vitest';
import { isLoopbackHost, sessionCookieOptions, shouldUseSecureCookie } from '@/lib/auth/sessionCookie';

describe('session cookie', () => {
  it('is httpOnly, SameSite=Lax, site-wide, and expires with the session', () => {
    expect(sessionCookieOptions(true, 1_700_000_000_000)).toEqual({
      httpOnly: true,
      sameSite: 'lax',
      secure: true,
      path: '/',
      expires: new Date(1_700_000_000_000),
    });
  });

  it('is Secure on https, and in production except on localhost', () => {
    const https = { https: true, host: 'meet.example.com' };
    const http = { https: false, host: 'meet.example.com' };
    const local = { https: false, host: '127.0.0.1:3000' };
    expect(shouldUseSecureCookie('auto', 'development', https)).toBe(true);
    expect(shouldUseSecureCookie('auto', 'production', http)).toBe(true);
    expect(shouldUseSecureCookie('auto', 'production', local)).toBe(false);
    expect(shouldUseSecureCookie('auto', 'development', http)).toBe(false);
    expect(shouldUseSecureCookie('always', 'development', local)).toBe(true);
    expect(shouldUseSecureCookie('never', 'production', https)).toBe(false);
  });

  it('recognises loopback hosts', () => {
    for (const host of [
      'localhost',
      'localhost:3000',
      'app.localhost',
      '127.0.0.1',
      '127.1.2.3:80',
      '[::1]:3000',
    ]) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of [
      null,
      '',
      'example.com',
      '10.0.0.1:3000',
      '127.0.0.1.example.com',
      'localhost.example.com',
    ]) {
      expect(isLoopbackHost(host), String(host)).toBe(false);
    }
  });
});
