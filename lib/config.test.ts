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

  it('keeps recordings in DATA_DIR/recordings with default limits unless told otherwise', () => {
    expect(loadConfig({ DATA_DIR: '/srv/ic' }).recording).toEqual({
      dir: '/srv/ic/recordings',
      maxConcurrent: 2,
      maxDurationMs: 240 * 60_000,
      minFreeBytes: 500 * 1024 * 1024,
      ffmpegPath: 'ffmpeg',
    });
    const custom = loadConfig({
      RECORDINGS_DIR: '/mnt/rec',
      MAX_RECORDINGS: '0',
      MAX_RECORDING_MINUTES: '30',
      RECORDING_MIN_FREE_MB: '10',
    }).recording;
    expect(custom).toMatchObject({ dir: '/mnt/rec', maxConcurrent: 0, maxDurationMs: 30 * 60_000 });
    expect(custom.minFreeBytes).toBe(10 * 1024 * 1024);
    expect(() => loadConfig({ MAX_RECORDINGS: '-1' })).toThrow(/MAX_RECORDINGS/);
    expect(() => loadConfig({ MAX_RECORDING_MINUTES: '0' })).toThrow(/MAX_RECORDING_MINUTES/);
    expect(loadConfig({ MAX_RECORDING_MINUTES: '0.5' }).recording.maxDurationMs).toBe(30_000);
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

describe('TURN settings', () => {
  const secret = 'a-static-auth-secret';

  it('is off when nothing is set, whatever TURN_TTL_S says', () => {
    expect(loadConfig({}).turn).toBeNull();
    expect(loadConfig({ TURN_TTL_S: '600' }).turn).toBeNull();
  });

  it('reads a comma-separated URL list, the secret, and a one-hour default lifetime', () => {
    const config = loadConfig({
      TURN_URLS:
        ' turn:turn.example.com:3478?transport=udp, turns:turn.example.com:443?transport=tcp,,turn:[2001:db8::1]',
      TURN_SECRET: secret,
    });
    expect(config.turn).toEqual({
      urls: [
        'turn:turn.example.com:3478?transport=udp',
        'turns:turn.example.com:443?transport=tcp',
        'turn:[2001:db8::1]',
      ],
      secret,
      ttlS: 3600,
    });
    expect(
      loadConfig({ TURN_URLS: 'turn:127.0.0.1', TURN_SECRET: secret, TURN_TTL_S: '60' }).turn?.ttlS,
    ).toBe(60);
  });

  it.each([
    'stun:turn.example.com',
    'https://turn.example.com',
    'turn://turn.example.com',
    'turn:turn.example.com:0',
    'turn:turn.example.com:70000',
    'turn:turn.example.com?transport=sctp',
    'turn:user@turn.example.com',
    'turn:turn.example.com/path',
    'turn:',
    'turn:ok.example.com,stun:bad.example.com',
  ])('refuses the TURN URL list %j', (urls) => {
    expect(() => loadConfig({ TURN_URLS: urls, TURN_SECRET: secret })).toThrow(/TURN_URLS/);
  });

  it('refuses an empty list once the separators are removed', () => {
    expect(() => loadConfig({ TURN_URLS: ' , ', TURN_SECRET: secret })).toThrow(
      /TURN_URLS: list at least one/,
    );
  });

  it('needs a secret of 16+ characters with the URLs, and URLs with a secret', () => {
    expect(() => loadConfig({ TURN_URLS: 'turn:127.0.0.1:3478' })).toThrow(/TURN_SECRET: required/);
    expect(() => loadConfig({ TURN_URLS: 'turn:127.0.0.1:3478', TURN_SECRET: 'short' })).toThrow(
      /TURN_SECRET: must be at least 16/,
    );
    expect(() => loadConfig({ TURN_SECRET: secret })).toThrow(/TURN_URLS: required/);
  });

  it('keeps the credential lifetime between one minute and one day', () => {
    const base = { TURN_URLS: 'turn:127.0.0.1', TURN_SECRET: secret };
    expect(() => loadConfig({ ...base, TURN_TTL_S: '59' })).toThrow(/TURN_TTL_S/);
    expect(() => loadConfig({ ...base, TURN_TTL_S: '86401' })).toThrow(/TURN_TTL_S/);
    expect(() => loadConfig({ ...base, TURN_TTL_S: 'soon' })).toThrow(/TURN_TTL_S/);
  });
});

describe('resilience settings', () => {
  it('keeps a dropped participant 30 s and does not drain by default', () => {
    const config = loadConfig({});
    expect(config.resilience).toEqual({ resumeGraceMs: 30_000, drainTimeoutMs: 0 });
    expect(config.media.iceDisconnectGraceMs).toBe(30_000);
    expect(config.media.iceConsentTimeoutS).toBe(30);
  });

  it('reads RESUME_GRACE_S (0 turns resume off) and DRAIN_TIMEOUT_S, and names bad values', () => {
    const config = loadConfig({ RESUME_GRACE_S: '0', DRAIN_TIMEOUT_S: '600' });
    expect(config.resilience).toEqual({ resumeGraceMs: 0, drainTimeoutMs: 600_000 });
    expect(() => loadConfig({ RESUME_GRACE_S: '-1' })).toThrow(/RESUME_GRACE_S/);
    expect(() => loadConfig({ RESUME_GRACE_S: '601' })).toThrow(/RESUME_GRACE_S/);
    expect(() => loadConfig({ DRAIN_TIMEOUT_S: 'soon' })).toThrow(/DRAIN_TIMEOUT_S/);
  });
});
