/**
 * A viewer's resumeConsumer / pauseConsumer that crosses its producer closing (closeProducer,
 * leaveRoom, a cut connection) on the way: the answer is success or NOT_FOUND, never INTERNAL,
 * and nothing is left behind.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { joinCall, openTransports, publish, subscribe } from '@/tests/support/callFlow';
import { TestClient, connectClients } from '@/tests/support/testClient';
import { IDLE, activity, getStats, startTestServer, type TestServer } from '@/tests/support/testServer';

let srv: TestServer;
const clients: TestClient[] = [];
const ROUNDS = 15;

beforeAll(async () => {
  srv = await startTestServer({ workers: 1 });
});
afterAll(async () => {
  await srv?.close();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await vi.waitFor(async () => expect(activity(await getStats(srv.url))).toEqual(IDLE));
});

function answer(ack: { ok: boolean; error?: { code: string } }): string {
  return ack.ok ? 'ok' : (ack.error?.code ?? '?');
}

describe('pause or resume racing a close', () => {
  it('resumeConsumer and pauseConsumer sent as the producer closes: ok or NOT_FOUND', async () => {
    const [alice, bob] = await connectClients(srv.url, 2);
    clients.push(alice, bob);
    await joinCall(alice, 'close-race', 'alice');
    const b = await joinCall(bob, 'close-race', 'bob');
    const aT = await openTransports(alice);
    const bT = await openTransports(bob);
    const answers = new Set<string>();
    for (let i = 0; i < ROUNDS; i++) {
      const video = await publish(alice, aT.send, 'video', { ssrc: 5_000 + i });
      const consumer = await subscribe(b, bT.recv, video, false);
      const [, resumed, paused] = await Promise.all([
        alice.request('closeProducer', { producerId: video }),
        bob.request('resumeConsumer', { consumerId: consumer.id }),
        bob.request('pauseConsumer', { consumerId: consumer.id }),
      ]);
      answers.add(answer(resumed));
      answers.add(answer(paused));
    }
    expect([...answers].filter((a) => a !== 'ok' && a !== 'NOT_FOUND')).toEqual([]);
  });

  it('resumeConsumer sent as the producer’s owner leaves or drops: ok or NOT_FOUND', async () => {
    const bob = await TestClient.connect(srv.url);
    clients.push(bob);
    const b = await joinCall(bob, 'leave-race', 'bob');
    const bT = await openTransports(bob);
    const answers = new Set<string>();
    for (let i = 0; i < ROUNDS; i++) {
      const alice = await TestClient.connect(srv.url);
      clients.push(alice);
      await joinCall(alice, 'leave-race', `alice-${i}`);
      const aT = await openTransports(alice);
      const video = await publish(alice, aT.send, 'video', { ssrc: 6_000 + i });
      const consumer = await subscribe(b, bT.recv, video, false);
      const leaving = i % 2 === 0 ? alice.request('leaveRoom', {}) : alice.close();
      answers.add(answer(await bob.request('resumeConsumer', { consumerId: consumer.id })));
      await leaving;
    }
    expect([...answers].filter((a) => a !== 'ok' && a !== 'NOT_FOUND')).toEqual([]);
  });
});
