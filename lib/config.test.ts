import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig as loadFromEnv, SQLITE_FILE_NAME } from '@/lib/config';

const loadConfig = (vars: Record<string, string>) => loadFromEnv({ NODE_ENV: 'test', ...vars });

describe('storage and account settings', () => {
  it('defaults to an embedded database in ./data, a private cookie policy, and no proxy', () => {
    const config = loadConfig({});
    expect(config.dataDir).toBe(path.resolve('data'));
    expect(config.database).toEqual({
      engine: 'sqlite',
      file: path.join(path.resolve('data'), SQLITE_FILE_NAME),
    });
    expect(config.http.trustProxy).toBe(false);
    expect(config.auth.cookieSecure).toBe('auto');
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://app:pw@db:5432/ic',
      DATABASE_POOL_MAX: '20',
      DATA_DIR: '/srv/ic',
    });
    expect(config.database).toEqual({
      engine: 'postgres',
      url: 'postgresql://app:pw@db:5432/ic',
      poolMax: 20,
    });
    expect(config.dataDir).toBe('/srv/ic');
  });

  it('names a bad value', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must be a postgres:\/\//);
    expect(() => loadConfig({ COOKIE_SECURE: 'sometimes' })).toThrow(/COOKIE_SECURE/);
    expect(() => loadConfig({ TRUST_PROXY: 'maybe' })).toThrow(/TRUST_PROXY/);
  });

  it('reads the proxy and cookie switches', () => {
    const config = loadConfig({ TRUST_PROXY: 'true', COOKIE_SECURE: 'false' });
    expect(config.http.trustProxy).toBe(true);
    expect(config.auth.cookieSecure).toBe('never');
    expect(loadConfig({ COOKIE_SECURE: 'true' }).auth.cookieSecure).toBe('always');
  });
});
