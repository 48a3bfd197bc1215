/**
 * Soak: many join/leave/disconnect cycles against a real server started in this process (media
 * workers, Socket.IO, its own database), mostly signaling only and some with transports, producers
 * and consumers. Afterwards nothing may be left: /stats counters at zero and the media workers'
 * own dumps empty. RSS is sampled after a warm-up and at the end (goal: growth ≤ 5 %).
 */
import { openTransports, publish } from '@/tests/support/callFlow';
import { clientRtpCapabilities } from '@/tests/support/fakeMedia';
import { MeetingFixture, joinMeeting, type OwnedMeeting } from '@/tests/support/meetingFixture';
import { startStandaloneServer, waitForIdle, type Activity } from '@/tests/support/standaloneServer';
import { settledMemory, workerObjectsLeft } from './leftovers';
import { round1 } from './results';

export interface SoakOptions {
  cycles: number;
  /** Of those, how many also open transports, publish and consume. */
  mediaCycles: number;
  /** Cycles run side by side. */
  parallel?: number;
  warmup?: number;
}

export interface SoakResult {
  cycles: number;
  mediaCycles: number;
  endings: Record<'leaveRoom' | 'disconnect' | 'drop', number>;
  durationMs: number;
  cyclesPerSecond: number;
  rssWarmMb: number;
  rssEndMb: number;
  rssGrowthPercent: number;
  rssGoalMet: boolean;
  heapUsedWarmMb: number;
  heapUsedEndMb: number;
  /** /stats counters left over (all zero when nothing leaked). */
  stats: Activity;
  /** Routers, WebRTC transports, ICE fragments and tuples the workers still hold. */
  workerLeftovers: number;
  leakedObjects: number;
}

const ENDINGS = ['leaveRoom', 'disconnect', 'drop'] as const;
let ssrc = 30_000_000;

export async function runSoak(opts: SoakOptions): Promise<SoakResult> {
  const parallel = opts.parallel ?? 8;
  const warmup = opts.warmup ?? Math.min(100, Math.floor(opts.cycles / 10));
  // Empty rooms close after a second, so rooms are created and destroyed over and over.
  // A short resume grace, so dropped connections are freed within the wait for idle.
  const srv = await startStandaloneServer({
    workers: 2,
    env: { EMPTY_ROOM_TIMEOUT_S: '1', RESUME_GRACE_S: '1' },
  });
  const fixture = await MeetingFixture.create(srv);
  const endings = { leaveRoom: 0, disconnect: 0, drop: 0 };
  try {
    const meetings: OwnedMeeting[] = [];
    for (let i = 0; i < 16; i++) meetings.push(await fixture.ownedMeeting({ waitingRoom: false }));

    const cycle = async (i: number) => {
      const meeting = meetings[i % meetings.length]!;
      const guest = await fixture.participant(meeting.meetingId, 'guest');
      const client = guest.client;
      const joined = await joinMeeting(client, meeting.meetingId, `soak-${i}`);
      if (i % Math.max(1, Math.floor(opts.cycles / Math.max(1, opts.mediaCycles))) === 0) {
        const { send, recv } = await openTransports(client);
        ssrc += 2;
        const producerId = await publish(client, send, 'video', { ssrc });
        const caps = clientRtpCapabilities(joined.rtpCapabilities);
        const own = await client.request('consume', { transportId: recv, producerId, rtpCapabilities: caps });
        if (own.ok) await client.ok('resumeConsumer', { consumerId: own.data.id });
      }
      const ending = ENDINGS[i % ENDINGS.length]!;
      endings[ending]++;
      if (ending === 'leaveRoom') {
        await client.ok('leaveRoom', {});
        client.close();
      } else if (ending === 'disconnect') {
        client.close();
      } else {
        client.drop();
      }
      fixture.clients.splice(fixture.clients.indexOf(client), 1);
    };

    const runCycles = async (from: number, to: number) => {
      for (let start = from; start < to; start += parallel) {
        const batch = [];
        for (let i = start; i < Math.min(to, start + parallel); i++) batch.push(cycle(i));
        await Promise.all(batch);
      }
    };

    await runCycles(0, warmup);
    for (const e of ENDINGS) endings[e] = 0;
    const warm = await settledMemory();
    const started = performance.now();
    await runCycles(warmup, warmup + opts.cycles);
    const durationMs = performance.now() - started;

    const stats = await waitForIdle(srv.url);
    const workerLeft = await workerObjectsLeft(srv);
    const end = await settledMemory();
    const growth = ((end.rss - warm.rss) / warm.rss) * 100;
    const statsLeft = Object.values(stats).reduce((a, b) => a + b, 0);
    return {
      cycles: opts.cycles,
      mediaCycles: opts.mediaCycles,
      endings,
      durationMs: Math.round(durationMs),
      cyclesPerSecond: round1((opts.cycles * 1000) / durationMs),
      rssWarmMb: round1(warm.rss),
      rssEndMb: round1(end.rss),
      rssGrowthPercent: round1(growth),
      rssGoalMet: growth <= 5,
      heapUsedWarmMb: round1(warm.heapUsed),
      heapUsedEndMb: round1(end.heapUsed),
      stats,
      workerLeftovers: workerLeft,
      leakedObjects: statsLeft + workerLeft,
    };
  } finally {
    fixture.closeClients();
    await srv.close();
  }
}
