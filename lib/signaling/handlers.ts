/**
 * Socket.IO signaling: validate → authorise → call Room/Peer → ack. Requests of one socket are
 * handled one at a time, in order, so a client cannot race its own join/leave.
 */
import type { Server, Socket } from 'socket.io';
import type { Config } from '@/lib/config';
import type { Logger } from '@/lib/log';
import type { Peer } from '@/lib/sfu/Peer';
import type { Room } from '@/lib/sfu/Room';
import type { RoomRegistry } from '@/lib/sfu/RoomRegistry';
import {
  ErrorCode,
  REQUEST_NAMES,
  requestSchemas,
  type Ack,
  type ClientToServerEvents,
  type RequestName,
  type RequestPayload,
  type ResultMap,
  type ServerToClientEvents,
} from './protocol';
import { SignalingError } from './SignalingError';

export type SignalingServer = Server<ClientToServerEvents, ServerToClientEvents>;
type TypedSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

interface Session {
  socket: TypedSocket;
  /** Connection logger; `log` adds the room/peer while joined. */
  baseLog: Logger;
  log: Logger;
  room?: Room;
  peer?: Peer;
  roomsCreated: number;
}
interface Joined extends Session {
  room: Room;
  peer: Peer;
}

type Handler<E extends RequestName> = (
  s: Session,
  p: RequestPayload<E>,
) => Promise<ResultMap[E]> | ResultMap[E];

export interface SignalingDeps {
  registry: RoomRegistry;
  limits: Config['limits'] & { roomsCreatedPerConnection: number };
  log: Logger;
}

export function registerSignaling(io: SignalingServer, deps: SignalingDeps): void {
  const handlers = createHandlers(deps);
  io.on('connection', (socket) => {
    const baseLog = deps.log.child({ socket: socket.id });
    const session: Session = { socket, baseLog, log: baseLog, roomsCreated: 0 };
    let queue: Promise<void> = Promise.resolve();
    // Incoming events are validated at run time below, so the raw (untyped) socket is used here.
    const raw = socket as unknown as Socket;

    for (const event of REQUEST_NAMES) {
      raw.on(event, (...args: unknown[]) => {
        const ack =
          typeof args.at(-1) === 'function' ? (args.pop() as (res: Ack<unknown>) => void) : undefined;
        const payload: unknown = args[0];
        queue = queue.then(() => dispatch(session, event, payload, ack, handlers));
      });
    }
    raw.onAny((event: string, ...args: unknown[]) => {
      const ack = args.at(-1);
      if (!(REQUEST_NAMES as string[]).includes(event) && typeof ack === 'function') {
        (ack as (res: Ack<never>) => void)({
          ok: false,
          error: { code: ErrorCode.BAD_REQUEST, message: `unknown event "${event.slice(0, 64)}"` },
        });
      }
    });
    socket.on('disconnect', (reason) => {
      queue = queue.then(() => {
        session.log.debug({ reason }, 'socket disconnected');
        leave(session);
      });
    });
  });
}

async function dispatch(
  session: Session,
  event: RequestName,
  payload: unknown,
  ack: ((res: Ack<unknown>) => void) | undefined,
  handlers: { [E in RequestName]: Handler<E> },
): Promise<void> {
  const parsed = requestSchemas[event].safeParse(payload);
  if (!parsed.success) {
    const message = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`)
      .join('; ');
    ack?.({ ok: false, error: { code: ErrorCode.BAD_REQUEST, message: `invalid ${event}: ${message}` } });
    return;
  }
  try {
    const handler = handlers[event] as Handler<typeof event>;
    const data = await handler(session, parsed.data as RequestPayload<typeof event>);
    ack?.({ ok: true, data });
  } catch (err) {
    if (err instanceof SignalingError) {
      session.log.debug({ event, code: err.code, msg: err.message }, 'request refused');
      ack?.({ ok: false, error: err.toWire() });
    } else {
      session.log.error({ event, err }, 'request failed');
      ack?.({ ok: false, error: { code: ErrorCode.INTERNAL, message: `${event} failed on the server` } });
    }
  }
}

function joined(s: Session): Joined {
  if (s.room?.closed) {
    delete s.room;
    delete s.peer;
    throw new SignalingError(ErrorCode.ROOM_CLOSED, 'the meeting was closed; join again');
  }
  if (!s.room || !s.peer) throw new SignalingError(ErrorCode.NOT_JOINED, 'join a meeting first (joinRoom)');
  return s as Joined;
}

function leave(s: Session): void {
  if (s.room && s.peer) s.room.leave(s.peer);
  delete s.room;
  delete s.peer;
  s.log = s.baseLog;
}

function createHandlers({ registry, limits }: SignalingDeps): { [E in RequestName]: Handler<E> } {
  async function roomFor(s: Session, callId: string): Promise<Room> {
    const existing = registry.get(callId);
    if (existing && !existing.closed) return existing;
    if (!registry.has(callId)) {
      if (s.roomsCreated >= limits.roomsCreatedPerConnection) {
        throw new SignalingError(ErrorCode.LIMIT_REACHED, 'too many new meetings from this connection');
      }
      s.roomsCreated++;
    }
    return registry.getOrCreate(callId);
  }

  return {
    createRoom: async (s, { callId }) => {
      const room = await roomFor(s, callId);
      return { rtpCapabilities: room.rtpCapabilities };
    },

    joinRoom: async (s, { callId, userId, rtpCapabilities }) => {
      if (s.room && !s.room.closed) {
        throw new SignalingError(
          ErrorCode.ALREADY_JOINED,
          `already in meeting ${s.room.callId}; leaveRoom first`,
        );
      }
      const room = await roomFor(s, callId);
      const peer = room.join(userId, rtpCapabilities, (event, ...args) => s.socket.emit(event, ...args));
      registry.markActive(room);
      s.room = room;
      s.peer = peer;
      s.log = s.baseLog.child({ room: callId, peer: peer.id });
      return {
        peerId: peer.id,
        peers: room.peerInfos(peer),
        rtpCapabilities: room.rtpCapabilities,
        activeSpeakerPeerId: room.activeSpeakerPeerId,
      };
    },

    createTransport: (s, { direction }) => {
      const { room, peer } = joined(s);
      return room.createTransport(peer, direction);
    },

    connectTransport: async (s, { transportId, dtlsParameters }) => {
      const { room, peer } = joined(s);
      await room.connectTransport(peer, transportId, dtlsParameters);
      return {};
    },

    produce: async (s, req) => {
      const { room, peer } = joined(s);
      return { producerId: await room.produce(peer, req) };
    },

    consume: (s, req) => {
      const { room, peer } = joined(s);
      return room.consume(peer, req);
    },

    resumeConsumer: async (s, { consumerId }) => {
      await joined(s).peer.consumer(consumerId).resume();
      return {};
    },

    pauseConsumer: async (s, { consumerId }) => {
      await joined(s).peer.consumer(consumerId).pause();
      return {};
    },

    getProducers: (s, { callId }) => {
      const { room, peer } = joined(s);
      if (callId !== room.callId) {
        throw new SignalingError(ErrorCode.NOT_JOINED, `you are not in meeting ${callId}`);
      }
      return { producers: room.producerInfos(peer) };
    },

    leaveRoom: (s) => {
      leave(s);
      return {};
    },

    closeProducer: (s, { producerId }) => {
      const { room, peer } = joined(s);
      room.closeProducer(peer, producerId);
      return {};
    },

    pauseProducer: async (s, { producerId }) => {
      const { room, peer } = joined(s);
      await room.setProducerPaused(peer, producerId, true);
      return {};
    },

    resumeProducer: async (s, { producerId }) => {
      const { room, peer } = joined(s);
      await room.setProducerPaused(peer, producerId, false);
      return {};
    },
  };
}
