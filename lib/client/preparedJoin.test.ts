/**
 * A prepared join against the real server: the pre-join preparation makes the transports without
 * anyone in the room hearing of it, and the join then receives from the answer's consumers on
 * those same transports (no transport made after the click, no consume request) while publishing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CallClients, tracksAdded, waitForStats as waitForStatsOf } from '@/tests/support/callClients';
import { standInStream, standInTrack } from '@/tests/support/browserMedia';
import { activity, getStats, IDLE, startTestServer, type TestServer } from '@/tests/support/testServer';

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

describe('CallClient prepared join', () => {
  it('prepares unseen, then joins on the prepared transports with the consumers in the answer', async () => {
    const ann = newClient();
    await ann.join({
      callId: 'prepared-basic',
      userId: 'Ann',
      stream: standInStream([standInTrack('audio'), standInTrack('video')]),
    });
    const annSaw: string[] = [];
    ann.on('peerAdded', (p) => annSaw.push(p.userId));

    const bob = newClient();
    await bob.prepare('prepared-basic');
    expect(bob.state).toBe('idle');
    expect(bob.peerId).toBeNull();
    // Nobody in the room heard of Bob, and the room counts only Ann.
    await new Promise((r) => setTimeout(r, 200));
    expect(annSaw).toEqual([]);
    expect(ann.remotePeers).toEqual([]);
    expect(activity(await getStats(srv.url))).toMatchObject({ peers: 1, transports: 2 });
    const room = srv.server.registry.get('prepared-basic');
    if (!room) throw new Error('no room');
    const annTransports = new Set([...room.peers.values()].flatMap((p) => [...p.transports.keys()]));
    const staged = (await room.router.dump()).transportIds.filter((id) => !annTransports.has(id));
    expect(staged).toHaveLength(2);

    const received = tracksAdded(bob, 2);
    await bob.join({
      callId: 'prepared-basic',
      userId: 'Bob',
      stream: standInStream([standInTrack('audio')]),
    });
    const tracks = await received;
    expect(tracks.map((t) => [t.peerId, t.source, t.receiving]).sort()).toEqual(
      [
        [ann.peerId, 'camera', true],
        [ann.peerId, 'microphone', true],
      ].sort(),
    );
    expect(bob.publications.map((p) => p.source)).toEqual(['microphone']);
    expect(annSaw).toEqual(['Bob']);
    // Bob's two prepared transports are the only ones he has; Ann's consumer of his mic appears.
    await waitForStats((s) => s.peers === 2 && s.transports === 4 && s.consumers === 3);
    const bobPeer = room.peers.get(bob.peerId ?? '');
    expect([...(bobPeer?.transports.keys() ?? [])].sort()).toEqual([...staged].sort());
    expect(activity(await getStats(srv.url))).toMatchObject({ pausedConsumers: 0 });

    await bob.leave();
    await ann.leave();
    expect(activity(await waitForStats((s) => s.peers === 0))).toEqual(IDLE);
  });

  it('pauses on the server what the receive filter hides', async () => {
    const ann = newClient();
    await ann.join({
      callId: 'prepared-hidden',
      userId: 'Ann',
      stream: standInStream([standInTrack('audio'), standInTrack('video')]),
    });
    const cat = newClient();
    cat.view.setFilter(() => false);
    await cat.prepare('prepared-hidden');
    const received = tracksAdded(cat, 2);
    await cat.join({ callId: 'prepared-hidden', userId: 'Cat' });
    expect((await received).map((t) => [t.kind, t.receiving]).sort()).toEqual([
      ['audio', true],
      ['video', false],
    ]);
    await waitForStats((s) => s.consumers === 2 && s.pausedConsumers === 1);
  });

  it('a client that leaves after preparing leaves no transport behind', async () => {
    const dan = newClient();
    await dan.prepare('prepared-left');
    const room = srv.server.registry.get('prepared-left');
    if (!room) throw new Error('prepareJoin opened no room');
    expect((await room.router.dump()).transportIds).toHaveLength(2);
    await dan.leave();
    for (let i = 0; i < 100 && !room.closed; i++) {
      if ((await room.router.dump()).transportIds.length === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(room.closed || (await room.router.dump()).transportIds.length === 0).toBe(true);
  });
});
