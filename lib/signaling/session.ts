/** One signaling connection: its socket, who it is, and its membership of a meeting. */
import type { Socket } from 'socket.io';
import type { Joined, Membership } from '@/lib/meetings/Membership';
import type {
  ClientToServerEvents,
  RequestName,
  RequestPayload,
  ResultMap,
  ServerToClientEvents,
} from '@/lib/protocol';
import type { PeerConnection } from '@/lib/sfu/Peer';
import type { Identity } from './identity';

export type TypedSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

export interface Session {
  socket: TypedSocket;
  identity: Identity;
  /** The participant's place in a meeting; it can outlive this socket (resume). */
  membership: Membership;
  /** How the membership reaches this socket; a membership bound elsewhere is no longer this socket's. */
  connection: PeerConnection;
}

export type { Joined };

export type Handler<E extends RequestName> = (
  s: Session,
  p: RequestPayload<E>,
) => Promise<ResultMap[E]> | ResultMap[E];

export type HandlerMap<K extends RequestName> = { [E in K]: Handler<E> };

/** The caller's room, peer and meeting; NOT_JOINED (or ROOM_CLOSED) if it is in none. */
export function joined(s: Session): Joined {
  return s.membership.joined();
}
