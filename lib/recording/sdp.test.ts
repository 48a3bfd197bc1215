import { describe, expect, it } from 'vitest';
import { buildSdp, isRecordable } from './sdp';

describe('buildSdp', () => {
  it('describes each stream on its own port, in order, with its codec', () => {
    const sdp = buildSdp([
      { kind: 'video', port: 50_000, payloadType: 101, mimeType: 'video/VP8', clockRate: 90_000 },
      {
        kind: 'audio',
        port: 50_002,
        payloadType: 100,
        mimeType: 'audio/opus',
        clockRate: 48_000,
        channels: 2,
        parameters: { useinbandfec: 1, minptime: 10 },
      },
      {
        kind: 'video',
        port: 50_004,
        payloadType: 107,
        mimeType: 'video/H264',
        clockRate: 90_000,
        parameters: { 'packetization-mode': 1, 'x-google-start-bitrate': 1000 },
      },
    ]);
    expect(sdp.split('\n')).toEqual([
      'v=0',
      'o=- 0 0 IN IP4 127.0.0.1',
      's=Idea Communicator recording',
      'c=IN IP4 127.0.0.1',
      't=0 0',
      'm=video 50000 RTP/AVP 101',
      'a=rtcp:50001',
      'a=rtpmap:101 VP8/90000',
      'a=recvonly',
      'm=audio 50002 RTP/AVP 100',
      'a=rtcp:50003',
      'a=rtpmap:100 opus/48000/2',
      'a=fmtp:100 useinbandfec=1;minptime=10',
      'a=recvonly',
      'm=video 50004 RTP/AVP 107',
      'a=rtcp:50005',
      'a=rtpmap:107 H264/90000',
      'a=fmtp:107 packetization-mode=1',
      'a=recvonly',
      '',
    ]);
  });

  it('refuses codecs ffmpeg cannot take and odd RTP ports', () => {
    expect(() =>
      buildSdp([{ kind: 'video', port: 50_000, payloadType: 96, mimeType: 'video/AV1', clockRate: 90_000 }]),
    ).toThrow(/cannot record video\/AV1/);
    expect(() =>
      buildSdp([{ kind: 'audio', port: 50_001, payloadType: 96, mimeType: 'audio/opus', clockRate: 48_000 }]),
    ).toThrow(/must be even/);
  });

  it('knows which codecs are recordable, whatever their case', () => {
    expect(isRecordable('video/vp8')).toBe(true);
    expect(isRecordable('audio/OPUS')).toBe(true);
    expect(isRecordable('audio/PCMU')).toBe(false);
  });
});
