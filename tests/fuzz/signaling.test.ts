/**
 * Property-based fuzzing of the signaling API (CI size; `npm run fuzz` sends 50,000+): every
 * request event with generated and mutated payloads, unknown and non-string event names, from
 * unjoined, joined, waiting, host and guest sockets. The process never throws, every ack is a
 * coded refusal or a well-formed success, refused requests add no database rows, and the server
 * is idle again afterwards. FUZZ_SEED=<n> replays a run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REQUEST_NAMES } from '@/lib/protocol';
import { joinCall, openTransports } from '@/tests/support/callFlow';
import { rtpParametersFor } from '@/tests/support/fakeMedia';
import { MeetingFixture, uniqueMeetingId } from '@/tests/support/meetingFixture';
import { startTestServer } from '@/tests/support/testServer';
import { preview } from './ackShape';
import { formatReport } from './FuzzRunner';
import { STANCES, flatAppDataArb } from './messages';
import { runFuzz } from './runFuzz';

const MESSAGES = 1_000;

describe('signaling fuzz', () => {
  it('survives every request event, mutated, from every stance', { timeout: 90_000 }, async () => {
    const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
    const report = await runFuzz({ messages: MESSAGES, seed, startServer: startTestServer });
    console.log(`fuzz seed ${report.seed}\n${formatReport(report)}`);

    expect(report.messages).toBeGreaterThanOrEqual(MESSAGES);
    for (const name of REQUEST_NAMES) expect(report.byEvent[name], `${name} was sent`).toBeDefined();
    for (const stance of STANCES) expect(report.byStance[stance], `${stance} sent messages`).toBeDefined();
    expect(report.byResult.ok, 'some requests succeeded').toBeGreaterThan(0);
    expect(report.violations, `seed ${report.seed}`).toEqual({});
    expect(report.uncaught).toEqual({ exceptions: 0, rejections: 0 });
  });
});

describe('producer metadata', () => {
  it('produce accepts any small flat appData from a joined peer', { timeout: 60_000 }, async () => {
    const srv = await startTestServer({ workers: 1 });
    const fixture = await MeetingFixture.create(srv);
    try {
      const client = await fixture.connect();
      await joinCall(client, uniqueMeetingId('appdata'), 'producer');
      const { send } = await openTransports(client);
      let ssrc = 50_000_000;
      await fc.assert(
        fc.asyncProperty(flatAppDataArb, async (appData) => {
          ssrc += 2;
          const ack = await client.request('produce', {
            transportId: send,
            kind: 'video',
            rtpParameters: rtpParametersFor('video', ssrc),
            appData,
          });
          expect(ack, preview(appData)).toMatchObject({ ok: true });
          if (ack.ok) await client.ok('closeProducer', { producerId: ack.data.producerId });
        }),
        { numRuns: 100 },
      );
    } finally {
      fixture.closeClients();
      await srv.close();
    }
  });
});
