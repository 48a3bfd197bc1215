import { describe, expect, it } from 'vitest';
import { createTranslator } from 'next-intl';
import en from '@/messages/en.json';
import { formatFigures, framesDecoded, measure, median, selectedPath, type StatsEntry } from './rtcFigures';

const english = { t: createTranslator({ locale: 'en', messages: en, namespace: 'diagnostics' }) };

function recv(t: number, bytes: number, received: number, lost: number, jitter = 0.004): StatsEntry[] {
  return [
    {
      id: 'in',
      type: 'inbound-rtp',
      kind: 'video',
      timestamp: t,
      bytesReceived: bytes,
      packetsReceived: received,
      packetsLost: lost,
      jitter,
      framesDecoded: 30,
    },
    { id: 'tr', type: 'transport', selectedCandidatePairId: 'pair' },
    {
      id: 'pair',
      type: 'candidate-pair',
      localCandidateId: 'l',
      remoteCandidateId: 'r',
      currentRoundTripTime: 0.05,
    },
    { id: 'l', type: 'local-candidate', candidateType: 'relay', protocol: 'udp' },
    { id: 'r', type: 'remote-candidate', candidateType: 'host', protocol: 'tcp' },
  ];
}

describe('rtcFigures', () => {
  it('measures bitrate, loss, jitter and the RTCP round trip between two snapshots', () => {
    const send: StatsEntry[] = [{ id: 'ri', type: 'remote-inbound-rtp', roundTripTime: 0.012 }];
    const f = measure(
      { recv: recv(1_000, 0, 0, 0), send },
      { recv: recv(4_000, 375_000, 990, 10, 0.006), send },
    );
    expect(f.bitrateKbps).toBe(1000);
    expect(f.lossPercent).toBeCloseTo(1);
    expect(f.jitterMs).toBeCloseTo(6);
    expect(f.rttMs).toBeCloseTo(12);
    expect(formatFigures(f, english)).toBe('1000 kbps · 1.0 % loss · 12 ms RTT · 6 ms jitter');
  });

  it('falls back to the ICE round trip, and leaves out what was not measured', () => {
    const f = measure({ recv: [], send: [] }, { recv: recv(1, 0, 0, 0), send: [] });
    expect(f).toMatchObject({ bitrateKbps: null, lossPercent: null });
    expect(f.rttMs).toBeCloseTo(50);
    expect(formatFigures(f, english)).toBe('50 ms RTT · 4 ms jitter');
  });

  it('reads the selected pair and the decoded frames', () => {
    expect(selectedPath(recv(1, 0, 0, 0))).toEqual({ candidateType: 'relay', protocol: 'tcp' });
    expect(selectedPath([])).toEqual({ candidateType: null, protocol: null });
    expect(framesDecoded(recv(1, 0, 0, 0))).toBe(30);
    expect(framesDecoded([])).toBe(0);
  });

  it('takes the median', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
