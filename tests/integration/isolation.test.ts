/**
 * Authorisation of every id a client sends: a peer can act only on its own transports, producers
 * and consumers, and consume only producers of its own meeting. Each refused attempt gets a coded
 * error and changes nothing, neither in /stats nor in the media worker nor for the victims.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ErrorCode, type RequestName } from '@/lib/protocol';
import { joinCall, openTransports, publish } from '@/tests/support/callFlow';
import { fakeDtlsParameters, vp8RtpParameters } from '@/tests/support/fakeMedia';
import { populateRoom, type PopulatedRoom } from '@/tests/support/roomFixture';
import { TestClient, connectClients, type Clients } from '@/tests/support/testClient';
import { IDLE, activity, getStats, startTestServer, type TestServer } from '@/tests/support/testServer';

let srv: TestServer;
const clients: TestClient[] = [];

beforeAll(async () => {
  srv = await startTestServer({
    workers: 2,
    env: { MAX_TRANSPORTS_PER_PEER: '3', MAX_PRODUCERS_PER_PEER: '2', MAX_CONSUMERS_PER_PEER: '2' },
  });
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

interface Attempt {
  what: string;
  event: RequestName;
  payload: unknown;
  code: ErrorCode;
}

/** Everything an intruder could try with the ids of a populated room it does not own. */
function attacksOn(r: PopulatedRoom, intruderRecv: string): Attempt[] {
  const NOT_FOUND = ErrorCode.NOT_FOUND;
  return [
    {
      what: "consume through the viewer's recv transport",
      event: 'consume',
      payload: { transportId: r.viewerTransports.recv, producerId: r.ownerVideo },
      code: NOT_FOUND,
    },
    {
      what: "consume the viewer's producer with the owner's recv transport",
      event: 'consume',
      payload: { transportId: r.ownerTransports.recv, producerId: r.viewerAudioPaused },
      code: NOT_FOUND,
    },
    {
      what: "resume the viewer's paused consumer",
      event: 'resumeConsumer',
      payload: { consumerId: r.viewerAudioConsumerPaused },
      code: NOT_FOUND,
    },
    {
      what: "pause the viewer's consumer",
      event: 'pauseConsumer',
      payload: { consumerId: r.viewerVideoConsumer },
      code: NOT_FOUND,
    },
    {
      what: "connect the viewer's spare transport",
      event: 'connectTransport',
      payload: { transportId: r.viewerSpare, dtlsParameters: fakeDtlsParameters('client', 9) },
      code: NOT_FOUND,
    },
    {
      what: "produce on the owner's send transport",
      event: 'produce',
      payload: { transportId: r.ownerTransports.send, kind: 'video', rtpParameters: vp8RtpParameters(4242) },
      code: NOT_FOUND,
    },
    {
      what: "close the owner's producer",
      event: 'closeProducer',
      payload: { producerId: r.ownerVideo },
      code: NOT_FOUND,
    },
    {
      what: "pause the owner's producer",
      event: 'pauseProducer',
      payload: { producerId: r.ownerAudio },
      code: NOT_FOUND,
    },
    {
      what: "resume the viewer's paused producer",
      event: 'resumeProducer',
      payload: { producerId: r.viewerAudioPaused },
      code: NOT_FOUND,
    },
    {
      what: "use the victim's consumer id as a producer id",
      event: 'consume',
      payload: { transportId: intruderRecv, producerId: r.viewerVideoConsumer },
      code: NOT_FOUND,
    },
  ];
}

async function expectRefused(intruder: TestClient, attempts: Attempt[]): Promise<void> {
  for (const a of attempts) {
    const ack = await intruder.raw(a.event, a.payload);
    expect(ack, a.what).toEqual({ ok: false, error: { code: a.code, message: expect.any(String) } });
  }
}

/** Server-side state of a populated room, read from the room and its router. */
async function snapshot(r: PopulatedRoom) {
  const room = srv.server.registry.get(r.callId);
  if (!room) throw new Error(`room ${r.callId} is gone`);
  const dump = await room.router.dump();
  const consumers = [...room.peers.values()].flatMap((p) => [...p.consumers.values()]);
  const producers = [...room.peers.values()].flatMap((p) => [...p.producers.values()]);
  const transports = [...room.peers.values()].flatMap((p) => [...p.transports.values()]);
  return {
    transportIds: [...dump.transportIds].sort(),
    producerConsumers: dump.mapProducerIdConsumerIds
      .map(({ key, values }) => `${key}:${[...values].sort().join(',')}`)
      .sort(),
    consumers: consumers.map((c) => `${c.id}:${c.paused}`).sort(),
    producers: producers.map((p) => `${p.id}:${p.paused}`).sort(),
    dtls: transports.map((t) => `${t.id}:${t.dtlsState}`).sort(),
  };
}

/** The victims still own and control everything, and heard nothing about the attempts. */
async function expectVictimsUnharmed(r: PopulatedRoom, heardBefore: { owner: number; viewer: number }) {
  const { owner, viewer } = r;
  expect(owner.client.received).toHaveLength(heardBefore.owner);
  expect(viewer.client.received).toHaveLength(heardBefore.viewer);
  const seen = await viewer.client.ok('getProducers', { callId: r.callId });
  expect(seen.producers.map((p) => [p.producerId, p.paused]).sort()).toEqual(
    [
      [r.ownerAudio, false],
      [r.ownerVideo, false],
    ].sort(),
  );
  const seenByOwner = await owner.client.ok('getProducers', { callId: r.callId });
  expect(seenByOwner.producers.map((p) => [p.producerId, p.paused])).toEqual([[r.viewerAudioPaused, true]]);
  // Only a transport nobody connected can be connected now.
  await viewer.client.ok('connectTransport', {
    transportId: r.viewerSpare,
    dtlsParameters: fakeDtlsParameters('client', 3),
  });
  await viewer.client.ok('resumeConsumer', { consumerId: r.viewerAudioConsumerPaused });
  await owner.client.ok('pauseProducer', { producerId: r.ownerVideo });
  expect(await viewer.client.next('producerPaused')).toEqual({
    producerId: r.ownerVideo,
    peerId: owner.peerId,
  });
  await viewer.client.ok('resumeProducer', { producerId: r.viewerAudioPaused });
  expect(await owner.client.next('producerResumed')).toEqual({
    producerId: r.viewerAudioPaused,
    peerId: viewer.peerId,
  });
}

describe('a peer cannot touch another meeting', () => {
  it('every action on room B ids by a peer of room A is refused and changes nothing', async () => {
    const [ownerA, viewerA, ownerB, viewerB, eve] = await connect(5);
    await populateRoom('iso-a', ownerA, viewerA, 1_000);
    const b = await populateRoom('iso-b', ownerB, viewerB, 2_000);
    const rooms = srv.server.registry;
    expect(rooms.get('iso-a')?.workerIndex).not.toBe(rooms.get('iso-b')?.workerIndex);
    await joinCall(eve, 'iso-a', 'eve');
    const eveT = await openTransports(eve);
    await vi.waitFor(() => expect(ownerB.received.length + viewerB.received.length).toBeGreaterThan(0));
    const heard = { owner: ownerB.received.length, viewer: viewerB.received.length };
    const statsBefore = activity(await getStats(srv.url));
    const before = await snapshot(b);

    await expectRefused(eve, [
      ...attacksOn(b, eveT.recv),
      {
        what: "consume room B's producer with my own recv transport",
        event: 'consume',
        payload: { transportId: eveT.recv, producerId: b.ownerVideo },
        code: ErrorCode.NOT_FOUND,
      },
      {
        what: "consume room B's paused producer with my own recv transport",
        event: 'consume',
        payload: { transportId: eveT.recv, producerId: b.viewerAudioPaused },
        code: ErrorCode.NOT_FOUND,
      },
    ]);

    expect(activity(await getStats(srv.url))).toEqual(statsBefore);
    expect(await snapshot(b)).toEqual(before);
    await expectVictimsUnharmed(b, heard);
    // The intruder's own session is intact: it can still publish in its own meeting.
    await publish(eve, eveT.send, 'video', { ssrc: 3_001 });
  });

  it("getProducers for another meeting's id does not list that meeting's producers", async () => {
    const [ownerA, viewerA, ownerB, viewerB, outsider] = await connect(5);
    const a = await populateRoom('leak-a', ownerA, viewerA, 1_000);
    const b = await populateRoom('leak-b', ownerB, viewerB, 2_000);

    // A member of A asking about B.
    expect(await ownerA.raw('getProducers', { callId: b.callId })).toEqual({
      ok: false,
      error: { code: ErrorCode.NOT_JOINED, message: expect.any(String) },
    });
    // A socket in no meeting at all, asking about B (it may even know B's id).
    await outsider.ok('createRoom', { callId: b.callId });
    expect(await outsider.refused('getProducers', { callId: b.callId })).toBe(ErrorCode.NOT_JOINED);
    // Its own meeting lists only its own meeting's producers.
    const own = await ownerA.ok('getProducers', { callId: a.callId });
    expect(own.producers.map((p) => p.producerId)).toEqual([a.viewerAudioPaused]);
    const ids = (await viewerA.ok('getProducers', { callId: a.callId })).producers.map((p) => p.producerId);
    expect(ids.sort()).toEqual([a.ownerAudio, a.ownerVideo].sort());
    for (const id of [b.ownerAudio, b.ownerVideo, b.viewerAudioPaused]) expect(ids).not.toContain(id);
  });
});

describe('a peer cannot touch another peer of its own meeting', () => {
  it('transports, consumers and producers of the others are refused and left as they were', async () => {
    const [owner, viewer, eve] = await connect(3);
    const r = await populateRoom('iso-same', owner, viewer, 5_000);
    await joinCall(eve, r.callId, 'eve');
    const eveT = await openTransports(eve);
    await owner.next('peerJoined');
    await viewer.next('peerJoined');
    const heard = { owner: owner.received.length, viewer: viewer.received.length };
    const statsBefore = activity(await getStats(srv.url));
    const before = await snapshot(r);

    await expectRefused(eve, attacksOn(r, eveT.recv));

    expect(activity(await getStats(srv.url))).toEqual(statsBefore);
    const after = await snapshot(r);
    expect(after).toEqual(before);
    await expectVictimsUnharmed(r, heard);
    // What is allowed for a member stays allowed: consuming the owner's producer on its own transport.
    const consumer = await eve.ok('consume', { transportId: eveT.recv, producerId: r.ownerVideo });
    expect(consumer.producerId).toBe(r.ownerVideo);
  });

  it('a peer cannot consume its own producer', async () => {
    const [alice] = await connect(1);
    await joinCall(alice, 'self-consume', 'alice');
    const t = await openTransports(alice);
    const v = await publish(alice, t.send, 'video');
    expect(await alice.refused('consume', { transportId: t.recv, producerId: v })).toBe(ErrorCode.NOT_FOUND);
    expect((await getStats(srv.url)).consumers).toBe(0);
  });
});

describe('joining comes first', () => {
  it('createTransport and produce before joinRoom are NOT_JOINED, even after createRoom', async () => {
    const [alice] = await connect(1);
    expect(await alice.refused('createTransport', { direction: 'send' })).toBe(ErrorCode.NOT_JOINED);
    await alice.ok('createRoom', { callId: 'not-joined' });
    expect(await alice.refused('createTransport', { direction: 'send' })).toBe(ErrorCode.NOT_JOINED);
    expect(
      await alice.refused('produce', {
        transportId: '00000000-0000-4000-8000-000000000000',
        kind: 'video',
        rtpParameters: vp8RtpParameters(),
      }),
    ).toBe(ErrorCode.NOT_JOINED);
    expect(activity(await getStats(srv.url))).toMatchObject({ peers: 0, transports: 0, producers: 0 });
    await alice.ok('leaveRoom', {});
    srv.server.registry.get('not-joined')?.close('closed');
  });

  it('after leaveRoom the old transport can no longer be used', async () => {
    const [alice] = await connect(1);
    await joinCall(alice, 'left-already', 'alice');
    const t = await openTransports(alice);
    await alice.ok('leaveRoom', {});
    expect(await alice.refused('createTransport', { direction: 'recv' })).toBe(ErrorCode.NOT_JOINED);
    expect(
      await alice.refused('produce', {
        transportId: t.send,
        kind: 'video',
        rtpParameters: vp8RtpParameters(),
      }),
    ).toBe(ErrorCode.NOT_JOINED);
    expect(activity(await getStats(srv.url))).toEqual(IDLE);
  });

  it('a joined peer cannot join a second meeting at the same time', async () => {
    const [alice] = await connect(1);
    const j = await joinCall(alice, 'first-meeting', 'alice');
    const ack = await alice.request('joinRoom', {
      callId: 'second-meeting',
      userId: 'alice',
      rtpCapabilities: j.rtpCapabilities,
    });
    expect(ack).toEqual({
      ok: false,
      error: { code: ErrorCode.ALREADY_JOINED, message: expect.any(String) },
    });
    expect(activity(await getStats(srv.url))).toMatchObject({ rooms: 1, peers: 1 });
  });
});

describe('per-peer caps', () => {
  it('the transport cap (3 here) refuses the next one and creates nothing', async () => {
    const [alice] = await connect(1);
    await joinCall(alice, 'cap-transports', 'alice');
    for (const direction of ['send', 'recv', 'recv'] as const)
      await alice.ok('createTransport', { direction });
    const routerBefore = await srv.server.registry.get('cap-transports')?.router.dump();
    expect(routerBefore?.transportIds).toHaveLength(3);
    expect(await alice.refused('createTransport', { direction: 'send' })).toBe(ErrorCode.LIMIT_REACHED);
    expect(await alice.refused('createTransport', { direction: 'recv' })).toBe(ErrorCode.LIMIT_REACHED);
    expect((await getStats(srv.url)).transports).toBe(3);
    const routerAfter = await srv.server.registry.get('cap-transports')?.router.dump();
    expect(routerAfter?.transportIds.sort()).toEqual(routerBefore?.transportIds.sort());
  });

  it('the producer cap (2 here) refuses the next one; closing one frees a place', async () => {
    const [alice, bob] = await connect(2);
    await joinCall(alice, 'cap-producers', 'alice');
    await joinCall(bob, 'cap-producers', 'bob');
    const t = await openTransports(alice);
    const v = await publish(alice, t.send, 'video', { ssrc: 100 });
    await publish(alice, t.send, 'audio', { ssrc: 200 });
    await bob.next('newProducer');
    await bob.next('newProducer');
    expect(
      await alice.refused('produce', {
        transportId: t.send,
        kind: 'video',
        rtpParameters: vp8RtpParameters(300),
        appData: { source: 'screen' },
      }),
    ).toBe(ErrorCode.LIMIT_REACHED);
    expect((await getStats(srv.url)).producers).toBe(2);
    expect(bob.pending('newProducer')).toEqual([]);
    await alice.ok('closeProducer', { producerId: v });
    const screen = await publish(alice, t.send, 'video', { ssrc: 300, source: 'screen' });
    expect((await bob.next('newProducer')).producerId).toBe(screen);
  });

  it('the consumer cap (2 here) refuses the next consume', async () => {
    const [alice, bob] = await connect(2);
    await joinCall(alice, 'cap-consumers', 'alice');
    const b = await joinCall(bob, 'cap-consumers', 'bob');
    const aT = await openTransports(alice);
    const bT = await openTransports(bob);
    const v = await publish(alice, aT.send, 'video');
    await bob.ok('consume', { transportId: bT.recv, producerId: v, rtpCapabilities: b.rtpCapabilities });
    await bob.ok('consume', { transportId: bT.recv, producerId: v, rtpCapabilities: b.rtpCapabilities });
    expect(await bob.refused('consume', { transportId: bT.recv, producerId: v })).toBe(
      ErrorCode.LIMIT_REACHED,
    );
    expect((await getStats(srv.url)).consumers).toBe(2);
  });
});
