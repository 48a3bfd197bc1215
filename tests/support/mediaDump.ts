/**
 * What the media workers themselves still hold, read from mediasoup's dumps (not from the
 * server's own bookkeeping): used to prove that cleanup really freed everything.
 */
import type { WorkerPool } from '@/lib/sfu/WorkerPool';

export interface WorkerLeftovers {
  index: number;
  pid: number;
  routerIds: string[];
  /** Transports still registered with the worker's WebRtcServer (its shared UDP/TCP port). */
  webRtcTransportIds: string[];
  iceUsernameFragments: number;
  tupleHashes: number;
}

export async function workerLeftovers(pool: WorkerPool): Promise<WorkerLeftovers[]> {
  return Promise.all(
    pool.slots.map(async (slot) => {
      const worker = await slot.worker.dump();
      const server = slot.webRtcServer ? await slot.webRtcServer.dump() : undefined;
      return {
        index: slot.index,
        pid: worker.pid,
        routerIds: worker.routerIds,
        webRtcTransportIds: server?.webRtcTransportIds ?? [],
        iceUsernameFragments: server?.localIceUsernameFragments.length ?? 0,
        tupleHashes: server?.tupleHashes.length ?? 0,
      };
    }),
  );
}

/** The leftovers of an idle pool: every worker alive with nothing on it. */
export function idleLeftovers(pool: WorkerPool): WorkerLeftovers[] {
  return pool.slots.map((slot) => ({
    index: slot.index,
    pid: slot.worker.pid,
    routerIds: [],
    webRtcTransportIds: [],
    iceUsernameFragments: 0,
    tupleHashes: 0,
  }));
}
