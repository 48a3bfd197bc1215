/**
 * Builds the running service: media worker pool, rooms, HTTP server (ops routes + the web app
 * handler), Socket.IO signaling. Returned `close()` notifies peers and frees everything.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { Server } from 'socket.io';
import type { Config } from '@/lib/config';
import type { Logger } from '@/lib/log';
import { stampClientInfo } from '@/lib/http/clientInfo';
import { handleOpsRequest } from '@/lib/http/opsRoutes';
import { registerSignaling, type SignalingServer } from '@/lib/signaling/handlers';
import { registerDiagnostics } from '@/lib/signaling/diagnostics/registerDiagnostics';
import { MAX_SIGNALING_MESSAGE_BYTES } from '@/lib/protocol';
import { RoomRegistry } from '@/lib/sfu/RoomRegistry';
import { WorkerPool } from '@/lib/sfu/WorkerPool';
import { getAuthSecret } from '@/lib/auth/authSecret';
import type { Db } from '@/lib/db/schema';
import { databaseRecords } from '@/lib/meetings/dbRecords';
import { MeetingRegistry } from '@/lib/meetings/MeetingRegistry';
import type { Membership } from '@/lib/meetings/Membership';
import { ResumeRegistry } from '@/lib/meetings/ResumeRegistry';
import { storageFor } from '@/lib/recording/RecordingStorage';
import { RecordingService } from '@/lib/recording/RecordingService';

export type AppHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface RunningServer {
  httpServer: http.Server;
  io: SignalingServer;
  pool: WorkerPool;
  registry: RoomRegistry;
  meetings: MeetingRegistry;
  /** Resume tokens and grace periods of participants whose signaling dropped. */
  resumes: ResumeRegistry<Membership>;
  recordings: RecordingService;
  /** The bound port (useful with PORT=0). */
  port: number;
  /** True from the start of a drain until the server is closed. */
  readonly draining: boolean;
  /**
   * Refuses new meetings, keeps running ones until they are all empty or `deadlineMs` (default
   * DRAIN_TIMEOUT_S) has passed, then closes; resolves once closed.
   */
  drain(deadlineMs?: number): Promise<void>;
  /** Tells every client the server restarts, closes every meeting and frees everything. */
  close(): Promise<void>;
}

/** When clients should come back after `serverRestarting`: a restarted process is up by then. */
export const RESTART_AFTER_MS = 2_000;
/** How often a drain looks whether every meeting has ended. */
const DRAIN_CHECK_MS = 250;

export const SERVICE_NAME = 'idea-communicator';
const ROOMS_CREATED_PER_CONNECTION = 10;
/** Meetings this process keeps live at once (people in them or waiting); newcomers past it are refused. */
const MAX_LIVE_MEETINGS = 10_000;

export interface ServerParts {
  /** The open database (meetings, chat, attendance, revocations). */
  db: Db;
  /** The web app; without it only the ops routes and signaling are served. */
  appHandler?: AppHandler;
}

export async function startServer(config: Config, log: Logger, parts: ServerParts): Promise<RunningServer> {
  const { appHandler } = parts;
  const secret = await getAuthSecret(config);
  const pool = await WorkerPool.create(config.media, log);
  const registry = new RoomRegistry(pool, config, log);
  const meetings = new MeetingRegistry(databaseRecords(parts.db), {
    openMeetings: config.openMeetings,
    maxLive: MAX_LIVE_MEETINGS,
  });
  const resumes = new ResumeRegistry<Membership>({ graceMs: config.resilience.resumeGraceMs });
  const recordings = new RecordingService({
    config: config.recording,
    db: parts.db,
    storage: storageFor(config.recording),
    log: log.child({ component: 'recording' }),
  });
  await recordings.recoverUnfinished().catch((err: unknown) => {
    log.error({ err }, 'checking for unfinished recordings failed');
  });

  const httpServer = http.createServer((req, res) => {
    const ops = { pool, registry, meetings, service: SERVICE_NAME, draining: () => meetings.draining };
    if (handleOpsRequest(req, res, ops)) return;
    stampClientInfo(req, config.http.trustProxy);
    if (!appHandler) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'no such route' } }));
      return;
    }
    Promise.resolve(appHandler(req, res)).catch((err: unknown) => {
      log.error({ err, url: req.url }, 'request handler failed');
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  const io: SignalingServer = new Server(httpServer, {
    maxHttpBufferSize: MAX_SIGNALING_MESSAGE_BYTES,
    cors: config.http.corsOrigins ? { origin: config.http.corsOrigins, credentials: true } : undefined,
    serveClient: false,
  });
  registerSignaling(io, {
    registry,
    meetings,
    secret,
    limits: { ...config.limits, roomsCreatedPerConnection: ROOMS_CREATED_PER_CONNECTION },
    turn: config.turn,
    resumes,
    recordings,
    log,
  });
  registerDiagnostics(io, { pool, turn: config.turn, log });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.http.port, config.http.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;

  let closing: Promise<void> | undefined;
  let drainCheck: NodeJS.Timeout | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      clearInterval(drainCheck);
      // Recordings finish their files while the media still flows, before the rooms close.
      await recordings.close().catch((err: unknown) => log.error({ err }, 'finishing recordings failed'));
      io.emit('serverRestarting', { afterMs: RESTART_AFTER_MS });
      // Peers kept for a resume have no socket to be cut: they leave with their room.
      const kept = resumes.close();
      registry.closeAll('server-shutdown');
      for (const membership of kept) membership.leave();
      // Give the roomClosed notifications a moment to leave before sockets are cut.
      await new Promise((r) => setTimeout(r, 100));
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
      pool.close();
      httpServer.closeAllConnections();
    })());

  let draining: Promise<void> | undefined;
  const drain = (deadlineMs = config.resilience.drainTimeoutMs): Promise<void> => {
    if (closing) return closing;
    draining ??= new Promise<void>((resolve) => {
      meetings.startDraining();
      const deadline = Date.now() + deadlineMs;
      log.info({ deadlineMs }, 'draining: no new meetings; closing when the running ones end');
      const check = () => {
        const busy = meetings.size > 0 || [...registry.rooms()].some((r) => r.peers.size > 0);
        if (busy && Date.now() < deadline) return;
        clearInterval(drainCheck);
        resolve(close());
      };
      drainCheck = setInterval(check, DRAIN_CHECK_MS);
      check();
    });
    return draining;
  };

  return {
    httpServer,
    io,
    pool,
    registry,
    meetings,
    resumes,
    recordings,
    port,
    get draining() {
      return meetings.draining && !closing;
    },
    drain,
    close,
  };
}
