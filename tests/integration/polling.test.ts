/**
 * HTTP long-polling (networks where WebSockets are blocked): a client that only polls gets the
 * same handshake checks, the same full call flow, the same message size limit and the same
 * resume as a WebSocket client.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ErrorCode } from '@/lib/protocol';
import { openTransports, publish } from '@/tests/support/callFlow';
import { MeetingFixture, joinMeeting } from '@/tests/support/meetingFixture';
import { reconnect, resumeTokenOf } from '@/tests/support/resumeFlow';
import { TestClient } from '@/tests/support/testClient';
import { IDLE, activity, getStats, startTestServer, type TestServer } from '@/tests/support/testServer';

let srv: TestServer;
let fx: MeetingFixture;
const POLLING: Array<'polling'> = ['polling'];

beforeAll(async () => {
  srv = await startTestServer({ workers: 1, env: { EMPTY_ROOM_TIMEOUT_S: '1' } });
  fx = await MeetingFixture.create(srv);
});
afterAll(async () => {
  await srv?.close();
});
afterEach(async () => {
  fx.closeClients();
  await vi.waitFor(async () => expect(activity(await getStats(srv.url))).toEqual(IDLE), { timeout: 5_000 });
});

async function pollingClient(auth: Record<string, unknown>): Promise<TestClient> {
  const client = await TestClient.connect(srv.url, { auth, transports: POLLING });
  fx.clients.push(client);
  expect(client.socket.io.engine.transport.name).toBe('polling');
  return client;
}

describe('a polling-only client', () => {
  it('is checked at the handshake like any other', async () => {
    const m = await fx.ownedMeeting({ waitingRoom: false });
    const err = await TestClient.connect(srv.url, {
      auth: { token: 'not-a-token', meetingId: m.meetingId },
      transports: POLLING,
    }).catch((e: unknown) => e as { data?: { code: string } });
    expect(err).toMatchObject({ data: { code: ErrorCode.UNAUTHORIZED } });
  });

  it('runs the full call flow, is cut for an oversized message, and resumes after a drop', async () => {
    const m = await fx.ownedMeeting({ waitingRoom: false });
    const guestToken = await fx.token(m.meetingId, 'guest');
    const poller = await pollingClient({ token: guestToken.token, meetingId: m.meetingId });
    const host = await fx.host(m);

    const pollerJoin = await joinMeeting(poller, m.meetingId, 'Poller');
    await joinMeeting(host.client, m.meetingId, 'Host');
    const pT = await openTransports(poller);
    const hT = await openTransports(host.client);
    const cam = await publish(poller, pT.send, 'video', { ssrc: 7101 });
    const mic = await publish(host.client, hT.send, 'audio', { ssrc: 7102 });
    expect((await poller.next('newProducer')).producerId).toBe(mic);
    const fromPoller = await host.client.ok('consume', { transportId: hT.recv, producerId: cam });
    await host.client.ok('resumeConsumer', { consumerId: fromPoller.id });
    const toPoller = await poller.ok('consume', { transportId: pT.recv, producerId: mic });
    await poller.ok('resumeConsumer', { consumerId: toPoller.id });
    await host.client.ok('sendChat', { text: 'hello poller' });
    expect((await poller.next('chatMessage')).text).toBe('hello poller');
    expect(activity(await getStats(srv.url))).toMatchObject({ peers: 2, producers: 2, consumers: 2 });

    // Dropped: kept and resumed over polling, with the same peer.
    poller.drop();
    expect((await host.client.next('peerConnection')).state).toBe('reconnecting');
    const back = await TestClient.connect(srv.url, {
      auth: { token: guestToken.token, meetingId: m.meetingId, resume: resumeTokenOf(pollerJoin) },
      transports: POLLING,
    });
    fx.clients.push(back);
    const snapshot = await back.next('sessionResumed');
    expect(snapshot.peerId).toBe(pollerJoin.peerId);
    expect(snapshot.own?.consumerIds).toEqual([toPoller.id]);
    expect((await host.client.next('peerConnection')).state).toBe('connected');
    await back.ok('pauseConsumer', { consumerId: toPoller.id });

    // The message size limit holds over polling too: only the offending connection is cut.
    const gone = back.disconnected();
    void back.raw('sendChat', { text: 'x'.repeat(70_000) }).catch(() => undefined);
    await gone;
    expect(host.client.socket.connected).toBe(true);
    await host.client.ok('ping', {});
    // The cut is a drop like any other: the poller can resume with its latest token.
    const again = await reconnect(
      fx,
      { token: guestToken.token, meetingId: m.meetingId },
      snapshot.resumeToken,
      POLLING,
    );
    expect((await again.next('sessionResumed')).peerId).toBe(pollerJoin.peerId);
  });
});
