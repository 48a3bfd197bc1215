/**
 * The call's reactive state (zustand). It holds ids and flags only: MediaStreamTracks and
 * mediasoup objects stay in CallClient, and components look tracks up by consumer id.
 * Actions are module-level functions so socket/client handlers can call them without hooks.
 */
import { create } from 'zustand';
import type {
  ChatMessage,
  LobbyEntry,
  MediaKind,
  MediaSource,
  MeetingFlags,
  Reaction,
  Role,
} from '@/lib/protocol';
import type { CallEnd, CallState, ConnectionSnapshot } from '@/lib/client/callTypes';

export interface RemoteMedia {
  consumerId: string;
  producerId: string;
  kind: MediaKind;
  source: MediaSource | null;
  paused: boolean;
  /** Lowest of the transmission scores (0 … 10) last reported for it; null until the first. */
  score: number | null;
}

export interface Participant {
  peerId: string;
  displayName: string;
  joinedAt: number;
  /** Received media, keyed by consumer id. */
  media: Record<string, RemoteMedia>;
  /** Last reported volume in dBov (-127 silent … 0 loud), or null when silent. */
  volume: number | null;
  role: Role;
  handRaised: boolean;
}

export interface ShownReaction {
  id: number;
  /** Peer id, or `self`. */
  peerId: string;
  emoji: Reaction;
}

export type Layout = 'grid' | 'speaker';

export interface DeviceChoice {
  audioInput: string | null;
  videoInput: string | null;
  audioOutput: string | null;
}

/** What this participant sends and chose; the tracks themselves live in the track registry. */
export interface LocalState {
  displayName: string;
  micOn: boolean;
  cameraOn: boolean;
  sharing: boolean;
  /** Whether a microphone / camera track exists at all (false: joined without one). */
  hasMic: boolean;
  hasCamera: boolean;
  devices: DeviceChoice;
  /** Own volume from the server's audio-level reports (dBov), null when silent. */
  volume: number | null;
  participantId: string | null;
  role: Role;
  handRaised: boolean;
}

export interface Notice {
  id: number;
  kind: 'info' | 'warning' | 'error';
  text: string;
}

export interface CallStoreState {
  callState: CallState;
  connection: ConnectionSnapshot;
  selfPeerId: string | null;
  participants: Record<string, Participant>;
  activeSpeakerId: string | null;
  /** Pinned tile id (`cam:<peerId>` or `screen:<peerId>`). */
  pinnedId: string | null;
  layout: Layout;
  page: number;
  notices: Notice[];
  local: LocalState;
  /** The browser refused to start remote audio until the user interacts with the page. */
  audioBlocked: boolean;
  panel: Panel | null;
  meeting: MeetingFlags;
  /** Who waits in the waiting room (shown to hosts and co-hosts). */
  lobby: LobbyEntry[];
  chat: ChatMessage[];
  unreadChat: number;
  reactions: ShownReaction[];
  /** Set when the call ended for good (removed, denied, meeting ended). */
  end: CallEnd | null;
}

export type Panel = 'participants' | 'devices' | 'chat';

const initialState: CallStoreState = {
  callState: 'idle',
  connection: { signaling: 'disconnected', send: 'none', recv: 'none' },
  selfPeerId: null,
  participants: {},
  activeSpeakerId: null,
  pinnedId: null,
  layout: 'grid',
  page: 0,
  notices: [],
  local: {
    displayName: '',
    micOn: false,
    cameraOn: false,
    sharing: false,
    hasMic: false,
    hasCamera: false,
    devices: { audioInput: null, videoInput: null, audioOutput: null },
    volume: null,
    participantId: null,
    role: 'guest',
    handRaised: false,
  },
  audioBlocked: false,
  panel: null,
  meeting: { hosted: false, locked: false, waitingRoom: false, guestsCanShare: true },
  lobby: [],
  chat: [],
  unreadChat: 0,
  reactions: [],
  end: null,
};

export const useCallStore = create<CallStoreState>()(() => ({ ...initialState }));

const set = useCallStore.setState;
const get = useCallStore.getState;

function updateParticipant(peerId: string, fn: (p: Participant) => Participant): void {
  const p = get().participants[peerId];
  if (!p) return;
  set({ participants: { ...get().participants, [peerId]: fn(p) } });
}

export const callActions = {
  /** Back to a fresh call; the local choices (name, devices) survive unless `full`. */
  reset(full = true): void {
    const local = get().local;
    set(
      { ...initialState, local: full ? initialState.local : { ...local, sharing: false, volume: null } },
      true,
    );
  },
  setCallState(callState: CallState): void {
    set({ callState });
  },
  setConnection(connection: ConnectionSnapshot): void {
    set({ connection });
  },
  setSelf(peerId: string | null): void {
    set({ selfPeerId: peerId });
  },
  addParticipant(peerId: string, displayName: string, joinedAt = Date.now()): void {
    if (get().participants[peerId]) return;
    set({
      participants: {
        ...get().participants,
        [peerId]: {
          peerId,
          displayName,
          joinedAt,
          media: {},
          volume: null,
          role: 'guest',
          handRaised: false,
        },
      },
    });
  },
  removeParticipant(peerId: string): void {
    const { [peerId]: _gone, ...rest } = get().participants;
    const s = get();
    set({
      participants: rest,
      activeSpeakerId: s.activeSpeakerId === peerId ? null : s.activeSpeakerId,
      // Pins are tile ids (`cam:<peer>`, `screen:<peer>`).
      pinnedId: s.pinnedId?.endsWith(`:${peerId}`) ? null : s.pinnedId,
    });
  },
  addMedia(peerId: string, media: RemoteMedia): void {
    updateParticipant(peerId, (p) => ({ ...p, media: { ...p.media, [media.consumerId]: media } }));
  },
  removeMedia(peerId: string, consumerId: string): void {
    updateParticipant(peerId, (p) => {
      const { [consumerId]: _gone, ...rest } = p.media;
      return { ...p, media: rest };
    });
  },
  setProducerPaused(peerId: string, producerId: string, paused: boolean): void {
    updateParticipant(peerId, (p) => {
      const media = Object.fromEntries(
        Object.entries(p.media).map(([id, m]) => [id, m.producerId === producerId ? { ...m, paused } : m]),
      );
      return { ...p, media };
    });
  },
  setMediaScore(consumerId: string, score: number): void {
    for (const p of Object.values(get().participants)) {
      const m = p.media[consumerId];
      if (!m) continue;
      if (m.score !== score) {
        updateParticipant(p.peerId, (q) => ({ ...q, media: { ...q.media, [consumerId]: { ...m, score } } }));
      }
      return;
    }
  },
  setActiveSpeaker(peerId: string | null): void {
    if (get().activeSpeakerId !== peerId) set({ activeSpeakerId: peerId });
  },
  /** Applies one audio-level report: listed peers get their volume, everyone else goes silent. */
  setAudioLevels(levels: ReadonlyArray<{ peerId: string; volume: number }>): void {
    const byPeer = new Map(levels.map((l) => [l.peerId, l.volume]));
    const { selfPeerId, local } = get();
    const selfVolume = selfPeerId ? (byPeer.get(selfPeerId) ?? null) : null;
    if (selfVolume !== local.volume) set({ local: { ...local, volume: selfVolume } });
    const current = get().participants;
    let changed = false;
    const next: Record<string, Participant> = {};
    for (const [id, p] of Object.entries(current)) {
      const volume = byPeer.get(id) ?? null;
      if (volume !== p.volume) changed = true;
      next[id] = volume === p.volume ? p : { ...p, volume };
    }
    if (changed) set({ participants: next });
  },
  /** Pins a tile; pinning the pinned tile again unpins it. */
  pin(tileId: string | null): void {
    set({ pinnedId: get().pinnedId === tileId ? null : tileId });
  },
  setLayout(layout: Layout): void {
    set({ layout, page: 0 });
  },
  setPage(page: number): void {
    set({ page: Math.max(0, page) });
  },
  setLocal(patch: Partial<LocalState>): void {
    set({ local: { ...get().local, ...patch } });
  },
  setDevice(kind: keyof DeviceChoice, deviceId: string | null): void {
    const local = get().local;
    set({ local: { ...local, devices: { ...local.devices, [kind]: deviceId } } });
  },
  setAudioBlocked(audioBlocked: boolean): void {
    if (get().audioBlocked !== audioBlocked) set({ audioBlocked });
  },
  togglePanel(panel: Panel): void {
    const next = get().panel === panel ? null : panel;
    set(next === 'chat' ? { panel: next, unreadChat: 0 } : { panel: next });
  },
  setPeerRole(peerId: string, role: Role): void {
    if (peerId === get().selfPeerId) set({ local: { ...get().local, role } });
    else updateParticipant(peerId, (p) => ({ ...p, role }));
  },
  setPeerHand(peerId: string, handRaised: boolean): void {
    if (peerId === get().selfPeerId) set({ local: { ...get().local, handRaised } });
    else updateParticipant(peerId, (p) => ({ ...p, handRaised }));
  },
  setMeeting(meeting: MeetingFlags): void {
    set({ meeting });
  },
  setLobby(lobby: LobbyEntry[]): void {
    set({ lobby });
  },
  /** Replaces the chat (history at join), keeping messages already shown if they are newer. */
  setChat(chat: ChatMessage[]): void {
    set({ chat });
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
  setEnd(end: CallEnd | null): void {
    set({ end });
  },
  closePanel(): void {
    set({ panel: null });
  },
  notify(kind: Notice['kind'], text: string): number {
    const id = Date.now() + Math.random();
    set({ notices: [...get().notices, { id, kind, text }].slice(-5) });
    return id;
  },
  dismiss(id: number): void {
    set({ notices: get().notices.filter((n) => n.id !== id) });
  },
};

/** Selectors shared by components. Array results need `useShallow` (a new array each call). */
export const selectParticipantIds = (s: CallStoreState): string[] =>
  Object.values(s.participants)
    .sort((a, b) => a.joinedAt - b.joinedAt)
    .map((p) => p.peerId);
