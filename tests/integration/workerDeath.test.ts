/**
 * Worker fault tolerance with a real crash: SIGKILL of a media worker process. Its rooms close
 * with `roomClosed { reason: 'worker-died' }`, the server keeps serving, the pool starts a new
 * worker in the same slot (same port), new meetings work end to end, other workers are untouched.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ErrorCode } from '@/lib/protocol';
import { joinCall, openTransports, publish, subscribe } from '@/tests/support/callFlow';
import { idleLeftovers, workerLeftovers } from '@/tests/support/mediaDump';
import { populateRoom } from '@/tests/support/roomFixture';
import { TestClient, connectClients, type Clients } from '@/tests/support/testClient';
import {
  IDLE,
  activity,
  fetchJson,
  getStats,
  startTestServer,
  type TestServer,
} from '@/tests/support/testServer';

let srv: TestServer;

function basePort(): number {
  const ports = srv.config.media.ports;
  if (ports.mode !== 'webrtc-server') throw new Error('test server should use one port per worker');
  return ports.basePort;
}
const clients: TestClient[] = [];
const SLOW = { timeout: 10_000, interval: 50 };

beforeAll(async () => {
  srv = await startTestServer({ workers: 2 });
});
afterAll(async () => {
  await srv?.close();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await vi.waitFor(async () => expect(activity(await getStats(srv.url))).toEqual(IDLE), SLOW);
  expect(await workerLeftovers(srv.server.pool)).toEqual(idleLeftovers(srv.server.pool));
});

async function connect<N extends number>(n: N): Promise<Clients<N>> {
  const list = await connectClients(srv.url, n);
  clients.push(...(list as TestClient[]));
  return list;
}

async function expectHealthy(): Promise<void> {
  const health = await fetchJson<{ status: string; service: string }>(`${srv.url}/health`);
  expect(health.status).toBe(200);
  expect(health.body).toMatchObject({ status: 'healthy', service: 'idea-communicator' });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Pids per worker slot as /stats reports them, once every slot has a live process again. */
async function pidsAfterRestart(deadPids: number[]): Promise<number[]> {
  let pids: number[] = [];
  await vi.waitFor(async () => {
    const stats = await getStats(srv.url);
    pids = stats.workerUsage.map((u) => u.pid);
    expect(stats.workers).toBe(2);
    for (const pid of pids) {
      expect(deadPids).not.toContain(pid);
      expect(isAlive(pid)).toBe(true);
    }
  }, SLOW);
  return pids;
}

/** A complete call on a fresh meeting: join, transports, produce, consume, resume. */
async function callWorks(callId: string, a: TestClient, b: TestClient, ssrcBase: number): Promise<number> {
  await joinCall(a, callId, 'alice');
  const bob = await joinCall(b, callId, 'bob');
  const aT = await openTransports(a);
  const bT = await openTransports(b);
  const video = await publish(a, aT.send, 'video', { ssrc: ssrcBase + 1 });
  const audio = await publish(a, aT.send, 'audio', { ssrc: ssrcBase + 2 });
  const consumers = [await subscribe(bob, bT.recv, video), await subscribe(bob, bT.recv, audio)];
  expect(consumers.map((c) => c.kind).sort()).toEqual(['audio', 'video']);
  const room = srv.server.registry.get(callId);
  if (!room) throw new Error(`room ${callId} is missing`);
  const dump = await room.router.dump();
  expect(dump.transportIds).toHaveLength(4);
  expect(dump.mapConsumerIdProducerId).toHaveLength(2);
  return room.workerIndex;
}

describe('a media worker is killed', () => {
  it('its room closes with worker-died, the others live on, and the slot gets a new worker', async () => {
    const [alice, bob, carol, dave, eve, frank] = await connect(6);
    const doomed = await populateRoom('doomed', alice, bob, 1_000);
    const survivor = await populateRoom('survivor', carol, dave, 2_000);
    const doomedIndex = srv.server.registry.get('doomed')?.workerIndex ?? -1;
    const survivorIndex = srv.server.registry.get('survivor')?.workerIndex ?? -1;
    expect([doomedIndex, survivorIndex].sort()).toEqual([0, 1]);
    const before = await getStats(srv.url);
    const deadPid = before.workerUsage[doomedIndex]?.pid ?? 0;
    const survivorPid = before.workerUsage[survivorIndex]?.pid ?? 0;
    expect(deadPid).toBe(srv.server.pool.slots[doomedIndex]?.worker.pid);
    expect(isAlive(deadPid)).toBe(true);
    const replaced = new Promise<[number, number]>((resolve) =>
      srv.server.pool.once('workerReplaced', (index, pid) => resolve([index, pid])),
    );

    process.kill(deadPid, 'SIGKILL');

    for (const c of [alice, bob]) {
      expect(await c.next('roomClosed')).toEqual({ callId: 'doomed', reason: 'worker-died' });
    }
    await expectHealthy();
    const [replacedIndex, newPid] = await replaced;
    expect(replacedIndex).toBe(doomedIndex);
    expect(newPid).not.toBe(deadPid);

    // /stats: same worker count, a new pid in the dead one's slot, the other untouched.
    const pids = await pidsAfterRestart([deadPid]);
    expect(pids[doomedIndex]).toBe(newPid);
    expect(pids[survivorIndex]).toBe(survivorPid);
    expect(isAlive(deadPid)).toBe(false);
    await expectHealthy();
    expect(activity(await getStats(srv.url))).toEqual({
      rooms: 1,
      peers: 2,
      transports: 5,
      producers: 3,
      consumers: 2,
      pausedConsumers: 1,
    });

    // The members of the dead room are told to rejoin; their old ids are gone.
    expect(await bob.refused('resumeConsumer', { consumerId: doomed.viewerAudioConsumerPaused })).toBe(
      ErrorCode.ROOM_CLOSED,
    );
    expect(await alice.refused('createTransport', { direction: 'send' })).toBe(ErrorCode.ROOM_CLOSED);
    expect(await alice.refused('createTransport', { direction: 'send' })).toBe(ErrorCode.NOT_JOINED);

    // The surviving room never heard a thing and keeps working.
    expect(carol.all('roomClosed')).toEqual([]);
    expect(dave.all('roomClosed')).toEqual([]);
    await carol.ok('pauseProducer', { producerId: survivor.ownerVideo });
    expect(await dave.next('producerPaused')).toEqual({
      producerId: survivor.ownerVideo,
      peerId: survivor.owner.peerId,
    });
    await dave.ok('resumeConsumer', { consumerId: survivor.viewerAudioConsumerPaused });

    // A new meeting lands on the least loaded worker: the replacement, listening on its old port.
    const index = await callWorks('reborn', eve, frank, 3_000);
    expect(index).toBe(doomedIndex);
    const stats = await getStats(srv.url);
    expect(stats.workerUsage[doomedIndex]).toMatchObject({ pid: newPid, routers: 1 });
    const t = await eve.ok('createTransport', { direction: 'recv' });
    expect(new Set(t.iceCandidates.map((c) => c.port))).toEqual(new Set([basePort() + doomedIndex]));

    // And the people of the dead room can start over on the same connection.
    const again = await callWorks('doomed', alice, bob, 4_000);
    expect([0, 1]).toContain(again);
  });

  it('with every worker killed at once, both are replaced and calls work again', async () => {
    const [alice, bob, carol, dave] = await connect(4);
    await populateRoom('all-dead-a', alice, bob, 1_000);
    await populateRoom('all-dead-b', carol, dave, 2_000);
    const deadPids = (await getStats(srv.url)).workerUsage.map((u) => u.pid);

    for (const pid of deadPids) process.kill(pid, 'SIGKILL');

    for (const c of [alice, bob]) {
      expect(await c.next('roomClosed')).toEqual({ callId: 'all-dead-a', reason: 'worker-died' });
    }
    for (const c of [carol, dave]) {
      expect(await c.next('roomClosed')).toEqual({ callId: 'all-dead-b', reason: 'worker-died' });
    }
    const pids = await pidsAfterRestart(deadPids);
    expect(new Set(pids).size).toBe(2);
    await expectHealthy();
    expect(activity(await getStats(srv.url))).toEqual(IDLE);
    expect(await workerLeftovers(srv.server.pool)).toEqual(idleLeftovers(srv.server.pool));

    const first = await callWorks('after-all-dead-1', alice, bob, 5_000);
    const second = await callWorks('after-all-dead-2', carol, dave, 6_000);
    expect([first, second].sort()).toEqual([0, 1]);
  });
});
