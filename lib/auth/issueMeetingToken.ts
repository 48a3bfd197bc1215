/**
 * Decides who the caller is in a meeting and signs their meeting token: the signed-in owner is
 * `host`; anyone else is a `guest` identified by a per-browser id kept in an httpOnly cookie.
 */
import { randomUUID } from 'node:crypto';
import type { Config } from '@/lib/config';
import { getAuthSecret } from '@/lib/auth/authSecret';
import { signMeetingToken } from '@/lib/auth/meetingToken';
import type { CurrentUser } from '@/lib/auth/currentUser';
import type { Db } from '@/lib/db/schema';
import { getMeeting } from '@/lib/db/meetings';
import { isRevoked } from '@/lib/db/revocations';
import type { Role } from '@/lib/protocol';

export const GUEST_COOKIE = 'ic_guest';
const guestIdPattern = /^[0-9a-f-]{36}$/;

export type TokenOutcome =
  | {
      ok: true;
      token: string;
      expiresAt: number;
      role: Role;
      participantId: string;
      /** A new guest id to remember in the cookie. */
      newGuestId: string | null;
    }
  | { ok: false; status: number; code: string; message: string };

export async function issueMeetingToken(
  config: Pick<Config, 'openMeetings' | 'auth' | 'dataDir'>,
  db: Db,
  meetingId: string,
  user: CurrentUser | null,
  guestCookie: string | undefined,
): Promise<TokenOutcome> {
  const meeting = await getMeeting(db, meetingId);
  if (!meeting && !config.openMeetings) {
    return {
      ok: false,
      status: 404,
      code: 'ROOM_NOT_FOUND',
      message: 'There is no meeting with this code. Check the link, or ask the host for a new one.',
    };
  }
  if (meeting?.endedAt) {
    return { ok: false, status: 410, code: 'MEETING_ENDED', message: 'This meeting has ended.' };
  }
  const isOwner = meeting?.ownerId != null && user?.id === meeting.ownerId;
  const existingGuest = guestCookie && guestIdPattern.test(guestCookie) ? guestCookie : null;
  const participantId = isOwner && user ? user.id : (existingGuest ?? randomUUID());
  if (await isRevoked(db, meetingId, participantId)) {
    return {
      ok: false,
      status: 403,
      code: 'REMOVED',
      message: 'You were removed from this meeting by the host and cannot rejoin.',
    };
  }
  const role: Role = isOwner ? 'host' : 'guest';
  const secret = await getAuthSecret(config);
  const { token, expiresAt } = await signMeetingToken(
    { participantId, meetingId, role, userId: user?.id ?? null },
    secret,
  );
  return {
    ok: true,
    token,
    expiresAt,
    role,
    participantId,
    newGuestId: !isOwner && !existingGuest ? participantId : null,
  };
}
