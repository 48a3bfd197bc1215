/**
 * One participant's media: its transports, producers and consumers. Every client-supplied id is
 * looked up here, in the caller's own maps, never in a global one. close() is idempotent and
 * closes all children (closing a transport closes its producers and consumers in mediasoup).
 *
 * A peer reaches its browser only through a `PeerConnection` binding, which can be replaced
 * (`attach`): the peer belongs to the meeting, not to one socket.
 */
import { randomUUID } from 'node:crypto';
import type { types } from 'mediasoup';
import { ErrorCode, type MediaSource, type Role, type ServerToClientEvents } from '@/lib/protocol';
import { ProtocolError } from '@/lib/protocol';

export type Direction = 'send' | 'recv';
export type TransportAppData = { direction: Direction };
export type ProducerAppData = { peerId: string; source: MediaSource | null; [key: string]: unknown };

/** Delivers a server notification to this peer's connection. */
export type Notify = <E extends keyof ServerToClientEvents>(
  event: E,
  ...args: Parameters<ServerToClientEvents[E]>
) => void;

/** How the server reaches a participant's browser: its notifications, and cutting it off. */
export interface PeerConnection {
  notify: Notify;
  disconnect(): void;
}

/** Who the peer is in the meeting. */
export interface PeerMember {
  participantId: string;
  role: Role;
}

export class Peer {
  readonly id = randomUUID();
  readonly participantId: string;
  #userId: string;
  #rtpCapabilities: types.RtpCapabilities;
  #joinedAt = Date.now();
  readonly #transports = new Map<string, types.WebRtcTransport<TransportAppData>>();
  readonly #producers = new Map<string, types.Producer<ProducerAppData>>();
  readonly #consumers = new Map<string, types.Consumer>();
  #connection: PeerConnection;
  #role: Role;
  #handRaised = false;
  #reconnecting = false;
  #closed = false;

  constructor(
    userId: string,
    rtpCapabilities: types.RtpCapabilities,
    connection: PeerConnection,
    member: PeerMember = { participantId: randomUUID(), role: 'guest' },
  ) {
    this.#userId = userId;
    this.#rtpCapabilities = rtpCapabilities;
    this.#connection = connection;
    this.participantId = member.participantId;
    this.#role = member.role;
  }

  get closed(): boolean {
    return this.#closed;
  }

  get userId(): string {
    return this.#userId;
  }

  get rtpCapabilities(): types.RtpCapabilities {
    return this.#rtpCapabilities;
  }

  get joinedAt(): number {
    return this.#joinedAt;
  }

  /**
   * A staged peer (see Room.stage) enters its room: from now on it has a name, what its device
   * can receive, the connection it joined through and its role. Returns itself.
   */
  enter(
    userId: string,
    rtpCapabilities: types.RtpCapabilities,
    connection: PeerConnection,
    member?: PeerMember,
  ): this {
    this.#userId = userId;
    this.#rtpCapabilities = rtpCapabilities;
    this.#joinedAt = Date.now();
    this.#connection = connection;
    if (member) this.#role = member.role;
    return this;
  }

  get transports(): ReadonlyMap<string, types.WebRtcTransport<TransportAppData>> {
    return this.#transports;
  }

  get producers(): ReadonlyMap<string, types.Producer<ProducerAppData>> {
    return this.#producers;
  }

  get consumers(): ReadonlyMap<string, types.Consumer> {
    return this.#consumers;
  }

  get role(): Role {
    return this.#role;
  }

  get handRaised(): boolean {
    return this.#handRaised;
  }

  /** Its signaling dropped and its place is kept while it reconnects. */
  get reconnecting(): boolean {
    return this.#reconnecting;
  }

  /** Returns whether the state changed. */
  setReconnecting(reconnecting: boolean): boolean {
    if (this.#reconnecting === reconnecting) return false;
    this.#reconnecting = reconnecting;
    return true;
  }

  /** Sends a notification through the current connection. */
  readonly notify: Notify = (event, ...args) => this.#connection.notify(event, ...args);

  /** Cuts the current connection (removal, end of the meeting). */
  disconnect(): void {
    this.#connection.disconnect();
  }

  /** Binds the peer to another connection (the same participant on a new socket). */
  attach(connection: PeerConnection): void {
    this.#connection = connection;
  }

  setRole(role: Role): boolean {
    if (this.#role === role) return false;
    this.#role = role;
    return true;
  }

  /** Returns whether the hand changed. */
  setHandRaised(raised: boolean): boolean {
    if (this.#handRaised === raised) return false;
    this.#handRaised = raised;
    return true;
  }

  transport(id: string, direction?: Direction): types.WebRtcTransport<TransportAppData> {
    const t = this.#transports.get(id);
    if (!t) throw new ProtocolError(ErrorCode.NOT_FOUND, `transport ${id} is not one of yours`);
    if (direction && t.appData.direction !== direction) {
      throw new ProtocolError(
        ErrorCode.WRONG_TRANSPORT,
        `transport ${id} is a ${t.appData.direction} transport; this needs a ${direction} transport`,
      );
    }
    return t;
  }

  producer(id: string): types.Producer<ProducerAppData> {
    const p = this.#producers.get(id);
    if (!p) throw new ProtocolError(ErrorCode.NOT_FOUND, `producer ${id} is not one of yours`);
    return p;
  }

  consumer(id: string): types.Consumer {
    const c = this.#consumers.get(id);
    if (!c) throw new ProtocolError(ErrorCode.NOT_FOUND, `consumer ${id} is not one of yours`);
    return c;
  }

  /** Resumes or pauses one of this peer's consumers; one that has just closed is NOT_FOUND. */
  async setConsumerPaused(id: string, paused: boolean): Promise<void> {
    const consumer = this.consumer(id);
    await unlessGone(consumer, `consumer ${id}`, () => (paused ? consumer.pause() : consumer.resume()));
  }

  /** Pauses or resumes one of this peer's producers; one that has just closed is NOT_FOUND. */
  async setProducerPaused(id: string, paused: boolean): Promise<void> {
    const producer = this.producer(id);
    await unlessGone(producer, `producer ${id}`, () => (paused ? producer.pause() : producer.resume()));
  }

  addTransport(t: types.WebRtcTransport<TransportAppData>): void {
    this.#transports.set(t.id, t);
    t.observer.once('close', () => this.#transports.delete(t.id));
  }

  addProducer(p: types.Producer<ProducerAppData>): void {
    this.#producers.set(p.id, p);
    p.observer.once('close', () => this.#producers.delete(p.id));
  }

  addConsumer(c: types.Consumer): void {
    this.#consumers.set(c.id, c);
    c.observer.once('close', () => this.#consumers.delete(c.id));
    // The producer went away (its owner left, closed it, or its transport closed).
    c.once('producerclose', () => {
      this.notify('consumerClosed', { consumerId: c.id, producerId: c.producerId });
    });
    // mediasoup reports a score only when it changes (not chatty); send the current one first.
    const report = ({ score, producerScore }: types.ConsumerScore) => {
      this.notify('consumerScore', { consumerId: c.id, score, producerScore });
    };
    c.on('score', report);
    report(c.score);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const t of [...this.#transports.values()]) t.close();
  }
}

/**
 * Runs a pause or resume on a producer or consumer. The worker may close it while the request is
 * on its way (its producer or transport closed a moment before): that answers NOT_FOUND, as if
 * the id had already gone, rather than an internal error.
 */
async function unlessGone(
  entity: { readonly closed: boolean },
  what: string,
  action: () => Promise<void>,
): Promise<void> {
  try {
    await action();
  } catch (err) {
    if (entity.closed || closedInWorker(err)) {
      throw new ProtocolError(ErrorCode.NOT_FOUND, `${what} has just closed; it is no longer yours`);
    }
    throw err;
  }
}

/** How mediasoup reports a request for an entity the worker has already removed. */
function closedInWorker(err: unknown): boolean {
  return err instanceof Error && /handler with ID .* not found|Channel closed/i.test(err.message);
}
