import { describe, expect, it } from 'vitest';
import {
  consumersPerCore,
  coreShare,
  kbps,
  limitOf,
  lossPercent,
  microsPerPacket,
  overCapacity,
  spreadPercent,
  spreadPoints,
  ticksFromStat,
} from './benchMath';
import { opusPacket, vp8Packet, cameraStream } from './rtpSource';

describe('CPU from /proc', () => {
  it('reads utime + stime after a command name with spaces and parentheses', () => {
    // Fields 14 (utime) = 250 and 15 (stime) = 50.
    const stat =
      '4242 (mediasoup (w) 1) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 3 0 100 1000 50';
    expect(ticksFromStat(stat)).toBe(300);
  });

  it('turns tick deltas over wall time into a share of one core', () => {
    expect(coreShare({ ticks: 1000, atMs: 0 }, { ticks: 1050, atMs: 1000 })).toBeCloseTo(0.5);
    expect(coreShare({ ticks: 0, atMs: 0 }, { ticks: 400, atMs: 2000 })).toBeCloseTo(2);
    expect(coreShare({ ticks: 0, atMs: 5 }, { ticks: 10, atMs: 5 })).toBe(0);
  });
});

describe('loss and cost per packet', () => {
  it('is the missing share of what was expected, never negative', () => {
    expect(lossPercent(995, 1000)).toBeCloseTo(0.5);
    expect(lossPercent(1000, 1000)).toBe(0);
    expect(lossPercent(1010, 1000)).toBe(0);
    expect(lossPercent(0, 0)).toBe(0);
  });

  it('gives worker microseconds per forwarded packet', () => {
    // 20 % of a core for 14,350 packets/s ≈ 13.9 µs each.
    expect(microsPerPacket(0.2, 14_350)).toBeCloseTo(13.94, 1);
    expect(microsPerPacket(0.2, 0)).toBe(0);
  });

  it('computes bitrates and spreads', () => {
    expect(kbps(0, 312_500, 1000)).toBe(2500);
    expect(spreadPoints([0.42, 0.3])).toBeCloseTo(12);
    expect(spreadPoints([])).toBe(0);
  });

  it('gives the spread relative to the busiest worker', () => {
    expect(spreadPercent([0.4, 0.3])).toBeCloseTo(25);
    expect(spreadPercent([0.3, 0.3])).toBe(0);
    expect(spreadPercent([0, 0])).toBe(0);
  });
});

describe('consumers per core', () => {
  const steps = [
    { consumers: 50, workerShare: 0.11, lossPercent: 0 },
    { consumers: 100, workerShare: 0.2, lossPercent: 0 },
    { consumers: 200, workerShare: 0.58, lossPercent: 0.1 },
    { consumers: 400, workerShare: 0.97, lossPercent: 27 },
  ];

  it('scales the largest step within limits to a full core', () => {
    expect(overCapacity(steps[3]!)).toBe(true);
    expect(overCapacity({ consumers: 10, workerShare: 0.3, lossPercent: 0.5 })).toBe(true);
    expect(overCapacity({ consumers: 10, workerShare: 0.95, lossPercent: 0 })).toBe(true);
    const cap = consumersPerCore(steps);
    expect(cap?.fromStep.consumers).toBe(200);
    expect(cap?.perCore).toBe(345);
  });

  it('says why stepping stopped', () => {
    expect(limitOf({ consumers: 400, workerShare: 0.97, lossPercent: 27, workerWaitShare: 0.1 })).toBe(
      'worker saturated',
    );
    expect(limitOf({ consumers: 50, workerShare: 0.06, lossPercent: 21, workerWaitShare: 0.9 })).toMatch(
      /busy machine/,
    );
    expect(limitOf({ consumers: 50, workerShare: 0.4, lossPercent: 1, workerWaitShare: 0.1 })).toBe('loss');
    expect(limitOf({ consumers: 50, workerShare: 0.1, lossPercent: 0, workerWaitShare: 0.9 })).toBe(
      'not reached',
    );
  });

  it('has no answer when every step lost packets or the load was too small to measure', () => {
    expect(consumersPerCore([{ consumers: 50, workerShare: 0.1, lossPercent: 2 }])).toBeNull();
    expect(consumersPerCore([{ consumers: 5, workerShare: 0.01, lossPercent: 0 }])).toBeNull();
  });
});

describe('synthetic RTP', () => {
  it('writes a VP8 keyframe the SFU recognises: start of partition, picture id, keyframe bit clear, start code', () => {
    const spec = cameraStream(1234);
    const key = vp8Packet(spec, { seq: 7, frame: 0, pictureId: 300, part: 0, keyframe: true });
    expect(key.length).toBe(1200);
    expect(key.readUInt32BE(8)).toBe(1234);
    expect(key[12]! & 0x10).toBe(0x10);
    expect(((key[14]! & 0x7f) << 8) | key[15]!).toBe(300);
    expect(key[16]! & 0x01).toBe(0);
    expect([...key.subarray(19, 22)]).toEqual([0x9d, 0x01, 0x2a]);
    const delta = vp8Packet(spec, { seq: 8, frame: 1, pictureId: 301, part: 0, keyframe: false });
    expect(delta[16]! & 0x01).toBe(1);
    const last = vp8Packet(spec, { seq: 9, frame: 1, pictureId: 301, part: 2, keyframe: false });
    expect(last[1]! & 0x80).toBe(0x80); // marker on the frame's last packet
    expect(last[12]! & 0x10).toBe(0);
  });

  it('writes Opus packets 20 ms apart', () => {
    const a = opusPacket(99, 1);
    const b = opusPacket(99, 2);
    expect(b.readUInt32BE(4) - a.readUInt32BE(4)).toBe(960);
  });
});
