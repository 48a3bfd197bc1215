/**
 * Starts the real server (media workers, Socket.IO signaling, ops routes) on 127.0.0.1 with an
 * ephemeral HTTP port and a free block of media ports, so test files can run in parallel.
 */
import type { Stats } from '@/lib/http/opsRoutes';
import { launchTestServer, type TestServer, type TestServerOptions } from './serverLaunch';
import { createTestDatabase } from './testDatabases';

export { testEnv, type TestServer, type TestServerOptions } from './serverLaunch';

/**
 * The engine behind test servers: a throwaway SQLite file by default; a fresh database on the
 * test PostgreSQL server when IC_TEST_SERVER_ENGINE=postgres (scripts/test.sh runs the
 * integration tests both ways).
 */
function serverEngine(): 'sqlite' | 'postgres' {
  return process.env.IC_TEST_SERVER_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
}

export function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  return launchTestServer(opts, () => createTestDatabase(serverEngine()));
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
