/**
 * The one line the call screen shows about its own connection: joining, reconnecting (with the
 * attempt number once an attempt failed), the server restarting, or nothing while all is well.
 * The line is a message of the `call` namespace; the header words it (components/call/CallStatus).
 */
import type { CallState, RecoveryStatus } from '@/lib/client/callTypes';

/** A signaling drop shorter than this shows nothing: the session resumes and media never stopped. */
export const RESUME_QUIET_MS = 1_000;

export type StatusKey =
  | 'statusJoining'
  | 'statusDisconnected'
  | 'statusReconnecting'
  | 'statusReconnectingAttempt'
  | 'statusServerRestarting'
  | 'statusServerRestartingAttempt';

export interface StatusLine {
  key: StatusKey;
  /** The attempt under way, counting from 1 (only in the …Attempt messages). */
  values?: { attempt: number };
}

export interface CallStatus {
  line: StatusLine | null;
  /** Whether "Rejoin now" / "Leave" are offered (the client is retrying on its own). */
  recovering: boolean;
  /** Whether "Rejoin now" would start an attempt now (not while the server only announced a restart). */
  canRetryNow: boolean;
}

/**
 * `resumeVisible`: whether a `resuming` phase has lasted long enough to be shown (a blip must be
 * invisible, see RESUME_QUIET_MS).
 */
export function callStatus(state: CallState, recovery: RecoveryStatus, resumeVisible: boolean): CallStatus {
  const { phase } = recovery;
  const recovering =
    (phase === 'resuming' && resumeVisible) ||
    phase === 'rejoining' ||
    phase === 'server-restarting' ||
    (phase === 'none' && (state === 'reconnecting' || state === 'closed'));
  if (recovering) {
    const base = recovery.serverRestart ? 'statusServerRestarting' : 'statusReconnecting';
    const line: StatusLine =
      recovery.failures > 0
        ? { key: `${base}Attempt`, values: { attempt: recovery.failures + 1 } }
        : { key: base };
    return { line, recovering: true, canRetryNow: phase !== 'server-restarting' };
  }
  switch (state) {
    case 'connecting':
    case 'joining':
      return { line: { key: 'statusJoining' }, recovering: false, canRetryNow: false };
    case 'failed':
      return { line: { key: 'statusDisconnected' }, recovering: false, canRetryNow: false };
    default:
      return { line: null, recovering: false, canRetryNow: false };
  }
}
