/**
 * The real server for scripts that run outside the test runner (benchmarks, `npm run fuzz`):
 * the same parts as testServer.ts (loopback, free media ports, silent logs) on a throwaway SQLite
 * file, without importing the test runner. The /stats helpers are here for the same reason.
 */
import path from 'node:path';
import { openDatabase } from '@/lib/db/database';
import type { Stats } from '@/lib/http/opsRoutes';
import { launchTestServer, type TestServer, type TestServerOptions } from './serverLaunch';

export function startStandaloneServer(opts: TestServerOptions = {}): Promise<TestServer> {
  return launchTestServer(opts, async (dataDir) => {
    const handle = await openDatabase({ engine: 'sqlite', file: path.join(dataDir, 'standalone.sqlite') });
    return { ...handle, drop: () => handle.close() };
  });
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
