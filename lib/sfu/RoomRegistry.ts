/**
 * All open rooms of this process. Creation is serialised per id (two sockets asking for the same
 * new room get the same Room), rooms close when their last peer leaves, and a room nobody joins
 * is closed after `emptyRoomTimeoutMs`.
 */
import type { Config } from '@/lib/config';
import type { Logger } from '@/lib/log';
import { Room, type RoomCloseReason } from './Room';
import type { WorkerPool } from './WorkerPool';

export class RoomRegistry {
  readonly #rooms = new Map<string, Room>();
  readonly #pending = new Map<string, Promise<Room>>();
  readonly #idleTimers = new Map<string, NodeJS.Timeout>();
  readonly #pool: WorkerPool;
  readonly #config: Pick<Config, 'limits' | 'media'>;
  readonly #log: Logger;

  constructor(pool: WorkerPool, config: Pick<Config, 'limits' | 'media'>, log: Logger) {
    this.#pool = pool;
    this.#config = config;
    this.#log = log;
  }

  get(callId: string): Room | undefined {
    return this.#rooms.get(callId);
  }

  has(callId: string): boolean {
    return this.#rooms.has(callId) || this.#pending.has(callId);
  }

  get size(): number {
    return this.#rooms.size;
  }

  rooms(): IterableIterator<Room> {
    return this.#rooms.values();
  }

  async getOrCreate(callId: string): Promise<Room> {
    const existing = this.#rooms.get(callId);
    if (existing) return existing;
    let pending = this.#pending.get(callId);
    if (!pending) {
      pending = this.#create(callId).finally(() => this.#pending.delete(callId));
      this.#pending.set(callId, pending);
    }
    return pending;
  }

  /** Called when a peer joins: the room is in use, stop its idle countdown. */
  markActive(room: Room): void {
    const t = this.#idleTimers.get(room.callId);
    if (t) clearTimeout(t);
    this.#idleTimers.delete(room.callId);
  }

  closeAll(reason: RoomCloseReason): void {
    for (const room of [...this.#rooms.values()]) room.close(reason);
  }

  async #create(callId: string): Promise<Room> {
    const room = await Room.create(callId, this.#pool, this.#config, this.#log);
    this.#rooms.set(callId, room);
    room.once('close', () => {
      this.markActive(room);
      if (this.#rooms.get(callId) === room) this.#rooms.delete(callId);
    });
    room.on('empty', () => room.close('closed'));
    this.#armIdleTimer(room);
    return room;
  }

  #armIdleTimer(room: Room): void {
    const timer = setTimeout(() => {
      this.#idleTimers.delete(room.callId);
      if (room.closed || room.peers.size > 0) return;
      // Someone is on the pre-join screen with a prepared join: wait for them.
      if (room.routers.placedCount > 0) return this.#armIdleTimer(room);
      room.close('closed');
    }, this.#config.limits.emptyRoomTimeoutMs);
    timer.unref();
    this.#idleTimers.set(room.callId, timer);
  }
}
