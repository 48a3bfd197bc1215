/** One signaling connection's state, shared by the request handler modules. */
import type { Socket } from 'socket.io';
import type { Logger } from '@/lib/log';
import type { LiveMeeting } from '@/lib/meetings/LiveMeeting';
import type { Peer } from '@/lib/sfu/Peer';
import type { Room } from '@/lib/sfu/Room';
import type { Identity } from './identity';
import {
  ErrorCode,
  type ClientToServerEvents,
  type RequestName,
  type RequestPayload,
  type ResultMap,
  type ServerToClientEvents,
} from '@/lib/protocol';
import { ProtocolError } from '@/lib/protocol';

export type TypedSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

export interface Session {
  socket: TypedSocket;
  identity: Identity;
  /** Connection logger; `log` adds the room/peer while joined. */
  baseLog: Logger;
  log: Logger;
  room?: Room;
  peer?: Peer;
  meeting?: LiveMeeting;
  /** Attendance record of the current membership. */
  attendanceId?: string;
  /** The meeting whose waiting room this connection is in. */
  waitingIn?: LiveMeeting;
  roomsCreated: number;
}

export interface Joined extends Session {
  room: Room;
  peer: Peer;
  meeting: LiveMeeting;
}

export type Handler<E extends RequestName> = (
  s: Session,
  p: RequestPayload<E>,
) => Promise<ResultMap[E]> | ResultMap[E];

export type HandlerMap<K extends RequestName> = { [E in K]: Handler<E> };

export function joined(s: Session): Joined {
  if (s.room?.closed) {
    delete s.room;
    delete s.peer;
    throw new ProtocolError(ErrorCode.ROOM_CLOSED, 'the meeting was closed; join again');
  }
  if (!s.room || !s.peer || !s.meeting || s.peer.closed) {
    throw new ProtocolError(ErrorCode.NOT_JOINED, 'join a meeting first (joinRoom)');
  }
  return s as Joined;
}
