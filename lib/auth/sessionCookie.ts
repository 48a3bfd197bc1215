/** The session cookie: its name, its flags, and when it is marked Secure. */

export const SESSION_COOKIE = 'ic_session';

export interface SessionCookieOptions {
  httpOnly: true;
  sameSite: 'lax';
  secure: boolean;
  path: '/';
  expires: Date;
}

export interface CookieRequestInfo {
  https: boolean;
  /** The Host header. */
  host: string | null;
}

/**
 * Secure unless it would lose the cookie: always on https; in production also on plain http,
 * except on localhost (browsers differ on Secure cookies there); never in development.
 * COOKIE_SECURE=true/false overrides this.
 */
export function shouldUseSecureCookie(
  mode: 'auto' | 'always' | 'never',
  env: 'development' | 'production' | 'test',
  request: CookieRequestInfo,
): boolean {
  if (mode !== 'auto') return mode === 'always';
  if (request.https) return true;
  return env === 'production' && !isLoopbackHost(request.host);
}

export function sessionCookieOptions(secure: boolean, expiresAt: number): SessionCookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: new Date(expiresAt) };
}

export function isLoopbackHost(host: string | null): boolean {
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '');
  const lower = name.toLowerCase();
  return (
    lower === 'localhost' ||
    lower.endsWith('.localhost') ||
    lower === '::1' ||
    /^127(\.\d{1,3}){3}$/.test(lower)
  );
}
