/**
 * Resume soak: many join → socket drop → resume → leave cycles against a real server in this
 * process (media workers, Socket.IO, its own database), mostly signaling only and some with
 * transports and a producer kept across the drop. Afterwards nothing may be left: /stats at zero,
 * the media workers' own dumps empty, no resume token or grace timer held. RSS is sampled after a
 * warm-up and at the end.
 */
import { openTransports, publish } from '@/tests/support/callFlow';
import { MeetingFixture, joinMeeting, type OwnedMeeting } from '@/tests/support/meetingFixture';
import { reconnect, resumeTokenOf } from '@/tests/support/resumeFlow';
import { startStandaloneServer, waitForIdle, type Activity } from '@/tests/support/standaloneServer';
import type { TestServer, TestServerOptions } from '@/tests/support/testServer';
import { settledMemory, workerObjectsLeft } from './leftovers';
import { round1 } from './results';

export interface ResumeSoakOptions {
  cycles: number;
  /** Of those, how many also open transports and publish before the drop. */
  mediaCycles: number;
  /** Cycles run side by side. */
  parallel?: number;
  warmup?: number;
  /** How the server is started (the test runner passes its own, for either database engine). */
  startServer?: (opts: TestServerOptions) => Promise<TestServer>;
}

export interface ResumeSoakResult {
  cycles: number;
  mediaCycles: number;
  /** Resumes that found the peer kept for its grace period (the server had noticed the drop). */
  resumedAfterDrop: number;
  durationMs: number;
  cyclesPerSecond: number;
  rssWarmMb: number;
  rssEndMb: number;
  rssGrowthPercent: number;
  heapUsedWarmMb: number;
  heapUsedEndMb: number;
  stats: Activity;
  workerLeftovers: number;
  /** Resume tokens and grace timers still held. */
  resumeEntries: number;
  leakedObjects: number;
}

let ssrc = 40_000_000;

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('the server did not notice the dropped socket');
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function runResumeSoak(opts: ResumeSoakOptions): Promise<ResumeSoakResult> {
  const parallel = opts.parallel ?? 8;
  const warmup = opts.warmup ?? Math.min(50, Math.floor(opts.cycles / 10));
  const srv = await (opts.startServer ?? startStandaloneServer)({
    workers: 2,
    env: { EMPTY_ROOM_TIMEOUT_S: '1', RESUME_GRACE_S: '30' },
  });
  const fixture = await MeetingFixture.create(srv);
  let resumedAfterDrop = 0;
  const mediaEvery = Math.max(1, Math.floor(opts.cycles / Math.max(1, opts.mediaCycles)));
  try {
    const meetings: OwnedMeeting[] = [];
    for (let i = 0; i < 16; i++) meetings.push(await fixture.ownedMeeting({ waitingRoom: false }));

    const cycle = async (i: number) => {
      const meeting = meetings[i % meetings.length]!;
      const guest = await fixture.participant(meeting.meetingId, 'guest');
      const joined = await joinMeeting(guest.client, meeting.meetingId, `resume-soak-${i}`);
      if (i % mediaEvery === 0) {
        const { send } = await openTransports(guest.client);
        ssrc += 1;
        await publish(guest.client, send, 'video', { ssrc });
      }
      guest.client.drop();
      const peer = () => srv.server.registry.get(meeting.meetingId)?.peers.get(joined.peerId);
      await until(() => peer()?.reconnecting === true);
      resumedAfterDrop++;
      const back = await reconnect(fixture, guest, resumeTokenOf(joined));
      const snapshot = await back.next('sessionResumed');
      if (snapshot.peerId !== joined.peerId) throw new Error('resumed as another peer');
      if (i % 2 === 0) await back.ok('leaveRoom', {});
      back.close();
      for (const c of [guest.client, back]) fixture.clients.splice(fixture.clients.indexOf(c), 1);
    };

    const runCycles = async (from: number, to: number) => {
      for (let start = from; start < to; start += parallel) {
        const batch = [];
        for (let i = start; i < Math.min(to, start + parallel); i++) batch.push(cycle(i));
        await Promise.all(batch);
      }
    };

    await runCycles(0, warmup);
    resumedAfterDrop = 0;
    const warm = await settledMemory();
    const started = performance.now();
    await runCycles(warmup, warmup + opts.cycles);
    const durationMs = performance.now() - started;

    const stats = await waitForIdle(srv.url);
    const workerLeft = await workerObjectsLeft(srv);
    const resumeEntries = srv.server.resumes.size + srv.server.meetings.size;
    const end = await settledMemory();
    const statsLeft = Object.values(stats).reduce((a, b) => a + b, 0);
    return {
      cycles: opts.cycles,
      mediaCycles: Math.ceil(opts.cycles / mediaEvery),
      resumedAfterDrop,
      durationMs: Math.round(durationMs),
      cyclesPerSecond: round1((opts.cycles * 1000) / durationMs),
      rssWarmMb: round1(warm.rss),
      rssEndMb: round1(end.rss),
      rssGrowthPercent: round1(((end.rss - warm.rss) / warm.rss) * 100),
      heapUsedWarmMb: round1(warm.heapUsed),
      heapUsedEndMb: round1(end.heapUsed),
      stats,
      workerLeftovers: workerLeft,
      resumeEntries,
      leakedObjects: statsLeft + workerLeft + resumeEntries,
    };
  } finally {
    fixture.closeClients();
    await srv.close();
  }
}
