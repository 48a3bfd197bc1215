/**
 * Receiver against the real server: a SignalingConnection and RoomSession (mediasoup-client's
 * FakeHandler device) receive what a protocol-level TestClient publishes. Races are produced by
 * holding one request at a chosen point (before it is sent, or after its answer arrived) while
 * the sender acts, then letting it go: exactly the orders the network can produce.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ProducerInfo, RequestName, RequestPayload, ResultMap } from '@/lib/protocol';
import { fakeHandlerFactory } from '@/tests/support/browserMedia';
import { joinCall, openTransports, publish } from '@/tests/support/callFlow';
import { TestClient } from '@/tests/support/testClient';
import { getStats, startTestServer, type TestServer } from '@/tests/support/testServer';
import type { CallWarning, RemoteTrack } from './callTypes';
import { Receiver } from './Receiver';
import { RoomSession } from './RoomSession';
import { SignalingConnection, type NotificationName } from './SignalingConnection';

let srv: TestServer;
const cleanups: Array<() => void> = [];

beforeAll(async () => {
  srv = await startTestServer({ workers: 1 });
});
afterEach(async () => {
  for (const fn of cleanups.splice(0)) fn();
  // The server counts are global: wait until this test's peers are gone before the next one.
  for (let i = 0; i < 100 && (await getStats(srv.url)).peers > 0; i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
});
afterAll(async () => {
  await srv?.close();
});

/** Holds the next request of one kind, before sending it or after its answer, until released. */
class RequestGate {
  #hold: {
    event: RequestName;
    when: 'before' | 'after';
    reached: () => void;
    release: Promise<void>;
  } | null = null;
  #release: () => void = () => undefined;

  constructor(private readonly signaling: SignalingConnection) {}

  /** Resolves once the held request got to the hold point. */
  hold(event: RequestName, when: 'before' | 'after'): Promise<void> {
    return new Promise<void>((reached) => {
      const release = new Promise<void>((r) => (this.#release = r));
      this.#hold = { event, when, reached, release };
    });
  }

  release(): void {
    this.#release();
  }

  request = async <E extends RequestName>(event: E, payload: RequestPayload<E>): Promise<ResultMap[E]> => {
    const hold = this.#hold?.event === event ? this.#hold : null;
    if (hold) this.#hold = null;
    if (hold?.when === 'before') {
      hold.reached();
      await hold.release;
    }
    const result = await this.signaling.request(event, payload);
    if (hold?.when === 'after') {
      hold.reached();
      await hold.release;
    }
    return result;
  };
}

/** A receiving client: joined, recv transport open, wired the way CallClient wires it. */
async function receiverIn(callId: string) {
  const signaling = new SignalingConnection({ url: srv.url, requestTimeoutMs: 5_000 });
  await signaling.open();
  const gate = new RequestGate(signaling);
  const added: RemoteTrack[] = [];
  const removed: RemoteTrack[] = [];
  const warnings: CallWarning[] = [];
  const session = new RoomSession(
    {
      request: gate.request,
      transportState: () => undefined,
      warn: (code, message) => warnings.push({ code, message }),
      waitForAdmission: async () => false,
      canRepair: () => true,
      transportLost: async () => undefined,
    },
    { handlerFactory: fakeHandlerFactory() },
  );
  await session.join(callId, 'Rita');
  await session.openRecv();
  const receiver = new Receiver({
    request: gate.request,
    trackAdded: (t) => added.push(t),
    trackRemoved: (t) => removed.push(t),
    warnFrom: (err, code) => warnings.push({ code, message: String(err) }),
  });
  const offs = [
    signaling.onNotification('producerClosed', ({ producerId }) => receiver.producerGone(producerId)),
    signaling.onNotification('consumerClosed', ({ consumerId, producerId }) => {
      receiver.drop(consumerId);
      receiver.producerGone(producerId);
    }),
    signaling.onNotification('producerPaused', ({ producerId }) => receiver.producerPaused(producerId, true)),
  ];
  /** Resolves at the next notification of this kind (after the receiver has handled it). */
  const next = (event: NotificationName) =>
    new Promise<void>((resolve) => {
      const off = signaling.onNotification(event, () => {
        off();
        resolve();
      });
    });
  cleanups.push(() => {
    offs.forEach((off) => off());
    session.close();
    signaling.close();
  });
  return { signaling, session, receiver, gate, added, removed, warnings, next };
}

/** A sender in the same room publishing camera and microphone through the plain protocol. */
async function senderIn(callId: string) {
  const client = await TestClient.connect(srv.url);
  cleanups.push(() => client.close());
  const joined = await joinCall(client, callId, 'Sam');
  const { send } = await openTransports(client);
  const info = async (kind: 'audio' | 'video', ssrc: number): Promise<ProducerInfo> => ({
    producerId: await publish(client, send, kind, { ssrc }),
    peerId: joined.peerId,
    userId: 'Sam',
    kind,
    source: kind === 'video' ? 'camera' : 'microphone',
    paused: false,
  });
  return { client, peerId: joined.peerId, info };
}

async function consumersOnServer() {
  const s = await getStats(srv.url);
  return { consumers: s.consumers, paused: s.pausedConsumers };
}

describe('Receiver', () => {
  it('receives audio and video, each resumed on the server', async () => {
    const sender = await senderIn('recv-basic');
    const r = await receiverIn('recv-basic');
    await r.receiver.consume(r.session, await sender.info('video', 31_000_001));
    await r.receiver.consume(r.session, await sender.info('audio', 31_000_002));
    expect(r.added.map((t) => [t.kind, t.receiving, t.paused])).toEqual([
      ['video', true, false],
      ['audio', true, false],
    ]);
    expect(r.warnings).toEqual([]);
    expect(await consumersOnServer()).toEqual({ consumers: 2, paused: 0 });
  });

  it('drops a consume whose producer closed while its answer was in flight', async () => {
    const sender = await senderIn('recv-closed-after');
    const r = await receiverIn('recv-closed-after');
    const video = await sender.info('video', 32_000_001);
    const held = r.gate.hold('consume', 'after');
    const consuming = r.receiver.consume(r.session, video);
    await held; // the server created the consumer; the client has not set it up yet
    // The server closes the consumer when its worker reports the producer gone, a moment after
    // announcing producerClosed: wait for both before counting.
    const closed = Promise.all([r.next('producerClosed'), r.next('consumerClosed')]);
    await sender.client.ok('closeProducer', { producerId: video.producerId });
    await closed;
    r.gate.release();
    await consuming;
    expect(r.added).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.receiver.tracks).toEqual([]);
    expect(await consumersOnServer()).toEqual({ consumers: 0, paused: 0 });
  });

  it('says nothing when a producer closed before its consume was sent (no failure to report)', async () => {
    const sender = await senderIn('recv-closed-before');
    const r = await receiverIn('recv-closed-before');
    const video = await sender.info('video', 33_000_001);
    const held = r.gate.hold('consume', 'before');
    const consuming = r.receiver.consume(r.session, video);
    await held;
    const closed = r.next('producerClosed');
    await sender.client.ok('closeProducer', { producerId: video.producerId });
    await closed;
    r.gate.release();
    await consuming;
    expect(r.added).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(await consumersOnServer()).toEqual({ consumers: 0, paused: 0 });
  });

  it('announces a track paused when its producer paused while the consume was in flight', async () => {
    const sender = await senderIn('recv-paused');
    const r = await receiverIn('recv-paused');
    const audio = await sender.info('audio', 34_000_001);
    const held = r.gate.hold('consume', 'after');
    const consuming = r.receiver.consume(r.session, audio);
    await held; // the answer says "not paused"
    const paused = r.next('producerPaused');
    await sender.client.ok('pauseProducer', { producerId: audio.producerId });
    await paused;
    r.gate.release();
    await consuming;
    expect(r.added.map((t) => [t.producerId, t.paused])).toEqual([[audio.producerId, true]]);
    expect(r.warnings).toEqual([]);
  });

  it('does nothing for a consume after the session closed', async () => {
    const sender = await senderIn('recv-after-close');
    const r = await receiverIn('recv-after-close');
    const video = await sender.info('video', 35_000_001);
    r.session.close();
    await r.receiver.consume(r.session, video);
    expect(r.added).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(await consumersOnServer()).toEqual({ consumers: 0, paused: 0 });
  });

  it('keeps a hidden video paused on the server, announced, and resumes it once visible', async () => {
    const sender = await senderIn('recv-hidden');
    const r = await receiverIn('recv-hidden');
    r.receiver.setFilter((t) => t.source !== 'camera');
    await r.receiver.consume(r.session, await sender.info('video', 36_000_001));
    await r.receiver.consume(r.session, await sender.info('audio', 36_000_002));
    // Audio is always received; the hidden camera is announced but not resumed.
    expect(r.added.map((t) => [t.kind, t.receiving])).toEqual([
      ['video', false],
      ['audio', true],
    ]);
    expect(await consumersOnServer()).toEqual({ consumers: 2, paused: 1 });

    const video = r.added[0];
    if (!video) throw new Error('no video announced');
    await r.receiver.setReceiving(video.consumerId, true);
    expect(await consumersOnServer()).toEqual({ consumers: 2, paused: 0 });
    expect(r.receiver.tracks.find((t) => t.kind === 'video')?.receiving).toBe(true);
    expect(r.warnings).toEqual([]);
  });
});
