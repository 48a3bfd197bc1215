'use client';

import { useTranslations } from 'next-intl';
import { useShallow } from 'zustand/react/shallow';
import { useCallStore, type CallStoreState } from '@/lib/store/callStore';
import { LOCAL_CAMERA, LOCAL_SCREEN } from '@/lib/call/trackRegistry';
import { SELF, findMedia, parseTileId } from '@/lib/store/tiles';

/** Everything one tile shows, as primitives so `useShallow` keeps re-renders narrow. */
interface TileState {
  exists: boolean;
  isSelf: boolean;
  isScreen: boolean;
  peerId: string | null;
  /** The name the person chose (the tile's label adds "you" and "presenting" around it). */
  displayName: string;
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

export interface TileView extends TileState {
  /** The tile's label in the reader's language: "Gus", "Gus (presenting)", "Ann (you)". */
  name: string;
}

const MISSING: TileState = {
  exists: false,
  isSelf: false,
  isScreen: false,
  peerId: null,
  displayName: '',
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

/** A video held back for last-N scores low on purpose: that is not a weak connection. */
function isPoor(m: { score: number | null; paused: boolean; suspended?: boolean } | undefined): boolean {
  return m !== undefined && !m.paused && !m.suspended && m.score !== null && m.score < POOR_SCORE;
}

/**
 * Our media path only: a signaling drop alone does not stop the media (the session resumes), and
 * the call status says when it lasts.
 */
function selfConnection(s: CallStoreState): TileState['connection'] {
  const { send, recv } = s.connection;
  if (send === 'failed' || recv === 'failed') return 'lost';
  if (send === 'disconnected' || recv === 'disconnected') return 'connecting';
  return 'ok';
}

export function selectTileView(s: CallStoreState, id: string): TileState {
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
      displayName: l.displayName,
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
    displayName: p.displayName,
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
  const t = useTranslations('call');
  const view = useCallStore(useShallow((s: CallStoreState) => selectTileView(s, id)));
  const { displayName: name, isSelf, isScreen } = view;
  let label = name;
  if (isSelf) label = isScreen ? t('selfPresenting', { name }) : t('selfName', { name });
  else if (isScreen) label = t('presenting', { name });
  return { ...view, name: label };
}
