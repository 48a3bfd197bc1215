/** The call's lifecycle as the client reports it: state, connections, own peer id, the end. */
import type { CallEnd, CallState, ConnectionSnapshot } from '@/lib/client/callTypes';
import type { StoreAccess } from './sliceTypes';

export interface SessionSlice {
  callState: CallState;
  connection: ConnectionSnapshot;
  selfPeerId: string | null;
  /** The browser refused to start remote audio until the user interacts with the page. */
  audioBlocked: boolean;
  /** Set when the call ended for good (removed, denied, meeting ended). */
  end: CallEnd | null;
}

export const initialSession: SessionSlice = {
  callState: 'idle',
  connection: { signaling: 'disconnected', send: 'none', recv: 'none' },
  selfPeerId: null,
  audioBlocked: false,
  end: null,
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
  };
}
