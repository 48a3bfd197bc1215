/**
 * Socket.IO signaling: identify (handshake) → validate → authorise → act → ack. Requests of one
 * socket are handled one at a time, in order, so a client cannot race its own join/leave.
 */
import type { Server, Socket } from 'socket.io';
import type { Config } from '@/lib/config';
import type { Logger } from '@/lib/log';
import type { MeetingRegistry } from '@/lib/meetings/MeetingRegistry';
import type { RoomRegistry } from '@/lib/sfu/RoomRegistry';
import { chatHandlers } from './chatHandlers';
import { HandshakeError, identify } from './identity';
import { leaveLobby } from './lobby';
import { mediaHandlers } from './mediaHandlers';
import { meetingHandlers } from './meetingHandlers';
import {
  ErrorCode,
  REQUEST_NAMES,
  requestSchemas,
  type Ack,
  type ClientToServerEvents,
  type RequestName,
  type RequestPayload,
  type ServerToClientEvents,
} from '@/lib/protocol';
import { createRateLimits } from './rateLimits';
import type { Handler, HandlerMap, Session } from './session';
import { ProtocolError } from '@/lib/protocol';

export type SignalingServer = Server<ClientToServerEvents, ServerToClientEvents>;

export interface SignalingDeps {
  registry: RoomRegistry;
  meetings: MeetingRegistry;
  /** Key that signs meeting tokens. */
  secret: Uint8Array;
  limits: Config['limits'] & { roomsCreatedPerConnection: number };
  log: Logger;
}

export function registerSignaling(io: SignalingServer, deps: SignalingDeps): void {
  const { registry, meetings, log } = deps;
  const rateLimits = createRateLimits();

  function leave(s: Session): void {
    const waitedIn = s.waitingIn;
    leaveLobby(s, registry);
    const { room, peer, attendanceId } = s;
    if (room && peer) room.leave(peer);
    if (attendanceId) {
      meetings.records.recordLeave(attendanceId).catch((err: unknown) => {
        s.log.error({ err }, 'recording the end of attendance failed');
      });
    }
    if (room) meetings.releaseIfIdle(room.callId, room.closed ? 0 : room.peers.size);
    else if (waitedIn) {
      // The last one waiting may leave after everyone in the call has gone.
      const current = registry.get(waitedIn.id);
      meetings.releaseIfIdle(waitedIn.id, current && !current.closed ? current.peers.size : 0);
    }
    delete s.room;
    delete s.peer;
    delete s.meeting;
    delete s.attendanceId;
    s.log = s.baseLog;
  }

  const handlers: HandlerMap<RequestName> = {
    ...mediaHandlers({ registry, meetings, limits: deps.limits, rateLimits, leave }),
    ...meetingHandlers({ registry, meetings }),
    ...chatHandlers({ records: meetings.records, rateLimits }),
  };

  io.use((socket, next) => {
    identify(socket, { secret: deps.secret, records: meetings.records })
      .then((identity) => {
        socket.data = { identity };
        next();
      })
      .catch((err: unknown) => {
        if (err instanceof HandshakeError) return next(err);
        log.error({ err }, 'handshake failed');
        next(new HandshakeError(ErrorCode.INTERNAL, 'the server could not check your access'));
      });
  });

  io.on('connection', (socket) => {
    const data = socket.data as { identity: Session['identity'] };
    const baseLog = log.child({ socket: socket.id, participant: data.identity.participantId });
    const session: Session = { socket, identity: data.identity, baseLog, log: baseLog, roomsCreated: 0 };
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
  handlers: HandlerMap<RequestName>,
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
    if (err instanceof ProtocolError) {
      session.log.debug({ event, code: err.code, msg: err.message }, 'request refused');
      ack?.({ ok: false, error: err.toWire() });
    } else {
      session.log.error({ event, err }, 'request failed');
      ack?.({ ok: false, error: { code: ErrorCode.INTERNAL, message: `${event} failed on the server` } });
    }
  }
}
