/**
 * Starting the real server for tests and scripts: loopback only, free media ports, silent logs,
 * a throwaway data folder. Imports nothing of the test runner, so `tsx` scripts (benchmarks,
 * `npm run fuzz`) and Vitest share it; each brings its own database.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '@/lib/config';
import type { DatabaseHandle } from '@/lib/db/database';
import { createLogger } from '@/lib/log';
import { startServer, type RunningServer } from '@/lib/server/startServer';
import { freeRtcBasePort } from './ports';

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

/** Starts the server on the database `openDb` gives (it is dropped on close). */
export async function launchTestServer(
  opts: TestServerOptions,
  openDb: (dataDir: string) => Promise<DatabaseHandle & { drop(): Promise<void> }>,
): Promise<TestServer> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ic-test-'));
  const workers = opts.workers ?? 2;
  const rtcBasePort = opts.rtcBasePort ?? (await freeRtcBasePort(workers));
  const config = loadConfig(testEnv(rtcBasePort, workers, { DATA_DIR: dataDir, ...opts.env }));
  const database = await openDb(dataDir);
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
