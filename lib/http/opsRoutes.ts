/** Operator endpoints served next to the app: GET /health and GET /stats. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RoomRegistry } from '@/lib/sfu/RoomRegistry';
import type { WorkerPool, WorkerUsage } from '@/lib/sfu/WorkerPool';

export interface Stats {
  rooms: number;
  peers: number;
  workers: number;
  transports: number;
  producers: number;
  consumers: number;
  /** Consumers currently paused on the server (by the viewer or because their producer is paused). */
  pausedConsumers: number;
  /** Meetings whose rules are held in memory: someone is in them, waiting, or joining. */
  liveMeetings: number;
  workerUsage: WorkerUsage[];
  /**
   * Each room's routers by worker (a room grows onto other workers once a router is full). Rooms
   * are numbered in the order listed: /stats is public, so no meeting id is shown.
   */
  roomRouters: RoomRouterStats[];
}

export interface RoomRouterStats {
  room: number;
  routers: Array<{ workerIndex: number; consumers: number; peers: number }>;
}

/** What /stats reads: the media side, and how many meetings are live. */
export interface OpsSources {
  pool: WorkerPool;
  registry: RoomRegistry;
  meetings: { readonly size: number };
}

export async function collectStats({ pool, registry, meetings }: OpsSources): Promise<Stats> {
  let peers = 0;
  let transports = 0;
  let producers = 0;
  let consumers = 0;
  let pausedConsumers = 0;
  const roomRouters: RoomRouterStats[] = [];
  for (const room of registry.rooms()) {
    roomRouters.push({
      room: roomRouters.length + 1,
      routers: room.routers.list().map((rr) => ({
        workerIndex: rr.workerIndex,
        consumers: rr.consumers,
        peers: rr.peers.size,
      })),
    });
    for (const peer of room.peers.values()) {
      peers++;
      transports += peer.transports.size;
      producers += peer.producers.size;
      consumers += peer.consumers.size;
      for (const c of peer.consumers.values()) if (c.paused || c.producerPaused) pausedConsumers++;
    }
  }
  return {
    rooms: registry.size,
    peers,
    workers: pool.size,
    transports,
    producers,
    consumers,
    pausedConsumers,
    liveMeetings: meetings.size,
    workerUsage: await pool.usage(),
    roomRouters,
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** Handles /health and /stats; returns false for any other path. */
export function handleOpsRequest(
  req: IncomingMessage,
  res: ServerResponse,
  deps: OpsSources & { service: string; draining?: () => boolean },
): boolean {
  const path = (req.url ?? '/').split('?')[0];
  if (path !== '/health' && path !== '/stats') return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    json(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: `use GET ${path}` } });
    return true;
  }
  if (path === '/health') {
    const alive = deps.pool.slots.some((s) => !s.worker.died && !s.worker.closed);
    // Draining before a restart: 503 so load balancers send new people elsewhere; the body says why.
    const draining = deps.draining?.() ?? false;
    json(res, alive && !draining ? 200 : 503, {
      status: !alive ? 'unhealthy' : draining ? 'draining' : 'healthy',
      draining,
      timestamp: new Date().toISOString(),
      service: deps.service,
    });
    return true;
  }
  collectStats(deps).then(
    (stats) => json(res, 200, stats),
    (err: Error) => json(res, 500, { error: { code: 'INTERNAL', message: err.message } }),
  );
  return true;
}
