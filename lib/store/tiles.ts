/**
 * Tile identity for the call view. A participant has a camera tile (shown even when the camera
 * is off, as an avatar) and, while sharing, a separate screen tile. Ids are strings so selectors
 * can return them as shallow-comparable arrays.
 */
import type { MediaSource } from '@/lib/protocol';
import type { CallStoreState, Participant, RemoteMedia } from '@/lib/store/callStore';

export const SELF = 'self';

export type TileKind = 'camera' | 'screen';

export interface TileRef {
  kind: TileKind;
  /** Peer id, or `self`. */
  owner: string;
}

export function tileId(kind: TileKind, owner: string): string {
  return `${kind === 'screen' ? 'screen' : 'cam'}:${owner}`;
}

export function parseTileId(id: string): TileRef | null {
  const at = id.indexOf(':');
  if (at < 0) return null;
  const prefix = id.slice(0, at);
  const owner = id.slice(at + 1);
  if (!owner) return null;
  if (prefix === 'cam') return { kind: 'camera', owner };
  if (prefix === 'screen') return { kind: 'screen', owner };
  return null;
}

/** The tile a remote video belongs to (screen shares get their own). */
export function tileOfSource(peerId: string, source: MediaSource | null): string {
  return tileId(source === 'screen' ? 'screen' : 'camera', peerId);
}

export function findMedia(p: Participant | undefined, source: MediaSource): RemoteMedia | undefined {
  if (!p) return undefined;
  const kind = source === 'microphone' || source === 'screen-audio' ? 'audio' : 'video';
  // A producer without a declared source counts as camera/microphone.
  return Object.values(p.media).find(
    (m) => m.kind === kind && (m.source === source || (m.source === null && !source.startsWith('screen'))),
  );
}

/**
 * Every tile in base order: shares first (they are what people look at), then self, then
 * everyone else by join time. Pinning and the active speaker are applied by the view, which
 * knows the page size.
 */
export function selectTileIds(s: CallStoreState): string[] {
  const people = Object.values(s.participants).sort((a, b) => a.joinedAt - b.joinedAt);
  const screens: string[] = [];
  if (s.local.sharing) screens.push(tileId('screen', SELF));
  for (const p of people) if (findMedia(p, 'screen')) screens.push(tileId('screen', p.peerId));
  return [...screens, tileId('camera', SELF), ...people.map((p) => tileId('camera', p.peerId))];
}

/**
 * Final order for display: the pinned tile first; then, if the active speaker would otherwise
 * be off the first page, they move to the end of the first page. Everyone else keeps their
 * place, so tiles do not jump around while people talk.
 */
export function arrangeTiles(
  ids: readonly string[],
  opts: { pinnedId: string | null; activeSpeakerTile: string | null; pageSize: number },
): string[] {
  let out = [...ids];
  if (opts.pinnedId && out.includes(opts.pinnedId)) {
    out = [opts.pinnedId, ...out.filter((id) => id !== opts.pinnedId)];
  }
  const speaker = opts.activeSpeakerTile;
  const at = speaker ? out.indexOf(speaker) : -1;
  if (speaker && at >= opts.pageSize && opts.pageSize > 0) {
    out.splice(at, 1);
    out.splice(Math.max(0, opts.pageSize - 1), 0, speaker);
  }
  return out;
}
