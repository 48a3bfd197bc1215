/**
 * A peer that goes away frees everything it had: checked in /stats and in the media workers'
 * own dumps (routers, WebRtcServer transports, ICE fragments), for a clean disconnect, a cut
 * connection, leaveRoom followed by disconnect, and a disconnect while requests are in flight.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Peer } from '@/lib/sfu/Peer';
import { joinCall, openTransports, publish, pairInCall } from '@/tests/support/callFlow';
import { rtpParametersFor } from '@/tests/support/fakeMedia';
import { idleLeftovers, workerLeftovers } from '@/tests/support/mediaDump';
import { populateRoom } from '@/tests/support/roomFixture';
import { TestClient, connectClients, type Clients } from '@/tests/support/testClient';
import { IDLE, activity, getStats, startTestServer, type TestServer } from '@/tests/support/testServer';

let srv: TestServer;
const clients: TestClient[] = [];
const SLOW = { timeout: 5_000, interval: 50 };

beforeAll(async () => {
  // A short resume grace: a cut connection's peer is kept that long before it is freed.
  srv = await startTestServer({ workers: 2, env: { EMPTY_ROOM_TIMEOUT_S: '1', RESUME_GRACE_S: '1' } });
});
afterAll(async () => {
  await srv?.close();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await expectAllFreed();
});

async function connect<N extends number>(n: N): Promise<Clients<N>> {
  const list = await connectClients(srv.url, n);
  clients.push(...(list as TestClient[]));
  return list;
}

/** /stats at zero and nothing left in any worker, with the same worker processes as at start. */
async function expectAllFreed(): Promise<void> {
  await vi.waitFor(async () => expect(activity(await getStats(srv.url))).toEqual(IDLE), SLOW);
  await vi.waitFor(
    async () => expect(await workerLeftovers(srv.server.pool)).toEqual(idleLeftovers(srv.server.pool)),
    SLOW,
  );
  const stats = await getStats(srv.url);
  expect(stats.workers).toBe(2);
  expect(stats.workerUsage.map((u) => u.routers)).toEqual([0, 0]);
  expect(srv.server.pool.slots.map((s) => s.routers)).toEqual([0, 0]);
}

function peerOf(callId: string, peerId: string): Peer {
  const peer = srv.server.registry.get(callId)?.peers.get(peerId);
  if (!peer) throw new Error(`peer ${peerId} is not in ${callId}`);
  return peer;
}

describe('disconnect frees everything', () => {
  it('closing every socket without leaveRoom empties /stats and both workers', async () => {
    const [ownerA, viewerA, ownerB, viewerB] = await connect(4);
    await populateRoom('gone-a', ownerA, viewerA, 1_000);
    await populateRoom('gone-b', ownerB, viewerB, 2_000);
    expect(activity(await getStats(srv.url))).toEqual({
      rooms: 2,
      peers: 4,
      transports: 10,
      producers: 6,
      consumers: 4,
      pausedConsumers: 2,
    });
    const busy = await workerLeftovers(srv.server.pool);
    expect(busy.map((w) => w.routerIds.length)).toEqual([1, 1]);
    expect(busy.map((w) => w.webRtcTransportIds.length)).toEqual([5, 5]);
    expect(busy.every((w) => w.iceUsernameFragments > 0)).toBe(true);

    for (const c of [ownerA, viewerA, ownerB, viewerB]) c.close();
    await expectAllFreed();
  });

  it('a cut connection (no disconnect packet) is kept for the resume grace, then freed like a clean one', async () => {
    const [owner, viewer] = await connect(2);
    await populateRoom('cut', owner, viewer, 1_000);
    owner.drop();
    viewer.drop();
    await vi.waitFor(() => expect(srv.server.resumes.waiting).toBe(2));
    expect((await getStats(srv.url)).peers).toBe(2);
    await expectAllFreed();
    expect(srv.server.resumes.size).toBe(0);
  });

  it('one peer leaving by disconnect frees only its own media; the others are told', async () => {
    const [owner, viewer] = await connect(2);
    const r = await populateRoom('half-gone', owner, viewer, 1_000);
    viewer.close();
    expect(await owner.next('producerClosed')).toEqual({
      producerId: r.viewerAudioPaused,
      peerId: r.viewer.peerId,
    });
    expect(await owner.next('peerLeft')).toEqual({
      peerId: r.viewer.peerId,
      userId: r.viewer.userId,
      role: 'guest',
      handRaised: false,
    });
    expect(activity(await getStats(srv.url))).toEqual({
      rooms: 1,
      peers: 1,
      transports: 2,
      producers: 2,
      consumers: 0,
      pausedConsumers: 0,
    });
    const dump = await srv.server.registry.get(r.callId)?.router.dump();
    expect(dump?.transportIds.sort()).toEqual([r.ownerTransports.send, r.ownerTransports.recv].sort());
    expect(dump?.mapConsumerIdProducerId).toEqual([]);
    expect(dump?.mapProducerIdConsumerIds.map((e) => e.values)).toEqual([[], []]);
    // The owner keeps working alone, then goes too.
    await owner.ok('pauseProducer', { producerId: r.ownerVideo });
    owner.close();
    await expectAllFreed();
  });

  it('the producer side disconnecting closes the viewer consumers and tells it', async () => {
    const [owner, viewer] = await connect(2);
    const r = await populateRoom('owner-gone', owner, viewer, 1_000);
    owner.close();
    const closed = [await viewer.next('consumerClosed'), await viewer.next('consumerClosed')];
    expect(closed.map((c) => c.consumerId).sort()).toEqual(
      [r.viewerVideoConsumer, r.viewerAudioConsumerPaused].sort(),
    );
    expect(await viewer.next('peerLeft')).toEqual({
      peerId: r.owner.peerId,
      userId: r.owner.userId,
      role: 'guest',
      handRaised: false,
    });
    expect(activity(await getStats(srv.url))).toMatchObject({ peers: 1, producers: 1, consumers: 0 });
  });
});

describe('leaveRoom, then disconnect', () => {
  it('leaveRoom alone frees everything; the later disconnect changes nothing', async () => {
    const [owner, viewer] = await connect(2);
    await populateRoom('leave-first', owner, viewer, 1_000);
    await viewer.ok('leaveRoom', {});
    await owner.ok('leaveRoom', {});
    expect(activity(await getStats(srv.url))).toEqual(IDLE);
    expect(await workerLeftovers(srv.server.pool)).toEqual(idleLeftovers(srv.server.pool));
    owner.close();
    viewer.close();
    await expectAllFreed();
    // The server still serves new meetings after that.
    const [again] = await connect(1);
    await joinCall(again, 'leave-first', 'again');
    const t = await openTransports(again);
    await publish(again, t.send, 'video');
  });
});

describe('disconnect while requests are in flight', () => {
  it('consumes still running when the disconnect arrives are freed as well', async () => {
    const [alice, bob] = await connect(2);
    const callId = 'consume-in-flight';
    const { a, b, aT, bT } = await pairInCall(alice, bob, callId);
    const video = await publish(alice, aT.send, 'video');
    const audio = await publish(alice, aT.send, 'audio');
    const serverSocket = srv.server.io.sockets.sockets.get(bob.id ?? '');
    let createdAtDisconnect = -1;
    serverSocket?.on('disconnect', () => {
      createdAtDisconnect = created.length;
    });
    const created: string[] = [];
    const closed: string[] = [];
    peerOf(callId, b.peerId)
      .transports.get(bT.recv)
      ?.observer.on('newconsumer', (c) => {
        created.push(c.id);
        c.observer.once('close', () => closed.push(c.id));
        // Hang up as soon as the server is busy consuming: the rest of the burst is in flight.
        if (created.length === 1) bob.close();
      });

    for (let i = 0; i < 30; i++) {
      const producerId = i % 2 ? audio : video;
      void bob.raw('consume', { transportId: bT.recv, producerId }).catch(() => undefined);
    }

    expect(await alice.next('peerLeft')).toEqual({
      peerId: b.peerId,
      userId: 'bob',
      role: 'guest',
      handRaised: false,
    });
    // The server saw the disconnect while consumes were still running, and they completed after it.
    expect(createdAtDisconnect).toBeGreaterThan(0);
    expect(created.length).toBeGreaterThan(createdAtDisconnect);
    await vi.waitFor(() => expect([...closed].sort()).toEqual([...created].sort()));
    expect(activity(await getStats(srv.url))).toEqual({
      rooms: 1,
      peers: 1,
      transports: 2,
      producers: 2,
      consumers: 0,
      pausedConsumers: 0,
    });
    const dump = await srv.server.registry.get(callId)?.router.dump();
    expect(dump?.transportIds.sort()).toEqual([aT.send, aT.recv].sort());
    expect(dump?.mapConsumerIdProducerId).toEqual([]);
    expect(alice.all('peerLeft')).toEqual([
      { peerId: b.peerId, userId: 'bob', role: 'guest', handRaised: false },
    ]);
    expect(a.otherPeers).toEqual([]);
  });

  it('a join, transports and produce sent in one burst before a cut connection leave nothing', async () => {
    const [eve] = await connect(1);
    const { rtpCapabilities } = await eve.ok('createRoom', { callId: 'burst' });
    void eve.raw('joinRoom', { callId: 'burst', userId: 'eve', rtpCapabilities }).catch(() => undefined);
    const send = eve.raw('createTransport', { direction: 'send' }).catch(() => undefined);
    void eve.raw('createTransport', { direction: 'recv' }).catch(() => undefined);
    const params = (await send) as { ok: boolean; data?: { id: string } } | undefined;
    const transportId = params?.data?.id ?? 'unknown';
    void eve
      .raw('produce', { transportId, kind: 'video', rtpParameters: rtpParametersFor('video') })
      .catch(() => undefined);
    eve.drop();
    await expectAllFreed();
  });

  it('a room created but never joined closes after EMPTY_ROOM_TIMEOUT_S', async () => {
    const [idle] = await connect(1);
    await idle.ok('createRoom', { callId: 'never-joined' });
    idle.close();
    expect((await getStats(srv.url)).rooms).toBe(1);
    expect((await workerLeftovers(srv.server.pool)).flatMap((w) => w.routerIds)).toHaveLength(1);
    await expectAllFreed();
  });
});
