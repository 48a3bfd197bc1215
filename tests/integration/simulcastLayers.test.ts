/**
 * Preferred layers and dynacast through the real signaling server and worker: a viewer may set
 * the layers of its own consumers only; the sender hears which layers anyone still watches.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ErrorCode, type RtpParametersWire } from '@/lib/protocol';
import { joinCall, openTransports, subscribe } from '@/tests/support/callFlow';
import { vp8RtpParameters } from '@/tests/support/fakeMedia';
import { connectClients, type TestClient } from '@/tests/support/testClient';
import { IDLE, activity, getStats, startTestServer, type TestServer } from '@/tests/support/testServer';

let srv: TestServer;
const clients: TestClient[] = [];

beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => {
  await srv?.close();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await vi.waitFor(async () => expect(activity(await getStats(srv.url))).toEqual(IDLE));
});

/** Three simulcast encodings, as a browser publishing a camera with L1T3 layers does. */
function simulcastParameters(ssrcBase: number): RtpParametersWire {
  return {
    ...vp8RtpParameters(ssrcBase),
    encodings: [0, 1, 2].map((i) => ({ ssrc: ssrcBase + i, scalabilityMode: 'L1T3' })),
  };
}

async function call(callId: string, ssrcBase: number) {
  const [senderClient, viewerClient, otherClient] = await connectClients(srv.url, 3);
  clients.push(senderClient, viewerClient, otherClient);
  await joinCall(senderClient, callId, 'sender');
  const viewer = await joinCall(viewerClient, callId, 'viewer');
  const other = await joinCall(otherClient, callId, 'other');
  const senderT = await openTransports(senderClient);
  const viewerT = await openTransports(viewerClient);
  const otherT = await openTransports(otherClient);
  const { producerId } = await senderClient.ok('produce', {
    transportId: senderT.send,
    kind: 'video',
    rtpParameters: simulcastParameters(ssrcBase),
    appData: { source: 'camera' },
  });
  return { senderClient, viewerClient, otherClient, viewer, other, viewerT, otherT, producerId };
}

describe('setPreferredLayers', () => {
  it("is refused for a consumer that is not the caller's own, and changes nothing", async () => {
    const c = await call('layers-authz', 91_000_000);
    const viewerConsumer = await subscribe(c.viewer, c.viewerT.recv, c.producerId, true);
    expect(
      await c.otherClient.refused('setPreferredLayers', { consumerId: viewerConsumer.id, spatialLayer: 0 }),
    ).toBe(ErrorCode.NOT_FOUND);
    expect(
      await c.otherClient.refused('setPreferredLayers', { consumerId: 'no-such-consumer', spatialLayer: 0 }),
    ).toBe(ErrorCode.NOT_FOUND);
    // Nothing changed: nobody's demand dropped, so the sender was never told to stop a layer.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(c.senderClient.all('producerLayersWanted')).toEqual([]);
    // The owner itself may.
    await c.viewerClient.ok('setPreferredLayers', { consumerId: viewerConsumer.id, spatialLayer: 1 });
  });

  it('a layer above the top one is a BAD_REQUEST', async () => {
    const c = await call('layers-bad', 92_000_000);
    const consumer = await subscribe(c.viewer, c.viewerT.recv, c.producerId, true);
    expect(
      await c.viewerClient.refused('setPreferredLayers', { consumerId: consumer.id, spatialLayer: 3 }),
    ).toBe(ErrorCode.BAD_REQUEST);
  });
});

describe('dynacast: producerLayersWanted', () => {
  it('tells the sender the highest layer any resumed viewer wants, -1 when none', async () => {
    const c = await call('dynacast', 93_000_000);
    const a = await subscribe(c.viewer, c.viewerT.recv, c.producerId, true);
    const b = await subscribe(c.other, c.otherT.recv, c.producerId, true);
    // Both thumbnails: the top layer is not needed any more (once the sender's warm-up is over).
    await c.viewerClient.ok('setPreferredLayers', { consumerId: a.id, spatialLayer: 0 });
    await c.otherClient.ok('setPreferredLayers', { consumerId: b.id, spatialLayer: 1 });
    expect(await c.senderClient.next('producerLayersWanted', 10_000)).toEqual({
      producerId: c.producerId,
      maxSpatialLayer: 1,
    });
    // The viewer of layer 1 hides its tile: layer 0 is enough.
    await c.otherClient.ok('pauseConsumer', { consumerId: b.id });
    expect(await c.senderClient.next('producerLayersWanted')).toEqual({
      producerId: c.producerId,
      maxSpatialLayer: 0,
    });
    // Nobody watches.
    await c.viewerClient.ok('pauseConsumer', { consumerId: a.id });
    expect(await c.senderClient.next('producerLayersWanted')).toEqual({
      producerId: c.producerId,
      maxSpatialLayer: -1,
    });
    // Someone pins it: the top layer comes back.
    await c.viewerClient.ok('setPreferredLayers', { consumerId: a.id, spatialLayer: 2 });
    await c.viewerClient.ok('resumeConsumer', { consumerId: a.id });
    expect(await c.senderClient.next('producerLayersWanted')).toEqual({
      producerId: c.producerId,
      maxSpatialLayer: 2,
    });
  });

  it('a seed client that never asks for layers keeps the top layer wanted', async () => {
    const c = await call('dynacast-seed', 94_000_000);
    const a = await subscribe(c.viewer, c.viewerT.recv, c.producerId, true);
    await subscribe(c.other, c.otherT.recv, c.producerId, true); // seed style: no layer request
    await c.viewerClient.ok('setPreferredLayers', { consumerId: a.id, spatialLayer: 0 });
    await new Promise((r) => setTimeout(r, 2_500));
    expect(c.senderClient.all('producerLayersWanted')).toEqual([]);
  });
});
