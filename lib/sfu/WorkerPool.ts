/**
 * One mediasoup worker per core. Each worker owns a WebRtcServer (one UDP+TCP port per worker)
 * unless a per-transport port range is configured. Rooms are placed on the least-loaded worker.
 * A worker that dies is logged, replaced at the same slot (same port), and reported through the
 * `workerDied` event; its routers close by themselves, which closes their rooms.
 */
import { EventEmitter } from 'node:events';
import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import type { Config } from '@/lib/config';
import type { Logger } from '@/lib/log';

export interface WorkerSlot {
  readonly index: number;
  worker: types.Worker;
  webRtcServer: types.WebRtcServer | undefined;
  /** Routers currently open on this worker: the placement load measure of new meetings. */
  routers: number;
  /** Consumers currently open on this worker: where a meeting spreads to when it outgrows a router. */
  consumers: number;
}

export interface WorkerUsage {
  index: number;
  pid: number;
  routers: number;
  consumers: number;
  /** CPU time used by the worker process, from getResourceUsage(). */
  cpuUserMs: number;
  cpuSystemMs: number;
  maxRssKb: number;
}

type PoolEvents = {
  workerDied: [index: number, pid: number];
  workerReplaced: [index: number, pid: number];
};

const RESTART_DELAYS_MS = [0, 500, 2000, 5000];

export class WorkerPool extends EventEmitter<PoolEvents> {
  readonly #config: Config['media'];
  readonly #log: Logger;
  readonly #slots: WorkerSlot[] = [];
  #closed = false;

  private constructor(config: Config['media'], log: Logger) {
    super();
    this.#config = config;
    this.#log = log.child({ component: 'worker-pool' });
  }

  static async create(config: Config['media'], log: Logger): Promise<WorkerPool> {
    const pool = new WorkerPool(config, log);
    for (let i = 0; i < config.workers; i++) {
      pool.#slots.push(await pool.#startSlot(i));
    }
    pool.#log.info(
      { workers: config.workers, ports: config.ports, announcedAddress: config.announcedAddress },
      'media workers ready',
    );
    return pool;
  }

  get size(): number {
    return this.#slots.length;
  }

  get slots(): readonly WorkerSlot[] {
    return this.#slots;
  }

  /** The live worker with the fewest routers (ties: lowest index). */
  leastLoaded(): WorkerSlot {
    let best: WorkerSlot | undefined;
    for (const slot of this.#slots) {
      if (slot.worker.died || slot.worker.closed) continue;
      if (!best || slot.routers < best.routers) best = slot;
    }
    if (!best) throw new Error('no media worker is available');
    return best;
  }

  /** Options for a WebRtcTransport on the given worker. */
  transportOptions(slot: WorkerSlot): types.WebRtcTransportOptions {
    const common = {
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: this.#config.initialAvailableOutgoingBitrate,
      iceConsentTimeout: this.#config.iceConsentTimeoutS,
    };
    if (slot.webRtcServer) return { ...common, webRtcServer: slot.webRtcServer };
    const ports = this.#config.ports;
    const portRange = ports.mode === 'range' ? { min: ports.min, max: ports.max } : undefined;
    return {
      ...common,
      listenInfos: (['udp', 'tcp'] as const).map((protocol) => ({
        protocol,
        ip: this.#config.listenIp,
        announcedAddress: this.#config.announcedAddress,
        portRange,
      })),
    };
  }

  async usage(): Promise<WorkerUsage[]> {
    return Promise.all(
      this.#slots.map(async (s) => {
        const u = s.worker.died || s.worker.closed ? undefined : await s.worker.getResourceUsage();
        return {
          index: s.index,
          pid: s.worker.pid,
          routers: s.routers,
          consumers: s.consumers,
          cpuUserMs: u?.ru_utime ?? 0,
          cpuSystemMs: u?.ru_stime ?? 0,
          maxRssKb: u?.ru_maxrss ?? 0,
        };
      }),
    );
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const s of this.#slots) s.worker.close();
  }

  async #startSlot(index: number): Promise<WorkerSlot> {
    const worker = await mediasoup.createWorker({
      logLevel: this.#config.logLevel,
      logTags: ['info', 'ice', 'dtls', 'rtp', 'srtp', 'rtcp'],
      appData: { index },
    });
    let webRtcServer: types.WebRtcServer | undefined;
    const ports = this.#config.ports;
    if (ports.mode === 'webrtc-server') {
      const port = ports.basePort + index;
      try {
        webRtcServer = await worker.createWebRtcServer({
          listenInfos: (['udp', 'tcp'] as const).map((protocol) => ({
            protocol,
            ip: this.#config.listenIp,
            announcedAddress: this.#config.announcedAddress,
            port,
          })),
        });
      } catch (err) {
        worker.close();
        throw new Error(
          `media worker ${index} cannot listen on UDP/TCP port ${port} (${(err as Error).message}). ` +
            'Free the port or set RTC_BASE_PORT to another base port.',
        );
      }
    }
    const slot: WorkerSlot = { index, worker, webRtcServer, routers: 0, consumers: 0 };
    worker.observer.on('newrouter', (router) => {
      slot.routers++;
      router.observer.once('close', () => slot.routers--);
      router.observer.on('newtransport', (transport) => {
        transport.observer.on('newconsumer', (consumer) => {
          slot.consumers++;
          consumer.observer.once('close', () => slot.consumers--);
        });
      });
    });
    worker.once('died', (error) => this.#onDied(slot, error));
    this.#log.debug({ index, pid: worker.pid }, 'media worker started');
    return slot;
  }

  #onDied(slot: WorkerSlot, error: Error): void {
    const pid = slot.worker.pid;
    this.#log.error({ index: slot.index, pid, err: error.message }, 'media worker died; replacing it');
    this.emit('workerDied', slot.index, pid);
    void this.#replace(slot.index, 0);
  }

  async #replace(index: number, attempt: number): Promise<void> {
    if (this.#closed) return;
    const delay = RESTART_DELAYS_MS[Math.min(attempt, RESTART_DELAYS_MS.length - 1)] ?? 5000;
    if (delay) await new Promise((r) => setTimeout(r, delay));
    if (this.#closed) return;
    try {
      const slot = await this.#startSlot(index);
      if (this.#closed) {
        slot.worker.close();
        return;
      }
      this.#slots[index] = slot;
      this.#log.warn({ index, pid: slot.worker.pid }, 'media worker replaced');
      this.emit('workerReplaced', index, slot.worker.pid);
    } catch (err) {
      this.#log.error(
        { index, attempt, err: (err as Error).message },
        'replacing media worker failed; retrying',
      );
      void this.#replace(index, attempt + 1);
    }
  }
}
