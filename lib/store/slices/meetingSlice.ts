/** The meeting around the media: flags, waiting room, chat, reactions. */
import type { ChatMessage, LobbyEntry, MeetingFlags, Reaction } from '@/lib/protocol';
import type { StoreAccess } from './sliceTypes';
import { englishText, type SystemEvent } from '../systemEvents';

export interface ShownReaction {
  id: number;
  /** Peer id, or `self`. */
  peerId: string;
  emoji: Reaction;
}

/** A line the app itself writes in the chat (someone joined or left): nobody's message. */
export interface SystemLine {
  kind: 'system';
  id: string;
  /** In English; `event` lets the interface word it in the reader's language. */
  text: string;
  event: SystemEvent;
  /** Epoch milliseconds. */
  createdAt: number;
}

/** What the chat shows: people's messages and the app's own lines. */
export type ChatLine = ChatMessage | SystemLine;

export function isSystemLine(line: ChatLine): line is SystemLine {
  return 'kind' in line && line.kind === 'system';
}

let systemLines = 0;

export interface MeetingSlice {
  meeting: MeetingFlags;
  /**
   * While waiting to be let in: whether a host or co-host is in the call to do it (null: not
   * told yet).
   */
  hostPresent: boolean | null;
  /** Who waits in the waiting room (shown to hosts and co-hosts). */
  lobby: LobbyEntry[];
  chat: ChatLine[];
  unreadChat: number;
  reactions: ShownReaction[];
}

export const initialMeeting: MeetingSlice = {
  meeting: { hosted: false, locked: false, waitingRoom: false, guestsCanShare: true, recording: false },
  hostPresent: null,
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
    setHostPresent(hostPresent: boolean): void {
      set({ hostPresent });
    },
    /** Writes an app line in the chat (kept on this page only, never counted as unread). */
    addSystemLine(event: SystemEvent, createdAt = Date.now()): void {
      systemLines++;
      const line: SystemLine = {
        kind: 'system',
        id: `system-${systemLines}`,
        text: englishText(event),
        event,
        createdAt,
      };
      set({ chat: [...get().chat, line].slice(-500) });
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
