/**
 * P6: signaling-only joins. Synthetic participants do what a browser does to enter a meeting,
 * without media: POST the token route → Socket.IO handshake with the token → createRoom (the
 * router's RTP capabilities) → joinRoom → createTransport recv (the transport a viewer opens at
 * once), several at a time, against server.ts in its own process. Then, everyone still joined
 * and idle, the app process's RSS after settling and full collections, compared with before.
 * Participants are spread over meetings of PEERS_PER_MEETING (under MAX_PEERS_PER_ROOM = 200).
 */
import { clientRtpCapabilities } from '@/tests/support/fakeMedia';
import { TestClient } from '@/tests/support/testClient';
import { AppProcess, rssKb } from './lib/AppProcess';
import { BENCH_HTTP_PORT, BENCH_RTC_BASE_PORT } from './lib/appMeeting';
import { round2 } from './lib/benchMath';
import { printTable } from './lib/results';

export interface JoinsResult {
  p6: {
    joinsPerSecond: number;
    kbPerIdlePeer: number;
    /** Media worker RSS growth per idle participant (their WebRtcTransports live there). */
    workerKbPerIdlePeer: number;
  };
  participants: number;
  meetings: number;
  concurrency: number;
  failures: number;
  /** Mean time per participant in each part of the join, ms (in parallel, so they overlap). */
  meanPhaseMs: Record<'token' | 'connect' | 'join' | 'transport', number>;
  appRssBeforeMb: number;
  appRssAfterMb: number;
}

export interface JoinsOptions {
  participants: number;
  concurrency: number;
}

export const JOINS_FULL: JoinsOptions = { participants: 800, concurrency: 16 };
export const JOINS_QUICK: JoinsOptions = { participants: 100, concurrency: 8 };

const PEERS_PER_MEETING = 100;
const WARMUP_JOINS = 20;
const SETTLE_MS = 2_000;

/** Time spent in each part of the joins, summed over participants (ms). */
const phaseMs = { token: 0, connect: 0, join: 0, transport: 0 };

async function joinOnce(url: string, meetingId: string, userId: string): Promise<TestClient> {
  let t = performance.now();
  const lap = (phase: keyof typeof phaseMs) => {
    const now = performance.now();
    phaseMs[phase] += now - t;
    t = now;
  };
  const res = await fetch(`${url}/api/meetings/${meetingId}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  if (!res.ok) throw new Error(`token route answered ${res.status}`);
  const { token } = (await res.json()) as { token: string };
  lap('token');
  const client = await TestClient.connect(url, { auth: { token, meetingId } });
  lap('connect');
  try {
    const { rtpCapabilities } = await client.ok('createRoom', { callId: meetingId });
    await client.ok('joinRoom', {
      callId: meetingId,
      userId,
      rtpCapabilities: clientRtpCapabilities(rtpCapabilities),
    });
    lap('join');
    await client.ok('createTransport', { direction: 'recv' });
    lap('transport');
    return client;
  } catch (err) {
    client.close();
    throw err;
  }
}

const settledRss = async (app: AppProcess, pids: number[]) => {
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  await app.collectGarbage();
  return { app: rssKb(app.pid), workers: pids.reduce((sum, pid) => sum + rssKb(pid), 0) };
};

export async function runJoins(opts: JoinsOptions): Promise<JoinsResult> {
  const app = await AppProcess.start({
    port: BENCH_HTTP_PORT + 1,
    rtcBasePort: BENCH_RTC_BASE_PORT + 10,
    env: { MEDIA_WORKERS: '1' },
  });
  const clients: TestClient[] = [];
  let failures = 0;
  const run = `j${Date.now().toString(36)}`;
  const meetingOf = (i: number) => `${run}-${Math.floor(i / PEERS_PER_MEETING)}`;
  try {
    const workerPids = (await app.stats()).workerUsage.map((w) => w.pid);
    // Warm-up: code paths loaded and compiled, pools allocated; these stay joined.
    for (let i = 0; i < WARMUP_JOINS; i++) clients.push(await joinOnce(app.url, `${run}-warm`, `warm-${i}`));
    const before = await settledRss(app, workerPids);

    let next = 0;
    for (const k of Object.keys(phaseMs) as Array<keyof typeof phaseMs>) phaseMs[k] = 0;
    const started = performance.now();
    const lane = async () => {
      while (next < opts.participants) {
        const i = next++;
        try {
          clients.push(await joinOnce(app.url, meetingOf(i), `p-${i}`));
        } catch (err) {
          failures++;
          if (failures <= 3) console.log(`  join ${i} failed: ${(err as Error).message}`);
        }
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency }, lane));
    const seconds = (performance.now() - started) / 1000;
    const joined = opts.participants - failures;
    const after = await settledRss(app, workerPids);
    const stats = await app.stats();
    if (stats.peers !== joined + WARMUP_JOINS)
      console.log(`  /stats shows ${stats.peers} peers, expected ${joined + WARMUP_JOINS}`);
    return {
      p6: {
        joinsPerSecond: round2(joined / seconds),
        kbPerIdlePeer: round2((after.app - before.app) / Math.max(1, joined)),
        workerKbPerIdlePeer: round2((after.workers - before.workers) / Math.max(1, joined)),
      },
      participants: opts.participants,
      meetings: Math.ceil(opts.participants / PEERS_PER_MEETING),
      concurrency: opts.concurrency,
      failures,
      meanPhaseMs: {
        token: round2(phaseMs.token / opts.participants),
        connect: round2(phaseMs.connect / opts.participants),
        join: round2(phaseMs.join / opts.participants),
        transport: round2(phaseMs.transport / opts.participants),
      },
      appRssBeforeMb: round2(before.app / 1024),
      appRssAfterMb: round2(after.app / 1024),
    };
  } finally {
    for (const c of clients) c.close();
    await app.stop();
  }
}

export function printJoins(r: JoinsResult): void {
  printTable('joins (P6)', [
    ['participants / meetings / in parallel', `${r.participants} / ${r.meetings} / ${r.concurrency}`],
    ['joins per second (token → connect → join → transport)', r.p6.joinsPerSecond],
    ['failed joins', r.failures],
    [
      'mean ms per join: token / connect / createRoom+joinRoom / transport',
      `${r.meanPhaseMs.token} / ${r.meanPhaseMs.connect} / ${r.meanPhaseMs.join} / ${r.meanPhaseMs.transport}`,
    ],
    ['app RSS before → after', `${r.appRssBeforeMb} → ${r.appRssAfterMb} MB`],
    ['app RSS per idle participant', `${r.p6.kbPerIdlePeer} kB`],
    ['worker RSS per idle participant', `${r.p6.workerKbPerIdlePeer} kB`],
  ]);
}
