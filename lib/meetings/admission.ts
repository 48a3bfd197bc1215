/** Whether a participant may enter a meeting now, must wait, or is refused — a pure decision. */
import { ErrorCode, type Role } from '@/lib/protocol';
import { isModerator } from './permissions';

export interface AdmissionInput {
  role: Role;
  participantId: string;
  revoked: boolean;
  meeting: {
    hosted: boolean;
    ended: boolean;
    locked: boolean;
    waitingRoom: boolean;
    maxParticipants: number;
    admitted: ReadonlySet<string>;
    participants: number;
  };
}

export type Admission =
  { kind: 'join' } | { kind: 'wait' } | { kind: 'refuse'; code: ErrorCode; message: string };

export function decideAdmission({ role, participantId, revoked, meeting }: AdmissionInput): Admission {
  if (meeting.ended) {
    return { kind: 'refuse', code: ErrorCode.MEETING_ENDED, message: 'This meeting has ended.' };
  }
  if (revoked) {
    return {
      kind: 'refuse',
      code: ErrorCode.REMOVED,
      message: 'You were removed from this meeting by the host and cannot rejoin.',
    };
  }
  if (isModerator(role)) return { kind: 'join' };
  if (meeting.participants >= meeting.maxParticipants) {
    return {
      kind: 'refuse',
      code: ErrorCode.LIMIT_REACHED,
      message: `This meeting is full (${meeting.maxParticipants} people).`,
    };
  }
  // The lock keeps newcomers out; guests a host already let in (e.g. from the lobby after
  // locking, or before a dropped connection) are not newcomers.
  if (meeting.locked && !meeting.admitted.has(participantId)) {
    return {
      kind: 'refuse',
      code: ErrorCode.LOCKED,
      message: 'The host has locked this meeting. Ask them to unlock it, then try again.',
    };
  }
  if (meeting.hosted && meeting.waitingRoom && !meeting.admitted.has(participantId)) return { kind: 'wait' };
  return { kind: 'join' };
}
