/**
 * Meeting tokens: short-lived signed JWTs (HS256, jose) that bind a participant identity to one
 * meeting and a role. Issued when a meeting page asks for one, checked at the signaling handshake.
 */
import { SignJWT, errors, jwtVerify } from 'jose';
import { randomUUID } from 'node:crypto';
import { roleSchema, type Role } from '@/lib/protocol';
import { z } from 'zod';

const ISSUER = 'idea-communicator';
const AUDIENCE = 'signaling';
export const MEETING_TOKEN_TTL_S = 15 * 60;

export interface MeetingClaims {
  /** Stable participant id: the account id for hosts, a per-browser id for guests. */
  participantId: string;
  meetingId: string;
  role: Role;
  userId: string | null;
}

const payloadSchema = z.object({
  sub: z.string().min(1).max(64),
  mid: z.string().min(1).max(128),
  role: roleSchema,
  uid: z.string().max(64).nullable(),
  jti: z.string(),
});

export class MeetingTokenError extends Error {
  override readonly name = 'MeetingTokenError';
}

export async function signMeetingToken(
  claims: MeetingClaims,
  secret: Uint8Array,
  ttlSeconds = MEETING_TOKEN_TTL_S,
): Promise<{ token: string; expiresAt: number }> {
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ mid: claims.meetingId, role: claims.role, uid: claims.userId })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.participantId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .setJti(randomUUID())
    .sign(secret);
  return { token, expiresAt: (now + ttlSeconds) * 1000 };
}

/** Verifies signature, issuer, audience and expiry; throws MeetingTokenError with a reason. */
export async function verifyMeetingToken(token: string, secret: Uint8Array): Promise<MeetingClaims> {
  try {
    const { payload } = await jwtVerify(token, secret, {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
    });
    const p = payloadSchema.parse(payload);
    return { participantId: p.sub, meetingId: p.mid, role: p.role, userId: p.uid };
  } catch (err) {
    if (err instanceof errors.JWTExpired) throw new MeetingTokenError('the meeting token has expired');
    throw new MeetingTokenError('the meeting token is invalid');
  }
}
