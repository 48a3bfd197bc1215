import { describe, expect, it } from 'vitest';
import {
  CAMERA_TRACK,
  MIC_TRACK,
  REMOTE_AUDIO_TRACK,
  REMOTE_VIDEO_TRACK,
  recvReport,
  sendReport,
  type RecvSample,
  type SendSample,
} from './chromiumStatsFixtures';
import { summarizePath, summarizeStats, type StatsReportLike, type StreamStats } from './rtcStats';

const SEND_0: SendSample = {
  t: 1_000_000,
  videoBytes: 1_000_000,
  videoPackets: 1000,
  audioBytes: 50_000,
  audioPackets: 500,
};
// Two seconds later: 250 kB of video (1000 kbit/s) and 8 kB of audio (32 kbit/s).
const SEND_1: SendSample = {
  t: 1_002_000,
  videoBytes: 1_250_000,
  videoPackets: 1220,
  audioBytes: 58_000,
  audioPackets: 600,
};

const RECV_0: RecvSample = {
  t: 5_000_000,
  videoBytes: 2_000_000,
  videoPackets: 2000,
  videoLost: 10,
  audioBytes: 100_000,
  audioPackets: 1000,
  audioLost: 0,
};
const RECV_1: RecvSample = {
  t: 5_002_000,
  videoBytes: 2_300_000, // 1200 kbit/s
  videoPackets: 2198, // 198 received + 2 lost in the window: 1 %
  videoLost: 12,
  audioBytes: 108_000,
  audioPackets: 1100,
  audioLost: 0,
  freezes: 0,
};

function row(rows: StreamStats[], direction: 'send' | 'recv', kind: 'audio' | 'video'): StreamStats {
  const r = rows.find((x) => x.direction === direction && x.kind === kind);
  if (!r) throw new Error(`no ${direction} ${kind} row in ${JSON.stringify(rows)}`);
  return r;
}

describe('summarizeStats: sending', () => {
  const labels = new Map([
    [CAMERA_TRACK, { source: 'camera' }],
    [MIC_TRACK, { source: 'microphone' }],
  ]);

  it('gives one row per sent track with codec, resolution, fps, RTT, jitter and the path', () => {
    const rows = summarizeStats(sendReport(SEND_1), sendReport(SEND_0), labels);
    expect(rows.map((r) => `${r.direction} ${r.kind}`)).toEqual(['send video', 'send audio']);
    const video = row(rows, 'send', 'video');
    expect(video).toMatchObject({
      trackId: CAMERA_TRACK,
      source: 'camera',
      peerId: null,
      codec: 'VP8',
      width: 1280,
      height: 720,
      fps: 30,
      packetsLostPct: 0,
      freezes: null,
      localCandidateType: 'host',
      remoteCandidateType: 'host',
    });
    expect(video.bitrateKbps).toBeCloseTo(1000, 6);
    expect(video.rttMs).toBeCloseTo(2.1, 6);
    expect(video.jitterMs).toBeCloseTo(4.2, 6);
    const audio = row(rows, 'send', 'audio');
    expect(audio).toMatchObject({
      source: 'microphone',
      codec: 'opus',
      width: null,
      height: null,
      fps: null,
    });
    expect(audio.bitrateKbps).toBeCloseTo(32, 6);
  });

  it('has no bitrate from a single report, but everything else', () => {
    const video = row(summarizeStats(sendReport(SEND_1)), 'send', 'video');
    expect(video.bitrateKbps).toBeNull();
    expect(video.codec).toBe('VP8');
    expect(video.source).toBeNull(); // no labels given
  });

  it('reports loss seen by the receiver (remote-inbound-rtp) in the window', () => {
    const before = sendReport({ ...SEND_0, videoLost: 4 });
    const now = sendReport({ ...SEND_1, videoLost: 15 }); // 11 of 220 sent: 5 %
    expect(row(summarizeStats(now, before), 'send', 'video').packetsLostPct).toBeCloseTo(5, 6);
    // Without a previous report: since the start, 15 of 1220.
    expect(row(summarizeStats(now), 'send', 'video').packetsLostPct).toBeCloseTo((15 / 1220) * 100, 6);
  });

  it('adds up simulcast layers of one camera and shows the largest one', () => {
    const base = sendReport(SEND_1);
    const prev = sendReport(SEND_0);
    const layer = (r: StatsReportLike, bytes: number) => {
      const m = new Map(r);
      m.set('OT01V777', {
        ...(r.get('OT01V1290153213') as object),
        id: 'OT01V777',
        ssrc: 777,
        rid: 'r0',
        remoteId: undefined,
        bytesSent: bytes,
        frameWidth: 320,
        frameHeight: 180,
        framesPerSecond: 15,
      });
      return m;
    };
    const rows = summarizeStats(layer(base, 60_000), layer(prev, 10_000));
    expect(rows.filter((r) => r.kind === 'video')).toHaveLength(1);
    const video = row(rows, 'send', 'video');
    expect(video.bitrateKbps).toBeCloseTo(1000 + 200, 6);
    expect([video.width, video.height, video.fps]).toEqual([1280, 720, 30]);
  });
});

describe('summarizeStats: receiving', () => {
  const labels = new Map([
    [REMOTE_VIDEO_TRACK, { peerId: 'peer-bob', source: 'camera', consumerId: 'c-video' }],
    [REMOTE_AUDIO_TRACK, { peerId: 'peer-bob', source: 'microphone', consumerId: 'c-audio' }],
  ]);

  it('gives one row per received track, attributed to its sender', () => {
    const rows = summarizeStats(recvReport(RECV_1), recvReport(RECV_0), labels);
    expect(rows.map((r) => `${r.direction} ${r.kind}`)).toEqual(['recv video', 'recv audio']);
    const video = row(rows, 'recv', 'video');
    expect(video).toMatchObject({
      peerId: 'peer-bob',
      source: 'camera',
      consumerId: 'c-video',
      codec: 'VP8',
      width: 1280,
      height: 720,
      fps: 29,
      freezes: 0,
      localCandidateType: 'host',
      remoteCandidateType: 'host',
    });
    expect(video.bitrateKbps).toBeCloseTo(1200, 6);
    expect(video.packetsLostPct).toBeCloseTo(1, 6);
    expect(video.jitterMs).toBeCloseTo(6, 6);
    // The receiver's round trip comes from the selected candidate pair (not the failed one).
    expect(video.rttMs).toBeCloseTo(1, 6);
    const audio = row(rows, 'recv', 'audio');
    expect(audio).toMatchObject({ consumerId: 'c-audio', codec: 'opus', freezes: null, packetsLostPct: 0 });
    expect(audio.bitrateKbps).toBeCloseTo(32, 6);
    expect(audio.jitterMs).toBeCloseTo(2.5, 6);
  });

  it('leaves out the bandwidth probe stream', () => {
    const rows = summarizeStats(recvReport(RECV_1), recvReport(RECV_0));
    expect(rows).toHaveLength(2);
    expect(rows.some((r) => r.id === 'IT01V1234')).toBe(false);
  });

  it('counts freezes in the window only', () => {
    const rows = summarizeStats(recvReport({ ...RECV_1, freezes: 5 }), recvReport({ ...RECV_0, freezes: 3 }));
    expect(row(rows, 'recv', 'video').freezes).toBe(2);
    expect(row(summarizeStats(recvReport({ ...RECV_1, freezes: 5 })), 'recv', 'video').freezes).toBe(5);
  });

  it('treats counters that went backwards (stream recreated) as a fresh start', () => {
    const rows = summarizeStats(recvReport(RECV_0), recvReport(RECV_1));
    const video = row(rows, 'recv', 'video');
    expect(video.bitrateKbps).toBeNull();
    expect(video.packetsLostPct).toBeCloseTo((10 / 2010) * 100, 6);
  });

  it('ignores a previous report with nothing in common', () => {
    const rows = summarizeStats(recvReport(RECV_1), sendReport(SEND_0));
    expect(row(rows, 'recv', 'video').bitrateKbps).toBeNull();
  });
});

describe('summarizePath', () => {
  it('names the candidate types of the selected pair', () => {
    const relayed = recvReport({
      ...RECV_1,
      path: { localType: 'relay', remoteType: 'host', protocol: 'tcp' },
    });
    expect(summarizePath(relayed)).toEqual({
      localCandidateType: 'relay',
      remoteCandidateType: 'host',
      protocol: 'tcp',
      rttMs: 1,
    });
    const rows = summarizeStats(relayed);
    expect(rows.every((r) => r.localCandidateType === 'relay')).toBe(true);
  });

  it('finds the pair flagged selected when there is no transport entry (Firefox)', () => {
    const r = recvReport({ ...RECV_1, rttS: 0.25, path: { firefox: true, localType: 'srflx' } });
    expect(summarizePath(r)).toMatchObject({ localCandidateType: 'srflx', rttMs: 250 });
  });

  it('is null before ICE has chosen a path', () => {
    expect(summarizePath(new Map())).toBeNull();
    expect(summarizeStats(new Map())).toEqual([]);
  });

  it('skips entries it does not understand', () => {
    const r = new Map<string, unknown>(recvReport(RECV_1));
    r.set('junk', 42);
    r.set('odd', { id: 'odd', type: 'inbound-rtp', kind: 'data' });
    r.set('CIT01_101_x-google-start-bitrate=1000', { id: 'x', type: 'codec', mimeType: 7 });
    const rows = summarizeStats(r);
    expect(rows).toHaveLength(2);
    expect(row(rows, 'recv', 'video').codec).toBeNull();
  });
});
