/**
 * The real server for scripts that run outside the test runner (benchmarks, `npm run fuzz`):
 * the same parts as testServer.ts (loopback, free media ports, silent logs) on a throwaway SQLite
 * file, without importing the test runner. The /stats helpers are here for the same reason.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '@/lib/config';
import { openDatabase } from '@/lib/db/database';
import type { Stats } from '@/lib/http/opsRoutes';
import { createLogger } from '@/lib/log';
import { startServer } from '@/lib/server/startServer';
import { freeRtcBasePort } from './ports';
import type { TestServer, TestServerOptions } from './testServer';

export async function startStandaloneServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ic-standalone-'));
  const workers = opts.workers ?? 2;
  const rtcBasePort = opts.rtcBasePort ?? (await freeRtcBasePort(workers));
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    RTC_LISTEN_IP: '127.0.0.1',
    ANNOUNCED_IP: '127.0.0.1',
    RTC_BASE_PORT: String(rtcBasePort),
    MEDIA_WORKERS: String(workers),
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    ...opts.env,
  });
  const handle = await openDatabase({ engine: 'sqlite', file: path.join(dataDir, 'standalone.sqlite') });
  const server = await startServer(config, createLogger('silent'), { db: handle.db });
  const database = {
    ...handle,
    drop: async () => {
      await handle.close();
    },
  };
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

export type Activity = Pick<
  Stats,
  'rooms' | 'peers' | 'transports' | 'producers' | 'consumers' | 'pausedConsumers'
>;

export const IDLE_ACTIVITY: Activity = {
  rooms: 0,
  peers: 0,
  transports: 0,
  producers: 0,
  consumers: 0,
  pausedConsumers: 0,
};

/** The /stats counters that must drop back to zero once everyone has left. */
export async function currentActivity(baseUrl: string): Promise<Activity> {
  const res = await fetch(`${baseUrl}/stats`);
  if (res.status !== 200) throw new Error(`/stats answered ${res.status}`);
  const s = (await res.json()) as Stats;
  const { rooms, peers, transports, producers, consumers, pausedConsumers } = s;
  return { rooms, peers, transports, producers, consumers, pausedConsumers };
}

/** Polls /stats until idle or `timeoutMs` passed; returns the last counters. */
export async function waitForIdle(baseUrl: string, timeoutMs = 15_000): Promise<Activity> {
  const deadline = Date.now() + timeoutMs;
  let now = await currentActivity(baseUrl);
  while (JSON.stringify(now) !== JSON.stringify(IDLE_ACTIVITY) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    now = await currentActivity(baseUrl);
  }
  return now;
}
