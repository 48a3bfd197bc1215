/**
 * The receiving half of a call: one mediasoup Consumer per remote producer, created paused on the
 * server and resumed once ready; producers that close or pause while a consume is in flight are
 * remembered so the late consumer is dropped or gets the right state.
 *
 * A new video consumer is resumed only if the receive filter wants it (its tile is on screen):
 * a hidden one stays paused on the server, costing neither a key frame nor bandwidth, and is
 * still announced so the UI can show its tile and resume it with `setReceiving` once visible.
 */
import type { Device, types as ms } from 'mediasoup-client';
import type { ConsumerParams, ProducerInfo, RequestName, RequestPayload, ResultMap } from '@/lib/protocol';
import { CallAbortedError } from './CallAbortedError';
import type { CallWarningCode, RemoteTrack } from './callTypes';
import { streamIdFor, toClientRtpParameters, toWireRtpCapabilities } from './wire';

/** What the receiver needs of the current room session. */
export interface ReceiveSession {
  readonly peerId: string | null;
  readonly closed: boolean;
  readonly device: Device;
  /** Resolves once the recv transport exists. */
  readonly recvReady: Promise<ms.Transport>;
  /** A consumer already set up on the pre-join screen (see RoomSession.prepare), handed over once. */
  takeWarmed?(consumerId: string): ms.Consumer | undefined;
}

/** What the UI may ask of the received videos: which to receive, at which layer, who is pinned. */
export type ViewControls = Pick<
  Receiver,
  'setReceiving' | 'setFilter' | 'setPreferredLayer' | 'setPinnedPeers'
>;

/** Decides whether a new video is received at once (true) or kept paused until asked for. */
export type ReceiveFilter = (track: Readonly<Omit<RemoteTrack, 'track' | 'receiving'>>) => boolean;

export interface ReceiverHost {
  request<E extends RequestName>(event: E, payload: RequestPayload<E>): Promise<ResultMap[E]>;
  trackAdded(track: RemoteTrack): void;
  trackRemoved(track: RemoteTrack): void;
  warnFrom(err: unknown, fallback: CallWarningCode, context: string): void;
}

interface ConsumerEntry {
  consumer: ms.Consumer;
  info: RemoteTrack;
  /** Whether `trackAdded` was emitted (and so `trackRemoved` is owed). */
  announced: boolean;
}

export class Receiver {
  readonly #host: ReceiverHost;
  readonly #consumers = new Map<string, ConsumerEntry>();
  readonly #consumerIdByProducer = new Map<string, string>();
  /** Producers whose consume is in flight, and what happened to them meanwhile. */
  readonly #pending = new Set<string>();
  readonly #cancelled = new Set<string>();
  readonly #pendingPaused = new Map<string, boolean>();
  /** Scores can arrive before the consumer is set up here; kept until it is. */
  readonly #earlyScores = new Map<string, number>();
  /** Last-N holds can arrive before the consumer is set up here too. */
  readonly #earlySuspended = new Map<string, boolean>();
  /** The spatial layer last asked for, per video consumer. */
  readonly #layers = new Map<string, number>();
  /** People pinned by the viewer (kept in its last-N set); sent again after a re-join. */
  #pinned: string[] = [];
  #filter: ReceiveFilter = () => true;

  constructor(host: ReceiverHost) {
    this.#host = host;
  }

  /**
   * Sets which new videos are received at once; the others are announced paused (`receiving`
   * false). Tracks already received keep their state: use `setReceiving` for those.
   */
  setFilter(filter: ReceiveFilter | null): void {
    this.#filter = filter ?? (() => true);
  }

  /** Tracks announced to the UI (copies). */
  get tracks(): RemoteTrack[] {
    return [...this.#consumers.values()].filter((e) => e.announced).map((e) => ({ ...e.info }));
  }

  /** Producers received, or whose consume is in flight. */
  get producerIds(): string[] {
    return [...new Set([...this.#consumerIdByProducer.keys(), ...this.#pending])];
  }

  async consumeExisting(session: ReceiveSession, callId: string): Promise<void> {
    const { producers } = await this.#host.request('getProducers', { callId });
    if (session.closed) return;
    if (this.#pinned.length > 0) void this.#sendPins();
    await Promise.all(producers.map((info) => this.consume(session, info)));
  }

  async consume(session: ReceiveSession, info: ProducerInfo): Promise<void> {
    const producerId = info.producerId;
    if (session.closed || info.peerId === session.peerId || this.#known(producerId)) return;
    this.#pending.add(producerId);
    try {
      const transport = await session.recvReady;
      // A closed session asks for nothing more: the server would create a consumer nobody sets up.
      if (session.closed) return;
      const params = await this.#host.request('consume', {
        transportId: transport.id,
        producerId,
        rtpCapabilities: toWireRtpCapabilities(session.device.recvRtpCapabilities),
      });
      await this.#setUp(session, transport, { ...params, source: params.source ?? info.source }, false);
    } catch (err) {
      this.#failed(session, producerId, err, `cannot receive ${info.kind} from ${info.userId}`);
    } finally {
      this.#settled(producerId);
    }
  }

  /**
   * Sets up consumers the server created and already resumed (the answer of a prepared join).
   * They count as in flight from this call on, before any await, so a `newProducer` for the same
   * producer does not consume it twice; one already being consumed is paused on the server instead.
   */
  adopt(session: ReceiveSession, consumers: ConsumerParams[]): Promise<void> {
    const setUps = consumers.map(async (params) => {
      if (this.#known(params.producerId)) {
        await this.#host.request('pauseConsumer', { consumerId: params.id }).catch(() => undefined);
        return;
      }
      this.#pending.add(params.producerId);
      try {
        const transport = await session.recvReady;
        if (!session.closed) await this.#setUp(session, transport, params, true);
      } catch (err) {
        this.#failed(session, params.producerId, err, `cannot receive ${params.kind} from ${params.peerId}`);
      } finally {
        this.#settled(params.producerId);
      }
    });
    return Promise.all(setUps).then(() => undefined);
  }

  /**
   * The local half of a server consumer: created, registered, then resumed or paused as the
   * receive filter wants (`resumed`: the server already resumed it), then announced.
   */
  async #setUp(
    session: ReceiveSession,
    transport: ms.Transport,
    params: ConsumerParams,
    resumed: boolean,
  ): Promise<void> {
    const producerId = params.producerId;
    if (session.closed || this.#cancelled.has(producerId)) return;
    const warmed = resumed ? session.takeWarmed?.(params.id) : undefined;
    const consumer =
      warmed ??
      (await transport.consume({
        id: params.id,
        producerId,
        kind: params.kind,
        rtpParameters: toClientRtpParameters(params.rtpParameters),
        streamId: streamIdFor(params.peerId, params.source),
        appData: { peerId: params.peerId, source: params.source },
      }));
    const base = {
      peerId: params.peerId,
      producerId,
      consumerId: consumer.id,
      kind: params.kind,
      source: params.source,
      paused: params.producerPaused,
      score: this.#earlyScores.get(consumer.id) ?? null,
      suspended: this.#earlySuspended.get(consumer.id) ?? false,
    };
    // Audio is always received; a video only when the viewer can see it.
    const receiving = base.kind === 'audio' || this.#wants(base);
    const entry: ConsumerEntry = {
      consumer,
      announced: false,
      info: { ...base, receiving, track: consumer.track },
    };
    this.#consumers.set(consumer.id, entry);
    this.#earlyScores.delete(consumer.id);
    this.#earlySuspended.delete(consumer.id);
    this.#consumerIdByProducer.set(producerId, consumer.id);
    consumer.on('transportclose', () => this.drop(consumer.id));
    if (session.closed || this.#cancelled.has(producerId)) {
      this.drop(consumer.id);
      return;
    }
    try {
      // Created paused: resumed only if wanted (a key frame follows the resume). A consumer the
      // server already resumed is paused there if it is not wanted.
      if (!receiving) consumer.pause();
      if (receiving && !resumed) await this.#host.request('resumeConsumer', { consumerId: consumer.id });
      if (!receiving && resumed) await this.#host.request('pauseConsumer', { consumerId: consumer.id });
    } catch (err) {
      this.drop(consumer.id);
      throw err;
    }
    if (session.closed || !this.#consumers.has(consumer.id)) return;
    entry.info.paused = this.#pendingPaused.get(producerId) ?? entry.info.paused;
    entry.announced = true;
    this.#host.trackAdded({ ...entry.info });
  }

  /** Whether the producer is received, or its consume is in flight. */
  #known(producerId: string): boolean {
    return this.#consumerIdByProducer.has(producerId) || this.#pending.has(producerId);
  }

  #failed(session: ReceiveSession, producerId: string, err: unknown, context: string): void {
    if (session.closed || err instanceof CallAbortedError) return;
    // The producer closed while we asked for it: nothing is missing, so nothing to report.
    if (this.#cancelled.has(producerId)) return;
    this.#host.warnFrom(err, 'CONSUME_FAILED', context);
  }

  #settled(producerId: string): void {
    this.#pending.delete(producerId);
    this.#cancelled.delete(producerId);
    this.#pendingPaused.delete(producerId);
  }

  /**
   * Stops (or restarts) receiving one remote track without closing it: the server stops
   * forwarding its packets, so off-screen video costs neither bandwidth nor decoding. A resumed
   * video consumer gets a key frame from the server, so the picture comes back at once.
   */
  async setReceiving(consumerId: string, receiving: boolean): Promise<void> {
    const entry = this.#consumers.get(consumerId);
    if (!entry || entry.info.receiving === receiving) return;
    entry.info.receiving = receiving;
    if (receiving) entry.consumer.resume();
    else entry.consumer.pause();
    try {
      await this.#host.request(receiving ? 'resumeConsumer' : 'pauseConsumer', { consumerId });
    } catch (err) {
      if (err instanceof CallAbortedError || !this.#consumers.has(consumerId)) return;
      this.#host.warnFrom(
        err,
        'CONSUME_FAILED',
        `could not ${receiving ? 'resume' : 'pause'} a remote track`,
      );
    }
  }

  /**
   * Asks the server for the spatial layer of a video that fits its tile (0 smallest … 2 largest):
   * a ceiling, the server goes lower when our downlink is poor. Repeats are not sent.
   */
  async setPreferredLayer(consumerId: string, spatialLayer: number): Promise<void> {
    const entry = this.#consumers.get(consumerId);
    if (!entry || entry.info.kind !== 'video' || this.#layers.get(consumerId) === spatialLayer) return;
    this.#layers.set(consumerId, spatialLayer);
    try {
      await this.#host.request('setPreferredLayers', { consumerId, spatialLayer });
    } catch (err) {
      if (err instanceof CallAbortedError || !this.#consumers.has(consumerId)) return;
      this.#layers.delete(consumerId);
      this.#host.warnFrom(err, 'CONSUME_FAILED', 'could not change the quality of a remote video');
    }
  }

  /** The people the viewer pinned: the server keeps their video coming in large meetings. */
  async setPinnedPeers(peerIds: readonly string[]): Promise<void> {
    if (peerIds.join() === this.#pinned.join()) return;
    this.#pinned = [...peerIds];
    await this.#sendPins();
  }

  async #sendPins(): Promise<void> {
    try {
      await this.#host.request('setPinnedPeers', { peerIds: this.#pinned });
    } catch (err) {
      // A pin of someone who just left is refused; the next pin change corrects it.
      if (err instanceof CallAbortedError) return;
      this.#host.warnFrom(err, 'INTERNAL', 'could not keep the pinned video');
    }
  }

  /** The server held a video back for last-N (or released it); returns the track when announced. */
  setSuspended(consumerId: string, suspended: boolean): RemoteTrack | null {
    const entry = this.#consumers.get(consumerId);
    if (!entry) {
      if (this.#earlySuspended.size < 1_000) this.#earlySuspended.set(consumerId, suspended);
      return null;
    }
    entry.info.suspended = suspended;
    return entry.announced ? { ...entry.info } : null;
  }

  /** Closes one consumer and tells the UI its track is gone. */
  drop(consumerId: string): void {
    const entry = this.#consumers.get(consumerId);
    if (!entry) return;
    this.#consumers.delete(consumerId);
    this.#earlyScores.delete(consumerId);
    this.#earlySuspended.delete(consumerId);
    this.#layers.delete(consumerId);
    if (this.#consumerIdByProducer.get(entry.info.producerId) === consumerId) {
      this.#consumerIdByProducer.delete(entry.info.producerId);
    }
    if (!entry.consumer.closed) entry.consumer.close();
    if (entry.announced) this.#host.trackRemoved({ ...entry.info });
  }

  dropPeer(peerId: string): void {
    for (const entry of [...this.#consumers.values()]) {
      if (entry.info.peerId === peerId) this.drop(entry.info.consumerId);
    }
  }

  /** The producer went away: drop its consumer, or cancel the consume in flight. */
  producerGone(producerId: string): void {
    if (this.#pending.has(producerId)) this.#cancelled.add(producerId);
    const consumerId = this.#consumerIdByProducer.get(producerId);
    if (consumerId) this.drop(consumerId);
  }

  /** Records a producer's pause state; returns the track it concerns, if received. */
  producerPaused(producerId: string, paused: boolean): RemoteTrack | null {
    if (this.#pending.has(producerId)) this.#pendingPaused.set(producerId, paused);
    const consumerId = this.#consumerIdByProducer.get(producerId);
    const entry = consumerId ? this.#consumers.get(consumerId) : undefined;
    if (!entry) return null;
    entry.info.paused = paused;
    return { ...entry.info };
  }

  /**
   * Records a transmission score (the lower of ours and the sender's); returns the track when the
   * UI already knows it (otherwise the score goes out with `trackAdded`).
   */
  setScore(consumerId: string, score: number): RemoteTrack | null {
    const entry = this.#consumers.get(consumerId);
    if (!entry) {
      if (this.#earlyScores.size < 1_000) this.#earlyScores.set(consumerId, score);
      return null;
    }
    entry.info.score = score;
    return entry.announced ? { ...entry.info } : null;
  }

  /** Asks the filter; a filter that throws counts as "receive" (better a wasted frame than a black tile). */
  #wants(track: Omit<RemoteTrack, 'track' | 'receiving'>): boolean {
    try {
      return this.#filter(track);
    } catch {
      return true;
    }
  }

  /** Drops everything (the session ended). */
  clear(): void {
    this.#earlyScores.clear();
    this.#earlySuspended.clear();
    for (const consumerId of [...this.#consumers.keys()]) this.drop(consumerId);
    this.#pending.clear();
    this.#cancelled.clear();
    this.#pendingPaused.clear();
  }
}
