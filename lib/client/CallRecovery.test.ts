/**
 * A call through a real signaling outage: Ann's CallClient (mediasoup-client's FakeHandler) talks
 * to the real server through a TCP proxy that cuts her connection; Bob is connected directly.
 * A short cut is resumed: same peer, same transports, no visible change, a request made meanwhile
 * is sent once back. A cut longer than the server's resume grace is rejected: Ann joins again
 * from scratch by herself, with her microphone still muted.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeHandlerFactory, standInStream, standInTrack } from '@/tests/support/browserMedia';
import { MeetingFixture, type OwnedMeeting } from '@/tests/support/meetingFixture';
import { startTcpProxy, type TcpProxy } from '@/tests/support/tcpProxy';
import { getStats, startTestServer, type TestServer } from '@/tests/support/testServer';
import { CallClient, type CallClientEvents, type CallState, type RecoveryStatus } from './CallClient';

/** The server keeps a dropped peer this long (s); the short cut stays well inside it. */
const GRACE_S = 2;
const RETRY_MS = 150;

let srv: TestServer;
let fx: MeetingFixture;
let proxy: TcpProxy;
const clients: CallClient[] = [];

beforeAll(async () => {
  srv = await startTestServer({ workers: 1, env: { RESUME_GRACE_S: String(GRACE_S) } });
  fx = await MeetingFixture.create(srv);
  proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(srv.url).port) });
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.leave()));
  fx.closeClients();
});
afterAll(async () => {
  await proxy?.close();
  await srv?.close();
});

async function clientFor(
  m: OwnedMeeting,
  role: 'host' | 'guest',
  via: 'proxy' | 'direct',
): Promise<CallClient> {
  const { token } = await fx.token(m.meetingId, role, role === 'host' ? { participantId: m.owner.id } : {});
  const client = new CallClient({
    url: via === 'proxy' ? `http://127.0.0.1:${proxy.port}` : srv.url,
    auth: async () => ({ token, meetingId: m.meetingId }),
    handlerFactory: fakeHandlerFactory(),
    requestTimeoutMs: 5_000,
    reconnectDelay: (attempt) => (attempt === 1 ? 0 : RETRY_MS),
  });
  clients.push(client);
  return client;
}

/** Every emission of one event, in order. */
function record<E extends keyof CallClientEvents>(client: CallClient, event: E): CallClientEvents[E][] {
  const seen: CallClientEvents[E][] = [];
  client.on(event, (...args) => seen.push(args));
  return seen;
}

describe('CallClient through a signaling outage', () => {
  it('resumes a short drop: same peer and transports, media untouched, queued request sent', async () => {
    const m = await fx.ownedMeeting({ waitingRoom: false });
    const ann = await clientFor(m, 'host', 'proxy');
    const bob = await clientFor(m, 'guest', 'direct');
    await ann.join({
      callId: m.meetingId,
      userId: 'Ann',
      stream: standInStream([standInTrack('audio'), standInTrack('video')]),
    });
    await bob.join({
      callId: m.meetingId,
      userId: 'Bob',
      stream: standInStream([standInTrack('audio'), standInTrack('video')]),
    });
    await vi.waitFor(() => expect(ann.remoteTracks).toHaveLength(2));
    await vi.waitFor(() => expect(bob.remoteTracks).toHaveLength(2));
    const peerId = ann.peerId;
    const before = await getStats(srv.url);
    const annStates = record(ann, 'state');
    const annTracksRemoved = record(ann, 'trackRemoved');
    const annStatus = record(ann, 'recovery');
    const bobSees = record(bob, 'peerConnection');
    const bobChat = record(bob, 'chatMessage');

    const cut = proxy.cut(500);
    await vi.waitFor(() => expect(ann.recovery.phase).toBe('resuming'));
    // While away: a request waits instead of failing, and Bob mutes his camera.
    const sent = ann.control('sendChat', { text: 'sent while away' });
    await bob.setCameraEnabled(false);
    await cut;
    await sent;
    await vi.waitFor(() => expect(ann.recovery.phase).toBe('none'), { timeout: 5_000 });

    expect(ann.peerId).toBe(peerId);
    expect(ann.state).toBe('joined');
    expect(annStates).toEqual([]); // never left `joined`
    expect(annTracksRemoved).toEqual([]);
    const phases = annStatus.map(([s]) => s.phase).filter((p, i, all) => p !== all[i - 1]);
    expect(phases).toEqual(['resuming', 'none']);
    const after = await getStats(srv.url);
    expect({ peers: after.peers, transports: after.transports, producers: after.producers }).toEqual({
      peers: before.peers,
      transports: before.transports,
      producers: before.producers,
    });
    expect(bobSees.map(([e]) => e)).toEqual([
      { peerId, reconnecting: true },
      { peerId, reconnecting: false },
    ]);
    expect(bobChat.map(([msg]) => msg.text)).toEqual(['sent while away']);
    // The mute Ann missed comes from the snapshot.
    await vi.waitFor(() => expect(ann.remoteTracks.find((t) => t.source === 'camera')?.paused).toBe(true));
  });

  it('joins again from scratch when the resume is rejected, keeping the microphone muted', async () => {
    const m = await fx.ownedMeeting({ waitingRoom: false });
    const ann = await clientFor(m, 'host', 'proxy');
    const bob = await clientFor(m, 'guest', 'direct');
    await ann.join({
      callId: m.meetingId,
      userId: 'Ann',
      stream: standInStream([standInTrack('audio'), standInTrack('video')]),
    });
    await ann.setMicEnabled(false);
    await bob.join({ callId: m.meetingId, userId: 'Bob' });
    await vi.waitFor(() => expect(bob.remoteTracks).toHaveLength(2));
    const firstPeerId = ann.peerId;
    const states: CallState[] = [];
    ann.on('state', (s) => states.push(s));
    const statuses: RecoveryStatus[] = [];
    ann.on('recovery', (s) => statuses.push(s));

    // Longer than the grace: the server lets Ann's peer go, and her resume token with it.
    await proxy.cut(GRACE_S * 1000 + 1_000);
    await vi.waitFor(() => expect(states.at(-1)).toBe('joined'), { timeout: 10_000 });
    expect(ann.recovery.phase).toBe('none');

    expect(ann.peerId).not.toBe(firstPeerId);
    expect(states).toEqual(['reconnecting', 'joining', 'joined']);
    const phases = statuses.map((s) => s.phase);
    expect(phases[0]).toBe('resuming');
    expect(phases).toContain('rejoining');
    expect(phases.at(-1)).toBe('none');
    // Failed reconnect attempts were counted while the proxy refused connections.
    expect(Math.max(...statuses.map((s) => s.failures))).toBeGreaterThan(0);
    // Same devices, same mute state: the microphone is published again, paused.
    const mic = ann.publications.find((p) => p.source === 'microphone');
    expect(mic?.paused).toBe(true);
    expect(ann.publications.map((p) => p.source).sort()).toEqual(['camera', 'microphone']);
    await vi.waitFor(() =>
      expect(
        bob.remoteTracks.filter((t) => t.peerId === ann.peerId).map((t) => [t.source, t.paused]),
      ).toEqual(
        expect.arrayContaining([
          ['microphone', true],
          ['camera', false],
        ]),
      ),
    );
    expect(bob.remotePeers.map((p) => p.peerId)).toEqual([ann.peerId]);
  });

  it('keeps retrying on its own when the server shuts down, saying the server is restarting', async () => {
    const own = await startTestServer({ workers: 1 });
    const ownFx = await MeetingFixture.create(own);
    try {
      const m = await ownFx.ownedMeeting({ waitingRoom: false });
      const { token } = await ownFx.token(m.meetingId, 'host', { participantId: m.owner.id });
      const ann = new CallClient({
        url: own.url,
        auth: async () => ({ token, meetingId: m.meetingId }),
        handlerFactory: fakeHandlerFactory(),
        requestTimeoutMs: 2_000,
        reconnectDelay: (attempt) => (attempt === 1 ? 0 : RETRY_MS),
      });
      clients.push(ann);
      await ann.join({ callId: m.meetingId, userId: 'Ann', stream: standInStream([standInTrack('audio')]) });
      const statuses: RecoveryStatus[] = [];
      ann.on('recovery', (st) => statuses.push(st));
      const ended = record(ann, 'ended');

      await own.close();
      await vi.waitFor(() => expect(ann.recovery.failures).toBeGreaterThanOrEqual(2), { timeout: 5_000 });
      expect(statuses[0]).toMatchObject({ phase: 'server-restarting', serverRestart: true });
      expect(ann.recovery).toMatchObject({ phase: 'rejoining', serverRestart: true });
      expect(ann.state).toBe('reconnecting');
      expect(ann.connection.signaling).not.toBe('connected');
      expect(ended).toEqual([]);
    } finally {
      await own.close();
    }
  });
});
