/**
 * CallClient as a whole against the real server: two or three clients (mediasoup-client's
 * FakeHandler device, stand-in local tracks) join one room, publish, receive, mute, hide a video
 * and leave, and the server's own counters say what exists.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  CallClients,
  nextEvent,
  tracksAdded,
  waitForStats as waitForStatsOf,
} from '@/tests/support/callClients';
import { standInStream, standInTrack } from '@/tests/support/browserMedia';
import { activity, IDLE, startTestServer, type TestServer } from '@/tests/support/testServer';

let srv: TestServer;
const clients = new CallClients();

beforeAll(async () => {
  srv = await startTestServer({ workers: 1 });
});
afterEach(async () => {
  await clients.leaveAll();
});
afterAll(async () => {
  await srv?.close();
});

const newClient = () => clients.add(srv.url);
const waitForStats = (check: Parameters<typeof waitForStatsOf>[1]) => waitForStatsOf(srv.url, check);

describe('CallClient', () => {
  it('joins, publishes, receives, follows a mute and leaves without leftovers', async () => {
    const ann = newClient();
    const bob = newClient();
    const stream = standInStream([standInTrack('audio'), standInTrack('video')]);
    await ann.join({ callId: 'client-basic', userId: 'Ann', stream });
    expect(ann.state).toBe('joined');
    expect(ann.publications.map((p) => p.source).sort()).toEqual(['camera', 'microphone']);

    const received = tracksAdded(bob, 2);
    const bobSeen = nextEvent(ann, 'peerAdded', (p) => p.userId === 'Bob');
    await bob.join({ callId: 'client-basic', userId: 'Bob' });
    const tracks = await received;
    await bobSeen;
    expect(tracks.map((t) => [t.peerId, t.source, t.receiving]).sort()).toEqual(
      [
        [ann.peerId, 'camera', true],
        [ann.peerId, 'microphone', true],
      ].sort(),
    );
    expect(bob.remotePeers.map((p) => p.userId)).toEqual(['Ann']);

    const paused = nextEvent(bob, 'producerPaused');
    await ann.setMicEnabled(false);
    const [event] = await paused;
    expect(event).toMatchObject({ peerId: ann.peerId, kind: 'audio', source: 'microphone' });

    const gone = nextEvent(bob, 'peerRemoved');
    await ann.leave();
    expect((await gone)[0].userId).toBe('Ann');
    expect(bob.remoteTracks).toEqual([]);
    await bob.leave();
    expect(activity(await waitForStats((s) => s.peers === 0))).toEqual(IDLE);
  });

  it('does not resume videos the receive filter hides, and resumes one on request', async () => {
    const ann = newClient();
    const cat = newClient();
    await ann.join({
      callId: 'client-hidden',
      userId: 'Ann',
      stream: standInStream([standInTrack('audio'), standInTrack('video')]),
    });
    cat.view.setFilter(() => false);
    const received = tracksAdded(cat, 2);
    await cat.join({ callId: 'client-hidden', userId: 'Cat' });
    const tracks = await received;
    expect(tracks.map((t) => [t.kind, t.receiving]).sort()).toEqual([
      ['audio', true],
      ['video', false],
    ]);
    await waitForStats((s) => s.consumers === 2 && s.pausedConsumers === 1);

    const video = tracks.find((t) => t.kind === 'video');
    if (!video) throw new Error('no video');
    await cat.view.setReceiving(video.consumerId, true);
    await waitForStats((s) => s.consumers === 2 && s.pausedConsumers === 0);
  });

  it('rejects an invalid meeting id before connecting', async () => {
    const client = newClient();
    await expect(client.join({ callId: 'x'.repeat(200), userId: 'Ann' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(client.state).toBe('idle');
  });
});
