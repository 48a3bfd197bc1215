/**
 * One meeting over two media workers: with MAX_CONSUMERS_PER_ROUTER=2, the first two people fill
 * the home router and the next ones are placed on a router on the other worker, their media piped
 * across (pipeToRouter). Real workers, real Socket.IO, real RTP from ffmpeg: piped media is seen
 * arriving on the other worker, pipes are made once per producer and router, pause and close
 * travel across, an emptied router closes with its pipes, and a worker killed under half the
 * meeting sends only that half back to rejoin.
 */
import dgram from 'node:dgram';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Peer } from '@/lib/sfu/Peer';
import type { Room } from '@/lib/sfu/Room';
import { joinCall, openTransports, subscribe, type Joined } from '@/tests/support/callFlow';
import { idleLeftovers, workerLeftovers } from '@/tests/support/mediaDump';
import { sendTestMedia, type TestMedia } from '@/tests/support/rtpSender';
import { TestClient, connectClients } from '@/tests/support/testClient';
import { IDLE, activity, getStats, startTestServer, type TestServer } from '@/tests/support/testServer';

let srv: TestServer;
const clients: TestClient[] = [];
const senders: TestMedia[] = [];
const SLOW = { timeout: 15_000, interval: 100 };

beforeAll(async () => {
  srv = await startTestServer({ workers: 2, env: { MAX_CONSUMERS_PER_ROUTER: '2' } });
});
afterAll(async () => {
  await srv?.close();
});
afterEach(async () => {
  for (const s of senders.splice(0)) s.stop();
  for (const c of clients.splice(0)) c.close();
  await vi.waitFor(async () => expect(activity(await getStats(srv.url))).toEqual(IDLE), SLOW);
  await vi.waitFor(
    async () => expect(await workerLeftovers(srv.server.pool)).toEqual(idleLeftovers(srv.server.pool)),
    SLOW,
  );
});

function roomOf(callId: string): Room {
  const room = srv.server.registry.get(callId);
  if (!room) throw new Error(`room ${callId} is not open`);
  return room;
}

function peerOf(room: Room, joined: Joined): Peer {
  const peer = room.peers.get(joined.peerId);
  if (!peer) throw new Error(`${joined.userId} is not in ${room.callId}`);
  return peer;
}

async function workerOf(room: Room, joined: Joined): Promise<number> {
  return (await room.routers.of(peerOf(room, joined))).workerIndex;
}

/** Alice (sending real video and audio) and Bob (receiving both) fill the home router. */
async function fillHome(callId: string, alice: TestClient, bob: TestClient) {
  const a = await joinCall(alice, callId, 'alice');
  const b = await joinCall(bob, callId, 'bob');
  await openTransports(alice);
  const bT = await openTransports(bob);
  const room = roomOf(callId);
  const media = await sendTestMedia(room, peerOf(room, a));
  senders.push(media);
  const video = media.video?.id ?? '';
  const audio = media.audio?.id ?? '';
  await subscribe(b, bT.recv, video);
  await subscribe(b, bT.recv, audio);
  return { a, b, bT, room, video, audio, media };
}

/** Bytes that arrive on a UDP socket from a PlainTransport consumer of `producerId` on `router`. */
async function plainReceiver(room: Room, producerId: string, workerIndex: number) {
  const rr = room.routers.list().find((r) => r.workerIndex === workerIndex);
  if (!rr) throw new Error(`no router of the room on worker ${workerIndex}`);
  expect(await room.routers.bring(producerId, rr.router)).toBe(true);
  const socket = dgram.createSocket('udp4');
  let bytes = 0;
  socket.on('message', (msg) => (bytes += msg.length));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const transport = await rr.router.createPlainTransport({
    listenInfo: { protocol: 'udp', ip: '127.0.0.1' },
    rtcpMux: true,
  });
  await transport.connect({ ip: '127.0.0.1', port: socket.address().port });
  const consumer = await transport.consume({ producerId, rtpCapabilities: rr.router.rtpCapabilities });
  return {
    bytes: () => bytes,
    close: () => {
      transport.close();
      socket.close();
    },
    consumer,
  };
}

describe('a meeting spread over two workers', () => {
  it('places newcomers on the other worker, pipes once per pair, and carries media, pause and close', async () => {
    const [alice, bob, carol, dave] = await connectClients(srv.url, 4);
    clients.push(alice, bob, carol, dave);
    const { a, b, room, video, audio } = await fillHome('spread', alice, bob);
    const home = room.workerIndex;
    const other = 1 - home;
    expect(await workerOf(room, a)).toBe(home);
    expect(await workerOf(room, b)).toBe(home);

    // The home router holds 2 consumers: the next two people go to the other worker.
    const c = await joinCall(carol, 'spread', 'carol');
    const d = await joinCall(dave, 'spread', 'dave');
    const cT = await openTransports(carol);
    const dT = await openTransports(dave);
    expect(await workerOf(room, c)).toBe(other);
    expect(await workerOf(room, d)).toBe(other);

    // Both consume both of Alice's tracks at once: one pipe per producer, shared.
    const consumers = await Promise.all([
      subscribe(c, cT.recv, video),
      subscribe(c, cT.recv, audio),
      subscribe(d, dT.recv, video),
      subscribe(d, dT.recv, audio),
    ]);
    const [homeRouter, otherRouter] = room.routers.list();
    if (!homeRouter || !otherRouter) throw new Error('expected two routers');
    const otherDump = await otherRouter.router.dump();
    expect(otherDump.transportIds).toHaveLength(5); // carol's and dave's two each, one pipe
    expect(new Set(otherDump.mapProducerIdConsumerIds.map((e) => e.key))).toEqual(new Set([video, audio]));
    for (const e of otherDump.mapProducerIdConsumerIds) expect(e.values).toHaveLength(2);
    const homeDump = await homeRouter.router.dump();
    for (const e of homeDump.mapProducerIdConsumerIds) expect(e.values).toHaveLength(2); // bob + the pipe

    const stats = await getStats(srv.url);
    expect(stats.roomRouters).toEqual([
      {
        room: 1,
        routers: [
          { workerIndex: home, consumers: 4, peers: 2 },
          { workerIndex: other, consumers: 4, peers: 2 },
        ],
      },
    ]);
    expect(stats.workerUsage.map((u) => u.routers)).toEqual([1, 1]);

    // Real RTP crosses the pipe: a consumer on the other worker receives Alice's video.
    const receiver = await plainReceiver(room, video, other);
    await vi.waitFor(() => expect(receiver.bytes()).toBeGreaterThan(10_000), SLOW);

    // Pause travels across: Carol's consumer on the other worker sees its producer paused.
    const carolVideo = peerOf(room, c).consumers.get(consumers[0].id);
    await alice.ok('pauseProducer', { producerId: video });
    expect(await carol.next('producerPaused')).toEqual({ producerId: video, peerId: a.peerId });
    await vi.waitFor(() => expect(carolVideo?.producerPaused).toBe(true), SLOW);
    await alice.ok('resumeProducer', { producerId: video });
    await vi.waitFor(() => expect(carolVideo?.producerPaused).toBe(false), SLOW);
    const before = receiver.bytes();
    await vi.waitFor(() => expect(receiver.bytes()).toBeGreaterThan(before + 5_000), SLOW);
    receiver.close();

    // Close travels across: the pipe producer closes, so do the consumers behind it.
    await alice.ok('closeProducer', { producerId: video });
    const closed = [await carol.next('consumerClosed'), await dave.next('consumerClosed')];
    expect(closed.map((x) => x.producerId)).toEqual([video, video]);
    await vi.waitFor(async () => {
      const keys = (await otherRouter.router.dump()).mapProducerIdConsumerIds.map((e) => e.key);
      expect(keys).toEqual([audio]);
    }, SLOW);

    // The last two on the other router leave: it closes with its pipe, the home carries on.
    await carol.ok('leaveRoom', {});
    await dave.ok('leaveRoom', {});
    expect(otherRouter.router.closed).toBe(true);
    await vi.waitFor(async () => {
      const s = await getStats(srv.url);
      expect(s.roomRouters).toEqual([{ room: 1, routers: [{ workerIndex: home, consumers: 1, peers: 2 }] }]);
      expect(s.workerUsage.map((u) => u.routers).sort()).toEqual([0, 1]);
    }, SLOW);
    expect((await homeRouter.router.dump()).transportIds).toHaveLength(6); // 2 + 2 + ffmpeg's 2
    await alice.ok('leaveRoom', {});
    await bob.ok('leaveRoom', {});
  });

  it('a killed worker sends only its own participants back; the others keep receiving', async () => {
    const [alice, bob, carol, dave] = await connectClients(srv.url, 4);
    clients.push(alice, bob, carol, dave);
    const { b, bT, room, video } = await fillHome('half-dead', alice, bob);
    const home = room.workerIndex;
    const other = 1 - home;
    const c = await joinCall(carol, 'half-dead', 'carol');
    const d = await joinCall(dave, 'half-dead', 'dave');
    const cT = await openTransports(carol);
    await openTransports(dave);
    expect(await workerOf(room, c)).toBe(other);
    // Carol sends real media from the other worker; Bob (home) consumes it through a pipe.
    const carolMedia = await sendTestMedia(room, peerOf(room, c), { frequency: 660 });
    senders.push(carolMedia);
    await subscribe(c, cT.recv, video);
    const bobOfCarol = await subscribe(b, bT.recv, carolMedia.video?.id ?? '');
    const homeReceiver = await plainReceiver(room, video, home);
    await vi.waitFor(() => expect(homeReceiver.bytes()).toBeGreaterThan(5_000), SLOW);

    const pid = srv.server.pool.slots[other]?.worker.pid ?? 0;
    process.kill(pid, 'SIGKILL');

    for (const x of [carol, dave]) {
      expect(await x.next('roomClosed')).toEqual({ callId: 'half-dead', reason: 'worker-died' });
    }
    expect(await bob.next('consumerClosed')).toEqual({
      consumerId: bobOfCarol.id,
      producerId: carolMedia.video?.id,
    });
    const left = [await alice.next('peerLeft'), await alice.next('peerLeft')].map((p) => p.peerId);
    expect(left.sort()).toEqual([c.peerId, d.peerId].sort());
    expect(alice.all('roomClosed')).toEqual([]);
    expect(bob.all('roomClosed')).toEqual([]);
    expect(room.closed).toBe(false);
    expect(room.routers.list().map((r) => r.workerIndex)).toEqual([home]);

    // The home half never stopped: Alice's video keeps arriving on the home worker.
    const before = homeReceiver.bytes();
    await vi.waitFor(() => expect(homeReceiver.bytes()).toBeGreaterThan(before + 5_000), SLOW);
    homeReceiver.close();

    // Carol comes back on the same connection, onto a live worker, and receives again.
    expect(await carol.refused('createTransport', { direction: 'recv' })).toBe('ROOM_CLOSED');
    const again = await joinCall(carol, 'half-dead', 'carol');
    const againT = await openTransports(carol);
    const back = await subscribe(again, againT.recv, video);
    expect(back.producerId).toBe(video);
    const rejoined = await room.routers.of(peerOf(room, again));
    expect(rejoined.router.closed).toBe(false);
    for (const x of [alice, bob, carol]) await x.ok('leaveRoom', {});
    await dave.request('leaveRoom', {});
    senders.splice(senders.indexOf(carolMedia), 1);
    carolMedia.stop();
  });
});
