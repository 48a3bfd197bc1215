/**
 * The routers of one meeting, at most one per worker, and the pipes between them. A meeting
 * starts on one router (its home: speaker detection and recording live there). Once the routers
 * it has hold more than `maxConsumers` consumers each, a newcomer is placed on a new router on
 * the worker with the fewest consumers; a producer is piped (mediasoup's pipeToRouter) to
 * another router of the meeting the first time someone there consumes it, once per pair.
 *
 * Routers on one worker are never paired: pipeToRouter between two routers of the same worker
 * fails with mediasoup 3.15.8, and it would win nothing (one core either way).
 *
 * A router other than the home closes when its last participant leaves (its pipe transports go
 * with it). A router whose worker died is reported with `died`, with the participants it held.
 */
import { EventEmitter } from 'node:events';
import type { types } from 'mediasoup';
import type { Logger } from '@/lib/log';
import { ErrorCode, ProtocolError } from '@/lib/protocol';
import { mediaCodecs } from './mediaCodecs';
import type { Peer } from './Peer';
import type { WorkerPool, WorkerSlot } from './WorkerPool';

/** One router of the meeting and what placement needs to know of it. */
export interface RoomRouter {
  readonly router: types.Router;
  readonly slot: WorkerSlot;
  readonly workerIndex: number;
  /** Every consumer on this router: the participants', pipes to other routers, recording feeds. */
  consumers: number;
  readonly peers: Set<Peer>;
}

type RoomRoutersEvents = {
  /** The meeting opened a router on another worker. */
  added: [RoomRouter];
  /** A router's worker died; `peers` were on it. `home` is already another router if one is left. */
  died: [dead: RoomRouter, peers: Peer[]];
};

export class RoomRouters extends EventEmitter<RoomRoutersEvents> {
  readonly #callId: string;
  readonly #pool: WorkerPool;
  readonly #maxConsumers: number;
  readonly #log: Logger;
  /** Open routers by worker slot index. */
  readonly #routers = new Map<number, RoomRouter>();
  /** Routers being opened, by worker slot index (so two newcomers never open two on one worker). */
  readonly #opening = new Map<number, Promise<RoomRouter>>();
  readonly #placed = new Map<Peer, Promise<RoomRouter>>();
  /** Pipes made or in the making, by `producerId>routerId`: concurrent consumers share one. */
  readonly #pipes = new Map<string, Promise<void>>();
  #home: RoomRouter;
  #closed = false;

  private constructor(callId: string, pool: WorkerPool, maxConsumers: number, home: RoomRouter, log: Logger) {
    super();
    this.#callId = callId;
    this.#pool = pool;
    this.#maxConsumers = maxConsumers;
    this.#log = log;
    this.#home = home;
    this.#adopt(home);
  }

  /** Opens the home router on the pool's least loaded worker. */
  static async create(
    callId: string,
    pool: WorkerPool,
    maxConsumers: number,
    log: Logger,
  ): Promise<RoomRouters> {
    const home = await openRouter(callId, pool.leastLoaded());
    return new RoomRouters(callId, pool, maxConsumers, home, log);
  }

  get home(): RoomRouter {
    return this.#home;
  }

  get size(): number {
    return this.#routers.size;
  }

  /** Participants placed on a router: those in the room and those still on the pre-join screen. */
  get placedCount(): number {
    return this.#placed.size;
  }

  /** Open routers, home first. */
  list(): RoomRouter[] {
    return [this.#home, ...[...this.#routers.values()].filter((r) => r !== this.#home)].filter(
      (r) => this.#routers.get(r.workerIndex) === r,
    );
  }

  /** Decides where a newcomer's media goes; its transports wait for `of(peer)`. */
  place(peer: Peer): void {
    const chosen = this.#choose();
    if (!(chosen instanceof Promise)) {
      chosen.peers.add(peer);
      this.#placed.set(peer, Promise.resolve(chosen));
      return;
    }
    const placing = chosen.then((rr) => {
      rr.peers.add(peer);
      // Left while its router was opening: let the others waiting for it settle first.
      if (peer.closed) setImmediate(() => this.release(peer));
      return rr;
    });
    placing.catch(() => undefined); // reported to whoever awaits of(peer)
    this.#placed.set(peer, placing);
  }

  /** The router a participant's media is on (waits for its placement); ROOM_CLOSED if gone. */
  async of(peer: Peer): Promise<RoomRouter> {
    const rr = await this.#placed.get(peer)?.catch(() => undefined);
    if (!rr || rr.router.closed || peer.closed) {
      throw new ProtocolError(ErrorCode.ROOM_CLOSED, 'your part of the meeting was closed; rejoin');
    }
    return rr;
  }

  /** The router a participant is on, if placed already. */
  placedOn(peer: Peer): RoomRouter | undefined {
    for (const rr of this.#routers.values()) if (rr.peers.has(peer)) return rr;
    return undefined;
  }

  /** Forgets a participant who left; its router closes if nobody else needs it. */
  release(peer: Peer): void {
    this.#placed.delete(peer);
    const rr = this.placedOn(peer);
    if (!rr) return;
    rr.peers.delete(peer);
    this.#closeIfUnused(rr);
  }

  /**
   * The viewer's router, with the owner's producer made consumable there (piped if the owner is
   * on another router). NOT_FOUND if the producer closed meanwhile.
   */
  async reach(producerId: string, owner: Peer, viewer: Peer): Promise<RoomRouter> {
    const to = await this.of(viewer);
    try {
      await this.pipe(producerId, await this.of(owner), to);
    } catch (err) {
      if (!owner.closed && owner.producers.has(producerId)) throw err;
      throw new ProtocolError(ErrorCode.NOT_FOUND, `producer ${producerId} has just closed`);
    }
    return to;
  }

  /** Makes `producerId` (on `from`) consumable on `to`: pipes it the first time, then reuses it. */
  pipe(producerId: string, from: RoomRouter, to: RoomRouter): Promise<void> {
    if (from === to) return Promise.resolve();
    const key = `${producerId}>${to.router.id}`;
    let piping = this.#pipes.get(key);
    if (!piping) {
      piping = from.router.pipeToRouter({ producerId, router: to.router }).then(({ pipeProducer }) => {
        if (!pipeProducer) throw new Error(`producer ${producerId} was not piped`);
        // Gone with its producer, or with the pipe transports when either router closes.
        pipeProducer.observer.once('close', () => this.#pipes.delete(key));
        this.#log.debug({ producer: producerId, from: from.workerIndex, to: to.workerIndex }, 'piped');
      });
      piping.catch(() => this.#pipes.delete(key));
      this.#pipes.set(key, piping);
    }
    return piping;
  }

  /**
   * Makes one of the meeting's producers consumable on `router` (one of the meeting's), piping it
   * there if need be (recording uses the home router). False if nobody here has that producer.
   */
  async bring(producerId: string, router: types.Router): Promise<boolean> {
    const to = this.list().find((rr) => rr.router === router);
    const from = this.list().find((rr) => [...rr.peers].some((p) => p.producers.has(producerId)));
    if (!to || !from) return false;
    await this.pipe(producerId, from, to);
    return true;
  }

  /** Closes every router. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const rr of [...this.#routers.values()]) rr.router.close();
    this.#routers.clear();
    this.#placed.clear();
  }

  /**
   * What a router carries: its consumers now, or (if more) what its participants will consume once
   * everyone placed so far sends a camera and a microphone. People are placed when they open the
   * pre-join screen, before anyone consumes, so counting only the consumers of the moment would
   * put a whole meeting that arrives together on one router.
   */
  #load(rr: RoomRouter): number {
    return Math.max(rr.consumers, rr.peers.size * 2 * (this.#placed.size - 1));
  }

  /** An open router with room to spare, else a router being opened, else a new one. */
  #choose(): RoomRouter | Promise<RoomRouter> {
    if (this.#closed) return Promise.reject(new Error('the meeting is closed'));
    const open = this.list();
    // Fill the routers the meeting has (home first) before opening another: fewer pipes.
    const roomy = open.find((rr) => this.#load(rr) < this.#maxConsumers);
    if (roomy) return roomy;
    const opening = this.#opening.values().next();
    if (!opening.done) return opening.value;
    const free = this.#pool.slots.filter(
      (s) => !s.worker.died && !s.worker.closed && !this.#routers.has(s.index),
    );
    if (free.length === 0) {
      // Every worker has a router of this meeting: the one with the fewest consumers.
      const least = open.reduce<RoomRouter | undefined>(
        (a, b) => (!a || this.#load(b) < this.#load(a) ? b : a),
        undefined,
      );
      return least ?? Promise.reject(new Error('no media worker is available'));
    }
    const slot = free.reduce((a, b) => (b.consumers < a.consumers ? b : a));
    const promise = openRouter(this.#callId, slot)
      .then((rr) => {
        if (this.#closed) {
          rr.router.close();
          throw new Error('the meeting is closed');
        }
        this.#adopt(rr);
        this.emit('added', rr);
        this.#log.info({ worker: rr.workerIndex, routers: this.#routers.size }, 'meeting spread to a worker');
        return rr;
      })
      .finally(() => this.#opening.delete(slot.index));
    this.#opening.set(slot.index, promise);
    return promise;
  }

  #adopt(rr: RoomRouter): void {
    this.#routers.set(rr.workerIndex, rr);
    rr.router.observer.once('close', () => {
      if (this.#routers.get(rr.workerIndex) === rr) this.#routers.delete(rr.workerIndex);
    });
    rr.router.once('workerclose', () => this.#onWorkerClosed(rr));
  }

  #onWorkerClosed(dead: RoomRouter): void {
    if (this.#routers.get(dead.workerIndex) === dead) this.#routers.delete(dead.workerIndex);
    const peers = [...dead.peers];
    for (const peer of peers) this.#placed.delete(peer);
    dead.peers.clear();
    if (dead === this.#home) {
      const next = this.#routers.values().next();
      if (!next.done) this.#home = next.value;
    }
    this.emit('died', dead, peers);
  }

  #closeIfUnused(rr: RoomRouter): void {
    if (rr === this.#home || rr.peers.size > 0 || rr.router.closed) return;
    rr.router.close();
    this.#log.info({ worker: rr.workerIndex, routers: this.#routers.size }, 'router of the meeting closed');
  }
}

/** Opens a router of the meeting on `slot`, counting its consumers as they come and go. */
async function openRouter(callId: string, slot: WorkerSlot): Promise<RoomRouter> {
  const router = await slot.worker.createRouter({ mediaCodecs, appData: { callId } });
  const rr: RoomRouter = { router, slot, workerIndex: slot.index, consumers: 0, peers: new Set() };
  router.observer.on('newtransport', (transport) => {
    transport.observer.on('newconsumer', (consumer) => {
      rr.consumers++;
      consumer.observer.once('close', () => rr.consumers--);
    });
  });
  return rr;
}
