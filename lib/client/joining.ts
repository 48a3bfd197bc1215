/**
 * The steps of a join around the RoomSession: preparing one on the pre-join screen, reading the
 * joinRoom answer (refusals that end the call, what the UI learns) and starting the media after
 * it, at once from the answer's consumers when the join was prepared.
 */
import { callIdSchema, userIdSchema, type ResultMap } from '@/lib/protocol';
import type { JoinInfo } from './callTypes';
import type { Publisher } from './Publisher';
import type { Receiver } from './Receiver';
import { ProtocolError } from './request';
import type { RoomSession } from './RoomSession';
import type { SignalingConnection } from './SignalingConnection';

/** joinRoom refusals that end the call (as opposed to errors worth a retry). */
const FINAL_REFUSALS: ReadonlySet<string> = new Set([
  'REMOVED',
  'LOCKED',
  'MEETING_ENDED',
  'FORBIDDEN',
  'UNAUTHORIZED',
  'ROOM_NOT_FOUND',
  'LIMIT_REACHED',
]);

export function isFinalRefusal(err: unknown): err is ProtocolError {
  return err instanceof ProtocolError && FINAL_REFUSALS.has(err.code);
}

/** The meeting id and display name of a join, checked as the server will; BAD_REQUEST otherwise. */
export function parseJoinArgs(callId: string, userId: string): { callId: string; userId: string } {
  const parsedCall = callIdSchema.safeParse(callId);
  const parsedUser = userIdSchema.safeParse(userId);
  if (!parsedCall.success) throw new ProtocolError('BAD_REQUEST', 'invalid meeting id', 'joinRoom');
  if (!parsedUser.success) throw new ProtocolError('BAD_REQUEST', 'invalid display name', 'joinRoom');
  return { callId: parsedCall.data, userId: parsedUser.data };
}

/** What the UI learns at each (re)join, from the joinRoom answer. */
export function toJoinInfo(joined: ResultMap['joinRoom']): JoinInfo {
  return {
    self: joined.self,
    meeting: joined.meeting,
    chat: joined.chat,
    lobby: joined.lobby,
    peers: joined.peers.map((p) => ({
      peerId: p.peerId,
      role: p.role ?? 'guest',
      handRaised: p.handRaised ?? false,
    })),
  };
}

/**
 * A session made on the pre-join screen for one meeting, until the join takes it: the signaling
 * connected and the session prepared (device loaded, transports made if the server would let us
 * in now). What fails here is met again, and reported, by the join, which then goes the whole way.
 */
export class PreparedJoin {
  readonly #signaling: SignalingConnection;
  readonly #makeSession: () => RoomSession;
  #pending: Promise<{ callId: string; session: RoomSession } | null> | null = null;

  constructor(signaling: SignalingConnection, makeSession: () => RoomSession) {
    this.#signaling = signaling;
    this.#makeSession = makeSession;
  }

  /** Prepares a session for `callId`, unless something is prepared already; never rejects. */
  async start(callId: string): Promise<void> {
    if (!this.#pending && callIdSchema.safeParse(callId).success) {
      const session = this.#makeSession();
      this.#pending = this.#signaling
        .open()
        .then(() => session.prepare(callId))
        .then(
          () => ({ callId, session }),
          () => {
            session.close(); // the join meets this failure again and reports it
            return null;
          },
        );
    }
    await this.#pending;
  }

  /**
   * The session to join `callId` with: the prepared one if it is for that meeting and still
   * usable (closed otherwise), or a new one.
   */
  async take(callId: string): Promise<RoomSession> {
    const pending = this.#pending;
    this.#pending = null;
    const prepared = pending ? await pending : null;
    const usable = prepared && !prepared.session.closed && this.#signaling.connected;
    if (usable && prepared.callId === callId) return prepared.session;
    prepared?.session.close();
    return this.#makeSession();
  }

  /** Closes what was prepared (the socket dropped, or the call is left). */
  drop(): void {
    void this.#pending?.then((p) => p?.session.close());
    this.#pending = null;
  }
}

/**
 * After the join answer: receive everyone and publish the local tracks. A prepared join's answer
 * carries the consumers, set up at once on the prepared receiving transport, while `publishing`
 * (started with the join on the prepared send transport) goes on. Otherwise the receiving
 * transport is made and every producer asked for and consumed; a publish started on prepared
 * transports the server no longer had has failed quietly, and is done again.
 */
export async function startMedia(
  session: RoomSession,
  joined: ResultMap['joinRoom'],
  parts: { publisher: Publisher; receiver: Receiver; callId: string; publishing: Promise<void> | null },
): Promise<void> {
  const { publisher, receiver } = parts;
  if (joined.prepared) {
    // Registered before the transport is announced, so no newProducer consumes them twice.
    // Then the consumers set up before the join that the answer did not list (their producer went).
    const adopted = receiver.adopt(session, joined.prepared.consumers).finally(() => session.closeWarmed());
    session.openPreparedRecv();
    await Promise.all([adopted, parts.publishing]);
    return;
  }
  await parts.publishing;
  session.assertLive();
  await session.openRecv();
  await Promise.all([publisher.start(session), receiver.consumeExisting(session, parts.callId)]);
}
