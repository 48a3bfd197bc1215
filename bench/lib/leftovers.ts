/** What soak runs measure once they are done: memory after settling, and media left behind. */
import { idleLeftovers, workerLeftovers } from '@/tests/support/mediaDump';
import type { TestServer } from '@/tests/support/testServer';
import { MB } from './results';

/**
 * Memory once the process has settled: several full collections with pauses between them, so V8
 * hands back the heap pages it only kept for the next burst of work (heapTotal swings by tens of
 * MB under load while heapUsed stays flat; sampling in the middle of that measures V8's slack,
 * not growth).
 */
export async function settledMemory(): Promise<{ rss: number; heapUsed: number }> {
  for (let i = 0; i < 4; i++) {
    globalThis.gc?.();
    await new Promise((r) => setTimeout(r, 250));
  }
  const m = process.memoryUsage();
  return { rss: m.rss / MB, heapUsed: m.heapUsed / MB };
}

/**
 * Routers, WebRTC transports, ICE fragments and tuples the media workers still hold, plus one if
 * a worker was replaced during the run (its dump would hide what the old one leaked).
 */
export async function workerObjectsLeft(srv: TestServer): Promise<number> {
  const leftovers = await workerLeftovers(srv.server.pool);
  const idle = idleLeftovers(srv.server.pool);
  const objects = leftovers.reduce(
    (sum, w) =>
      sum + w.routerIds.length + w.webRtcTransportIds.length + w.iceUsernameFragments + w.tupleHashes,
    0,
  );
  const pidsChanged = leftovers.some((w, i) => w.pid !== idle[i]?.pid) ? 1 : 0;
  return objects + pidsChanged;
}
