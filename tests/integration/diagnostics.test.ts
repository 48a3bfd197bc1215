/**
 * The connection test's namespace (/diagnostics) against real media workers and real Socket.IO:
 * a session's router and transports per protocol, the loop back of the caller's own stream, the
 * limits (refused before anything is created) and the cleanup on disconnect and at the time cap.
 */
import http from 'node:http';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '@/lib/config';
import { createLogger } from '@/lib/log';
import type { WireError } from '@/lib/protocol';
import { WorkerPool } from '@/lib/sfu/WorkerPool';
import {
  registerDiagnostics,
  type DiagnosticsLimits,
  type DiagnosticsUsage,
} from '@/lib/signaling/diagnostics/registerDiagnostics';
import type { DiagnosticsResults, DiagnosticsRequestName } from '@/lib/signaling/diagnostics/protocol';
import { clientRtpCapabilities, fakeDtlsParameters, vp8RtpParameters } from '@/tests/support/fakeMedia';
import { idleLeftovers, workerLeftovers } from '@/tests/support/mediaDump';
import { freeRtcBasePort } from '@/tests/support/ports';
import { getStats, startTestServer, testEnv, type TestServer } from '@/tests/support/testServer';

type Reply<E extends DiagnosticsRequestName> =
  { ok: true; data: DiagnosticsResults[E] } | { ok: false; error: WireError };
const SLOW = { timeout: 5_000, interval: 50 };
const sockets: Socket[] = [];

function open(url: string): Promise<Socket> {
  const socket = connect(`${url}/diagnostics`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

function ask<E extends DiagnosticsRequestName>(
  socket: Socket,
  event: E,
  payload: unknown = {},
): Promise<Reply<E>> {
  return socket.timeout(5_000).emitWithAck(event, payload) as Promise<Reply<E>>;
}

async function ok<E extends DiagnosticsRequestName>(
  socket: Socket,
  event: E,
  payload: unknown = {},
): Promise<DiagnosticsResults[E]> {
  const res = await ask(socket, event, payload);
  if (!res.ok) throw new Error(`${event} refused: ${res.error.code}: ${res.error.message}`);
  return res.data;
}

async function code(socket: Socket, event: DiagnosticsRequestName, payload: unknown = {}): Promise<string> {
  const res = await ask(socket, event, payload);
  return res.ok ? 'OK' : res.error.code;
}

afterEach(() => {
  for (const s of sockets.splice(0)) s.disconnect();
});

/** Media workers, Socket.IO and the diagnostics namespace with the given limits (no web app). */
async function startDiagnosticsServer(limits: Partial<DiagnosticsLimits>) {
  const config = loadConfig(testEnv(await freeRtcBasePort(2), 2));
  const log = createLogger('silent');
  const pool = await WorkerPool.create(config.media, log);
  const httpServer = http.createServer();
  const io = new Server(httpServer, { serveClient: false });
  const usage: DiagnosticsUsage = registerDiagnostics(io, { pool, turn: config.turn, log, limits });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    pool,
    usage,
    close: async () => {
      await new Promise<void>((resolve) => void io.close(() => resolve()));
      pool.close();
    },
  };
}

describe('the /diagnostics namespace of the real server', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({ workers: 2 });
  });
  afterAll(async () => {
    await srv?.close();
  });

  it('opens a session on the least-loaded worker without a meeting token and frees it on disconnect', async () => {
    const socket = await open(srv.url);
    const start = await ok(socket, 'start');
    expect(start.routerRtpCapabilities.codecs?.length).toBeGreaterThan(0);
    expect(start.iceServers).toEqual([]);
    expect(start.sessionLimitMs).toBe(60_000);
    expect((await getStats(srv.url)).workerUsage.map((u) => u.routers).sort()).toEqual([0, 1]);
    expect(await code(socket, 'start')).toBe('LIMIT_REACHED');

    const udp = await ok(socket, 'createTransport', { direction: 'send', protocol: 'udp' });
    const tcp = await ok(socket, 'createTransport', { direction: 'recv', protocol: 'tcp' });
    expect(udp.iceCandidates.map((c) => c.protocol)).toEqual(['udp']);
    expect(tcp.iceCandidates.map((c) => c.protocol)).toEqual(['tcp']);
    expect(udp.iceCandidates[0]?.port).toBe(tcp.iceCandidates[0]?.port);

    socket.disconnect();
    await vi.waitFor(async () => {
      expect((await getStats(srv.url)).workerUsage.map((u) => u.routers)).toEqual([0, 0]);
      expect(await workerLeftovers(srv.server.pool)).toEqual(idleLeftovers(srv.server.pool));
    }, SLOW);
  });

  it('hands out signed TURN credentials when TURN is configured', async () => {
    const turnSrv = await startTestServer({
      workers: 1,
      env: { TURN_URLS: 'turn:127.0.0.1:3478', TURN_SECRET: 'a-secret-of-enough-length' },
    });
    try {
      const socket = await open(turnSrv.url);
      const { iceServers } = await ok(socket, 'start');
      expect(iceServers).toHaveLength(1);
      expect(iceServers[0]?.urls).toEqual(['turn:127.0.0.1:3478']);
      expect(iceServers[0]?.username).toMatch(/^\d+:[0-9a-f-]{36}$/);
      expect(iceServers[0]?.credential).toBeTruthy();
    } finally {
      for (const s of sockets.splice(0)) s.disconnect();
      await turnSrv.close();
    }
  });
});

describe('diagnostics sessions', () => {
  let srv: Awaited<ReturnType<typeof startDiagnosticsServer>>;
  beforeAll(async () => {
    srv = await startDiagnosticsServer({ perProcess: 50, perAddress: 50, startsPerMinute: 1000 });
  });
  afterAll(async () => {
    await srv?.close();
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await vi.waitFor(() => expect(srv.usage.sessions).toBe(0), SLOW);
    await vi.waitFor(
      async () => expect(await workerLeftovers(srv.pool)).toEqual(idleLeftovers(srv.pool)),
      SLOW,
    );
  });

  it('loops the caller’s own stream back, and only its own', async () => {
    const [alice, bob] = [await open(srv.url), await open(srv.url)];
    const start = await ok(alice, 'start');
    await ok(bob, 'start');
    const send = await ok(alice, 'createTransport', { direction: 'send', protocol: 'any' });
    const recv = await ok(alice, 'createTransport', { direction: 'recv', protocol: 'any' });
    expect(new Set(send.iceCandidates.map((c) => c.protocol))).toEqual(new Set(['udp', 'tcp']));
    await ok(alice, 'connectTransport', { transportId: send.id, dtlsParameters: fakeDtlsParameters() });
    const { producerId } = await ok(alice, 'produce', {
      transportId: send.id,
      kind: 'video',
      rtpParameters: vp8RtpParameters(),
    });
    const rtpCapabilities = clientRtpCapabilities(start.routerRtpCapabilities);
    const consumer = await ok(alice, 'consume', { transportId: recv.id, producerId, rtpCapabilities });
    expect(consumer).toMatchObject({ producerId, kind: 'video' });
    await ok(alice, 'resume', { consumerId: consumer.id });
    const stats = await ok(alice, 'serverStats', { transportId: send.id });
    expect(stats).toMatchObject({ iceState: 'new', protocol: null, bytesReceived: 0 });
    // No RTP has arrived, so the producer has no score yet; the consumer has one from the start.
    expect(stats.scores).toEqual([]);
    expect((await ok(alice, 'serverStats', { transportId: recv.id })).scores).toHaveLength(1);

    // Another tester's stream is not reachable from here, nor is a transport of the wrong kind.
    const bobRecv = await ok(bob, 'createTransport', { direction: 'recv', protocol: 'udp' });
    expect(await code(bob, 'consume', { transportId: bobRecv.id, producerId, rtpCapabilities })).toBe(
      'NOT_FOUND',
    );
    expect(await code(alice, 'consume', { transportId: send.id, producerId, rtpCapabilities })).toBe(
      'WRONG_TRANSPORT',
    );
    expect(await code(alice, 'serverStats', { transportId: bobRecv.id })).toBe('NOT_FOUND');

    await ok(alice, 'closeTransport', { transportId: recv.id });
    expect(await code(alice, 'resume', { consumerId: consumer.id })).toBe('NOT_FOUND');
  });

  it('refuses bad or early requests with a code and changes nothing', async () => {
    const socket = await open(srv.url);
    expect(await code(socket, 'createTransport', { direction: 'send', protocol: 'udp' })).toBe('NOT_JOINED');
    expect(await code(socket, 'ping')).toBe('OK');
    await ok(socket, 'start');
    expect(await code(socket, 'createTransport', { direction: 'up', protocol: 'udp' })).toBe('BAD_REQUEST');
    expect(await code(socket, 'createTransport', { direction: 'send', protocol: 'sctp' })).toBe(
      'BAD_REQUEST',
    );
    expect(await code(socket, 'joinRoom' as DiagnosticsRequestName, { callId: 'x' })).toBe('BAD_REQUEST');
    expect(await code(socket, 'connectTransport', { transportId: 'nope', dtlsParameters: {} })).toBe(
      'BAD_REQUEST',
    );
    for (let i = 0; i < 4; i++) await ok(socket, 'createTransport', { direction: 'recv', protocol: 'udp' });
    expect(await code(socket, 'createTransport', { direction: 'recv', protocol: 'udp' })).toBe(
      'LIMIT_REACHED',
    );
    expect(await workerLeftovers(srv.pool).then((w) => w.flatMap((x) => x.webRtcTransportIds))).toHaveLength(
      4,
    );
  });
});

describe('diagnostics limits', () => {
  it('caps sessions per process and per address before creating anything', async () => {
    const srv = await startDiagnosticsServer({ perProcess: 3, perAddress: 2, startsPerMinute: 1000 });
    try {
      const [a, b, c] = [await open(srv.url), await open(srv.url), await open(srv.url)];
      await ok(a, 'start');
      await ok(b, 'start');
      const refused = await ask(c, 'start');
      expect(refused).toMatchObject({ ok: false, error: { code: 'LIMIT_REACHED' } });
      expect(!refused.ok && refused.error.message).toMatch(/close the other test pages/);
      expect(srv.usage.sessions).toBe(2);
      expect((await workerLeftovers(srv.pool)).flatMap((w) => w.routerIds)).toHaveLength(2);

      a.disconnect();
      await vi.waitFor(() => expect(srv.usage.sessions).toBe(1), SLOW);
      await ok(c, 'start');
      expect((await workerLeftovers(srv.pool)).flatMap((w) => w.routerIds)).toHaveLength(2);
    } finally {
      for (const s of sockets.splice(0)) s.disconnect();
      await srv.close();
    }
  });

  it('caps the sessions of the whole process', async () => {
    const srv = await startDiagnosticsServer({ perProcess: 1, perAddress: 5, startsPerMinute: 1000 });
    try {
      const [a, b] = [await open(srv.url), await open(srv.url)];
      await ok(a, 'start');
      const refused = await ask(b, 'start');
      expect(refused).toMatchObject({ ok: false, error: { code: 'LIMIT_REACHED' } });
      expect(!refused.ok && refused.error.message).toMatch(/too many connection tests/);
      expect((await workerLeftovers(srv.pool)).flatMap((w) => w.routerIds)).toHaveLength(1);
    } finally {
      for (const s of sockets.splice(0)) s.disconnect();
      await srv.close();
    }
  });

  it('rate-limits the starts of one address', async () => {
    const srv = await startDiagnosticsServer({ perProcess: 10, perAddress: 10, startsPerMinute: 2 });
    try {
      for (let i = 0; i < 2; i++) {
        const s = await open(srv.url);
        await ok(s, 'start');
        s.disconnect();
      }
      await vi.waitFor(() => expect(srv.usage.sessions).toBe(0), SLOW);
      const third = await open(srv.url);
      const refused = await ask(third, 'start');
      expect(refused).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
      expect(srv.usage.sessions).toBe(0);
      expect(await workerLeftovers(srv.pool)).toEqual(idleLeftovers(srv.pool));
    } finally {
      for (const s of sockets.splice(0)) s.disconnect();
      await srv.close();
    }
  });

  it('ends a session at its time limit and frees everything', async () => {
    const srv = await startDiagnosticsServer({ sessionLimitMs: 400 });
    try {
      const socket = await open(srv.url);
      const expired = new Promise((resolve) => socket.once('expired', resolve));
      const closed = new Promise((resolve) => socket.once('disconnect', resolve));
      await ok(socket, 'start');
      await ok(socket, 'createTransport', { direction: 'send', protocol: 'any' });
      await expect(expired).resolves.toEqual({ reason: 'time limit' });
      await expect(closed).resolves.toBe('io server disconnect');
      expect(srv.usage.sessions).toBe(0);
      expect(await workerLeftovers(srv.pool)).toEqual(idleLeftovers(srv.pool));
    } finally {
      await srv.close();
    }
  });
});
