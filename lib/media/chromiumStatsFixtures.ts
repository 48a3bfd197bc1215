/**
 * RTCStatsReport contents in the shape Chromium produces for one mediasoup transport, written by
 * hand from real reports (ids, field names and units as Chromium gives them: seconds for jitter and
 * round-trip times, ms timestamps, cumulative counters). Used by the rtcStats tests.
 */
import type { StatsReportLike } from './rtcStats';

export const CAMERA_TRACK = '5b1a9d0e-4c0f-4c61-9a51-7f0b3f6c2d11';
export const MIC_TRACK = 'c2f6a8e4-1d7b-4b0e-8a83-3e9d5b7a6f22';
export const REMOTE_VIDEO_TRACK = '8e2c0b7a-93f1-4e55-b1de-0a4c6d2f9e33';
export const REMOTE_AUDIO_TRACK = 'f04d7e1b-6a2c-4d98-9c07-5b3e8a1d4c44';

type Stat = Record<string, unknown> & { id: string; type: string };

function report(stats: Stat[]): StatsReportLike {
  return new Map(stats.map((s) => [s.id, s]));
}

interface PathOptions {
  transportId?: string;
  localType?: string;
  remoteType?: string;
  protocol?: string;
  rttS?: number;
  /** Firefox-style: no transport entry, the pair says `selected`. */
  firefox?: boolean;
}

function path(t: number, o: PathOptions = {}): Stat[] {
  const transportId = o.transportId ?? 'T01';
  const pair: Stat = {
    id: 'CPa1b2c3d4_e5f6a7b8',
    type: 'candidate-pair',
    timestamp: t,
    transportId,
    localCandidateId: 'Ia1b2c3d4',
    remoteCandidateId: 'Ie5f6a7b8',
    state: 'succeeded',
    nominated: true,
    writable: true,
    packetsSent: 2210,
    bytesSent: 1_912_004,
    bytesReceived: 41_822,
    totalRoundTripTime: 0.412,
    currentRoundTripTime: o.rttS ?? 0.001,
    availableOutgoingBitrate: 2_511_872,
    requestsReceived: 8,
    responsesSent: 8,
    ...(o.firefox ? { selected: true } : {}),
  };
  const stats: Stat[] = [
    pair,
    // A pair that was tried and not used: must not be mistaken for the selected one.
    {
      id: 'CPa1b2c3d4_99999999',
      type: 'candidate-pair',
      timestamp: t,
      transportId,
      localCandidateId: 'Ia1b2c3d4',
      remoteCandidateId: 'I99999999',
      state: 'failed',
      nominated: false,
      currentRoundTripTime: 0.9,
    },
    {
      id: 'Ia1b2c3d4',
      type: 'local-candidate',
      timestamp: t,
      transportId,
      address: '192.168.1.20',
      port: 50612,
      protocol: o.protocol ?? 'udp',
      candidateType: o.localType ?? 'host',
      priority: 2122260223,
      networkType: 'ethernet',
      isRemote: false,
    },
    {
      id: 'Ie5f6a7b8',
      type: 'remote-candidate',
      timestamp: t,
      transportId,
      address: '192.168.1.2',
      port: 40012,
      protocol: o.protocol ?? 'udp',
      candidateType: o.remoteType ?? 'host',
      priority: 1076302079,
      isRemote: true,
    },
    {
      id: 'I99999999',
      type: 'remote-candidate',
      timestamp: t,
      transportId,
      protocol: 'tcp',
      candidateType: 'relay',
      isRemote: true,
    },
  ];
  if (!o.firefox) {
    stats.push({
      id: transportId,
      type: 'transport',
      timestamp: t,
      bytesSent: 1_912_004,
      bytesReceived: 41_822,
      dtlsState: 'connected',
      iceState: 'connected',
      selectedCandidatePairId: pair.id,
      selectedCandidatePairChanges: 1,
      tlsVersion: 'FEFD',
      dtlsRole: 'client',
    });
  }
  return stats;
}

function codecs(t: number, transportId = 'T01'): Stat[] {
  return [
    {
      id: 'CIT01_101_x-google-start-bitrate=1000',
      type: 'codec',
      timestamp: t,
      transportId,
      payloadType: 101,
      mimeType: 'video/VP8',
      clockRate: 90000,
    },
    {
      id: 'CIT01_100_minptime=10;stereo=0;useinbandfec=1',
      type: 'codec',
      timestamp: t,
      transportId,
      payloadType: 100,
      mimeType: 'audio/opus',
      clockRate: 48000,
      channels: 2,
      sdpFmtpLine: 'minptime=10;stereo=0;useinbandfec=1',
    },
  ];
}

export interface SendSample {
  t: number;
  videoBytes: number;
  videoPackets: number;
  audioBytes: number;
  audioPackets: number;
  videoLost?: number;
  audioLost?: number;
  /** remote-inbound-rtp round trip, seconds. */
  rttS?: number;
  width?: number;
  height?: number;
  fps?: number;
  path?: PathOptions;
}

/** A send transport with one camera (VP8) and one microphone (Opus) producer. */
export function sendReport(s: SendSample): StatsReportLike {
  const { t } = s;
  return report([
    {
      id: 'SV12',
      type: 'media-source',
      timestamp: t,
      kind: 'video',
      trackIdentifier: CAMERA_TRACK,
      width: s.width ?? 1280,
      height: s.height ?? 720,
      frames: 1840,
      framesPerSecond: 30,
    },
    {
      id: 'SA11',
      type: 'media-source',
      timestamp: t,
      kind: 'audio',
      trackIdentifier: MIC_TRACK,
      audioLevel: 0.03,
      totalAudioEnergy: 0.41,
    },
    {
      id: 'OT01V1290153213',
      type: 'outbound-rtp',
      timestamp: t,
      ssrc: 1290153213,
      kind: 'video',
      transportId: 'T01',
      codecId: 'CIT01_101_x-google-start-bitrate=1000',
      mediaSourceId: 'SV12',
      remoteId: 'RIV1290153213',
      mid: '0',
      packetsSent: s.videoPackets,
      bytesSent: s.videoBytes,
      headerBytesSent: s.videoPackets * 29,
      frameWidth: s.width ?? 1280,
      frameHeight: s.height ?? 720,
      framesPerSecond: s.fps ?? 30,
      framesSent: 1838,
      framesEncoded: 1838,
      keyFramesEncoded: 3,
      qualityLimitationReason: 'none',
      active: true,
    },
    {
      id: 'OT01A3377241096',
      type: 'outbound-rtp',
      timestamp: t,
      ssrc: 3377241096,
      kind: 'audio',
      transportId: 'T01',
      codecId: 'CIT01_100_minptime=10;stereo=0;useinbandfec=1',
      mediaSourceId: 'SA11',
      remoteId: 'RIA3377241096',
      mid: '1',
      packetsSent: s.audioPackets,
      bytesSent: s.audioBytes,
      active: true,
    },
    {
      id: 'RIV1290153213',
      type: 'remote-inbound-rtp',
      timestamp: t - 120,
      ssrc: 1290153213,
      kind: 'video',
      transportId: 'T01',
      codecId: 'CIT01_101_x-google-start-bitrate=1000',
      localId: 'OT01V1290153213',
      packetsLost: s.videoLost ?? 0,
      jitter: 0.0042,
      fractionLost: 0,
      roundTripTime: s.rttS ?? 0.0021,
      totalRoundTripTime: 0.12,
      roundTripTimeMeasurements: 57,
    },
    {
      id: 'RIA3377241096',
      type: 'remote-inbound-rtp',
      timestamp: t - 300,
      ssrc: 3377241096,
      kind: 'audio',
      transportId: 'T01',
      codecId: 'CIT01_100_minptime=10;stereo=0;useinbandfec=1',
      localId: 'OT01A3377241096',
      packetsLost: s.audioLost ?? 0,
      jitter: 0.0011,
      fractionLost: 0,
      roundTripTime: s.rttS ?? 0.0018,
    },
    ...codecs(t),
    ...path(t, s.path),
  ]);
}

export interface RecvSample {
  t: number;
  videoBytes: number;
  videoPackets: number;
  videoLost: number;
  audioBytes: number;
  audioPackets: number;
  audioLost: number;
  freezes?: number;
  /** Candidate-pair round trip, seconds. */
  rttS?: number;
  path?: PathOptions;
}

/** A receive transport with one remote camera and one remote microphone consumer. */
export function recvReport(s: RecvSample): StatsReportLike {
  const { t } = s;
  return report([
    {
      id: 'IT01V2804112097',
      type: 'inbound-rtp',
      timestamp: t,
      ssrc: 2804112097,
      kind: 'video',
      transportId: 'T01',
      codecId: 'CIT01_101_x-google-start-bitrate=1000',
      mid: '0',
      trackIdentifier: REMOTE_VIDEO_TRACK,
      packetsReceived: s.videoPackets,
      packetsLost: s.videoLost,
      bytesReceived: s.videoBytes,
      jitter: 0.006,
      frameWidth: 1280,
      frameHeight: 720,
      framesPerSecond: 29,
      framesDecoded: 1790,
      framesDropped: 2,
      freezeCount: s.freezes ?? 0,
      totalFreezesDuration: (s.freezes ?? 0) * 0.4,
      decoderImplementation: 'libvpx',
    },
    {
      id: 'IT01A1964531580',
      type: 'inbound-rtp',
      timestamp: t,
      ssrc: 1964531580,
      kind: 'audio',
      transportId: 'T01',
      codecId: 'CIT01_100_minptime=10;stereo=0;useinbandfec=1',
      mid: '1',
      trackIdentifier: REMOTE_AUDIO_TRACK,
      packetsReceived: s.audioPackets,
      packetsLost: s.audioLost,
      bytesReceived: s.audioBytes,
      jitter: 0.0025,
      concealedSamples: 480,
      totalSamplesReceived: 2_880_000,
    },
    {
      // mediasoup-client's bandwidth probe stream: padding only, no codec, no frames.
      id: 'IT01V1234',
      type: 'inbound-rtp',
      timestamp: t,
      ssrc: 1234,
      kind: 'video',
      transportId: 'T01',
      mid: 'probator',
      trackIdentifier: 'probator',
      packetsReceived: 310,
      packetsLost: 0,
      bytesReceived: 78_000,
      jitter: 0.129,
      freezeCount: 0,
    },
    ...codecs(t),
    ...path(t, { rttS: s.rttS, ...s.path }),
  ]);
}
