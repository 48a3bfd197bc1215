/**
 * A client written from the seed's protocol page alone (/work/shared/seed-protocol.md): plain
 * socket.io-client, no helper of this product, and producer appData of its own choosing (the seed
 * leaves it free). Its tracks must be published, announced and consumable like any other.
 */
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  clientRtpCapabilities,
  fakeDtlsParameters,
  opusRtpParameters,
  vp8RtpParameters,
} from '@/tests/support/fakeMedia';
import { IDLE, activity, getStats, startTestServer, type TestServer } from '@/tests/support/testServer';

let srv: TestServer;
const sockets: Socket[] = [];

beforeAll(async () => {
  srv = await startTestServer({ workers: 1 });
});
afterAll(async () => {
  await srv?.close();
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await vi.waitFor(async () => expect(activity(await getStats(srv.url))).toEqual(IDLE));
});

type SeedAck =
  { ok: true; data: Record<string, unknown> } | { ok: false; error: { code: string; message: string } };

/** The seed's sample client: connect, then every request with an ack, results under `data`. */
async function seedClient(): Promise<{
  socket: Socket;
  call(event: string, payload?: unknown): Promise<SeedAck>;
}> {
  const socket = io(srv.url, { transports: ['websocket'], forceNew: true, reconnection: false });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const call = async (event: string, payload?: unknown): Promise<SeedAck> =>
    (await socket.timeout(5_000).emitWithAck(event, payload)) as SeedAck;
  return { socket, call };
}

function data(ack: SeedAck): Record<string, unknown> {
  if (!ack.ok) throw new Error(`refused: ${ack.error.code}: ${ack.error.message}`);
  return ack.data;
}

function nextEvent(socket: Socket, event: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => socket.once(event, resolve));
}

/** The seed's flow up to a connected transport of this direction. */
async function seedJoin(
  client: Awaited<ReturnType<typeof seedClient>>,
  callId: string,
  userId: string,
  direction: 'send' | 'recv',
) {
  const { rtpCapabilities } = data(await client.call('createRoom', { callId })) as {
    rtpCapabilities: Parameters<typeof clientRtpCapabilities>[0];
  };
  const caps = clientRtpCapabilities(rtpCapabilities);
  data(await client.call('joinRoom', { callId, userId, rtpCapabilities: caps }));
  const transport = data(await client.call('createTransport', { direction })) as { id: string };
  data(
    await client.call('connectTransport', {
      transportId: transport.id,
      dtlsParameters: fakeDtlsParameters(),
    }),
  );
  return { caps, transportId: transport.id };
}

describe('a client written from the seed', () => {
  it('publishes with appData of its own; another peer is told and consumes every track', async () => {
    const callId = 'seed-own-appdata';
    const publisher = await seedClient();
    const viewer = await seedClient();
    const pub = await seedJoin(publisher, callId, 'publisher', 'send');
    const view = await seedJoin(viewer, callId, 'viewer', 'recv');

    const tracks = [
      {
        kind: 'video',
        rtpParameters: vp8RtpParameters(9_100),
        appData: { source: 'webcam' },
        source: 'camera',
      },
      {
        kind: 'video',
        rtpParameters: vp8RtpParameters(9_200),
        appData: { label: 'cam', mediaTag: 'x' },
        source: 'camera',
      },
      {
        kind: 'audio',
        rtpParameters: opusRtpParameters(9_300),
        appData: { source: 'mic' },
        source: 'microphone',
      },
      {
        kind: 'video',
        rtpParameters: vp8RtpParameters(9_400),
        appData: { mediaTag: 'screen-share', peerName: 'p', n: 3, hd: true },
        source: 'screen',
      },
    ] as const;
    for (const t of tracks) {
      const announced = nextEvent(viewer.socket, 'newProducer');
      const ack = await publisher.call('produce', {
        transportId: pub.transportId,
        kind: t.kind,
        rtpParameters: t.rtpParameters,
        appData: t.appData,
      });
      const { producerId } = data(ack) as { producerId: string };
      expect(await announced).toMatchObject({
        producerId,
        userId: 'publisher',
        kind: t.kind,
        source: t.source,
      });

      const consumer = data(
        await viewer.call('consume', {
          transportId: view.transportId,
          producerId,
          rtpCapabilities: view.caps,
        }),
      );
      expect(consumer).toMatchObject({ producerId, kind: t.kind, source: t.source });
      expect(await viewer.call('resumeConsumer', { consumerId: consumer.id })).toEqual({
        ok: true,
        data: {},
      });
    }
    expect(activity(await getStats(srv.url))).toMatchObject({
      producers: 4,
      consumers: 4,
      pausedConsumers: 0,
    });
  });

  it('appData stays bounded: too many keys, long strings and nesting are refused with BAD_REQUEST', async () => {
    const client = await seedClient();
    const { transportId } = await seedJoin(client, 'seed-appdata-bounds', 'p', 'send');
    const bad = [
      Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, i])),
      { label: 'x'.repeat(257) },
      { ['k'.repeat(65)]: 'v' },
      { nested: { source: 'camera' } },
      'camera',
    ];
    for (const appData of bad) {
      const ack = await client.call('produce', {
        transportId,
        kind: 'video',
        rtpParameters: vp8RtpParameters(),
        appData,
      });
      expect(ack).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect((await getStats(srv.url)).producers).toBe(0);
  });
});
