/**
 * The receiving half of a call: one mediasoup Consumer per remote producer, created paused on the
 * server and resumed once ready; producers that close or pause while a consume is in flight are
 * remembered so the late consumer is dropped or gets the right state.
 */
import type { Device, types as ms } from 'mediasoup-client';
import type { MediaSource, ProducerInfo, RequestName, RequestPayload, ResultMap } from '@/lib/protocol';
import { CallAbortedError } from './CallAbortedError';
import type { CallWarningCode, RemoteTrack } from './callTypes';
import { toClientRtpParameters, toWireRtpCapabilities } from './wire';

/** What the receiver needs of the current room session. */
export interface ReceiveSession {
  readonly peerId: string | null;
  readonly closed: boolean;
  readonly device: Device;
  /** Resolves once the recv transport exists. */
  readonly recvReady: Promise<ms.Transport>;
}

export interface ReceiverHost {
  req<E extends RequestName>(event: E, payload: RequestPayload<E>): Promise<ResultMap[E]>;
  trackAdded(track: RemoteTrack): void;
  trackRemoved(track: RemoteTrack): void;
  warnFrom(err: unknown, fallback: CallWarningCode, context: string): void;
}

interface ConsumerEntry {
  consumer: ms.Consumer;
  info: RemoteTrack;
  /** Whether `trackAdded` was emitted (and so `trackRemoved` is owed). */
  announced: boolean;
  /** The viewer asked not to receive it (e.g. its tile is on another page). */
  viewerPaused: boolean;
}

/** Camera and microphone of one peer share a stream id so the browser lip-syncs them. */
function streamIdFor(peerId: string, source: MediaSource | null): string {
  return source === 'screen' || source === 'screen-audio' ? `${peerId}:screen` : `${peerId}:media`;
}

export class Receiver {
  private readonly consumers = new Map<string, ConsumerEntry>();
  private readonly consumerIdByProducer = new Map<string, string>();
  /** Producers whose consume is in flight, and what happened to them meanwhile. */
  private readonly pending = new Set<string>();
  private readonly cancelled = new Set<string>();
  private readonly pendingPaused = new Map<string, boolean>();
  /** Scores can arrive before the consumer is set up here; kept until it is. */
  private readonly earlyScores = new Map<string, number>();

  constructor(private readonly host: ReceiverHost) {}

  /** Tracks announced to the UI (copies). */
  get tracks(): RemoteTrack[] {
    return [...this.consumers.values()].filter((e) => e.announced).map((e) => ({ ...e.info }));
  }

  async consumeExisting(session: ReceiveSession, callId: string): Promise<void> {
    const { producers } = await this.host.req('getProducers', { callId });
    if (session.closed) return;
    await Promise.all(producers.map((info) => this.consume(session, info)));
  }

  async consume(session: ReceiveSession, info: ProducerInfo): Promise<void> {
    const producerId = info.producerId;
    if (info.peerId === session.peerId) return;
    if (this.consumerIdByProducer.has(producerId) || this.pending.has(producerId)) return;
    this.pending.add(producerId);
    let entry: ConsumerEntry | null = null;
    try {
      const transport = await session.recvReady;
      const params = await this.host.req('consume', {
        transportId: transport.id,
        producerId,
        rtpCapabilities: toWireRtpCapabilities(session.device.recvRtpCapabilities),
      });
      if (session.closed || this.cancelled.has(producerId)) return;
      const consumer = await transport.consume({
        id: params.id,
        producerId,
        kind: params.kind,
        rtpParameters: toClientRtpParameters(params.rtpParameters),
        streamId: streamIdFor(params.peerId, params.source),
        appData: { peerId: params.peerId, source: params.source },
      });
      entry = {
        consumer,
        announced: false,
        viewerPaused: false,
        info: {
          peerId: params.peerId,
          producerId,
          consumerId: consumer.id,
          kind: params.kind,
          source: params.source ?? info.source,
          paused: params.producerPaused,
          score: this.earlyScores.get(consumer.id) ?? null,
          track: consumer.track,
        },
      };
      this.consumers.set(consumer.id, entry);
      this.earlyScores.delete(consumer.id);
      this.consumerIdByProducer.set(producerId, consumer.id);
      consumer.on('transportclose', () => this.drop(consumer.id));
      if (session.closed || this.cancelled.has(producerId)) {
        this.drop(consumer.id);
        return;
      }

      await this.host.req('resumeConsumer', { consumerId: consumer.id });
      if (session.closed || !this.consumers.has(consumer.id)) return;
      entry.info.paused = this.pendingPaused.get(producerId) ?? entry.info.paused;
      entry.announced = true;
      this.host.trackAdded({ ...entry.info });
    } catch (err) {
      if (session.closed || err instanceof CallAbortedError) return;
      if (entry) this.drop(entry.consumer.id);
      this.host.warnFrom(err, 'CONSUME_FAILED', `cannot receive ${info.kind} from ${info.userId}`);
    } finally {
      this.pending.delete(producerId);
      this.cancelled.delete(producerId);
      this.pendingPaused.delete(producerId);
    }
  }

  /**
   * Stops (or restarts) receiving one remote track without closing it: the server stops
   * forwarding its packets, so off-screen video costs neither bandwidth nor decoding. A resumed
   * video consumer gets a key frame from the server, so the picture comes back at once.
   */
  async setReceiving(consumerId: string, receiving: boolean): Promise<void> {
    const entry = this.consumers.get(consumerId);
    if (!entry || entry.viewerPaused === !receiving) return;
    entry.viewerPaused = !receiving;
    if (receiving) entry.consumer.resume();
    else entry.consumer.pause();
    try {
      await this.host.req(receiving ? 'resumeConsumer' : 'pauseConsumer', { consumerId });
    } catch (err) {
      if (err instanceof CallAbortedError || !this.consumers.has(consumerId)) return;
      this.host.warnFrom(err, 'CONSUME_FAILED', `could not ${receiving ? 'resume' : 'pause'} a remote track`);
    }
  }

  /** Closes one consumer and tells the UI its track is gone. */
  drop(consumerId: string): void {
    const entry = this.consumers.get(consumerId);
    if (!entry) return;
    this.consumers.delete(consumerId);
    this.earlyScores.delete(consumerId);
    if (this.consumerIdByProducer.get(entry.info.producerId) === consumerId) {
      this.consumerIdByProducer.delete(entry.info.producerId);
    }
    if (!entry.consumer.closed) entry.consumer.close();
    if (entry.announced) this.host.trackRemoved({ ...entry.info });
  }

  dropPeer(peerId: string): void {
    for (const entry of [...this.consumers.values()]) {
      if (entry.info.peerId === peerId) this.drop(entry.info.consumerId);
    }
  }

  /** The producer went away: drop its consumer, or cancel the consume in flight. */
  producerGone(producerId: string): void {
    if (this.pending.has(producerId)) this.cancelled.add(producerId);
    const consumerId = this.consumerIdByProducer.get(producerId);
    if (consumerId) this.drop(consumerId);
  }

  /** Records a producer's pause state; returns the track it concerns, if received. */
  producerPaused(producerId: string, paused: boolean): RemoteTrack | null {
    if (this.pending.has(producerId)) this.pendingPaused.set(producerId, paused);
    const consumerId = this.consumerIdByProducer.get(producerId);
    const entry = consumerId ? this.consumers.get(consumerId) : undefined;
    if (!entry) return null;
    entry.info.paused = paused;
    return { ...entry.info };
  }

  /**
   * Records a transmission score (the lower of ours and the sender's); returns the track when the
   * UI already knows it (otherwise the score goes out with `trackAdded`).
   */
  setScore(consumerId: string, score: number): RemoteTrack | null {
    const entry = this.consumers.get(consumerId);
    if (!entry) {
      if (this.earlyScores.size < 1_000) this.earlyScores.set(consumerId, score);
      return null;
    }
    entry.info.score = score;
    return entry.announced ? { ...entry.info } : null;
  }

  /** Drops everything (the session ended). */
  clear(): void {
    this.earlyScores.clear();
    for (const consumerId of [...this.consumers.keys()]) this.drop(consumerId);
    this.pending.clear();
    this.cancelled.clear();
    this.pendingPaused.clear();
  }
}
