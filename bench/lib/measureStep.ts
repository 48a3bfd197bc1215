/**
 * One load step, measured the same way for the bare baseline and the app path. With every
 * consumer in place and the RTP source paused, each consumer's sent-packet count is read; the
 * source runs (a keyframe first, so every consumer forwards from the start), the worker's CPU is
 * read over a window after a warm-up (no stats requests inside it: they cost worker CPU too), the
 * source pauses, the queues drain and the counts are read again. Loss compares what consumers
 * sent with what their producer's SSRC was sent, so it covers drops anywhere from the source
 * socket to the worker's send (a saturated worker's kernel receive buffer overflowing included).
 */
import type { types } from 'mediasoup';
import { coreShare, lossPercent, microsPerPacket, round2 } from './benchMath';
import { cpuSamples, runQueueWaitNs } from './procCpu';
import type { RtpSource } from './rtpSource';

export interface StepTiming {
  warmupMs: number;
  windowMs: number;
}

export interface StepResult {
  /** Receivers, each with a video and an audio consumer (the reference counts these). */
  consumers: number;
  /** Worker CPU over the window, share of one core, summed over the workers. */
  workerShare: number;
  /** Per worker, same unit. */
  workerShares: number[];
  forwardedPerS: number;
  microsPerPacket: number;
  lossPercent: number;
  /**
   * Share of the window the busiest worker spent runnable but waiting for a CPU: other processes
   * on the machine taking the cores. Loss with a high wait and a low worker share is contention,
   * not the worker's limit.
   */
  workerWaitShare: number;
}

export interface Forwarded {
  consumer: types.Consumer;
  /** SSRC whose packets this consumer forwards. */
  sourceSsrc: number;
}

const DRAIN_MS = 500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function sentPackets(c: types.Consumer): Promise<number> {
  if (c.closed) return 0;
  const stats = await c.getStats();
  return stats.find((s) => s.type === 'outbound-rtp')?.packetCount ?? 0;
}

const countAll = (list: Forwarded[]) => Promise.all(list.map((f) => sentPackets(f.consumer)));

export async function measureStep(
  workerPids: number[],
  rtp: RtpSource,
  forwarded: Forwarded[],
  timing: StepTiming,
  receivers: number,
): Promise<StepResult> {
  const countsBefore = await countAll(forwarded);
  const sentAtStart = rtp.sent();
  rtp.start();
  await sleep(timing.warmupMs);
  const sentBefore = rtp.sent();
  const cpuBefore = cpuSamples(workerPids);
  const waitBefore = workerPids.map(runQueueWaitNs);
  await sleep(timing.windowMs);
  const cpuAfter = cpuSamples(workerPids);
  const waitAfter = workerPids.map(runQueueWaitNs);
  const sentAfter = rtp.sent();
  rtp.pause();
  await sleep(DRAIN_MS);
  const countsAfter = await countAll(forwarded);
  const sentAtEnd = rtp.sent();

  const delta = (a: Map<number, number>, b: Map<number, number>, ssrc: number) =>
    (b.get(ssrc) ?? 0) - (a.get(ssrc) ?? 0);
  let expectedInWindow = 0;
  let expectedTotal = 0;
  let delivered = 0;
  forwarded.forEach((f, i) => {
    expectedInWindow += delta(sentBefore, sentAfter, f.sourceSsrc);
    expectedTotal += delta(sentAtStart, sentAtEnd, f.sourceSsrc);
    delivered += countsAfter[i]! - countsBefore[i]!;
  });
  const shares = cpuBefore.map((b, i) => coreShare(b, cpuAfter[i]!));
  const windowS = (cpuAfter[0]!.atMs - cpuBefore[0]!.atMs) / 1000;
  const loss = lossPercent(delivered, expectedTotal);
  const forwardedPerS = (expectedInWindow / windowS) * (1 - loss / 100);
  const workerShare = shares.reduce((a, b) => a + b, 0);
  const waited = Math.max(...waitAfter.map((w, i) => w - waitBefore[i]!));
  return {
    consumers: receivers,
    workerShare: round2(workerShare),
    workerShares: shares.map(round2),
    forwardedPerS: Math.round(forwardedPerS),
    microsPerPacket: round2(microsPerPacket(workerShare, forwardedPerS)),
    lossPercent: round2(loss),
    workerWaitShare: round2(waited / 1e9 / windowS),
  };
}
