/**
 * Malformed input on every request: the server answers BAD_REQUEST (validation runs before any
 * other check), oversized messages cut only the offending connection, and nothing leaks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stats } from '@/lib/http/opsRoutes';
import { REQUEST_NAMES, type RequestName } from '@/lib/protocol';
import { joinCall } from '@/tests/support/callFlow';
import { fakeDtlsParameters, vp8RtpParameters } from '@/tests/support/fakeMedia';
import { TestClient } from '@/tests/support/testClient';
import {
  IDLE,
  activity,
  fetchJson,
  getStats,
  startTestServer,
  type TestServer,
} from '@/tests/support/testServer';

let srv: TestServer;
let client: TestClient;
let statsBefore: Stats;
const ID = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  srv = await startTestServer({ workers: 2 });
  statsBefore = await getStats(srv.url);
  client = await TestClient.connect(srv.url);
});
afterAll(async () => {
  client?.close();
  await srv?.close();
});

function expectBadRequest(ack: unknown, event: string): void {
  expect(ack).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: expect.any(String) } });
  const { message } = (ack as { error: { message: string } }).error;
  expect(message.length).toBeGreaterThan(0);
  expect(message.length).toBeLessThan(1_000);
  expect(message).toContain(event);
}

/** Payloads of the right shape but wrong field types, per request (typed: every request listed). */
const wrongFields: Record<RequestName, unknown[]> = {
  createRoom: [
    {},
    { callId: 42 },
    { callId: '' },
    { callId: 'a'.repeat(129) },
    { callId: 'a b' },
    { id: 'x' },
  ],
  prepareJoin: [{}, { callId: 42 }, { callId: '' }, { callId: 'a b' }],
  prepareReceive: [{}, { recvTransportId: '', rtpCapabilities: {} }, { recvTransportId: 't1' }],
  joinRoom: [
    {},
    { callId: 'x', userId: 'u', rtpCapabilities: {}, prepared: { recvTransportId: '' } },
    { callId: 'x', userId: 'u', rtpCapabilities: {}, prepared: 'yes' },
    { callId: 'x', userId: 'u' },
    { callId: 'x', userId: 1, rtpCapabilities: {} },
    { callId: 'x', userId: 'u'.repeat(129), rtpCapabilities: {} },
    { callId: ['x'], userId: 'u', rtpCapabilities: {} },
    { callId: 'x', userId: 'u', rtpCapabilities: 'all' },
    { callId: 'x', userId: 'u', rtpCapabilities: { codecs: {} } },
  ],
  createTransport: [{}, { direction: 'up' }, { direction: true }, { direction: null }],
  connectTransport: [
    {},
    { transportId: ID },
    { transportId: 5, dtlsParameters: fakeDtlsParameters() },
    { transportId: ID, dtlsParameters: { fingerprints: [] } },
    { transportId: ID, dtlsParameters: { fingerprints: 'sha-256' } },
  ],
  produce: [
    {},
    { transportId: ID, kind: 'video' },
    { transportId: ID, kind: 'hologram', rtpParameters: vp8RtpParameters() },
    { transportId: ID, kind: 'video', rtpParameters: { codecs: [] } },
    { transportId: ID, kind: 'video', rtpParameters: vp8RtpParameters(), appData: { nested: { a: 1 } } },
    {
      transportId: ID,
      kind: 'video',
      rtpParameters: vp8RtpParameters(),
      appData: { label: 'x'.repeat(257) },
    },
    { transportId: ID, kind: 'video', rtpParameters: vp8RtpParameters(), appData: 'camera' },
    { transportId: {}, kind: 'video', rtpParameters: vp8RtpParameters() },
  ],
  consume: [{}, { transportId: ID }, { producerId: ID }, { transportId: 1, producerId: 2 }],
  resumeConsumer: [{}, { consumerId: 1 }, { consumerId: '' }, { consumerId: 'c'.repeat(65) }],
  pauseConsumer: [{}, { consumerId: null }, { consumerId: [ID] }],
  getProducers: [{}, { callId: 1 }, { callId: 'a/b' }],
  // leaveRoom takes no fields; only non-object payloads are wrong (covered below).
  leaveRoom: [],
  closeProducer: [{}, { producerId: 1 }, { producerId: '' }],
  pauseProducer: [{}, { producerId: false }],
  resumeProducer: [{}, { producerId: { id: ID } }],
  admit: [{}, { participantId: 7 }, { participantId: '' }],
  admitAll: [],
  deny: [{}, { participantId: null }],
  muteParticipant: [{}, { peerId: 1 }, { peerId: 'p'.repeat(65) }],
  stopParticipantCamera: [{}, { peerId: [] }],
  removeParticipant: [{}, { peerId: false }],
  setRole: [{}, { peerId: ID }, { peerId: ID, role: 'host' }, { peerId: ID, role: 'admin' }],
  setMeetingLocked: [{}, { locked: 'yes' }, { locked: 1 }],
  endMeeting: [],
  sendChat: [{}, { text: '' }, { text: '   ' }, { text: 'x'.repeat(2001) }, { text: 5 }],
  raiseHand: [{}, { raised: 'true' }],
  sendReaction: [{}, { emoji: '💩' }, { emoji: '<script>' }],
  restartIce: [{}, { transportId: 7 }, { transportId: '' }],
  closeTransport: [{}, { transportId: 7 }, { transportId: '' }],
  getIceServers: ['turn', 3],
  ping: ['now', [1]],
  startRecording: ['now', [1]],
  stopRecording: [5, 'x'],
  setPreferredLayers: [{}, { consumerId: ID, spatialLayer: 7 }, { consumerId: ID, spatialLayer: '1' }],
  setPinnedPeers: [{}, { peerIds: 'x' }, { peerIds: [1] }],
};

/** Requests whose payload may be left out entirely (the seed style: only the ack callback). */
const OPTIONAL_PAYLOAD = new Set([
  'leaveRoom',
  'admitAll',
  'endMeeting',
  'getIceServers',
  'startRecording',
  'stopRecording',
]);

describe('every request validates its payload', () => {
  describe.each(REQUEST_NAMES)('%s', (event) => {
    if (event === 'leaveRoom') {
      it('accepts no payload at all (the seed sends only the ack callback)', async () => {
        expect(await client.raw(event)).toEqual({ ok: true, data: {} });
      });
    } else if (event === 'ping') {
      it('answers with the server clock, joined or not', async () => {
        expect(await client.raw(event)).toEqual({ ok: true, data: { serverTime: expect.any(Number) } });
      });
    } else if (OPTIONAL_PAYLOAD.has(event)) {
      it('takes no payload: without a meeting it is refused as NOT_JOINED, not BAD_REQUEST', async () => {
        expect(await client.raw(event)).toMatchObject({ ok: false, error: { code: 'NOT_JOINED' } });
      });
    } else {
      it('refuses no payload (only the ack callback)', async () => {
        expectBadRequest(await client.raw(event), event);
      });
    }

    it.each([
      ['null', null],
      ['a string', 'hello'],
      ['a number', 42],
      ['an array', [{ callId: 'x' }]],
      ['a boolean', true],
    ])('refuses %s', async (_label, payload) => {
      expectBadRequest(await client.raw(event, payload), event);
    });

    if (wrongFields[event].length > 0) {
      it('refuses wrong field types and missing fields', async () => {
        for (const payload of wrongFields[event]) {
          expectBadRequest(await client.raw(event, payload), event);
        }
      });
    }
  });

  it('names the failing field in the message', async () => {
    const ack = await client.raw('createTransport', { direction: 'up' });
    expectBadRequest(ack, 'createTransport');
    expect((ack as { error: { message: string } }).error.message).toContain('direction');
  });

  it('validates before checking the join: an unjoined socket gets BAD_REQUEST, not NOT_JOINED', async () => {
    expectBadRequest(await client.raw('produce', { transportId: ID }), 'produce');
    expect(
      await client.refused('produce', { transportId: ID, kind: 'video', rtpParameters: vp8RtpParameters() }),
    ).toBe('NOT_JOINED');
  });

  it('answers an unknown event that carries an ack with BAD_REQUEST', async () => {
    expect(await client.raw('deleteEverything', { all: true })).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('unknown event') },
    });
    expect(await client.raw('x'.repeat(500))).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('unknown event') },
    });
    // An unknown event without an ack is ignored; the connection stays usable.
    client.emitNoAck('deleteEverything', {});
    expect(await client.raw('leaveRoom')).toEqual({ ok: true, data: {} });
  });

  it('ignores extra arguments after the payload', async () => {
    expect(await client.raw('createTransport', { direction: 'send' }, 'extra', 1)).toEqual({
      ok: false,
      error: { code: 'NOT_JOINED', message: expect.any(String) },
    });
  });
});

describe('requests before joinRoom', () => {
  const valid: Array<[RequestName, unknown]> = [
    ['createTransport', { direction: 'send' }],
    ['createTransport', { direction: 'recv' }],
    ['connectTransport', { transportId: ID, dtlsParameters: fakeDtlsParameters() }],
    ['produce', { transportId: ID, kind: 'video', rtpParameters: vp8RtpParameters() }],
    ['consume', { transportId: ID, producerId: ID }],
    ['resumeConsumer', { consumerId: ID }],
    ['pauseConsumer', { consumerId: ID }],
    ['getProducers', { callId: 'some-call' }],
    ['closeProducer', { producerId: ID }],
    ['pauseProducer', { producerId: ID }],
    ['resumeProducer', { producerId: ID }],
    ['restartIce', { transportId: ID }],
    ['closeTransport', { transportId: ID }],
    ['setPreferredLayers', { consumerId: ID, spatialLayer: 0 }],
    ['setPinnedPeers', { peerIds: [ID] }],
  ];

  it.each(valid)('%s → NOT_JOINED', async (event, payload) => {
    expect(await client.raw(event, payload)).toEqual({
      ok: false,
      error: { code: 'NOT_JOINED', message: expect.any(String) },
    });
  });

  it('leaveRoom before joining is a harmless success', async () => {
    expect(await client.raw('leaveRoom', {})).toEqual({ ok: true, data: {} });
  });
});

describe('event names that are not strings', () => {
  /** The client's socket without its typing: Socket.IO lets a client send a number as event name. */
  function untyped(c: TestClient) {
    return c.socket as unknown as {
      timeout(ms: number): { emitWithAck(event: unknown, ...args: unknown[]): Promise<unknown> };
      emit(event: unknown, ...args: unknown[]): unknown;
    };
  }

  it('a numeric event name with an ack gets BAD_REQUEST; nothing is thrown, the connection stays usable', async () => {
    const c = await TestClient.connect(srv.url);
    try {
      for (const event of [42, 0, -1, 3.5, 1e21]) {
        const ack = await untyped(c).timeout(5_000).emitWithAck(event, {});
        expect(ack, String(event)).toEqual({
          ok: false,
          error: { code: 'BAD_REQUEST', message: expect.stringContaining('unknown event') },
        });
      }
      // Without an ack, and with an ack but no payload: ignored or refused, never a crash.
      untyped(c).emit(7, { callId: 'x' });
      expect(await untyped(c).timeout(5_000).emitWithAck(8)).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      });
      expect(await c.refused('getProducers', { callId: 'after-numbers' })).toBe('NOT_JOINED');
      expect(c.socket.connected).toBe(true);
    } finally {
      c.close();
    }
  });

  it('an object as event name is refused by Socket.IO itself: only that connection goes, the server lives on', async () => {
    const c = await TestClient.connect(srv.url);
    const gone = c.disconnected();
    untyped(c).emit({ name: 'createRoom' }, { callId: 'obj' }, () => undefined);
    expect(await gone).toEqual(expect.any(String));
    const other = await TestClient.connect(srv.url);
    try {
      expect(await other.refused('getProducers', { callId: 'after-object' })).toBe('NOT_JOINED');
    } finally {
      other.close();
    }
  });
});

describe('message size cap', () => {
  it('a message just under 64 KB is answered normally', async () => {
    const c = await TestClient.connect(srv.url);
    try {
      expectBadRequest(await c.raw('createRoom', { callId: 'a'.repeat(60_000) }), 'createRoom');
      expect(c.socket.connected).toBe(true);
    } finally {
      c.close();
    }
  });

  it('a message over 64 KB disconnects only that socket; the server and others keep working', async () => {
    const big = await TestClient.connect(srv.url);
    const other = await TestClient.connect(srv.url);
    const gone = big.disconnected();
    void big.raw('createRoom', { callId: 'a'.repeat(70_000) }).catch(() => undefined);
    expect(await gone).toBe('transport close');
    expect(big.socket.connected).toBe(false);

    const health = await fetchJson<{ status: string }>(`${srv.url}/health`);
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('healthy');

    expect(other.socket.connected).toBe(true);
    const joined = await joinCall(other, 'after-big-message', 'other');
    expect(joined.otherPeers).toEqual([]);
    expect((await getStats(srv.url)).peers).toBe(1);
    expect(await other.raw('leaveRoom')).toEqual({ ok: true, data: {} });
    expect(client.socket.connected).toBe(true);
    other.close();
  });
});

describe('after all of the above', () => {
  it('/stats shows nothing changed: no rooms, peers or media leaked', async () => {
    const now = await getStats(srv.url);
    expect(activity(now)).toEqual(IDLE);
    expect(activity(now)).toEqual(activity(statsBefore));
    expect(now.workers).toBe(statsBefore.workers);
    expect(now.workerUsage.map((u) => [u.index, u.pid, u.routers])).toEqual(
      statsBefore.workerUsage.map((u) => [u.index, u.pid, 0]),
    );
    for (const slot of srv.server.pool.slots) {
      expect((await slot.worker.dump()).routerIds).toEqual([]);
    }
  });
});
