import { describe, expect, it } from 'vitest';
import { fakeDtlsParameters, vp8RtpParameters } from '@/tests/support/fakeMedia';
import {
  MAX_SIGNALING_MESSAGE_BYTES,
  REQUEST_NAMES,
  appDataSchema,
  callIdSchema,
  dtlsParametersSchema,
  requestSchemas,
  rtpCapabilitiesSchema,
  rtpParametersSchema,
  userIdSchema,
} from '.';

import { caps, many, requestCases, s } from '@/tests/support/requestCases';

describe('requestSchemas', () => {
  it('REQUEST_NAMES lists exactly the request schemas', () => {
    expect([...REQUEST_NAMES].sort()).toEqual(Object.keys(requestSchemas).sort());
    expect(Object.keys(requestCases).sort()).toEqual([...REQUEST_NAMES].sort());
  });

  describe.each(REQUEST_NAMES)('%s', (name) => {
    const { valid, invalid } = requestCases[name];

    it.each(valid.map((p, i) => [i, p] as const))('accepts valid payload #%i', (_i, payload) => {
      const result = requestSchemas[name].safeParse(payload);
      expect(result.error?.issues).toBeUndefined();
      expect(result.success).toBe(true);
    });

    it.each(Object.entries(invalid))('rejects %s', (_label, payload) => {
      expect(requestSchemas[name].safeParse(payload).success).toBe(false);
    });

    // These take no fields; the seed style sends them with only the ack callback.
    const optional = ['leaveRoom', 'admitAll', 'endMeeting', 'getIceServers', 'ping'];
    if (![...optional, 'startRecording', 'stopRecording'].includes(name)) {
      it.each([
        ['no payload', undefined],
        ['null', null],
        ['a string', 'x'],
        ['a number', 3],
        ['an array', []],
        ['true', true],
      ])('rejects %s', (_label, payload) => {
        expect(requestSchemas[name].safeParse(payload).success).toBe(false);
      });
    }
  });
});

describe('primitives', () => {
  it('callId: 1-128 of [A-Za-z0-9_-]', () => {
    expect(callIdSchema.safeParse('a').success).toBe(true);
    expect(callIdSchema.safeParse(s(128)).success).toBe(true);
    expect(callIdSchema.safeParse(s(129)).success).toBe(false);
    expect(callIdSchema.safeParse('').success).toBe(false);
    for (const bad of ['a b', 'a.b', 'a/b', 'a?b', 'a%20', '<script>', 'ä']) {
      expect(callIdSchema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('userId: trimmed, 1-128 characters', () => {
    expect(userIdSchema.parse('  bob  ')).toBe('bob');
    expect(userIdSchema.safeParse(s(128)).success).toBe(true);
    expect(userIdSchema.safeParse(s(129)).success).toBe(false);
    expect(userIdSchema.safeParse('').success).toBe(false);
    expect(userIdSchema.safeParse(' \t ').success).toBe(false);
  });

  it('appData: flat, at most 16 keys, any source label (the seed leaves it free)', () => {
    expect(appDataSchema.safeParse({}).success).toBe(true);
    expect(appDataSchema.safeParse(Object.fromEntries(many(16, (i) => [`k${i}`, i]))).success).toBe(true);
    expect(appDataSchema.safeParse(Object.fromEntries(many(17, (i) => [`k${i}`, i]))).success).toBe(false);
    for (const source of ['camera', 'microphone', 'screen', 'screen-audio']) {
      expect(appDataSchema.safeParse({ source }).success, source).toBe(true);
    }
    expect(appDataSchema.safeParse({ source: 'webcam' }).success).toBe(true);
    expect(appDataSchema.safeParse({ source: 1, label: 'cam', mediaTag: null }).success).toBe(true);
    expect(appDataSchema.safeParse({ source: { kind: 'camera' } }).success).toBe(false);
    expect(appDataSchema.safeParse({ list: [1, 2] }).success).toBe(false);
    expect(appDataSchema.safeParse({ [s(65)]: 1 }).success).toBe(false);
    expect(appDataSchema.safeParse({ label: s(257) }).success).toBe(false);
  });

  it('rtpParameters: 1-16 codecs, at most 8 encodings and 32 header extensions', () => {
    expect(rtpParametersSchema.safeParse(vp8RtpParameters()).success).toBe(true);
    expect(rtpParametersSchema.safeParse({ codecs: [] }).success).toBe(false);
    expect(rtpParametersSchema.safeParse({}).success).toBe(false);
    const ext = (i: number) => ({ uri: `urn:x:${i}`, id: i + 1 });
    expect(
      rtpParametersSchema.safeParse({ ...vp8RtpParameters(), headerExtensions: many(32, ext) }).success,
    ).toBe(true);
    expect(
      rtpParametersSchema.safeParse({ ...vp8RtpParameters(), headerExtensions: many(33, ext) }).success,
    ).toBe(false);
    const fb = many(33, () => ({ type: 'nack' }));
    const codec = { mimeType: 'video/VP8', payloadType: 96, clockRate: 90000, rtcpFeedback: fb };
    expect(rtpParametersSchema.safeParse({ codecs: [codec] }).success).toBe(false);
    expect(
      rtpParametersSchema.safeParse({
        codecs: [{ mimeType: 'audio/opus', payloadType: 1, clockRate: 48000, channels: 9 }],
      }).success,
    ).toBe(false);
    expect(rtpParametersSchema.safeParse({ ...vp8RtpParameters(), mid: s(33) }).success).toBe(false);
  });

  it('rtpCapabilities: at most 64 codecs and header extensions; unknown keys pass through', () => {
    expect(rtpCapabilitiesSchema.safeParse({ codecs: many(64, () => caps.codecs[0]) }).success).toBe(true);
    expect(rtpCapabilitiesSchema.safeParse({ codecs: many(65, () => caps.codecs[0]) }).success).toBe(false);
    const parsed = rtpCapabilitiesSchema.parse({ ...caps, extra: 1 });
    expect(parsed).toMatchObject({ extra: 1 });
  });

  it('dtlsParameters: 1-8 fingerprints with bounded strings', () => {
    expect(dtlsParametersSchema.safeParse(fakeDtlsParameters('server')).success).toBe(true);
    expect(
      dtlsParametersSchema.safeParse({ fingerprints: [{ algorithm: s(17), value: 'AB' }] }).success,
    ).toBe(false);
    expect(
      dtlsParametersSchema.safeParse({ fingerprints: [{ algorithm: 'sha-256', value: s(257) }] }).success,
    ).toBe(false);
    expect(dtlsParametersSchema.safeParse({ fingerprints: [{ algorithm: 'sha-256' }] }).success).toBe(false);
  });

  it('caps Socket.IO messages at 64 KB', () => {
    expect(MAX_SIGNALING_MESSAGE_BYTES).toBe(65_536);
  });
});
