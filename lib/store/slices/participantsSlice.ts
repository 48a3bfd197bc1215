/** The remote participants and what they send (ids and flags; the tracks live elsewhere). */
import type { MediaKind, MediaSource, Role } from '@/lib/protocol';
import type { StoreAccess } from './sliceTypes';

export interface RemoteMedia {
  consumerId: string;
  producerId: string;
  kind: MediaKind;
  source: MediaSource | null;
  paused: boolean;
  /** Lowest of the transmission scores (0 … 10) last reported for it; null until the first. */
  score: number | null;
  /** Held back by the server (last-N: not among the recent speakers); the tile shows the avatar. */
  suspended?: boolean;
}

export interface Participant {
  peerId: string;
  displayName: string;
  joinedAt: number;
  /** Received media, keyed by consumer id. */
  media: Record<string, RemoteMedia>;
  role: Role;
  handRaised: boolean;
  /** Their signaling dropped; the server keeps their place while they reconnect. */
  reconnecting: boolean;
}

export interface ParticipantsSlice {
  participants: Record<string, Participant>;
  activeSpeakerId: string | null;
}

export const initialParticipants: ParticipantsSlice = { participants: {}, activeSpeakerId: null };

export function participantActions({ set, get }: StoreAccess) {
  function update(peerId: string, fn: (p: Participant) => Participant): void {
    const p = get().participants[peerId];
    if (!p) return;
    set({ participants: { ...get().participants, [peerId]: fn(p) } });
  }

  function patchMedia(consumerId: string, patch: Partial<Pick<RemoteMedia, 'score' | 'suspended'>>): void {
    for (const p of Object.values(get().participants)) {
      const m = p.media[consumerId];
      if (!m) continue;
      const changed = Object.entries(patch).some(([k, v]) => m[k as keyof RemoteMedia] !== v);
      if (changed)
        update(p.peerId, (q) => ({ ...q, media: { ...q.media, [consumerId]: { ...m, ...patch } } }));
      return;
    }
  }

  return {
    addParticipant(peerId: string, displayName: string, joinedAt = Date.now()): void {
      if (get().participants[peerId]) return;
      const added: Participant = {
        peerId,
        displayName,
        joinedAt,
        media: {},
        role: 'guest',
        handRaised: false,
        reconnecting: false,
      };
      set({ participants: { ...get().participants, [peerId]: added } });
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
      update(peerId, (p) => ({ ...p, media: { ...p.media, [media.consumerId]: media } }));
    },
    removeMedia(peerId: string, consumerId: string): void {
      update(peerId, (p) => {
        const { [consumerId]: _gone, ...rest } = p.media;
        return { ...p, media: rest };
      });
    },
    setProducerPaused(peerId: string, producerId: string, paused: boolean): void {
      update(peerId, (p) => {
        const media = Object.fromEntries(
          Object.entries(p.media).map(([id, m]) => [id, m.producerId === producerId ? { ...m, paused } : m]),
        );
        return { ...p, media };
      });
    },
    setMediaScore(consumerId: string, score: number): void {
      patchMedia(consumerId, { score });
    },
    setMediaSuspended(consumerId: string, suspended: boolean): void {
      patchMedia(consumerId, { suspended });
    },
    setActiveSpeaker(peerId: string | null): void {
      if (get().activeSpeakerId !== peerId) set({ activeSpeakerId: peerId });
    },
    /** Roles and hands arrive by peer id: ours goes to the local slice. */
    setPeerRole(peerId: string, role: Role): void {
      if (peerId === get().selfPeerId) set({ local: { ...get().local, role } });
      else update(peerId, (p) => ({ ...p, role }));
    },
    setPeerReconnecting(peerId: string, reconnecting: boolean): void {
      if (get().participants[peerId]?.reconnecting === reconnecting) return;
      update(peerId, (p) => ({ ...p, reconnecting }));
    },
    setPeerHand(peerId: string, handRaised: boolean): void {
      if (peerId === get().selfPeerId) set({ local: { ...get().local, handRaised } });
      else update(peerId, (p) => ({ ...p, handRaised }));
    },
  };
}

/** Peer ids in join order. Array result: use with `useShallow`. */
export const selectParticipantIds = (s: ParticipantsSlice): string[] =>
  Object.values(s.participants)
    .sort((a, b) => a.joinedAt - b.joinedAt)
    .map((p) => p.peerId);
