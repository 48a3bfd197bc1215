/**
 * P6: signaling-only joins. Synthetic participants do what a browser does to enter a meeting,
 * without media: POST the token route → Socket.IO handshake with the token → createRoom (the
 * router's RTP capabilities) → joinRoom → createTransport recv (the transport a viewer opens at
 * once), many at a time from a few processes (lib/joinerProcess.ts), against server.ts in its
 * own process. The app process's CPU over the joins gives its cost per join, and so the rate one
 * core of it would serve: on a 2-core machine the clients take CPU from the server too. Then, everyone still joined
 * and idle, the app process's RSS after settling and full collections, compared with before.
 * Participants are spread over meetings of PEERS_PER_MEETING (under MAX_PEERS_PER_ROOM = 200).
 */
import path from 'node:path';
import { clientRtpCapabilities } from '@/tests/support/fakeMedia';
import { TestClient } from '@/tests/support/testClient';
import { AppProcess, rssKb } from './lib/AppProcess';
import { BENCH_HTTP_PORT, BENCH_RTC_BASE_PORT } from './lib/appMeeting';
import { coreShare, round2 } from './lib/benchMath';
import { IpcChild } from './lib/IpcChild';
import type { JoinerCommand, JoinerReply, JoinPhases } from './lib/joinerMessages';
import { cpuSample } from './lib/procCpu';
import { printTable } from './lib/results';

export interface JoinsResult {
  p6: {
    joinsPerSecond: number;
    kbPerIdlePeer: number;
    /** Media worker RSS growth per idle participant (their WebRtcTransports live there). */
    workerKbPerIdlePeer: number;
    /** App process CPU per join (ms), and the joins per second one core of it would serve at that cost. */
    appCpuMsPerJoin: number;
    joinsPerSecondPerAppCore: number;
    workerCpuMsPerJoin: number;
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
  /** Joins in flight at once, spread over the joining processes. */
  concurrency: number;
}

export const JOINS_FULL: JoinsOptions = { participants: 1_000, concurrency: 32 };
export const JOINS_QUICK: JoinsOptions = { participants: 200, concurrency: 16 };

/** Processes the joining clients run in (their CPU would otherwise cap the rate). */
const JOINER_PROCESSES = 2;
const JOINER = path.join(import.meta.dirname, 'lib', 'joinerProcess.ts');

const PEERS_PER_MEETING = 100;
const WARMUP_JOINS = 20;
const SETTLE_MS = 2_000;

/** One join from this process (the warm-up): the same steps as joinerProcess.ts. */
async function warmJoin(url: string, meetingId: string, userId: string): Promise<TestClient> {
  const res = await fetch(`${url}/api/meetings/${meetingId}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  if (!res.ok) throw new Error(`token route answered ${res.status}`);
  const { token } = (await res.json()) as { token: string };
  const client = await TestClient.connect(url, { auth: { token, meetingId } });
  const { rtpCapabilities } = await client.ok('createRoom', { callId: meetingId });
  await client.ok('joinRoom', {
    callId: meetingId,
    userId,
    rtpCapabilities: clientRtpCapabilities(rtpCapabilities),
  });
  await client.ok('createTransport', { direction: 'recv' });
  return client;
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
  const joiners = Array.from(
    { length: JOINER_PROCESSES },
    () => new IpcChild<JoinerCommand, JoinerReply>(JOINER),
  );
  const run = `j${Date.now().toString(36)}`;
  const meetingOf = (i: number) => `${run}-${Math.floor(i / PEERS_PER_MEETING)}`;
  try {
    const workerPids = (await app.stats()).workerUsage.map((w) => w.pid);
    // Warm-up: code paths loaded and compiled, pools allocated; these stay joined.
    for (let i = 0; i < WARMUP_JOINS; i++) clients.push(await warmJoin(app.url, `${run}-warm`, `warm-${i}`));
    await Promise.all(
      joiners.map((j) => j.request({ type: 'join', url: app.url, joins: [], concurrency: 1 })),
    );
    const before = await settledRss(app, workerPids);

    const shares: Array<Array<{ meetingId: string; userId: string }>> = joiners.map(() => []);
    for (let i = 0; i < opts.participants; i++)
      shares[i % joiners.length]!.push({ meetingId: meetingOf(i), userId: `p-${i}` });
    const appCpu = cpuSample(app.pid);
    const workerCpu = workerPids.map(cpuSample);
    const started = performance.now();
    const replies = await Promise.all(
      joiners.map((j, i) =>
        j.request({
          type: 'join',
          url: app.url,
          joins: shares[i]!,
          concurrency: Math.ceil(opts.concurrency / joiners.length),
        }),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    const appCpuS = coreShare(appCpu, cpuSample(app.pid)) * seconds;
    const workerCpuS =
      workerPids.reduce((sum, pid, i) => sum + coreShare(workerCpu[i]!, cpuSample(pid)), 0) * seconds;
    const phases: JoinPhases = { token: 0, connect: 0, join: 0, transport: 0 };
    let joined = 0;
    for (const r of replies) {
      if (r.type !== 'joined') continue;
      joined += r.joined;
      for (const k of Object.keys(phases) as Array<keyof JoinPhases>) phases[k] += r.phases[k];
      for (const e of r.errors) console.log(`  a join failed: ${e}`);
    }
    const failures = opts.participants - joined;
    const after = await settledRss(app, workerPids);
    const stats = await app.stats();
    if (stats.peers !== joined + WARMUP_JOINS)
      console.log(`  /stats shows ${stats.peers} peers, expected ${joined + WARMUP_JOINS}`);
    const appCpuMsPerJoin = (appCpuS * 1000) / Math.max(1, joined);
    const mean = (ms: number) => round2(ms / opts.participants);
    return {
      p6: {
        joinsPerSecond: round2(joined / seconds),
        kbPerIdlePeer: round2((after.app - before.app) / Math.max(1, joined)),
        workerKbPerIdlePeer: round2((after.workers - before.workers) / Math.max(1, joined)),
        appCpuMsPerJoin: round2(appCpuMsPerJoin),
        joinsPerSecondPerAppCore: appCpuMsPerJoin > 0 ? Math.round(1000 / appCpuMsPerJoin) : 0,
        workerCpuMsPerJoin: round2((workerCpuS * 1000) / Math.max(1, joined)),
      },
      participants: opts.participants,
      meetings: Math.ceil(opts.participants / PEERS_PER_MEETING),
      concurrency: opts.concurrency,
      failures,
      meanPhaseMs: {
        token: mean(phases.token),
        connect: mean(phases.connect),
        join: mean(phases.join),
        transport: mean(phases.transport),
      },
      appRssBeforeMb: round2(before.app / 1024),
      appRssAfterMb: round2(after.app / 1024),
    };
  } finally {
    await Promise.all(joiners.map((j) => j.request({ type: 'close' }).catch(() => undefined)));
    for (const j of joiners) j.kill();
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
      'app CPU per join → joins per second per app core',
      `${r.p6.appCpuMsPerJoin} ms → ${r.p6.joinsPerSecondPerAppCore}`,
    ],
    ['media worker CPU per join', `${r.p6.workerCpuMsPerJoin} ms`],
    [
      'mean ms per join: token / connect / createRoom+joinRoom / transport',
      `${r.meanPhaseMs.token} / ${r.meanPhaseMs.connect} / ${r.meanPhaseMs.join} / ${r.meanPhaseMs.transport}`,
    ],
    ['app RSS before → after', `${r.appRssBeforeMb} → ${r.appRssAfterMb} MB`],
    ['app RSS per idle participant', `${r.p6.kbPerIdlePeer} kB`],
    ['worker RSS per idle participant', `${r.p6.workerKbPerIdlePeer} kB`],
  ]);
}
