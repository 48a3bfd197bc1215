/** The meeting around the media: flags, waiting room, chat, reactions. */
import type { ChatMessage, LobbyEntry, MeetingFlags, Reaction } from '@/lib/protocol';
import type { StoreAccess } from './sliceTypes';

export interface ShownReaction {
  id: number;
  /** Peer id, or `self`. */
  peerId: string;
  emoji: Reaction;
}

export interface MeetingSlice {
  meeting: MeetingFlags;
  /** Who waits in the waiting room (shown to hosts and co-hosts). */
  lobby: LobbyEntry[];
  chat: ChatMessage[];
  unreadChat: number;
  reactions: ShownReaction[];
}

export const initialMeeting: MeetingSlice = {
  meeting: { hosted: false, locked: false, waitingRoom: false, guestsCanShare: true, recording: false },
  lobby: [],
  chat: [],
  unreadChat: 0,
  reactions: [],
};

export function meetingActions({ set, get }: StoreAccess) {
  return {
    setMeeting(meeting: MeetingFlags): void {
      set({ meeting });
    },
    setLobby(lobby: LobbyEntry[]): void {
      set({ lobby });
    },
    /** Replaces the chat (the history sent at the first join). */
    setChat(chat: ChatMessage[]): void {
      set({ chat });
    },
    /**
     * Merges a history sent by the server (after a resume or a re-join) by message id: nothing
     * shown twice, nothing already shown lost (a restarted server may know less), oldest first.
     * Messages new to this view count as unread unless the chat is open.
     */
    mergeChat(history: ChatMessage[]): void {
      const s = get();
      const known = new Set(s.chat.map((m) => m.id));
      const fresh = history.filter((m) => !known.has(m.id));
      if (fresh.length === 0) return;
      const unread = fresh.filter((m) => m.senderId !== s.local.participantId).length;
      set({
        chat: [...s.chat, ...fresh].sort((a, b) => a.createdAt - b.createdAt).slice(-500),
        unreadChat: s.panel === 'chat' ? s.unreadChat : s.unreadChat + unread,
      });
    },
    addChat(message: ChatMessage): void {
      const s = get();
      if (s.chat.some((m) => m.id === message.id)) return;
      const mine = message.senderId === s.local.participantId;
      set({
        chat: [...s.chat, message].slice(-500),
        unreadChat: s.panel === 'chat' || mine ? s.unreadChat : s.unreadChat + 1,
      });
    },
    showReaction(peerId: string, emoji: Reaction): number {
      const id = Date.now() + Math.random();
      set({ reactions: [...get().reactions, { id, peerId, emoji }].slice(-30) });
      return id;
    },
    hideReaction(id: number): void {
      set({ reactions: get().reactions.filter((r) => r.id !== id) });
    },
  };
}
