/**
 * The seed API (see /work/shared/seed-protocol.md) driven exactly as the seed's sample client does,
 * against the real server: acks carry results under `data`, joinRoom is sent without an ack
 * callback, leaveRoom with only the callback.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Ack, ResultMap } from '@/lib/protocol';
import { joinCall, openTransports, publish, subscribe, pairInCall } from '@/tests/support/callFlow';
import {
  clientRtpCapabilities,
  fakeDtlsParameters,
  opusRtpParameters,
  vp8RtpParameters,
} from '@/tests/support/fakeMedia';
import { TestClient, connectClients, type Clients } from '@/tests/support/testClient';
import { IDLE, activity, getStats, startTestServer, type TestServer } from '@/tests/support/testServer';

let srv: TestServer;
const clients: TestClient[] = [];

beforeAll(async () => {
  srv = await startTestServer({ workers: 2 });
});
afterAll(async () => {
  await srv?.close();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await vi.waitFor(async () => expect(activity(await getStats(srv.url))).toEqual(IDLE));
});

async function connect<N extends number>(n: N): Promise<Clients<N>> {
  const list = await connectClients(srv.url, n);
  clients.push(...(list as TestClient[]));
  return list;
}

/** The media ports of the test server's two workers (base and base + 1). */
function workerPorts(): number[] {
  const ports = srv.config.media.ports;
  if (ports.mode !== 'webrtc-server') throw new Error('the test server runs its workers on WebRtcServers');
  return [ports.basePort, ports.basePort + 1];
}

function expectOk<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`expected ok, got ${ack.error.code}: ${ack.error.message}`);
  return ack.data;
}

describe('seed flow', () => {
  it('createRoom → joinRoom → transports → produce → consume → resume → getProducers → leaveRoom', async () => {
    const [alice, bob] = await connect(2);
    const callId = 'seed-call-123';

    // --- Alice, as the seed's sample client: createRoom, then joinRoom without an ack callback.
    const created = await alice.raw('createRoom', { callId });
    expect(created).toMatchObject({ ok: true, data: { rtpCapabilities: { codecs: expect.any(Array) } } });
    const routerCaps = expectOk(created as Ack<ResultMap['createRoom']>).rtpCapabilities;
    const mimeTypes = routerCaps.codecs?.map((c) => c.mimeType) ?? [];
    expect(mimeTypes).toEqual(expect.arrayContaining(['audio/opus', 'video/VP8', 'video/VP9', 'video/H264']));
    const opus = routerCaps.codecs?.find((c) => c.mimeType === 'audio/opus');
    expect(opus).toMatchObject({ kind: 'audio', clockRate: 48000, channels: 2 });
    const aliceCaps = clientRtpCapabilities(routerCaps);
    alice.emitNoAck('joinRoom', { callId, userId: 'alice', rtpCapabilities: aliceCaps });
    // Requests are handled in order per socket: this answers only after the join was processed.
    expect(await alice.ok('getProducers', { callId })).toEqual({ producers: [] });

    // --- Bob joins with an ack and sees Alice; Alice hears about Bob.
    const bobCreated = await bob.ok('createRoom', { callId });
    expect(bobCreated.rtpCapabilities).toEqual(routerCaps);
    const bobCaps = clientRtpCapabilities(bobCreated.rtpCapabilities);
    const bobJoin = await bob.ok('joinRoom', { callId, userId: 'bob', rtpCapabilities: bobCaps });
    expect(bobJoin.peers).toEqual([
      { peerId: expect.any(String), userId: 'alice', role: 'guest', handRaised: false },
    ]);
    expect(bobJoin.peerId).toEqual(expect.any(String));
    expect(bobJoin.rtpCapabilities).toEqual(routerCaps);
    const alicePeerId = bobJoin.peers[0]!.peerId;
    expect(await alice.next('peerJoined')).toEqual({
      peerId: bobJoin.peerId,
      userId: 'bob',
      role: 'guest',
      handRaised: false,
    });
    expect(bob.all('peerJoined')).toEqual([]);

    // --- Alice publishes: two transports, connect the send one, produce.
    const sendAck = await alice.request('createTransport', { direction: 'send' });
    const send = expectOk(sendAck);
    expect(send).toMatchObject({
      id: expect.any(String),
      iceParameters: { usernameFragment: expect.any(String), password: expect.any(String) },
      dtlsParameters: {
        fingerprints: expect.arrayContaining([expect.objectContaining({ algorithm: 'sha-256' })]),
      },
    });
    expect(send.iceCandidates.length).toBeGreaterThan(0);
    for (const c of send.iceCandidates) {
      expect(c.address).toBe('127.0.0.1');
      expect(workerPorts()).toContain(c.port);
      expect(['udp', 'tcp']).toContain(c.protocol);
    }
    expect(send.iceCandidates.map((c) => c.protocol).sort()).toEqual(['tcp', 'udp']);
    const recv = await alice.ok('createTransport', { direction: 'recv' });
    expect(recv.id).not.toBe(send.id);
    expect(
      await alice.request('connectTransport', { transportId: send.id, dtlsParameters: fakeDtlsParameters() }),
    ).toEqual({ ok: true, data: {} });
    const produced = await alice.request('produce', {
      transportId: send.id,
      kind: 'video',
      rtpParameters: vp8RtpParameters(),
      appData: { source: 'camera' },
    });
    const { producerId } = expectOk(produced);
    expect(await bob.next('newProducer')).toEqual({
      producerId,
      peerId: alicePeerId,
      userId: 'alice',
      kind: 'video',
      source: 'camera',
      paused: false,
    });
    expect(alice.all('newProducer')).toEqual([]);

    // --- Bob subscribes: recv transport, consume (paused), resume.
    const bobRecv = await bob.ok('createTransport', { direction: 'recv' });
    await bob.ok('connectTransport', { transportId: bobRecv.id, dtlsParameters: fakeDtlsParameters() });
    const consumed = expectOk(
      await bob.request('consume', { transportId: bobRecv.id, producerId, rtpCapabilities: bobCaps }),
    );
    expect(consumed).toMatchObject({
      id: expect.any(String),
      producerId,
      peerId: alicePeerId,
      kind: 'video',
      source: 'camera',
      producerPaused: false,
    });
    expect(consumed.rtpParameters.codecs[0]).toMatchObject({ mimeType: 'video/VP8', clockRate: 90000 });
    expect(consumed.rtpParameters.encodings?.[0]?.ssrc).toEqual(expect.any(Number));
    // The viewer learns the consumer's transmission score (0 … 10) from the start.
    expect(await bob.next('consumerScore')).toEqual({
      consumerId: consumed.id,
      score: expect.any(Number),
      producerScore: expect.any(Number),
    });
    let stats = await getStats(srv.url);
    expect(activity(stats)).toEqual({
      rooms: 1,
      peers: 2,
      transports: 3,
      producers: 1,
      consumers: 1,
      pausedConsumers: 1,
    });
    expect(await bob.request('resumeConsumer', { consumerId: consumed.id })).toEqual({ ok: true, data: {} });
    stats = await getStats(srv.url);
    expect(stats.pausedConsumers).toBe(0);

    // --- getProducers: the room's producers except the caller's own.
    expect(await bob.request('getProducers', { callId })).toEqual({
      ok: true,
      data: {
        producers: [
          {
            producerId,
            peerId: alicePeerId,
            userId: 'alice',
            kind: 'video',
            source: 'camera',
            paused: false,
          },
        ],
      },
    });
    expect(await alice.ok('getProducers', { callId })).toEqual({ producers: [] });

    // --- Bob leaves the seed's way: leaveRoom with only the ack callback.
    expect(await bob.raw('leaveRoom')).toEqual({ ok: true, data: {} });
    expect(await alice.next('peerLeft')).toEqual({
      peerId: bobJoin.peerId,
      userId: 'bob',
      role: 'guest',
      handRaised: false,
    });
    expect(activity(await getStats(srv.url))).toEqual({
      rooms: 1,
      peers: 1,
      transports: 2,
      producers: 1,
      consumers: 0,
      pausedConsumers: 0,
    });
    // Bob is out: his old ids are gone and room actions need a new join.
    expect(await bob.refused('resumeConsumer', { consumerId: consumed.id })).toBe('NOT_JOINED');

    // --- Alice leaves last: the room closes.
    expect(await alice.raw('leaveRoom')).toEqual({ ok: true, data: {} });
    expect(activity(await getStats(srv.url))).toEqual(IDLE);
    expect(bob.all('producerClosed')).toEqual([]);
  });

  it('a late joiner gets the peers in the joinRoom ack and the producers from getProducers', async () => {
    const [alice, bob, carol] = await connect(3);
    const callId = 'late-joiner';
    const { a, b, aT, bT } = await pairInCall(alice, bob, callId);
    const av = await publish(alice, aT.send, 'video');
    const aa = await publish(alice, aT.send, 'audio');
    const bs = await publish(bob, bT.send, 'video', { source: 'screen' });

    const c = await joinCall(carol, callId, 'carol');
    expect(c.otherPeers).toEqual(
      expect.arrayContaining([
        { peerId: a.peerId, userId: 'alice', role: 'guest', handRaised: false },
        { peerId: b.peerId, userId: 'bob', role: 'guest', handRaised: false },
      ]),
    );
    expect(c.otherPeers).toHaveLength(2);
    const { producers } = await carol.ok('getProducers', { callId });
    expect(producers.map((p) => p.producerId).sort()).toEqual([av, aa, bs].sort());
    expect(producers.find((p) => p.producerId === bs)).toEqual({
      producerId: bs,
      peerId: b.peerId,
      userId: 'bob',
      kind: 'video',
      source: 'screen',
      paused: false,
    });
    expect(carol.all('newProducer')).toEqual([]);
    const cT = await openTransports(carol);
    for (const p of producers) {
      const consumer = await subscribe(c, cT.recv, p.producerId);
      expect(consumer.kind).toBe(p.kind);
    }
    expect((await getStats(srv.url)).consumers).toBe(3);
  });

  it('pauseProducer/resumeProducer notify the other peers and pause their consumers', async () => {
    const [alice, bob] = await connect(2);
    const callId = 'pause-resume';
    const { a, b, aT, bT } = await pairInCall(alice, bob, callId);
    const v = await publish(alice, aT.send, 'video');
    const consumer = await subscribe(b, bT.recv, v);

    expect(await alice.request('pauseProducer', { producerId: v })).toEqual({ ok: true, data: {} });
    expect(await bob.next('producerPaused')).toEqual({ producerId: v, peerId: a.peerId });
    expect((await bob.ok('getProducers', { callId })).producers[0]?.paused).toBe(true);
    await vi.waitFor(async () => expect((await getStats(srv.url)).pausedConsumers).toBe(1));

    expect(await alice.request('resumeProducer', { producerId: v })).toEqual({ ok: true, data: {} });
    expect(await bob.next('producerResumed')).toEqual({ producerId: v, peerId: a.peerId });
    expect((await bob.ok('getProducers', { callId })).producers[0]?.paused).toBe(false);
    await vi.waitFor(async () => expect((await getStats(srv.url)).pausedConsumers).toBe(0));
    expect(alice.all('producerPaused')).toEqual([]);
    expect(alice.all('producerResumed')).toEqual([]);

    // The viewer can pause and resume its own consumer.
    expect(await bob.request('pauseConsumer', { consumerId: consumer.id })).toEqual({ ok: true, data: {} });
    expect((await getStats(srv.url)).pausedConsumers).toBe(1);
    await bob.ok('resumeConsumer', { consumerId: consumer.id });
    expect((await getStats(srv.url)).pausedConsumers).toBe(0);
    expect(alice.all('producerPaused')).toEqual([]);

    // A consumer of a paused producer reports producerPaused at consume time.
    await alice.ok('pauseProducer', { producerId: v });
    await bob.next('producerPaused');
    const bT2 = (await bob.ok('createTransport', { direction: 'recv' })).id;
    const second = await bob.ok('consume', { transportId: bT2, producerId: v });
    expect(second.producerPaused).toBe(true);
  });

  it('closeProducer sends producerClosed to the others and consumerClosed to the consumer owner', async () => {
    const [alice, bob, carol] = await connect(3);
    const callId = 'close-producer';
    const a = await joinCall(alice, callId, 'alice');
    const b = await joinCall(bob, callId, 'bob');
    await joinCall(carol, callId, 'carol');
    const aT = await openTransports(alice);
    const bT = await openTransports(bob);
    const v = await publish(alice, aT.send, 'video');
    const au = await publish(alice, aT.send, 'audio');
    const consumer = await subscribe(b, bT.recv, v);
    await subscribe(b, bT.recv, au);

    expect(await alice.request('closeProducer', { producerId: v })).toEqual({ ok: true, data: {} });
    expect(await bob.next('producerClosed')).toEqual({ producerId: v, peerId: a.peerId });
    expect(await carol.next('producerClosed')).toEqual({ producerId: v, peerId: a.peerId });
    expect(await bob.next('consumerClosed')).toEqual({ consumerId: consumer.id, producerId: v });
    expect(alice.all('producerClosed')).toEqual([]);
    expect(carol.all('consumerClosed')).toEqual([]);

    expect((await bob.ok('getProducers', { callId })).producers.map((p) => p.producerId)).toEqual([au]);
    expect(await bob.refused('resumeConsumer', { consumerId: consumer.id })).toBe('NOT_FOUND');
    expect(await alice.refused('closeProducer', { producerId: v })).toBe('NOT_FOUND');
    expect(await bob.refused('consume', { transportId: bT.recv, producerId: v })).toBe('NOT_FOUND');
    expect(activity(await getStats(srv.url))).toMatchObject({ producers: 1, consumers: 1 });
  });

  it('leaveRoom frees the leaver: others get producerClosed, consumerClosed and peerLeft', async () => {
    const [alice, bob] = await connect(2);
    const callId = 'leave-frees';
    const { a, b, aT, bT } = await pairInCall(alice, bob, callId);
    const v = await publish(alice, aT.send, 'video');
    const au = await publish(alice, aT.send, 'audio');
    const cv = await subscribe(b, bT.recv, v);
    const ca = await subscribe(b, bT.recv, au);
    const bv = await publish(bob, bT.send, 'video');
    await subscribe(a, aT.recv, bv);

    // leaveRoom with an empty object works as well as with no payload.
    expect(await alice.request('leaveRoom', {})).toEqual({ ok: true, data: {} });
    const closed = [await bob.next('producerClosed'), await bob.next('producerClosed')];
    expect(closed).toEqual(
      expect.arrayContaining([
        { producerId: v, peerId: a.peerId },
        { producerId: au, peerId: a.peerId },
      ]),
    );
    expect(await bob.next('peerLeft')).toEqual({
      peerId: a.peerId,
      userId: 'alice',
      role: 'guest',
      handRaised: false,
    });
    const consumerClosed = [await bob.next('consumerClosed'), await bob.next('consumerClosed')];
    expect(consumerClosed).toEqual(
      expect.arrayContaining([
        { consumerId: cv.id, producerId: v },
        { consumerId: ca.id, producerId: au },
      ]),
    );
    expect(alice.all('consumerClosed')).toEqual([]);
    expect(activity(await getStats(srv.url))).toEqual({
      rooms: 1,
      peers: 1,
      transports: 2,
      producers: 1,
      consumers: 0,
      pausedConsumers: 0,
    });

    // Leaving twice is harmless; the leaver can join again as a new peer.
    expect(await alice.raw('leaveRoom')).toEqual({ ok: true, data: {} });
    const again = await joinCall(alice, callId, 'alice');
    expect(again.peerId).not.toBe(a.peerId);
    expect(again.otherPeers).toEqual([{ peerId: b.peerId, userId: 'bob', role: 'guest', handRaised: false }]);
    expect(await bob.next('peerJoined')).toEqual({
      peerId: again.peerId,
      userId: 'alice',
      role: 'guest',
      handRaised: false,
    });
    expect((await alice.ok('getProducers', { callId })).producers.map((p) => p.producerId)).toEqual([bv]);
  });

  it('a seed joinRoom without ack that fails leaves the socket unjoined', async () => {
    const [alice] = await connect(1);
    alice.emitNoAck('joinRoom', { callId: 'bad call id', userId: 'alice', rtpCapabilities: {} });
    alice.emitNoAck('joinRoom', { callId: 'no-ack-ok' });
    expect(await alice.refused('getProducers', { callId: 'no-ack-ok' })).toBe('NOT_JOINED');
    expect(activity(await getStats(srv.url))).toEqual(IDLE);
  });

  it('the same audio and video can be received by several viewers', async () => {
    const [alice, ...viewers] = await connect(4);
    const callId = 'many-viewers';
    await joinCall(alice!, callId, 'alice');
    const joined = await Promise.all(viewers.map((v, i) => joinCall(v, callId, `viewer-${i}`)));
    const aT = await openTransports(alice!);
    const produced = await Promise.all([
      alice!.ok('produce', { transportId: aT.send, kind: 'video', rtpParameters: vp8RtpParameters() }),
      alice!.ok('produce', { transportId: aT.send, kind: 'audio', rtpParameters: opusRtpParameters() }),
    ]);
    for (const j of joined) {
      const t = await openTransports(j.client);
      for (const { producerId } of produced) await subscribe(j, t.recv, producerId);
    }
    expect(activity(await getStats(srv.url))).toEqual({
      rooms: 1,
      peers: 4,
      transports: 8,
      producers: 2,
      consumers: 6,
      pausedConsumers: 0,
    });
  });
});
