/**
 * What the recording should show now, read from the media room: each person with their live
 * camera or screen, the voices to mix, and who speaks. A producer counts only while it is not
 * paused and media reaches the server (mediasoup scores it above 0): a stream that sends nothing
 * would stall ffmpeg, which waits for every input.
 */
import type { types } from 'mediasoup';
import type { ProducerAppData } from '@/lib/sfu/Peer';
import type { Room } from '@/lib/sfu/Room';
import { computeScene, sceneKey, type LayoutPerson } from './layout';
import { OUTPUT } from './composition';
import type { SegmentPlan } from './Segment';

export interface Plan extends SegmentPlan {
  /** Equal for plans that record the same thing. */
  key: string;
  /** The key without the speaker: differs only when people or streams changed. */
  structureKey: string;
}

function live(p: types.Producer<ProducerAppData>): boolean {
  return !p.closed && !p.paused && p.score.some((s) => s.score > 0);
}

export function planFor(room: Room, opts: { cardsOnly?: boolean } = {}): Plan {
  const people: LayoutPerson[] = [];
  const audio: string[] = [];
  for (const peer of room.peers.values()) {
    let camera: string | null = null;
    let screen: string | null = null;
    for (const producer of peer.producers.values()) {
      if (!live(producer)) continue;
      const source = producer.appData.source;
      if (producer.kind === 'audio') audio.push(producer.id);
      else if (source === 'screen') screen ??= producer.id;
      else camera ??= producer.id;
    }
    if (opts.cardsOnly) {
      camera = null;
      screen = null;
    }
    people.push({ peerId: peer.id, name: peer.userId, camera, screen });
  }
  const size = { width: OUTPUT.width, height: OUTPUT.height };
  const scene = computeScene({ people, speakerPeerId: room.activeSpeakerPeerId, ...size });
  const still = computeScene({ people, speakerPeerId: null, ...size });
  audio.sort();
  return {
    scene,
    audio,
    key: `${sceneKey(scene)}|${audio.join(',')}`,
    structureKey: `${sceneKey(still)}|${audio.join(',')}`,
  };
}
