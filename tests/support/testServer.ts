/**
 * Starts the real server (media workers, Socket.IO signaling, ops routes) on 127.0.0.1 with an
 * ephemeral HTTP port and a free block of media ports, so test files can run in parallel.
 */
import { loadConfig, type Config } from '@/lib/config';
import { createLogger } from '@/lib/log';
import type { Stats } from '@/lib/http/opsRoutes';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DatabaseHandle } from '@/lib/db/database';
import { freeRtcBasePort } from './ports';
import { createTestDatabase } from './testDatabases';
import { startServer, type RunningServer } from '@/lib/server/startServer';

export interface TestServer {
  /** http://127.0.0.1:<port> */
  url: string;
  server: RunningServer;
  config: Config;
  /** The server's database (a fresh SQLite file, or PostgreSQL when `databaseUrl` is given). */
  database: DatabaseHandle;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** Worker i listens on UDP+TCP port rtcBasePort + i; by default a free block is found. */
  rtcBasePort?: number;
  workers?: number;
  /** Extra environment variables (e.g. limits). */
  env?: Record<string, string>;
}

/**
 * The engine behind test servers: a throwaway SQLite file by default; a fresh database on the
 * test PostgreSQL server when IC_TEST_SERVER_ENGINE=postgres (scripts/test.sh runs the
 * integration tests both ways).
 */
function serverEngine(): 'sqlite' | 'postgres' {
  return process.env.IC_TEST_SERVER_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
}

/** The environment every test server starts from: loopback only, silent, test mode. */
export function testEnv(
  rtcBasePort: number,
  workers = 1,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    RTC_LISTEN_IP: '127.0.0.1',
    ANNOUNCED_IP: '127.0.0.1',
    RTC_BASE_PORT: String(rtcBasePort),
    MEDIA_WORKERS: String(workers),
    LOG_LEVEL: 'silent',
    ...extra,
  };
}

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ic-test-'));
  const workers = opts.workers ?? 2;
  const rtcBasePort = opts.rtcBasePort ?? (await freeRtcBasePort(workers));
  const config = loadConfig(testEnv(rtcBasePort, workers, { DATA_DIR: dataDir, ...opts.env }));
  const database = await createTestDatabase(serverEngine());
  const server = await startServer(config, createLogger(process.env.IC_TEST_LOG ?? 'silent'), {
    db: database.db,
  });
  return {
    url: `http://127.0.0.1:${server.port}`,
    server,
    config,
    database,
    close: async () => {
      await server.close();
      await database.drop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface JsonResponse<T> {
  status: number;
  contentType: string | null;
  body: T;
}

export async function fetchJson<T = unknown>(url: string, init?: RequestInit): Promise<JsonResponse<T>> {
  const res = await fetch(url, init);
  const body = (await res.json()) as T;
  return { status: res.status, contentType: res.headers.get('content-type'), body };
}

export async function getStats(baseUrl: string): Promise<Stats> {
  const res = await fetchJson<Stats>(`${baseUrl}/stats`);
  if (res.status !== 200) throw new Error(`/stats answered ${res.status}`);
  return res.body;
}

/** The counters of /stats that must drop back to zero once everyone has left. */
export function activity(
  s: Stats,
): Pick<Stats, 'rooms' | 'peers' | 'transports' | 'producers' | 'consumers' | 'pausedConsumers'> {
  const { rooms, peers, transports, producers, consumers, pausedConsumers } = s;
  return { rooms, peers, transports, producers, consumers, pausedConsumers };
}

export const IDLE = { rooms: 0, peers: 0, transports: 0, producers: 0, consumers: 0, pausedConsumers: 0 };
