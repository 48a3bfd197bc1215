/**
 * Who a signaling connection is. The handshake may carry `auth: { token, meetingId }`: the token
 * must be valid, unexpired, issued for that meeting and not revoked, or the connection is refused.
 * Without a token the connection is an anonymous guest, who may only use open meetings.
 */
import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io';
import { z } from 'zod';
import { MeetingTokenError, verifyMeetingToken } from '@/lib/auth/meetingToken';
import type { MeetingRecords } from '@/lib/meetings/records';
import { ErrorCode, callIdSchema, type Role } from '@/lib/protocol';

export interface Identity {
  participantId: string;
  /** The meeting the token was issued for; null for an anonymous connection. */
  meetingId: string | null;
  role: Role;
  userId: string | null;
  ip: string;
}

const handshakeAuth = z
  .object({ token: z.string().min(1).max(4096).optional(), meetingId: callIdSchema.optional() })
  .optional();

/** A connect_error the client can act on: `err.data.code` is one of ErrorCode. */
export class HandshakeError extends Error {
  readonly data: { code: ErrorCode };
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.data = { code };
  }
}

export function clientIp(socket: Socket): string {
  return socket.handshake.address || 'unknown';
}

export async function identify(
  socket: Socket,
  deps: { secret: Uint8Array; records: MeetingRecords },
): Promise<Identity> {
  const parsed = handshakeAuth.safeParse(socket.handshake.auth);
  if (!parsed.success) throw new HandshakeError(ErrorCode.BAD_REQUEST, 'malformed handshake auth');
  const ip = clientIp(socket);
  const auth = parsed.data;
  if (!auth?.token) {
    return { participantId: randomUUID(), meetingId: null, role: 'guest', userId: null, ip };
  }
  let claims;
  try {
    claims = await verifyMeetingToken(auth.token, deps.secret);
  } catch (err) {
    const message = err instanceof MeetingTokenError ? err.message : 'the meeting token is invalid';
    throw new HandshakeError(ErrorCode.UNAUTHORIZED, `${message}; reload the meeting page`);
  }
  if (auth.meetingId !== undefined && auth.meetingId !== claims.meetingId) {
    throw new HandshakeError(ErrorCode.FORBIDDEN, 'the meeting token is for another meeting');
  }
  if (await deps.records.isRevoked(claims.meetingId, claims.participantId)) {
    throw new HandshakeError(
      ErrorCode.REMOVED,
      'You were removed from this meeting by the host and cannot rejoin.',
    );
  }
  return { ...claims, ip };
}
