/** What the call page knows about the other participants, as an immutable reducer state. */
import type { RemotePeer, RemoteTrack } from '@/lib/client/CallClient';

export interface RemoteState {
  peers: Record<string, RemotePeer>;
  /** Keyed by producer id. */
  tracks: Record<string, RemoteTrack>;
}

export type RemoteAction =
  | { type: 'peerAdded'; peer: RemotePeer }
  | { type: 'peerRemoved'; peerId: string }
  | { type: 'trackAdded'; track: RemoteTrack }
  | { type: 'trackRemoved'; producerId: string }
  | { type: 'paused'; producerId: string; paused: boolean }
  | { type: 'reset' };

export const emptyRemoteState: RemoteState = { peers: {}, tracks: {} };

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const next = { ...record };
  delete next[key];
  return next;
}

export function remoteReducer(state: RemoteState, action: RemoteAction): RemoteState {
  switch (action.type) {
    case 'peerAdded':
      return { ...state, peers: { ...state.peers, [action.peer.peerId]: action.peer } };
    case 'peerRemoved': {
      const tracks = Object.fromEntries(
        Object.entries(state.tracks).filter(([, t]) => t.peerId !== action.peerId),
      );
      return { peers: without(state.peers, action.peerId), tracks };
    }
    case 'trackAdded':
      return { ...state, tracks: { ...state.tracks, [action.track.producerId]: action.track } };
    case 'trackRemoved':
      return { ...state, tracks: without(state.tracks, action.producerId) };
    case 'paused': {
      const track = state.tracks[action.producerId];
      if (!track || track.paused === action.paused) return state;
      return {
        ...state,
        tracks: { ...state.tracks, [action.producerId]: { ...track, paused: action.paused } },
      };
    }
    case 'reset':
      return emptyRemoteState;
  }
}

export interface Participant {
  peerId: string;
  userId: string;
  camera: RemoteTrack | null;
  screen: RemoteTrack | null;
  audio: RemoteTrack[];
}

/** One entry per remote peer (also for a peer only known through its tracks), in join order. */
export function participantsOf(state: RemoteState): Participant[] {
  const byPeer = new Map<string, Participant>();
  const ensure = (peerId: string, userId: string): Participant => {
    let p = byPeer.get(peerId);
    if (!p) {
      p = { peerId, userId, camera: null, screen: null, audio: [] };
      byPeer.set(peerId, p);
    }
    return p;
  };
  for (const peer of Object.values(state.peers)) ensure(peer.peerId, peer.userId);
  for (const track of Object.values(state.tracks)) {
    const p = ensure(track.peerId, state.peers[track.peerId]?.userId ?? 'Guest');
    if (track.kind === 'audio') p.audio.push(track);
    else if (track.source === 'screen') p.screen = track;
    else p.camera = track;
  }
  return [...byPeer.values()];
}
