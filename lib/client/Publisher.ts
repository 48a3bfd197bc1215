/**
 * The sending half of a call, mirroring Receiver: one mediasoup Producer per local source
 * (microphone, camera, screen, screen audio). The local tracks and the user's on/off wishes
 * survive re-joins; the producers belong to the current room session and go with it.
 */
import type { types as ms } from 'mediasoup-client';
import type { MediaKind, MediaSource, RequestName, RequestPayload, ResultMap } from '@/lib/protocol';
import type { CallWarningCode, LocalPublication } from './callTypes';
import { videoProduceOptions } from './videoEncodings';

/** What the publisher needs of the current room session. */
export interface PublishSession {
  readonly peerId: string | null;
  readonly closed: boolean;
  readonly device: ms.Device;
  sendTransportReady(): Promise<ms.Transport>;
}

export interface PublisherHost {
  request<E extends RequestName>(event: E, payload: RequestPayload<E>): Promise<ResultMap[E]>;
  warn(code: CallWarningCode, message: string): void;
  warnFrom(err: unknown, fallback: CallWarningCode, context: string): void;
}

function isMediaKind(kind: string): kind is MediaKind {
  return kind === 'audio' || kind === 'video';
}

export class Publisher {
  readonly #host: PublisherHost;
  #session: PublishSession | null = null;
  /** Local tracks to publish (owned by the caller: never stopped here). */
  readonly #localTracks = new Map<MediaSource, MediaStreamTrack>();
  /** What the user asked for per source; survives re-joins. Absent = enabled. */
  readonly #wantEnabled = new Map<MediaSource, boolean>();
  readonly #producers = new Map<MediaSource, ms.Producer>();

  constructor(host: PublisherHost) {
    this.#host = host;
  }

  get publications(): LocalPublication[] {
    return [...this.#producers.entries()].map(([source, p]) => ({
      source,
      kind: p.kind,
      producerId: p.id,
      paused: p.paused,
    }));
  }

  isSourceEnabled(source: MediaSource): boolean {
    return this.#wantEnabled.get(source) ?? true;
  }

  /** Remembers a track to publish once a session starts (used before joining). */
  setTrack(source: MediaSource, track: MediaStreamTrack): void {
    this.#localTracks.set(source, track);
  }

  /**
   * Publishes every local track not published yet on the session, one at a time (on prepared
   * transports this starts with the join; the producing waits until the server counts us in).
   */
  async start(session: PublishSession): Promise<void> {
    this.#session = session;
    // One at a time: mediasoup-client queues produce() calls on a transport anyway.
    for (const [source, track] of [...this.#localTracks]) {
      if (this.#producers.has(source)) continue;
      await this.#produce(session, source, track);
      if (session.closed) return;
    }
  }

  /** The session ended: its producers are gone (the tracks and wishes are kept). */
  stop(): void {
    this.#session = null;
    for (const producer of this.#producers.values()) producer.close();
    this.#producers.clear();
  }

  /**
   * Closes every producer here and on the server (before its transport is replaced); the local
   * tracks and wishes stay for `start()` to publish them again.
   */
  async releaseProducers(): Promise<void> {
    const producers = [...this.#producers.values()];
    this.#producers.clear();
    for (const producer of producers) producer.close();
    await Promise.all(
      producers.map((p) => this.#host.request('closeProducer', { producerId: p.id }).catch(() => undefined)),
    );
  }

  /** Leaves for good: forgets the local tracks too. Idempotent. */
  close(): void {
    this.stop();
    this.#localTracks.clear();
  }

  /**
   * Pauses/resumes the producer of `source` locally (the track is disabled, so the local preview
   * goes dark too) and on the server, which then stops forwarding it and tells the others.
   */
  async setSourceEnabled(source: MediaSource, enabled: boolean): Promise<void> {
    this.#wantEnabled.set(source, enabled);
    const producer = this.#producers.get(source);
    if (!producer || producer.closed) {
      const track = this.#localTracks.get(source);
      if (track) track.enabled = enabled;
      return;
    }
    if (producer.paused === !enabled) return;
    if (enabled) producer.resume();
    else producer.pause();
    try {
      if (enabled) await this.#host.request('resumeProducer', { producerId: producer.id });
      else await this.#host.request('pauseProducer', { producerId: producer.id });
    } catch (err) {
      this.#host.warnFrom(err, 'PRODUCE_FAILED', `could not ${enabled ? 'resume' : 'pause'} ${source}`);
    }
  }

  /** Publishes (or replaces) the track of `source`. */
  async publish(track: MediaStreamTrack, source: MediaSource): Promise<void> {
    const existing = this.#producers.get(source);
    this.#localTracks.set(source, track);
    const session = this.#session;
    if (!session || session.closed || session.peerId === null) return; // published when a session starts
    if (existing && !existing.closed) {
      track.enabled = this.isSourceEnabled(source);
      await existing.replaceTrack({ track });
      return;
    }
    await this.#produce(session, source, track);
  }

  /** Stops publishing `source` (the track itself is left to the caller). */
  async unpublish(source: MediaSource): Promise<void> {
    this.#localTracks.delete(source);
    const producer = this.#producers.get(source);
    if (!producer) return;
    this.#producers.delete(source);
    producer.close();
    await this.#host.request('closeProducer', { producerId: producer.id }).catch((err: unknown) => {
      this.#host.warnFrom(err, 'PRODUCE_FAILED', `could not close ${source}`);
    });
  }

  /** The server closed one of our producers (e.g. on its own after an error). */
  closedByServer(producerId: string): void {
    for (const [source, producer] of this.#producers) {
      if (producer.id !== producerId) continue;
      this.#producers.delete(source);
      producer.close();
      this.#host.warn('PRODUCE_FAILED', `the server stopped forwarding ${source}`);
    }
  }

  /**
   * The server says which spatial layers of a video producer anyone watches (-1: none): the
   * encodings above stop (RTCRtpSender encodings `active: false`, through mediasoup-client) so
   * the browser does not spend CPU and upload on layers nobody receives, and restart when wanted.
   */
  setLayersWanted(producerId: string, maxSpatialLayer: number): void {
    const producer = [...this.#producers.values()].find((p) => p.id === producerId);
    if (!producer || producer.closed || producer.kind !== 'video') return;
    producer.setMaxSpatialLayer(maxSpatialLayer).catch((err: unknown) => {
      if (!producer.closed)
        this.#host.warnFrom(err, 'PRODUCE_FAILED', 'could not change the video layers sent');
    });
  }

  /** A host turned `source` off: the server already paused it; mirror that here. */
  forcedOff(source: MediaSource): void {
    this.#wantEnabled.set(source, false);
    const producer = this.#producers.get(source);
    if (producer && !producer.closed && !producer.paused) producer.pause();
  }

  async #produce(session: PublishSession, source: MediaSource, track: MediaStreamTrack): Promise<void> {
    const kind = track.kind;
    if (!isMediaKind(kind)) return;
    if (!session.device.canProduce(kind)) {
      this.#host.warn(
        'CANNOT_PRODUCE',
        `the server offers no ${kind} codec this browser can send; ${source} is not published`,
      );
      return;
    }
    if (track.readyState === 'ended') {
      this.#host.warn('TRACK_ENDED', `the ${source} track has ended; it is not published`);
      return;
    }
    const enabled = this.isSourceEnabled(source);
    track.enabled = enabled;
    let transport: ms.Transport | null = null;
    try {
      transport = await session.sendTransportReady();
      if (session.closed) return;
      const producer = await transport.produce({
        track,
        stopTracks: false, // the caller owns the tracks (local preview, re-joins)
        appData: { source },
        ...(kind === 'video'
          ? videoProduceOptions(session.device, source, track)
          : { codecOptions: { opusStereo: false, opusFec: true } }),
      });
      if (session.closed) {
        producer.close();
        return;
      }
      this.#producers.set(source, producer);
      producer.on('trackended', () =>
        this.#host.warn('TRACK_ENDED', `the ${source} track ended (device unplugged?)`),
      );
      producer.on('transportclose', () => {
        if (this.#producers.get(source) === producer) this.#producers.delete(source);
      });
      if (!enabled) {
        producer.pause();
        await this.#host.request('pauseProducer', { producerId: producer.id });
      }
    } catch (err) {
      // A prepared transport the join dropped: `start` publishes again on the new one.
      if (session.closed || transport?.closed) return;
      this.#host.warnFrom(err, 'PRODUCE_FAILED', `could not publish ${source}`);
    }
  }
}
