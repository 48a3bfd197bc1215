/**
 * Error codes, the ack envelope and the one error class both ends throw: the server turns a
 * ProtocolError into `{ ok: false, error }`; the browser turns such an ack back into one.
 */

export const ErrorCode = {
  /** The payload failed validation. */
  BAD_REQUEST: 'BAD_REQUEST',
  /** The action needs a joined room and this socket has not joined one. */
  NOT_JOINED: 'NOT_JOINED',
  ALREADY_JOINED: 'ALREADY_JOINED',
  ROOM_NOT_FOUND: 'ROOM_NOT_FOUND',
  /** The id is not one of the caller's own transports/producers/consumers (or its room's producers). */
  NOT_FOUND: 'NOT_FOUND',
  /** The viewer's device cannot receive this producer's codec. */
  CANNOT_CONSUME: 'CANNOT_CONSUME',
  /** A per-peer cap (transports, producers, consumers) is reached. */
  LIMIT_REACHED: 'LIMIT_REACHED',
  /** The transport exists but is of the wrong direction for this action. */
  WRONG_TRANSPORT: 'WRONG_TRANSPORT',
  /** The room was closed (its media worker died or the server is shutting down). */
  ROOM_CLOSED: 'ROOM_CLOSED',
  /** mediasoup refused the parameters (e.g. unsupported codec, bad DTLS). */
  MEDIA_REJECTED: 'MEDIA_REJECTED',
  /** The connection has no valid meeting token where one is needed (handshake errors too). */
  UNAUTHORIZED: 'UNAUTHORIZED',
  /** The caller's role does not allow this action. */
  FORBIDDEN: 'FORBIDDEN',
  /** The meeting has a waiting room: wait for `admitted`, then joinRoom again. */
  WAITING_ROOM: 'WAITING_ROOM',
  /** The host locked the meeting: no newcomers. */
  LOCKED: 'LOCKED',
  /** The host removed this participant: they cannot come back. */
  REMOVED: 'REMOVED',
  /** The meeting was ended by its host. */
  MEETING_ENDED: 'MEETING_ENDED',
  /** Too many requests of this kind; slow down. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The server is draining before a restart: it keeps running meetings but starts no new one. */
  DRAINING: 'DRAINING',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface WireError {
  code: ErrorCode;
  message: string;
}
export type Ack<T> = { ok: true; data: T } | { ok: false; error: WireError };

/** Codes only the browser raises (no answer in time, an ack of the wrong shape, a cut connection). */
export type ClientErrorCode = 'TIMEOUT' | 'BAD_RESPONSE' | 'DISCONNECTED';
export type ProtocolErrorCode = ErrorCode | ClientErrorCode;

/** An error with a stable code; its message is written for people and safe to show the caller. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  constructor(
    readonly code: ProtocolErrorCode,
    message: string,
    /** The request it answers, when known (browser side). */
    readonly request?: string,
  ) {
    super(message);
  }

  /** The wire form of a server-side error (client-only codes never go on the wire). */
  toWire(): WireError {
    const code = (this.code in ErrorCode ? this.code : ErrorCode.INTERNAL) as ErrorCode;
    return { code, message: this.message };
  }

  override toString(): string {
    return `${this.request ? `${this.request}: ` : ''}${this.code}: ${this.message}`;
  }
}

export function isProtocolError(err: unknown, code?: ProtocolErrorCode): err is ProtocolError {
  return err instanceof ProtocolError && (code === undefined || err.code === code);
}
