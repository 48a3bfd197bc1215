/**
 * P5: one large meeting over two media workers. Publishers send simulcast cameras (three VP8
 * streams each, from the in-process RTP source; two of them also a microphone, as in a big
 * meeting where most are muted) and WebRTC viewers in child processes join through the real
 * signaling and consume everything. The server runs MEDIA_WORKERS=2 with a low
 * MAX_CONSUMERS_PER_ROUTER so a room can spread its consumers over both workers (piping the
 * producers across); each worker's CPU is read from /proc/<pid>/stat with the pids the app's
 * /stats reports. A server that keeps a room on one worker shows it here as a large spread.
 * Loss is the viewers' own (inbound-rtp packetsLost) combined with what never reached the
 * worker (producer packet counts against what the source sent).
 */
import type { Stats } from '@/lib/http/opsRoutes';
import { startAppMeeting, type PublisherSpec } from './lib/appMeeting';
import { coreShare, lossPercent, round2, spreadPercent, spreadPoints } from './lib/benchMath';
import type { ReceiverTotals } from './lib/fleetMessages';
import { cpuSamples } from './lib/procCpu';
import { createRtpSource, simulcastStreams } from './lib/rtpSource';
import { printTable } from './lib/results';
import { SubscriberFleet } from './lib/SubscriberFleet';

export interface BigRoomResult {
  p5: {
    /** (max − min) ÷ max of the workers' CPU, percent (goal: within 20 % of each other). */
    workerCpuSpread: number;
    /** max − min worker CPU, percentage points of a core. */
    workerCpuSpreadPoints: number;
    lossPercent: number;
  };
  participants: number;
  publishers: number;
  viewers: number;
  connectedViewers: number;
  maxConsumersPerRouter: number;
  /** Per worker, percent of a core. */
  workerCpuPercent: number[];
  /** Per worker, packets its consumers sent per second in the window (stats read around it). */
  forwardedPerSecond: number[];
  routersPerWorker: number[];
  /** The meeting's routers: worker, participants and consumers on each (from /stats). */
  meetingRouters: Array<{ workerIndex: number; consumers: number; peers: number }>;
  /** Consumers right after everyone joined, and at the end (fewer: some were closed meanwhile). */
  consumersJoined: number;
  consumers: number;
  ingressLossPercent: number;
  viewerLossPercent: number;
  viewerKbpsEach: number;
  /** Set when the figures do not describe the intended load (viewers missing, consumers gone, nothing received). */
  degraded: string | null;
}

export interface BigRoomOptions {
  publishers: number;
  viewers: number;
  /** Publishers that also send a microphone. */
  speaking: number;
  maxConsumersPerRouter: number;
  warmupMs: number;
  windowMs: number;
}

export const BIG_ROOM_FULL: BigRoomOptions = {
  publishers: 10,
  viewers: 90,
  speaking: 2,
  maxConsumersPerRouter: 300,
  warmupMs: 5_000,
  windowMs: 10_000,
};
export const BIG_ROOM_QUICK: BigRoomOptions = {
  publishers: 5,
  viewers: 20,
  speaking: 2,
  maxConsumersPerRouter: 60,
  warmupMs: 3_000,
  windowMs: 6_000,
};

const VIEWER_PROCESSES = Number(process.env.BENCH_VIEWER_PROCESSES ?? 2);
/**
 * Viewers ask for the lowest layer of every camera, as the tiles of a big meeting's grid do (ten
 * or more tiles on 1280×800 are about 320×200 px each, which lib/media/layerForSize maps to the
 * lowest layer). At the top layer, 90 viewers' libwebrtc stacks sharing a 2-core machine with the
 * server drop most of what reaches them, which says nothing about the server.
 */
const VIEWER_LAYER = 0;
const JOIN_BATCH = 30;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function appStats(url: string): Promise<Stats> {
  const res = await fetch(`${url}/stats`);
  if (!res.ok) throw new Error(`/stats answered ${res.status}`);
  return (await res.json()) as Stats;
}

export async function runBigRoom(opts: BigRoomOptions): Promise<BigRoomResult> {
  const publishers: PublisherSpec[] = Array.from({ length: opts.publishers }, (_, i) => ({
    video: simulcastStreams(5_000_000 + i * 10),
    audioSsrc: i < opts.speaking ? 6_000_000 + i : null,
  }));
  const app = await startAppMeeting({
    workers: 2,
    publishers,
    env: { MAX_CONSUMERS_PER_ROUTER: String(opts.maxConsumersPerRouter) },
  });
  const fleet = new SubscriberFleet(VIEWER_PROCESSES);
  const rtp = await createRtpSource(app.targets);
  try {
    let connected = 0;
    for (let joined = 0; joined < opts.viewers; joined += JOIN_BATCH) {
      const n = Math.min(JOIN_BATCH, opts.viewers - joined);
      connected = (await fleet.add(app.srv.url, await app.tickets(n), VIEWER_LAYER)).connected;
    }
    const consumersJoined = (await appStats(app.srv.url)).consumers;
    const producers = [...app.srv.server.registry.rooms()].flatMap((room) =>
      [...room.peers.values()].flatMap((peer) => [...peer.producers.values()]),
    );
    const ingress = async () => {
      let received = 0;
      for (const p of producers) for (const s of await p.getStats()) received += s.packetCount;
      return received;
    };
    const totalSent = () => [...rtp.sent().values()].reduce((a, b) => a + b, 0);
    // Packets each worker's consumers sent (the work a worker does is per forwarded packet).
    const forwardedPerWorker = async () => {
      const out = [0, 0];
      for (const room of app.srv.server.registry.rooms())
        for (const peer of room.peers.values()) {
          const worker = room.routers.placedOn(peer)?.workerIndex ?? 0;
          for (const c of peer.consumers.values())
            for (const s of await c.getStats()) if (s.type === 'outbound-rtp') out[worker]! += s.packetCount;
        }
      return out;
    };

    rtp.start();
    await sleep(opts.warmupMs);
    const pids = (await appStats(app.srv.url)).workerUsage.map((w) => w.pid);
    const viewersBefore: ReceiverTotals = await fleet.totals();
    const ingressBefore = await ingress();
    const forwardedBefore = await forwardedPerWorker();
    const sentBefore = totalSent();
    const cpuBefore = cpuSamples(pids);
    await sleep(opts.windowMs);
    const cpuAfter = cpuSamples(pids);
    const sentAfter = totalSent();
    const ingressAfter = await ingress();
    const forwardedAfter = await forwardedPerWorker();
    const viewersAfter = await fleet.totals();
    rtp.pause();
    const stats = await appStats(app.srv.url);

    const shares = cpuBefore.map((b, i) => coreShare(b, cpuAfter[i]!));
    const received = viewersAfter.packetsReceived - viewersBefore.packetsReceived;
    const lost = viewersAfter.packetsLost - viewersBefore.packetsLost;
    // Nothing received at all is total loss, not "no loss".
    const viewerLoss = received + lost === 0 ? 100 : lossPercent(received, received + lost);
    const ingressLoss = lossPercent(ingressAfter - ingressBefore, sentAfter - sentBefore);
    const combined = 100 * (1 - (1 - viewerLoss / 100) * (1 - ingressLoss / 100));
    const windowMs = cpuAfter[0]!.atMs - cpuBefore[0]!.atMs;
    const forwardedPerS = forwardedAfter.map((n, i) =>
      Math.round((n - forwardedBefore[i]!) / (windowMs / 1000)),
    );
    const problems = [
      connected < opts.viewers ? `only ${connected} of ${opts.viewers} viewers connected` : '',
      stats.consumers < consumersJoined ? `consumers fell from ${consumersJoined} to ${stats.consumers}` : '',
      received === 0 ? 'the viewers received nothing in the window' : '',
    ].filter(Boolean);
    return {
      p5: {
        workerCpuSpread: round2(spreadPercent(shares)),
        workerCpuSpreadPoints: round2(spreadPoints(shares)),
        lossPercent: round2(combined),
      },
      participants: opts.publishers + opts.viewers,
      publishers: opts.publishers,
      viewers: opts.viewers,
      connectedViewers: connected,
      maxConsumersPerRouter: opts.maxConsumersPerRouter,
      workerCpuPercent: shares.map((s) => round2(s * 100)),
      forwardedPerSecond: forwardedPerS,
      routersPerWorker: stats.workerUsage.map((w) => w.routers),
      meetingRouters: stats.roomRouters.flatMap((r) => r.routers),
      consumersJoined,
      consumers: stats.consumers,
      ingressLossPercent: round2(ingressLoss),
      viewerLossPercent: round2(viewerLoss),
      degraded: problems.length ? problems.join('; ') : null,
      viewerKbpsEach: round2(
        ((viewersAfter.bytesReceived - viewersBefore.bytesReceived) * 8) / windowMs / Math.max(1, connected),
      ),
    };
  } finally {
    await rtp.close();
    await fleet.close();
    await app.close();
  }
}

export function printBigRoom(r: BigRoomResult): void {
  printTable('big room over two workers (P5)', [
    [
      'participants (publishers + viewers)',
      `${r.participants} (${r.publishers} + ${r.viewers}, ${r.connectedViewers} connected)`,
    ],
    ['MAX_CONSUMERS_PER_ROUTER', r.maxConsumersPerRouter],
    ['consumers after joining → at the end', `${r.consumersJoined} → ${r.consumers}`],
    ['routers per worker', r.routersPerWorker.join(' / ')],
    [
      'meeting routers: worker → participants, consumers',
      r.meetingRouters.map((m) => `${m.workerIndex} → ${m.peers}, ${m.consumers}`).join('; '),
    ],
    ['worker CPU, % of a core', r.workerCpuPercent.join(' / ')],
    ['packets forwarded per second, per worker', r.forwardedPerSecond.join(' / ')],
    [
      'worker CPU spread, of the busiest (goal ≤ 20 %)',
      `${r.p5.workerCpuSpread} % (${r.p5.workerCpuSpreadPoints} points)`,
    ],
    [
      'loss: before the worker / at the viewers / combined',
      `${r.ingressLossPercent} / ${r.viewerLossPercent} / ${r.p5.lossPercent} %`,
    ],
    ['received per viewer', `${r.viewerKbpsEach} kbit/s`],
    ['not the intended load', r.degraded ?? 'no'],
  ]);
}
