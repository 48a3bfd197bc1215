/**
 * Speaker detection of one meeting: an ActiveSpeakerObserver and an AudioLevelObserver on its
 * home router. Voices produced on the meeting's other routers are piped to the home first, so one
 * observer compares everyone. When the home router goes (its worker died), detection opens again
 * on the new home and takes every voice again. Reports peer ids, never producers.
 */
import { EventEmitter } from 'node:events';
import type { types } from 'mediasoup';
import type { Logger } from '@/lib/log';
import type { Peer } from './Peer';
import type { RoomRouter, RoomRouters } from './RoomRouters';
import { peerIdOf } from './wireInfo';

export interface PeerVolume {
  peerId: string;
  volume: number;
}

type SpeakerEvents = {
  dominant: [peerId: string | null];
  levels: [levels: PeerVolume[]];
};

interface Observers {
  router: types.Router;
  activeSpeaker: types.ActiveSpeakerObserver;
  audioLevels: types.AudioLevelObserver;
}

export class SpeakerDetection extends EventEmitter<SpeakerEvents> {
  readonly #routers: RoomRouters;
  readonly #log: Logger;
  #observers: Observers;
  #closed = false;

  private constructor(routers: RoomRouters, observers: Observers, log: Logger) {
    super();
    this.#routers = routers;
    this.#log = log;
    this.#observers = observers;
    this.#listen(observers);
  }

  static async create(routers: RoomRouters, log: Logger): Promise<SpeakerDetection> {
    return new SpeakerDetection(routers, await openObservers(routers.home.router), log);
  }

  /** Listens to a voice of `owner` (piping it to the home router if it is produced elsewhere). */
  async add(producerId: string, owner: Peer): Promise<void> {
    await this.#add(producerId, this.#routers.of(owner));
  }

  /** Opens detection again on the current home router (the old one died) with every voice. */
  async move(): Promise<void> {
    if (this.#closed || this.#observers.router === this.#routers.home.router) return;
    try {
      const observers = await openObservers(this.#routers.home.router);
      if (this.#closed) return closeObservers(observers);
      closeObservers(this.#observers);
      this.#observers = observers;
      this.#listen(observers);
      for (const rr of this.#routers.list()) {
        for (const peer of rr.peers) {
          for (const p of peer.producers.values()) {
            if (isVoice(p)) await this.#add(p.id, Promise.resolve(rr));
          }
        }
      }
    } catch (err) {
      this.#log.warn({ err: (err as Error).message }, 'moving speaker detection failed');
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    closeObservers(this.#observers);
    this.removeAllListeners();
  }

  async #add(producerId: string, from: Promise<RoomRouter>): Promise<void> {
    const observers = this.#observers;
    try {
      const source = await from;
      const home = this.#routers.list().find((rr) => rr.router === observers.router);
      if (!home) return; // the home is moving: the new observers take every voice
      await this.#routers.pipe(producerId, source, home);
      await Promise.all([
        observers.activeSpeaker.addProducer({ producerId }),
        observers.audioLevels.addProducer({ producerId }),
      ]);
    } catch (err) {
      this.#log.warn({ err: (err as Error).message, producer: producerId }, 'speaker detection add failed');
    }
  }

  #listen({ activeSpeaker, audioLevels }: Observers): void {
    activeSpeaker.on('dominantspeaker', ({ producer }) => this.emit('dominant', peerIdOf(producer)));
    audioLevels.on('volumes', (volumes) => {
      const levels = volumes.flatMap(({ producer, volume }) => {
        const peerId = peerIdOf(producer);
        return peerId ? [{ peerId, volume }] : [];
      });
      this.emit('levels', levels);
    });
    audioLevels.on('silence', () => this.emit('levels', []));
  }
}

async function openObservers(router: types.Router): Promise<Observers> {
  return {
    router,
    activeSpeaker: await router.createActiveSpeakerObserver({ interval: 300 }),
    audioLevels: await router.createAudioLevelObserver({ maxEntries: 16, threshold: -70, interval: 250 }),
  };
}

function closeObservers({ activeSpeaker, audioLevels }: Observers): void {
  activeSpeaker.removeAllListeners();
  audioLevels.removeAllListeners();
  activeSpeaker.close();
  audioLevels.close();
}

/** Voices only: shared tab or system audio must not take the speaker spotlight. */
export function isVoice(producer: types.Producer): boolean {
  return producer.kind === 'audio' && producer.appData.source !== 'screen-audio';
}
