/**
 * What a published track is (camera, microphone, screen, screen audio), read from the producer's
 * appData. This product's client sends `source` with one of the known values. Clients written
 * from the seed send appData of their own (`{ source: 'webcam' }`, `{ label: 'cam' }`, …): an
 * unknown label is never refused; screen-like words mean a screen share, anything else falls
 * back to the track's kind (video: camera, audio: microphone).
 */
import { mediaSourceSchema, type AppDataWire, type MediaKind, type MediaSource } from '@/lib/protocol';

/** appData keys that commonly name a track, in the order they are read. */
const LABEL_KEYS = ['source', 'mediaTag', 'label', 'type', 'tag', 'name', 'track', 'media'];
const SCREEN_WORDS = ['screen', 'display', 'desktop', 'presentation', 'window', 'share'];

export function producerSource(kind: MediaKind, appData: AppDataWire | undefined): MediaSource {
  const declared = mediaSourceSchema.safeParse(appData?.source);
  if (declared.success) {
    const audio = declared.data === 'microphone' || declared.data === 'screen-audio';
    if (audio === (kind === 'audio')) return declared.data;
  }
  for (const key of LABEL_KEYS) {
    const value = appData?.[key];
    if (typeof value !== 'string') continue;
    const label = value.toLowerCase();
    if (SCREEN_WORDS.some((w) => label.includes(w))) return kind === 'audio' ? 'screen-audio' : 'screen';
  }
  return kind === 'audio' ? 'microphone' : 'camera';
}
