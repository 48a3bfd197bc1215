'use client';

import { useShallow } from 'zustand/react/shallow';
import { useCallStore, type CallStoreState } from '@/lib/store/callStore';
import { LOCAL_CAMERA, LOCAL_SCREEN } from '@/lib/call/trackRegistry';
import { SELF, findMedia, parseTileId } from '@/lib/store/tiles';

/** Everything one tile shows, as primitives so `useShallow` keeps re-renders narrow. */
export interface TileView {
  exists: boolean;
  isSelf: boolean;
  isScreen: boolean;
  peerId: string | null;
  name: string;
  /** Track registry key of the video to show, null when there is none. */
  videoKey: string | null;
  /** The video is there but paused by its sender (camera stopped). */
  videoOff: boolean;
  micMuted: boolean;
  activeSpeaker: boolean;
  pinned: boolean;
  /**
   * Self tile: whether our media reaches the server. Others: 'poor' when their video or voice
   * arrives badly (lowest mediasoup score under 5, on their side or ours).
   */
  connection: 'ok' | 'connecting' | 'lost' | 'poor';
  /** Latest transmission score (0 … 10) of the tile's video, null before the first report. */
  videoScore: number | null;
  /** A remote participant whose signaling dropped; the server keeps their place meanwhile. */
  reconnecting: boolean;
  /** Their video is held back until they speak (large meeting, last-N). */
  suspended: boolean;
}

const MISSING: TileView = {
  exists: false,
  isSelf: false,
  isScreen: false,
  peerId: null,
  name: '',
  videoKey: null,
  videoOff: true,
  micMuted: true,
  activeSpeaker: false,
  pinned: false,
  connection: 'ok',
  videoScore: null,
  reconnecting: false,
  suspended: false,
};

/** Below this mediasoup score (0 … 10) a track is visibly or audibly degraded. */
const POOR_SCORE = 5;

function isPoor(m: { score: number | null; paused: boolean } | undefined): boolean {
  return m !== undefined && !m.paused && m.score !== null && m.score < POOR_SCORE;
}

/**
 * Our media path only: a signaling drop alone does not stop the media (the session resumes), and
 * the call status says when it lasts.
 */
function selfConnection(s: CallStoreState): TileView['connection'] {
  const { send, recv } = s.connection;
  if (send === 'failed' || recv === 'failed') return 'lost';
  if (send === 'disconnected' || recv === 'disconnected') return 'connecting';
  return 'ok';
}

export function selectTileView(s: CallStoreState, id: string): TileView {
  const ref = parseTileId(id);
  if (!ref) return MISSING;
  const pinned = s.pinnedId === id;
  if (ref.owner === SELF) {
    const l = s.local;
    const screen = ref.kind === 'screen';
    return {
      ...MISSING,
      exists: !screen || l.sharing,
      isSelf: true,
      isScreen: screen,
      peerId: s.selfPeerId,
      name: screen ? `${l.displayName} (you, presenting)` : `${l.displayName} (you)`,
      videoKey: screen ? LOCAL_SCREEN : l.cameraOn ? LOCAL_CAMERA : null,
      videoOff: screen ? false : !l.cameraOn,
      micMuted: !l.micOn,
      activeSpeaker: !screen && s.activeSpeakerId !== null && s.activeSpeakerId === s.selfPeerId,
      pinned,
      connection: selfConnection(s),
    };
  }
  const p = s.participants[ref.owner];
  if (!p) return MISSING;
  const video = findMedia(p, ref.kind === 'screen' ? 'screen' : 'camera');
  const mic = findMedia(p, 'microphone');
  return {
    ...MISSING,
    exists: ref.kind === 'camera' || video !== undefined,
    isScreen: ref.kind === 'screen',
    peerId: p.peerId,
    name: ref.kind === 'screen' ? `${p.displayName} (presenting)` : p.displayName,
    videoKey: video?.consumerId ?? null,
    videoOff: !video || video.paused,
    micMuted: !mic || mic.paused,
    activeSpeaker: ref.kind === 'camera' && s.activeSpeakerId === p.peerId,
    pinned,
    connection: isPoor(video) || (ref.kind === 'camera' && isPoor(mic)) ? 'poor' : 'ok',
    videoScore: video?.score ?? null,
    reconnecting: p.reconnecting,
    suspended: video?.suspended === true,
  };
}

export function useTileView(id: string): TileView {
  return useCallStore(useShallow((s: CallStoreState) => selectTileView(s, id)));
}
