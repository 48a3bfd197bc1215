/**
 * Socket.IO signaling: identify (handshake) → validate → authorise → act → ack. Requests of one
 * socket are handled one at a time, in order, so a client cannot race its own join/leave.
 */
import type { Server, Socket } from 'socket.io';
import type { Config } from '@/lib/config';
import type { Logger } from '@/lib/log';
import type { MeetingRegistry } from '@/lib/meetings/MeetingRegistry';
import type { RoomRegistry } from '@/lib/sfu/RoomRegistry';
import { Membership } from '@/lib/meetings/Membership';
import type { PeerConnection } from '@/lib/sfu/Peer';
import { chatHandlers } from './chatHandlers';
import { connectionHandlers } from './connectionHandlers';
import { HandshakeError, identify, type Identity } from './identity';
import { layerHandlers } from './layerHandlers';
import { mediaHandlers } from './mediaHandlers';
import { meetingHandlers } from './meetingHandlers';
import { recordingHandlers } from './recordingHandlers';
import type { RecordingService } from '@/lib/recording/RecordingService';
import {
  endMembership,
  holdAfterDrop,
  isTransientDrop,
  resumeRequest,
  sendSnapshot,
  takeOver,
  type ResumeRequest,
  type Resumes,
} from './resume';
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
import { createRateLimits, spend, type SignalingRateLimits } from './rateLimits';
import type { Handler, HandlerMap, Session } from './session';
import { ProtocolError } from '@/lib/protocol';

export type SignalingServer = Server<ClientToServerEvents, ServerToClientEvents>;
type SignalingSocket = Parameters<Parameters<SignalingServer['on']>[1]>[0];

export interface SignalingDeps {
  registry: RoomRegistry;
  meetings: MeetingRegistry;
  /** Key that signs meeting tokens. */
  secret: Uint8Array;
  limits: Config['limits'] & { roomsCreatedPerConnection: number };
  /** TURN servers handed to participants (null: none configured). */
  turn: Config['turn'];
  /** Resume tokens and grace periods of members whose signaling dropped. */
  resumes: Resumes;
  /** Server-side recording; absent: recording requests are refused. */
  recordings?: RecordingService;
  log: Logger;
}

export function registerSignaling(io: SignalingServer, deps: SignalingDeps): void {
  const { registry, meetings, log, resumes } = deps;
  const rateLimits = createRateLimits();

  const handlers: HandlerMap<RequestName> = {
    ...mediaHandlers({ resumes: deps.resumes, turn: deps.turn }),
    ...meetingHandlers({ meetings }),
    ...chatHandlers({ records: meetings.records, rateLimits }),
    ...connectionHandlers({ turn: deps.turn }),
    ...recordingHandlers({ recordings: deps.recordings }),
    ...layerHandlers(),
  };

  io.use((socket, next) => {
    identify(socket, { secret: deps.secret, records: meetings.records })
      .then((identity) => {
        const resume = resumeRequest(socket.handshake.auth, identity, deps.resumes);
        socket.data = { identity, resume } satisfies SocketData;
        next();
      })
      .catch((err: unknown) => {
        if (err instanceof HandshakeError) return next(err);
        log.error({ err }, 'handshake failed');
        next(new HandshakeError(ErrorCode.INTERNAL, 'the server could not check your access'));
      });
  });

  io.on(
    'connection',
    guarded(log, 'connection', (socket: SignalingSocket) => {
      const data = socket.data as SocketData;
      const baseLog = log.child({ socket: socket.id, participant: data.identity.participantId });
      const connection: PeerConnection = {
        notify: (event, ...args) => socket.emit(event, ...args),
        disconnect: () => socket.disconnect(true),
      };
      // A resume claims its peer now, before any request of this socket is read.
      const claim =
        data.resume && 'token' in data.resume
          ? takeOver(data.resume.token, data.identity, resumes)
          : undefined;
      const rejected =
        claim && !claim.ok
          ? claim.reason
          : data.resume && 'rejected' in data.resume
            ? data.resume.rejected
            : undefined;
      const membership: Membership =
        claim?.ok === true
          ? claim.membership
          : new Membership(
              {
                meetings,
                rooms: registry,
                identity: data.identity,
                allowNewRoom: newRoomAllowance(
                  data.identity,
                  deps.limits.roomsCreatedPerConnection,
                  rateLimits,
                ),
                onLeave: () => resumes.forget(membership),
                log: baseLog,
              },
              connection,
            );
      // A resumed connection is the member it resumes (same participant; an anonymous one too).
      const identity: Identity = { ...membership.identity, ip: data.identity.ip };
      const session: Session = { socket, identity, membership, connection };
      let queue: Promise<void> = Promise.resolve();
      // Incoming events are validated at run time below, so the raw (untyped) socket is used here.
      const raw = socket as unknown as Socket;

      const enqueue = (what: string, step: () => Promise<void> | void): void => {
        queue = queue
          .then(step)
          .catch((err: unknown) => membership.log.error({ err, what }, 'request step failed'));
      };

      if (claim?.ok) {
        enqueue('resume', () =>
          sendSnapshot(socket, connection, membership, {
            resumes,
            records: meetings.records,
            turn: deps.turn,
          }),
        );
      } else if (rejected !== undefined) {
        socket.emit('resumeRejected', { reason: rejected });
      }

      for (const event of REQUEST_NAMES) {
        raw.on(
          event,
          guarded(log, event, (...args: unknown[]) => {
            const ack = typeof args.at(-1) === 'function' ? (args.pop() as AckFn) : undefined;
            const payload: unknown = args[0];
            enqueue(event, () =>
              dispatch(session, event, payload, ack && safeAck(ack, membership.log), handlers),
            );
          }),
        );
      }
      // Socket.IO lets a client name an event with a number as well as a string.
      raw.onAny(
        guarded(log, 'unknown event', (event: unknown, ...args: unknown[]) => {
          const ack = args.at(-1);
          if (typeof event === 'string' && (REQUEST_NAMES as string[]).includes(event)) return;
          if (typeof ack !== 'function') return;
          (ack as AckFn)({
            ok: false,
            error: {
              code: ErrorCode.BAD_REQUEST,
              message: `unknown event "${String(event).slice(0, 64)}": see the list of requests in the protocol`,
            },
          });
        }),
      );
      socket.on(
        'disconnect',
        guarded(log, 'disconnect', (reason: string) => {
          enqueue('disconnect', () => {
            membership.log.debug({ reason }, 'socket disconnected');
            // Another socket took this member over: nothing of it is this socket's to end.
            if (membership.connection !== connection) return;
            if (isTransientDrop(reason) && holdAfterDrop(membership, resumes)) return;
            endMembership(membership, resumes);
          });
        }),
      );
    }),
  );
}

type AckFn = (res: Ack<unknown>) => void;

interface SocketData {
  identity: Identity;
  resume: ResumeRequest;
}

/**
 * Runs a socket listener so that nothing it throws escapes into Socket.IO (which would make it an
 * uncaught exception of the whole process): the signaling layer does not count on anyone else's
 * process-level handlers.
 */
function guarded<A extends unknown[]>(
  log: Logger,
  what: string,
  fn: (...args: A) => void,
): (...args: A) => void {
  return (...args) => {
    try {
      fn(...args);
    } catch (err) {
      log.error({ err, what }, 'signaling listener failed');
    }
  };
}

/** An ack that can be called at most once and never throws into the caller. */
function safeAck(ack: AckFn, log: Logger): AckFn {
  let sent = false;
  return (res) => {
    if (sent) return;
    sent = true;
    try {
      ack(res);
    } catch (err) {
      log.error({ err }, 'sending an ack failed');
    }
  };
}

/**
 * Opening a new media room costs a router: each connection may open a few, and connections
 * without a meeting token share a per-address budget.
 */
function newRoomAllowance(
  identity: Identity,
  perConnection: number,
  rateLimits: SignalingRateLimits,
): () => Promise<void> {
  let opened = 0;
  return async () => {
    if (opened >= perConnection) {
      throw new ProtocolError(ErrorCode.LIMIT_REACHED, 'too many new meetings from this connection');
    }
    if (identity.meetingId === null) {
      await spend(rateLimits.anonymousRooms, identity.ip, 'new meetings from your address');
    }
    opened++;
  };
}

async function dispatch(
  session: Session,
  event: RequestName,
  payload: unknown,
  ack: ((res: Ack<unknown>) => void) | undefined,
  handlers: HandlerMap<RequestName>,
): Promise<void> {
  if (session.membership.connection !== session.connection) {
    // Another connection of this participant took its place; this one is being closed.
    ack?.({
      ok: false,
      error: { code: ErrorCode.NOT_JOINED, message: 'this connection was replaced by a newer one' },
    });
    return;
  }
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
      session.membership.log.debug({ event, code: err.code, msg: err.message }, 'request refused');
      ack?.({ ok: false, error: err.toWire() });
    } else {
      session.membership.log.error({ event, err }, 'request failed');
      ack?.({ ok: false, error: { code: ErrorCode.INTERNAL, message: `${event} failed on the server` } });
    }
  }
}
