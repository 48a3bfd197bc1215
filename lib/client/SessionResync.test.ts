/**
 * Re-syncing a kept session from a resume snapshot, against the real server: a receiver
 * (SignalingConnection, RoomSession and Receiver on mediasoup-client's FakeHandler) misses what
 * happened while "away" (its notifications are not wired), then applies a snapshot of the room
 * as the server sees it: the consumer of a producer closed meanwhile is dropped, a producer
 * published meanwhile is consumed, peers that left go, and the meeting state goes out once.
 * Then the ICE repairs: restartIce on both transports, and each transport replaced with its media.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, ProducerInfo, ResumeSnapshot } from '@/lib/protocol';
import { fakeHandlerFactory, standInTrack } from '@/tests/support/browserMedia';
import { joinCall, openTransports, publish } from '@/tests/support/callFlow';
import { TestClient } from '@/tests/support/testClient';
import { getStats, startTestServer, type TestServer } from '@/tests/support/testServer';
import type { CallClientEvents, RemotePeer, RemoteTrack, ResyncInfo } from './callTypes';
import { PeerDirectory } from './PeerDirectory';
import { Publisher } from './Publisher';
import { Receiver } from './Receiver';
import { RoomSession } from './RoomSession';
import { applySnapshot, recreateTransport, type ResyncParts } from './SessionResync';
import { SignalingConnection } from './SignalingConnection';

let srv: TestServer;
const cleanups: Array<() => void> = [];

beforeAll(async () => {
  srv = await startTestServer({ workers: 1 });
});
afterEach(() => {
  for (const fn of cleanups.splice(0)) fn();
});
afterAll(async () => {
  await srv?.close();
});

async function waitForConsumers(n: number): Promise<number> {
  let count = -1;
  for (let i = 0; i < 100; i++) {
    count = (await getStats(srv.url)).consumers;
    if (count === n) return count;
    await new Promise((r) => setTimeout(r, 50));
  }
  return count;
}

/** One side of a call built from the client's parts, wired as CallClient wires them. */
async function callSide(callId: string) {
  const signaling = new SignalingConnection({ url: srv.url, requestTimeoutMs: 5_000 });
  await signaling.open();
  const warnings: string[] = [];
  const session = new RoomSession(
    {
      request: (event, payload) => signaling.request(event, payload),
      transportState: () => undefined,
      warn: (_code, message) => warnings.push(message),
      waitForAdmission: async () => false,
      canRepair: () => true,
      transportLost: async () => undefined,
    },
    { handlerFactory: fakeHandlerFactory() },
  );
  cleanups.push(() => {
    session.close();
    signaling.close();
  });
  const added: RemoteTrack[] = [];
  const removed: RemoteTrack[] = [];
  const events: Array<{ event: keyof CallClientEvents; args: unknown[] }> = [];
  const receiver = new Receiver({
    request: (event, payload) => signaling.request(event, payload),
    trackAdded: (t) => added.push(t),
    trackRemoved: (t) => removed.push(t),
    warnFrom: (err) => warnings.push(String(err)),
  });
  const peersRemoved: RemotePeer[] = [];
  const peers = new PeerDirectory({
    ownPeerId: () => session.peerId,
    added: () => undefined,
    removed: (p) => peersRemoved.push(p),
  });
  const parts: ResyncParts = {
    peers,
    receiver,
    publisher: new Publisher({
      request: (event, payload) => signaling.request(event, payload),
      warn: (_code, message) => warnings.push(message),
      warnFrom: (err) => warnings.push(String(err)),
    }),
    callId: () => callId,
    emit: (event, ...args) => events.push({ event, args }),
  };
  return { signaling, session, receiver, peers, parts, added, removed, events, warnings, peersRemoved };
}

describe('applySnapshot', () => {
  it('drops what closed, consumes what is new, and hands the meeting state over once', async () => {
    // A sender with camera and microphone.
    const sender = await TestClient.connect(srv.url);
    cleanups.push(() => sender.close());
    const sam = await joinCall(sender, 'resync', 'Sam');
    const { send } = await openTransports(sender);
    const info = (producerId: string, kind: 'audio' | 'video'): ProducerInfo => ({
      producerId,
      peerId: sam.peerId,
      userId: 'Sam',
      kind,
      source: kind === 'video' ? 'camera' : 'microphone',
      paused: false,
    });
    const video = info(await publish(sender, send, 'video', { ssrc: 41_000_001 }), 'video');

    // The receiver: joined, receiving the camera only.
    const { session, receiver, peers, parts, added, removed, events, warnings, peersRemoved } =
      await callSide('resync');
    const joined = await session.join('resync', 'Rita');
    for (const p of joined.peers) peers.add(p);
    peers.add({ peerId: 'gone-peer-0001', userId: 'Gus' }); // left while we were away
    await session.openRecv();
    await receiver.consume(session, video);
    expect(added.map((t) => t.producerId)).toEqual([video.producerId]);

    // While away: the camera closes and a microphone appears; nothing of it reaches the receiver.
    await sender.ok('closeProducer', { producerId: video.producerId });
    const audio = info(await publish(sender, send, 'audio', { ssrc: 41_000_002 }), 'audio');
    await waitForConsumers(0);

    const chat: ChatMessage[] = [
      { id: 'm1', senderId: 'p-sam', senderName: 'Sam', text: 'still there?', createdAt: 1 },
    ];
    const snapshot: ResumeSnapshot = {
      peerId: joined.peerId,
      resumeToken: 'next-token-0123456789',
      resumeGraceS: 30,
      self: { participantId: joined.self.participantId, role: 'cohost', handRaised: true },
      peers: [{ peerId: sam.peerId, userId: 'Sam', role: 'host', handRaised: true }],
      producers: [audio],
      meeting: { ...joined.meeting, locked: true },
      chat,
      lobby: [],
      activeSpeakerPeerId: sam.peerId,
    };
    await applySnapshot(snapshot, session, parts);

    expect(removed.map((t) => t.producerId)).toEqual([video.producerId]);
    expect(receiver.tracks.map((t) => t.producerId)).toEqual([audio.producerId]);
    expect(await waitForConsumers(1)).toBe(1);
    expect(peersRemoved.map((p) => p.peerId)).toEqual(['gone-peer-0001']);
    expect(peers.list.map((p) => p.peerId)).toEqual([sam.peerId]);
    const resynced = events.filter((e) => e.event === 'resynced').map((e) => e.args[0] as ResyncInfo);
    expect(resynced).toHaveLength(1);
    expect(resynced[0]).toMatchObject({
      self: { role: 'cohost', handRaised: true },
      meeting: { locked: true },
      chat,
      peers: [{ peerId: sam.peerId, role: 'host', handRaised: true }],
      activeSpeakerPeerId: sam.peerId,
    });
    expect(warnings).toEqual([]);

    // Applying the same snapshot again changes nothing (no second consumer, no removal).
    await applySnapshot(snapshot, session, parts);
    expect(receiver.tracks.map((t) => t.producerId)).toEqual([audio.producerId]);
    expect(removed).toHaveLength(1);
    expect(await waitForConsumers(1)).toBe(1);
  });
});

describe('ICE restart and recreateTransport', () => {
  it('restarts ICE, then replaces each transport and its media without leaving the room', async () => {
    const sender = await TestClient.connect(srv.url);
    cleanups.push(() => sender.close());
    const sam = await joinCall(sender, 'recreate', 'Sam');
    const { send } = await openTransports(sender);
    const camera: ProducerInfo = {
      producerId: await publish(sender, send, 'video', { ssrc: 42_000_001 }),
      peerId: sam.peerId,
      userId: 'Sam',
      kind: 'video',
      source: 'camera',
      paused: false,
    };
    const side = await callSide('recreate');
    const { session, receiver, parts, added, removed, warnings } = side;
    await session.join('recreate', 'Rita');
    await session.openRecv();
    await receiver.consume(session, camera);
    parts.publisher.setTrack('microphone', standInTrack('audio'));
    await parts.publisher.start(session);
    const [mic] = parts.publisher.publications;
    if (!mic) throw new Error('the microphone was not published');
    await sender.next('newProducer');

    // An ICE restart keeps everything: new ICE parameters from the server, same transports.
    const recvId = session.recvTransport?.id;
    const sendId = session.sendTransport?.id;
    await session.restartIce('recv');
    await session.restartIce('send');
    expect([session.recvTransport?.id, session.sendTransport?.id]).toEqual([recvId, sendId]);

    // Recreating the receiving transport consumes the same producer again on the new one.
    await recreateTransport('recv', session, parts);
    expect(session.recvTransport?.id).not.toBe(recvId);
    expect(removed.map((t) => t.producerId)).toEqual([camera.producerId]);
    expect(added.map((t) => t.producerId)).toEqual([camera.producerId, camera.producerId]);
    expect(receiver.tracks.map((t) => t.consumerId)).toEqual([added[1]?.consumerId]);

    // Recreating the sending transport publishes the microphone again; the others see the swap.
    const closed = sender.next('producerClosed');
    const announced = sender.next('newProducer');
    await recreateTransport('send', session, parts);
    expect(session.sendTransport?.id).not.toBe(sendId);
    expect((await closed).producerId).toBe(mic.producerId);
    const [again] = parts.publisher.publications;
    expect(again?.source).toBe('microphone');
    expect(again?.producerId).not.toBe(mic.producerId);
    expect((await announced).producerId).toBe(again?.producerId);
    expect(warnings).toEqual([]);
  });
});
