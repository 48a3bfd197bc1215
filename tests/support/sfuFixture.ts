/**
 * The shared setup of tests on the media plane's classes (Room, Peer, RoomRegistry): one real
 * media worker on free ports for the file, rooms closed after each test, and small helpers to
 * join peers that record their notifications and to read the code of a refusal.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { loadConfig, type Config } from '@/lib/config';
import { createLogger, type Logger } from '@/lib/log';
import { ProtocolError, type ErrorCode } from '@/lib/protocol';
import type { Peer } from '@/lib/sfu/Peer';
import { Room } from '@/lib/sfu/Room';
import { WorkerPool } from '@/lib/sfu/WorkerPool';
import { clientRtpCapabilities } from './fakeMedia';
import { notifyRecorder, type NotifyRecorder } from './notifyRecorder';
import { freeRtcBasePort } from './ports';
import { testEnv } from './testServer';

export interface SfuFixture {
  config: Config;
  log: Logger;
  /** The worker pool (available once the file's beforeAll ran). */
  pool(): WorkerPool;
  /** A room on the pool, closed after the test. */
  newRoom(): Promise<Room>;
  join(room: Room, userId: string): { peer: Peer; rec: NotifyRecorder };
  sendTransport(room: Room, peer: Peer): Promise<string>;
}

/** Call at the top of a test file; `env` adds limits (e.g. MAX_PEERS_PER_ROOM). */
export async function sfuFixture(env: Record<string, string> = {}): Promise<SfuFixture> {
  const log = createLogger('silent');
  const config = loadConfig(testEnv(await freeRtcBasePort(1), 1, env));
  const rooms: Room[] = [];
  let pool: WorkerPool | undefined;
  let seq = 0;
  beforeAll(async () => {
    pool = await WorkerPool.create(config.media, log);
  });
  afterEach(() => {
    for (const room of rooms.splice(0)) room.close('closed');
  });
  afterAll(() => pool?.close());
  const thePool = (): WorkerPool => {
    if (!pool) throw new Error('the worker pool starts in beforeAll');
    return pool;
  };
  return {
    config,
    log,
    pool: thePool,
    newRoom: async () => {
      const room = await Room.create(`room-${++seq}`, thePool(), config, log);
      rooms.push(room);
      return room;
    },
    join: (room, userId) => {
      const rec = notifyRecorder();
      const peer = room.join(userId, clientRtpCapabilities(room.rtpCapabilities), rec.notify);
      return { peer, rec };
    },
    sendTransport: async (room, peer) => (await room.createTransport(peer, 'send')).id,
  };
}

/** The code of the ProtocolError the action throws; fails if it succeeds or throws anything else. */
export async function codeOf(action: () => unknown): Promise<ErrorCode> {
  try {
    await action();
  } catch (err) {
    if (err instanceof ProtocolError) return err.code as ErrorCode;
    throw err;
  }
  throw new Error('expected a ProtocolError, but the action succeeded');
}
