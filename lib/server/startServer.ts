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
import { MAX_SIGNALING_MESSAGE_BYTES } from '@/lib/protocol';
import { RoomRegistry } from '@/lib/sfu/RoomRegistry';
import { WorkerPool } from '@/lib/sfu/WorkerPool';
import { getAuthSecret } from '@/lib/auth/authSecret';
import type { Db } from '@/lib/db/schema';
import { databaseRecords } from '@/lib/meetings/dbRecords';
import { MeetingRegistry } from '@/lib/meetings/MeetingRegistry';
import { storageFor } from '@/lib/recording/RecordingStorage';
import { RecordingService } from '@/lib/recording/RecordingService';

export type AppHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface RunningServer {
  httpServer: http.Server;
  io: SignalingServer;
  pool: WorkerPool;
  registry: RoomRegistry;
  meetings: MeetingRegistry;
  recordings: RecordingService;
  /** The bound port (useful with PORT=0). */
  port: number;
  close(): Promise<void>;
}

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
    if (handleOpsRequest(req, res, { pool, registry, meetings, service: SERVICE_NAME })) return;
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
    recordings,
    log,
  });

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
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      // Recordings finish their files while the media still flows, before the rooms close.
      await recordings.close().catch((err: unknown) => log.error({ err }, 'finishing recordings failed'));
      registry.closeAll('server-shutdown');
      // Give the roomClosed notifications a moment to leave before sockets are cut.
      await new Promise((r) => setTimeout(r, 100));
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
      pool.close();
      httpServer.closeAllConnections();
    })());

  return { httpServer, io, pool, registry, meetings, recordings, port, close };
}
