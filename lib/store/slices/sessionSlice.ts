/** The call's lifecycle as the client reports it: state, connections, own peer id, the end. */
import type { CallEnd, CallState, ConnectionSnapshot, RecoveryStatus } from '@/lib/client/callTypes';
import type { StoreAccess } from './sliceTypes';

export interface SessionSlice {
  callState: CallState;
  connection: ConnectionSnapshot;
  selfPeerId: string | null;
  /** The browser refused to start remote audio until the user interacts with the page. */
  audioBlocked: boolean;
  /** Set when the call ended for good (removed, denied, meeting ended). */
  end: CallEnd | null;
  /** What the client does to keep the call (resume, re-join) and how many attempts failed. */
  recovery: RecoveryStatus;
}

export const initialSession: SessionSlice = {
  callState: 'idle',
  connection: { signaling: 'disconnected', send: 'none', recv: 'none' },
  selfPeerId: null,
  audioBlocked: false,
  end: null,
  recovery: { phase: 'none', serverRestart: false, failures: 0 },
};

export function sessionActions({ set, get }: StoreAccess) {
  return {
    setCallState(callState: CallState): void {
      set({ callState });
    },
    setConnection(connection: ConnectionSnapshot): void {
      set({ connection });
    },
    setSelf(peerId: string | null): void {
      set({ selfPeerId: peerId });
    },
    setAudioBlocked(audioBlocked: boolean): void {
      if (get().audioBlocked !== audioBlocked) set({ audioBlocked });
    },
    setEnd(end: CallEnd | null): void {
      set({ end });
    },
    setRecovery(recovery: RecoveryStatus): void {
      set({ recovery });
    },
  };
}
