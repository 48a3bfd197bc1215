/**
 * Media parameters a browser would send, without a browser: DTLS parameters with a sha-256
 * fingerprint, VP8/Opus RTP parameters for `produce` with fixed SSRCs, and client RTP
 * capabilities derived from the router's (as mediasoup-client's Device.load() would).
 */
import type { DtlsParametersWire, MediaKind, RtpCapabilitiesWire, RtpParametersWire } from '@/lib/protocol';

export const VIDEO_SSRC = 11_111_111;
export const AUDIO_SSRC = 22_222_222;

/** 32 bytes as colon-separated upper-case hex, like a real sha-256 certificate fingerprint. */
export function fakeFingerprint(seed = 1): string {
  return Array.from({ length: 32 }, (_, i) =>
    ((seed * 31 + i * 7) % 256).toString(16).padStart(2, '0').toUpperCase(),
  ).join(':');
}

export function fakeDtlsParameters(
  role: 'client' | 'server' | 'auto' = 'client',
  seed = 1,
): DtlsParametersWire {
  return { role, fingerprints: [{ algorithm: 'sha-256', value: fakeFingerprint(seed) }] };
}

export function vp8RtpParameters(ssrc = VIDEO_SSRC): RtpParametersWire {
  return {
    codecs: [
      {
        mimeType: 'video/VP8',
        payloadType: 96,
        clockRate: 90000,
        rtcpFeedback: [
          { type: 'nack' },
          { type: 'nack', parameter: 'pli' },
          { type: 'ccm', parameter: 'fir' },
          { type: 'goog-remb' },
        ],
      },
    ],
    headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1 }],
    encodings: [{ ssrc }],
    rtcp: { cname: `cname-${ssrc}`, reducedSize: true },
  };
}

export function opusRtpParameters(ssrc = AUDIO_SSRC): RtpParametersWire {
  return {
    codecs: [
      {
        mimeType: 'audio/opus',
        payloadType: 111,
        clockRate: 48000,
        channels: 2,
        parameters: { minptime: 10, useinbandfec: 1 },
        rtcpFeedback: [{ type: 'transport-cc' }],
      },
    ],
    headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1 }],
    encodings: [{ ssrc }],
    rtcp: { cname: `cname-${ssrc}`, reducedSize: true },
  };
}

export function rtpParametersFor(kind: MediaKind, ssrc?: number): RtpParametersWire {
  return kind === 'video' ? vp8RtpParameters(ssrc) : opusRtpParameters(ssrc);
}

/**
 * What a browser's Device reports after loading the router's capabilities: the router's codecs
 * and header extensions (optionally only some kinds, e.g. an audio-only device).
 */
export function clientRtpCapabilities(
  routerCapabilities: RtpCapabilitiesWire,
  kinds: readonly MediaKind[] = ['audio', 'video'],
): RtpCapabilitiesWire {
  const copy = structuredClone(routerCapabilities);
  return {
    codecs: (copy.codecs ?? []).filter((c) => kinds.includes(c.kind)),
    headerExtensions: (copy.headerExtensions ?? []).filter((h) => kinds.includes(h.kind)),
  };
}
