/**
 * The one line the call screen shows about its own connection: joining, reconnecting (with the
 * attempt number once an attempt failed), the server restarting, or nothing while all is well.
 */
import type { CallState, RecoveryStatus } from '@/lib/client/callTypes';

/** A signaling drop shorter than this shows nothing: the session resumes and media never stopped. */
export const RESUME_QUIET_MS = 1_000;

export interface CallStatus {
  text: string | null;
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
    const prefix = recovery.serverRestart ? 'The server is restarting. Reconnecting…' : 'Reconnecting…';
    const attempt = recovery.failures > 0 ? ` attempt ${recovery.failures + 1}` : '';
    return { text: prefix + attempt, recovering: true, canRetryNow: phase !== 'server-restarting' };
  }
  switch (state) {
    case 'connecting':
    case 'joining':
      return { text: 'Joining…', recovering: false, canRetryNow: false };
    case 'failed':
      return { text: 'Disconnected', recovering: false, canRetryNow: false };
    default:
      return { text: null, recovering: false, canRetryNow: false };
  }
}
