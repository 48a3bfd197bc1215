/**
 * What each video consumer of a room forwards: the viewer's own pause wish, last-N (recent
 * speakers only in a large meeting) and the layer its tile needs; and, per producer, which
 * simulcast layers anyone still watches (dynacast), told to the producer's owner.
 *
 * It watches every consumer of the meeting's routers (mediasoup's observer), so consumers it did not create
 * (the recorder's) count too: one that never asked for a layer wants the top one.
 */
import type { types } from 'mediasoup';
import { ErrorCode, MAX_SPATIAL_LAYER, ProtocolError, type MediaSource } from '@/lib/protocol';
import type { Logger } from '@/lib/log';
import { DemandDebouncer, wantedSpatialLayer, type DemandTiming } from './layerDemand';
import { lastNActive, selectLastN, type VideoSender } from './lastN';
import type { Peer } from './Peer';

/** One viewer's consumer of another peer's video. */
interface ViewerConsumer {
  viewer: Peer;
  consumer: types.Consumer;
  ownerId: string;
  source: MediaSource | null;
  /** The viewer asked to pause it (tile hidden) or has not resumed it yet. */
  wantsPaused: boolean;
  /** Held back by last-N. */
  suspended: boolean;
  /** Spatial layer the viewer asked for; undefined until it asks (top layer). */
  preferredSpatialLayer: number | undefined;
}

export interface VideoPolicyOptions {
  lastN: number;
  peers(): ReadonlyMap<string, Peer>;
  log: Logger;
  timing?: DemandTiming;
}

export class VideoPolicy {
  readonly #opts: VideoPolicyOptions;
  readonly #viewerConsumers = new Map<string, ViewerConsumer>();
  /** Every video consumer of the meeting's routers, by producer. */
  readonly #byProducer = new Map<string, Set<types.Consumer>>();
  readonly #lastSpoke = new Map<string, number>();
  readonly #pins = new Map<string, ReadonlySet<string>>();
  readonly #demand: DemandDebouncer;
  #speakSeq = 0;
  #closed = false;

  constructor(opts: VideoPolicyOptions) {
    this.#opts = opts;
    this.#demand = new DemandDebouncer(
      (producerId, layer) => this.#tellOwner(producerId, layer),
      opts.timing,
    );
  }

  /**
   * Counts the consumers of one of the meeting's routers. A pipe to another router is not a
   * viewer: the consumers at the far end (of the piped producer, same id) are counted there.
   */
  watch(router: types.Router): void {
    router.observer.on('newtransport', (transport) => {
      if (transport.type === 'pipe') return;
      transport.observer.on('newconsumer', (consumer) => this.#watch(consumer));
    });
  }

  /** A video producer was added: its sender starts with every layer on. */
  producerAdded(producer: types.Producer): void {
    if (producer.kind !== 'video') return;
    this.#demand.track(producer.id, MAX_SPATIAL_LAYER);
    producer.observer.once('close', () => {
      this.#demand.forget(producer.id);
      this.#applyLastN();
    });
    this.#evaluate(producer.id);
    this.#applyLastN();
  }

  /** A viewer's consumer was created (paused) by Room.consume. */
  consumerCreated(viewer: Peer, consumer: types.Consumer, ownerId: string, source: MediaSource | null): void {
    if (consumer.kind !== 'video') return;
    const entry: ViewerConsumer = {
      viewer,
      consumer,
      ownerId,
      source,
      wantsPaused: consumer.paused,
      suspended: false,
      preferredSpatialLayer: undefined,
    };
    this.#viewerConsumers.set(consumer.id, entry);
    consumer.observer.once('close', () => this.#viewerConsumers.delete(consumer.id));
    this.#applyLastN();
  }

  /** The viewer pauses or resumes one of its consumers; last-N may keep it paused. */
  async setConsumerPaused(viewer: Peer, consumerId: string, paused: boolean): Promise<void> {
    viewer.consumer(consumerId); // NOT_FOUND unless it is the caller's own
    const entry = this.#viewerConsumers.get(consumerId);
    if (!entry) return viewer.setConsumerPaused(consumerId, paused);
    entry.wantsPaused = paused;
    await viewer.setConsumerPaused(consumerId, paused || entry.suspended);
  }

  /** The viewer asks for the layer its tile needs: a ceiling, bandwidth estimation may go lower. */
  async setPreferredLayers(
    viewer: Peer,
    consumerId: string,
    spatialLayer: number,
    temporalLayer?: number,
  ): Promise<void> {
    const consumer = viewer.consumer(consumerId);
    if (consumer.kind !== 'video') {
      throw new ProtocolError(ErrorCode.BAD_REQUEST, `consumer ${consumerId} is not a video`);
    }
    const entry = this.#viewerConsumers.get(consumerId);
    if (entry) entry.preferredSpatialLayer = spatialLayer;
    if (consumer.type === 'simulcast' || consumer.type === 'svc') {
      await consumer
        .setPreferredLayers(temporalLayer === undefined ? { spatialLayer } : { spatialLayer, temporalLayer })
        .catch((err: unknown) => {
          if (!consumer.closed) throw err;
        });
    }
    this.#evaluate(consumer.producerId);
  }

  /** The people a viewer pinned: their camera stays in its last-N set. */
  setPinned(viewer: Peer, peerIds: readonly string[]): void {
    const peers = this.#opts.peers();
    for (const id of peerIds) {
      if (!peers.has(id))
        throw new ProtocolError(ErrorCode.NOT_FOUND, `participant ${id} is not in your meeting`);
    }
    this.#pins.set(viewer.id, new Set(peerIds));
    this.#applyLastN();
  }

  /** The dominant speaker changed: it moves to the front of everyone's last-N. */
  speakerChanged(peerId: string | null): void {
    if (peerId === null) return;
    this.#lastSpoke.set(peerId, ++this.#speakSeq);
    this.#applyLastN();
  }

  peerLeft(peerId: string): void {
    this.#lastSpoke.delete(peerId);
    this.#pins.delete(peerId);
    for (const pins of this.#pins.values()) if (pins.has(peerId)) (pins as Set<string>).delete(peerId);
    this.#applyLastN();
  }

  /** Whether last-N holds this consumer back (for tests and stats). */
  isSuspended(consumerId: string): boolean {
    return this.#viewerConsumers.get(consumerId)?.suspended ?? false;
  }

  close(): void {
    this.#closed = true;
    this.#demand.close();
    this.#viewerConsumers.clear();
    this.#byProducer.clear();
  }

  #watch(consumer: types.Consumer): void {
    if (consumer.kind !== 'video' || this.#closed) return;
    const set = this.#byProducer.get(consumer.producerId) ?? new Set();
    set.add(consumer);
    this.#byProducer.set(consumer.producerId, set);
    const reevaluate = () => this.#evaluate(consumer.producerId);
    consumer.observer.on('pause', reevaluate);
    consumer.observer.on('resume', reevaluate);
    consumer.observer.once('close', () => {
      set.delete(consumer);
      if (set.size === 0) this.#byProducer.delete(consumer.producerId);
      reevaluate();
    });
    reevaluate();
  }

  #evaluate(producerId: string): void {
    if (this.#closed) return;
    const consumers = [...(this.#byProducer.get(producerId) ?? [])].map((c) => ({
      paused: c.paused,
      preferredSpatialLayer: this.#viewerConsumers.get(c.id)?.preferredSpatialLayer,
    }));
    this.#demand.update(producerId, wantedSpatialLayer(consumers, MAX_SPATIAL_LAYER));
  }

  #tellOwner(producerId: string, maxSpatialLayer: number): void {
    for (const peer of this.#opts.peers().values()) {
      if (!peer.producers.has(producerId)) continue;
      peer.notify('producerLayersWanted', { producerId, maxSpatialLayer });
      return;
    }
  }

  /** Suspends or releases every camera consumer according to last-N. */
  #applyLastN(): void {
    if (this.#closed) return;
    const peers = this.#opts.peers();
    const senders: VideoSender[] = [];
    for (const peer of peers.values()) {
      const hasCamera = [...peer.producers.values()].some(
        (p) => p.kind === 'video' && p.appData.source !== 'screen',
      );
      if (hasCamera)
        senders.push({
          peerId: peer.id,
          lastSpoke: this.#lastSpoke.get(peer.id) ?? 0,
          joinedAt: peer.joinedAt,
        });
    }
    const active = lastNActive(senders.length, this.#opts.lastN);
    const chosenFor = new Map<string, Set<string>>();
    for (const entry of this.#viewerConsumers.values()) {
      let suspended = false;
      if (active && entry.source !== 'screen') {
        const viewerId = entry.viewer.id;
        let chosen = chosenFor.get(viewerId);
        if (!chosen) {
          chosen = selectLastN(senders, this.#opts.lastN, viewerId, this.#pins.get(viewerId));
          chosenFor.set(viewerId, chosen);
        }
        suspended = !chosen.has(entry.ownerId);
      }
      if (suspended === entry.suspended) continue;
      entry.suspended = suspended;
      this.#applyPause(entry);
      entry.viewer.notify('consumerSuspended', { consumerId: entry.consumer.id, suspended });
    }
  }

  #applyPause(entry: ViewerConsumer): void {
    const paused = entry.wantsPaused || entry.suspended;
    if (entry.consumer.closed || entry.consumer.paused === paused) return;
    entry.viewer.setConsumerPaused(entry.consumer.id, paused).catch((err: unknown) => {
      this.#opts.log.debug({ err, consumer: entry.consumer.id }, 'last-N pause change failed');
    });
  }
}
