import { describe, expect, it, vi } from 'vitest';
import { ErrorCode } from '@/lib/protocol';
import {
  clientRtpCapabilities,
  fakeDtlsParameters,
  opusRtpParameters,
  vp8RtpParameters,
} from '@/tests/support/fakeMedia';
import { notifyRecorder } from '@/tests/support/notifyRecorder';
import { codeOf, sfuFixture } from '@/tests/support/sfuFixture';

const fx = await sfuFixture({
  MAX_TRANSPORTS_PER_PEER: '3',
  MAX_PRODUCERS_PER_PEER: '2',
  MAX_CONSUMERS_PER_PEER: '2',
  MAX_PEERS_PER_ROOM: '3',
});
const { config, newRoom, join, sendTransport } = fx;

function basePort(): number {
  const ports = config.media.ports;
  if (ports.mode !== 'webrtc-server') throw new Error('these tests run the worker on a WebRtcServer');
  return ports.basePort;
}

describe('Room', () => {
  it('opens one router on the pool worker and exposes its capabilities', async () => {
    const before = fx.pool().slots[0]!.routers;
    const room = await newRoom();
    expect(room.workerIndex).toBe(0);
    expect(fx.pool().slots[0]!.routers).toBe(before + 1);
    const kinds = room.rtpCapabilities.codecs?.map((c) => c.mimeType);
    expect(kinds).toEqual(expect.arrayContaining(['audio/opus', 'video/VP8', 'video/VP9', 'video/H264']));
  });

  it('join/leave keeps counts and tells the others', async () => {
    const room = await newRoom();
    const a = join(room, 'alice');
    expect(room.peers.size).toBe(1);
    expect(a.rec.events).toEqual([]);

    const b = join(room, 'bob');
    expect(room.peers.size).toBe(2);
    expect(a.rec.of('peerJoined')).toEqual([
      { peerId: b.peer.id, userId: 'bob', role: 'guest', handRaised: false },
    ]);
    expect(b.rec.events).toEqual([]);
    expect(room.peerInfos(b.peer)).toEqual([
      { peerId: a.peer.id, userId: 'alice', role: 'guest', handRaised: false },
    ]);
    expect(room.peerInfos()).toHaveLength(2);

    const c = join(room, 'carol');
    expect(a.rec.of('peerJoined')).toHaveLength(2);
    expect(b.rec.of('peerJoined')).toEqual([
      { peerId: c.peer.id, userId: 'carol', role: 'guest', handRaised: false },
    ]);

    room.leave(b.peer);
    expect(room.peers.size).toBe(2);
    expect(b.peer.closed).toBe(true);
    expect(a.rec.of('peerLeft')).toEqual([
      { peerId: b.peer.id, userId: 'bob', role: 'guest', handRaised: false },
    ]);
    expect(c.rec.of('peerLeft')).toEqual([
      { peerId: b.peer.id, userId: 'bob', role: 'guest', handRaised: false },
    ]);
    expect(b.rec.of('peerLeft')).toEqual([]);
  });

  it('refuses a peer beyond peersPerRoom with LIMIT_REACHED', async () => {
    const room = await newRoom();
    join(room, 'a');
    join(room, 'b');
    join(room, 'c');
    expect(await codeOf(() => join(room, 'd'))).toBe(ErrorCode.LIMIT_REACHED);
    expect(room.peers.size).toBe(3);
  });

  it('caps transports per peer with LIMIT_REACHED', async () => {
    const room = await newRoom();
    const { peer } = join(room, 'alice');
    await room.createTransport(peer, 'send');
    await room.createTransport(peer, 'recv');
    await room.createTransport(peer, 'recv');
    expect(await codeOf(() => room.createTransport(peer, 'send'))).toBe(ErrorCode.LIMIT_REACHED);
    expect(peer.transports.size).toBe(3);
    // A transport closed by the client frees a slot.
    [...peer.transports.values()][0]!.close();
    expect(peer.transports.size).toBe(2);
    await room.createTransport(peer, 'send');
    expect(peer.transports.size).toBe(3);
  });

  it('creates WebRTC transports on the configured port with the announced address', async () => {
    const room = await newRoom();
    const { peer } = join(room, 'alice');
    const t = await room.createTransport(peer, 'send');
    expect(t.iceCandidates.length).toBeGreaterThan(0);
    for (const c of t.iceCandidates) {
      expect(c.address).toBe('127.0.0.1');
      expect(c.port).toBe(basePort());
    }
    expect(t.dtlsParameters.fingerprints.length).toBeGreaterThan(0);
    await room.connectTransport(peer, t.id, fakeDtlsParameters());
    expect(await codeOf(() => room.connectTransport(peer, t.id, fakeDtlsParameters()))).toBe(
      ErrorCode.MEDIA_REJECTED,
    );
  });

  it('caps producers per peer with LIMIT_REACHED and announces each producer to the others', async () => {
    const room = await newRoom();
    const a = join(room, 'alice');
    const b = join(room, 'bob');
    const send = await sendTransport(room, a.peer);
    const video = await room.produce(a.peer, {
      transportId: send,
      kind: 'video',
      rtpParameters: vp8RtpParameters(1001),
      appData: { source: 'camera' },
    });
    const audio = await room.produce(a.peer, {
      transportId: send,
      kind: 'audio',
      rtpParameters: opusRtpParameters(1002),
    });
    expect(
      await codeOf(() =>
        room.produce(a.peer, { transportId: send, kind: 'video', rtpParameters: vp8RtpParameters(1003) }),
      ),
    ).toBe(ErrorCode.LIMIT_REACHED);
    expect(a.peer.producers.size).toBe(2);

    expect(b.rec.of('newProducer')).toEqual([
      {
        producerId: video,
        peerId: a.peer.id,
        userId: 'alice',
        kind: 'video',
        source: 'camera',
        paused: false,
      },
      {
        producerId: audio,
        peerId: a.peer.id,
        userId: 'alice',
        kind: 'audio',
        source: 'microphone',
        paused: false,
      },
    ]);
    expect(a.rec.of('newProducer')).toEqual([]);
    expect(room.producerInfos(b.peer).map((p) => p.producerId)).toEqual([video, audio]);
    expect(room.producerInfos(a.peer)).toEqual([]);
  });

  it('produce needs a send transport of the caller; bad RTP parameters are MEDIA_REJECTED', async () => {
    const room = await newRoom();
    const a = join(room, 'alice');
    const b = join(room, 'bob');
    const recv = (await room.createTransport(a.peer, 'recv')).id;
    const bSend = await sendTransport(room, b.peer);
    const rtpParameters = vp8RtpParameters();
    expect(
      await codeOf(() => room.produce(a.peer, { transportId: recv, kind: 'video', rtpParameters })),
    ).toBe(ErrorCode.WRONG_TRANSPORT);
    expect(
      await codeOf(() => room.produce(a.peer, { transportId: bSend, kind: 'video', rtpParameters })),
    ).toBe(ErrorCode.NOT_FOUND);
    const send = await sendTransport(room, a.peer);
    const av1 = {
      codecs: [{ mimeType: 'video/AV1', payloadType: 45, clockRate: 90000 }],
      encodings: [{ ssrc: 5 }],
    };
    expect(
      await codeOf(() => room.produce(a.peer, { transportId: send, kind: 'video', rtpParameters: av1 })),
    ).toBe(ErrorCode.MEDIA_REJECTED);
    expect(a.peer.producers.size).toBe(0);
    expect(b.rec.of('newProducer')).toEqual([]);
  });

  it('a peer can consume others (paused), never its own producer; consumers are capped', async () => {
    const room = await newRoom();
    const a = join(room, 'alice');
    const b = join(room, 'bob');
    const c = join(room, 'carol');
    const aSend = await sendTransport(room, a.peer);
    const cSend = await sendTransport(room, c.peer);
    const v = await room.produce(a.peer, {
      transportId: aSend,
      kind: 'video',
      rtpParameters: vp8RtpParameters(),
    });
    const au = await room.produce(a.peer, {
      transportId: aSend,
      kind: 'audio',
      rtpParameters: opusRtpParameters(),
    });
    const cv = await room.produce(c.peer, {
      transportId: cSend,
      kind: 'video',
      rtpParameters: vp8RtpParameters(),
    });

    const aRecv = (await room.createTransport(a.peer, 'recv')).id;
    expect(await codeOf(() => room.consume(a.peer, { transportId: aRecv, producerId: v }))).toBe(
      ErrorCode.NOT_FOUND,
    );
    expect(await codeOf(() => room.consume(a.peer, { transportId: aSend, producerId: cv }))).toBe(
      ErrorCode.WRONG_TRANSPORT,
    );

    const bRecv = (await room.createTransport(b.peer, 'recv')).id;
    const consumer = await room.consume(b.peer, { transportId: bRecv, producerId: v });
    expect(consumer).toMatchObject({
      producerId: v,
      peerId: a.peer.id,
      kind: 'video',
      producerPaused: false,
    });
    expect(consumer.rtpParameters.codecs[0]?.mimeType).toBe('video/VP8');
    expect(b.peer.consumer(consumer.id).paused).toBe(true);
    await room.consume(b.peer, { transportId: bRecv, producerId: au });
    expect(await codeOf(() => room.consume(b.peer, { transportId: bRecv, producerId: cv }))).toBe(
      ErrorCode.LIMIT_REACHED,
    );
    expect(b.peer.consumers.size).toBe(2);
    expect(
      await codeOf(() => room.consume(b.peer, { transportId: bRecv, producerId: 'no-such-producer' })),
    ).toBe(ErrorCode.NOT_FOUND);
  });

  it('a device that cannot decode the codec gets CANNOT_CONSUME', async () => {
    const room = await newRoom();
    const a = join(room, 'alice');
    const rec = notifyRecorder();
    const audioOnly = room.join('bob', clientRtpCapabilities(room.rtpCapabilities, ['audio']), rec.notify);
    const v = await room.produce(a.peer, {
      transportId: await sendTransport(room, a.peer),
      kind: 'video',
      rtpParameters: vp8RtpParameters(),
    });
    const recv = (await room.createTransport(audioOnly, 'recv')).id;
    expect(await codeOf(() => room.consume(audioOnly, { transportId: recv, producerId: v }))).toBe(
      ErrorCode.CANNOT_CONSUME,
    );
    // Capabilities sent with the request override the ones given at join.
    const ok = await room.consume(audioOnly, {
      transportId: recv,
      producerId: v,
      rtpCapabilities: clientRtpCapabilities(room.rtpCapabilities),
    });
    expect(ok.kind).toBe('video');
  });

  it('closing, pausing and resuming a producer notify the others; consumers learn their producer closed', async () => {
    const room = await newRoom();
    const a = join(room, 'alice');
    const b = join(room, 'bob');
    const v = await room.produce(a.peer, {
      transportId: await sendTransport(room, a.peer),
      kind: 'video',
      rtpParameters: vp8RtpParameters(),
    });
    const consumer = await room.consume(b.peer, {
      transportId: (await room.createTransport(b.peer, 'recv')).id,
      producerId: v,
    });

    await room.setProducerPaused(a.peer, v, true);
    expect(a.peer.producer(v).paused).toBe(true);
    expect(b.rec.of('producerPaused')).toEqual([{ producerId: v, peerId: a.peer.id }]);
    await room.setProducerPaused(a.peer, v, false);
    expect(b.rec.of('producerResumed')).toEqual([{ producerId: v, peerId: a.peer.id }]);
    expect(await codeOf(() => room.setProducerPaused(b.peer, v, true))).toBe(ErrorCode.NOT_FOUND);
    expect(await codeOf(() => room.closeProducer(b.peer, v))).toBe(ErrorCode.NOT_FOUND);
    expect(a.peer.producers.has(v)).toBe(true);

    room.closeProducer(a.peer, v);
    expect(a.peer.producers.size).toBe(0);
    expect(b.rec.of('producerClosed')).toEqual([{ producerId: v, peerId: a.peer.id }]);
    expect(a.rec.of('producerClosed')).toEqual([]);
    await vi.waitFor(() =>
      expect(b.rec.of('consumerClosed')).toEqual([{ consumerId: consumer.id, producerId: v }]),
    );
    expect(b.peer.consumers.size).toBe(0);
    expect(await codeOf(() => room.closeProducer(a.peer, v))).toBe(ErrorCode.NOT_FOUND);
  });

  it('leave() frees the peer media, tells the others once, and is idempotent', async () => {
    const room = await newRoom();
    const a = join(room, 'alice');
    const b = join(room, 'bob');
    const send = await sendTransport(room, a.peer);
    const v = await room.produce(a.peer, {
      transportId: send,
      kind: 'video',
      rtpParameters: vp8RtpParameters(),
    });
    const au = await room.produce(a.peer, {
      transportId: send,
      kind: 'audio',
      rtpParameters: opusRtpParameters(),
    });
    const recv = (await room.createTransport(b.peer, 'recv')).id;
    await room.consume(b.peer, { transportId: recv, producerId: v });
    await room.consume(b.peer, { transportId: recv, producerId: au });

    const seenBefore = b.rec.events.length;
    room.leave(a.peer);
    room.leave(a.peer);
    expect(a.peer.closed).toBe(true);
    expect(a.peer.transports.size).toBe(0);
    expect(a.peer.producers.size).toBe(0);
    expect(b.rec.names().slice(seenBefore)).toEqual(['producerClosed', 'producerClosed', 'peerLeft']);
    expect(b.rec.of('producerClosed').map((e) => e.producerId)).toEqual([v, au]);
    expect(b.rec.of('peerLeft')).toEqual([
      { peerId: a.peer.id, userId: 'alice', role: 'guest', handRaised: false },
    ]);
    await vi.waitFor(() => expect(b.peer.consumers.size).toBe(0));
    expect(b.rec.of('consumerClosed')).toHaveLength(2);
    expect(room.peers.size).toBe(1);
    expect(room.closed).toBe(false);
  });

  it('close() notifies roomClosed once, frees everything, refuses new work and is idempotent', async () => {
    const room = await newRoom();
    const a = join(room, 'alice');
    const b = join(room, 'bob');
    await sendTransport(room, a.peer);
    const closes: string[] = [];
    room.on('close', (reason) => closes.push(reason));

    room.close('server-shutdown');
    room.close('closed');
    expect(closes).toEqual(['server-shutdown']);
    expect(room.closed).toBe(true);
    expect(room.router.closed).toBe(true);
    expect(room.peers.size).toBe(0);
    expect(a.peer.closed && b.peer.closed).toBe(true);
    expect(a.peer.transports.size).toBe(0);
    for (const { rec } of [a, b]) {
      expect(rec.of('roomClosed')).toEqual([{ callId: room.callId, reason: 'server-shutdown' }]);
    }
    expect(await codeOf(() => join(room, 'carol'))).toBe(ErrorCode.ROOM_CLOSED);
    expect(await codeOf(() => room.createTransport(a.peer, 'send'))).toBe(ErrorCode.ROOM_CLOSED);
    // leave() after close is a no-op.
    room.leave(a.peer);
    expect(b.rec.of('peerLeft')).toEqual([]);
  });
});
