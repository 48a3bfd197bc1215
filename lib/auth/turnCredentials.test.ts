import { describe, expect, it } from 'vitest';
import { turnCredential, turnCredentials } from '@/lib/auth/turnCredentials';
import type { TurnConfig } from '@/lib/config';

const turn: TurnConfig = {
  urls: ['turn:turn.example.com:3478?transport=udp', 'turns:turn.example.com:443?transport=tcp'],
  secret: 'north-wind-static-secret',
  ttlS: 3600,
};
const participantId = '3f1c2a9e-7b1d-4c55-9a43-0d2e5b8c6f10';
// 2023-11-14T22:13:20.750Z: the fraction of a second must not reach the username.
const now = 1_700_000_000_750;

describe('turnCredentials', () => {
  it('signs "<expiry>:<participant>" with HMAC-SHA1 of the secret, as coturn checks it', () => {
    const creds = turnCredentials(turn, participantId, now);
    // Expected credential computed independently:
    //   printf '%s' '1700003600:<id>' | openssl dgst -sha1 -hmac north-wind-static-secret -binary | base64
    expect(creds.iceServers).toEqual([
      {
        urls: turn.urls,
        username: `1700003600:${participantId}`,
        credential: '1bCqT1GQ1hfFEvbEu1IZiXhNoUI=',
      },
    ]);
    expect(creds.expiresAt).toBe(1_700_003_600_000);
  });

  it('asks for fresh credentials well before they expire', () => {
    const short = turnCredentials({ ...turn, ttlS: 60 }, participantId, now);
    expect(short.expiresAt).toBe(1_700_000_060_000);
    expect(short.refreshAt).toBe(now + 48_000);
    const long = turnCredentials(turn, participantId, now);
    expect(long.refreshAt).toBe(now + 2_880_000);
    expect(long.expiresAt! - long.refreshAt!).toBeGreaterThanOrEqual(600_000);
  });

  it('gives each participant and each moment its own credentials', () => {
    const a = turnCredentials(turn, participantId, now).iceServers[0]!;
    const b = turnCredentials(turn, 'another-participant', now).iceServers[0]!;
    const later = turnCredentials(turn, participantId, now + 1000).iceServers[0]!;
    expect(new Set([a.credential, b.credential, later.credential]).size).toBe(3);
    expect(later.username).toBe(`1700003601:${participantId}`);
    expect(
      turnCredentials({ ...turn, secret: 'another-static-secret' }, participantId, now).iceServers[0]!
        .credential,
    ).not.toBe(a.credential);
  });

  it('returns no servers and no deadlines without TURN settings', () => {
    for (const none of [null, undefined, { ...turn, urls: [] }]) {
      expect(turnCredentials(none, participantId, now)).toEqual({
        iceServers: [],
        expiresAt: null,
        refreshAt: null,
      });
    }
  });

  it('hands out a copy of the URL list', () => {
    const creds = turnCredentials(turn, participantId, now);
    creds.iceServers[0]!.urls.push('turn:evil.example.com');
    expect(turn.urls).toHaveLength(2);
  });

  it('refuses a participant id that would break the username', () => {
    for (const bad of ['', 'a:b', 'with space', 'x'.repeat(129)]) {
      expect(() => turnCredentials(turn, bad, now)).toThrow(RangeError);
    }
  });

  it('exposes the credential function for a username', () => {
    expect(turnCredential(turn.secret, `1700003600:${participantId}`)).toBe('1bCqT1GQ1hfFEvbEu1IZiXhNoUI=');
  });
});
