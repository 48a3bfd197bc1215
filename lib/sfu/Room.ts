/**
 * One meeting: its routers (one per worker it is spread over, see RoomRouters) and the peers in
 * it. All media actions are resolved inside this room: a consumer can only be created for a
 * producer of this room. A producer on another router than its consumer's is piped there first.
 */
import { EventEmitter } from 'node:events';
import type { types } from 'mediasoup';
import type { Config } from '@/lib/config';
import type { Logger } from '@/lib/log';
import {
  ErrorCode,
  type AppDataWire,
  type ConsumerParams,
  type DtlsParametersWire,
  type MediaKind,
  type MediaSource,
  type PeerInfo,
  type ProducerInfo,
  type Role,
  type RoomCloseReason,
  type RtpCapabilitiesWire,
  type RtpParametersWire,
  type ServerToClientEvents,
  type TransportParams,
  ProtocolError,
} from '@/lib/protocol';
import { mediaCall } from './mediaCall';
import { producerSource } from './producerSource';
import {
  Peer,
  type Direction,
  type Notify,
  type PeerConnection,
  type PeerMember,
  type ProducerAppData,
} from './Peer';
import { openTransport, type TransportPolicy } from './openTransport';
import { RoomRouters, type RoomRouter } from './RoomRouters';
import { SpeakerDetection, isVoice } from './SpeakerDetection';
import { toConsumerParams, toPeerInfo, toProducerInfo } from './wireInfo';
import { VideoPolicy } from './VideoPolicy';
import type { WorkerPool } from './WorkerPool';

export type { RoomCloseReason };
type RoomEvents = { close: [reason: RoomCloseReason]; empty: [] };

export class Room extends EventEmitter<RoomEvents> {
  readonly callId: string;
  /** Pauses for last-N, preferred layers, and which layers senders must encode. */
  readonly video: VideoPolicy;
  readonly #peers = new Map<string, Peer>();
  readonly #routers: RoomRouters;
  readonly #speakers: SpeakerDetection;
  #speakerPeerId: string | null = null;
  readonly #pool: WorkerPool;
  readonly #limits: Config['limits'];
  readonly #transportPolicy: Omit<TransportPolicy, 'log'>;
  readonly #log: Logger;
  #closed = false;

  private constructor(
    callId: string,
    routers: RoomRouters,
    speakers: SpeakerDetection,
    pool: WorkerPool,
    config: Pick<Config, 'limits' | 'media'>,
    log: Logger,
  ) {
    super();
    this.callId = callId;
    this.#routers = routers;
    this.#speakers = speakers;
    this.#pool = pool;
    this.#limits = config.limits;
    const { maxIncomingBitrate, iceDisconnectGraceMs: graceMs } = config.media;
    this.#transportPolicy = { maxIncomingBitrate, graceMs };
    this.#log = log;
    this.video = new VideoPolicy({ lastN: config.media.lastN, peers: () => this.#peers, log });
    for (const rr of routers.list()) this.video.watch(rr.router);
    routers.on('added', (rr) => this.video.watch(rr.router));
    speakers.on('dominant', (peerId) => {
      if (peerId === this.#speakerPeerId) return;
      this.#speakerPeerId = peerId;
      this.video.speakerChanged(peerId);
      this.broadcast(null, 'activeSpeaker', { peerId });
    });
    speakers.on('levels', (levels) => this.broadcast(null, 'audioLevels', { levels }));
    routers.on('died', (dead, peers) => this.#onRouterDied(dead, peers));
  }

  static async create(
    callId: string,
    pool: WorkerPool,
    config: Pick<Config, 'limits' | 'media'>,
    log: Logger,
  ): Promise<Room> {
    const roomLog = log.child({ room: callId });
    const routers = await RoomRouters.create(callId, pool, config.media.maxConsumersPerRouter, roomLog);
    const speakers = await SpeakerDetection.create(routers, roomLog);
    roomLog.info({ worker: routers.home.workerIndex }, 'room opened');
    return new Room(callId, routers, speakers, pool, config, roomLog);
  }

  /** The home router: where speaker detection and recording run. */
  get router(): types.Router {
    return this.#routers.home.router;
  }

  /** The worker of the home router. */
  get workerIndex(): number {
    return this.#routers.home.workerIndex;
  }

  /** The meeting's routers: placement, pipes, the router of each peer. */
  get routers(): RoomRouters {
    return this.#routers;
  }

  get closed(): boolean {
    return this.#closed;
  }

  get peers(): ReadonlyMap<string, Peer> {
    return this.#peers;
  }

  /** The dominant speaker, for a joining peer's initial state. */
  get activeSpeakerPeerId(): string | null {
    return this.#speakerPeerId;
  }

  get rtpCapabilities(): RtpCapabilitiesWire {
    return this.router.rtpCapabilities;
  }

  peerInfos(except?: Peer): PeerInfo[] {
    return [...this.#peers.values()].filter((p) => p !== except).map(toPeerInfo);
  }

  /**
   * A peer that may open its transports before it joins (the pre-join screen). It is not in the
   * room: nobody is told of it, it is in no list, and it can consume nothing. `join` takes it in.
   */
  stage(connection: PeerConnection, member: PeerMember): Peer {
    this.#assertOpen();
    const peer = new Peer('', { codecs: [], headerExtensions: [] }, connection, member);
    this.#routers.place(peer);
    return peer;
  }

  /** Closes a staged peer that did not join, with its transports. */
  unstage(peer: Peer): void {
    if (this.#peers.get(peer.id) === peer) return;
    peer.close();
    this.#routers.release(peer);
  }

  /**
   * Adds a peer reached through `connection` (a bare notify: a peer nobody can cut off), or the
   * `staged` one (see `stage`) with the transports it already has.
   */
  join(
    userId: string,
    rtpCapabilities: RtpCapabilitiesWire,
    connection: PeerConnection | Notify,
    member?: PeerMember,
    staged?: Peer,
  ): Peer {
    this.#assertOpen();
    if (this.#peers.size >= this.#limits.peersPerRoom) {
      throw limitReached(`this meeting is full (${this.#limits.peersPerRoom} people)`);
    }
    const binding =
      typeof connection === 'function' ? { notify: connection, disconnect: () => undefined } : connection;
    const caps = rtpCapabilities as types.RtpCapabilities;
    const peer =
      staged && !staged.closed
        ? staged.enter(userId, caps, binding, member)
        : new Peer(userId, caps, binding, member);
    if (peer !== staged) this.#routers.place(peer);
    this.broadcast(null, 'peerJoined', toPeerInfo(peer));
    this.#peers.set(peer.id, peer);
    this.#log.info({ peer: peer.id, userId, peers: this.#peers.size }, 'peer joined');
    return peer;
  }

  /** Removes the peer, frees all its media, tells the others. Idempotent. */
  leave(peer: Peer): void {
    if (!this.#peers.delete(peer.id)) return;
    const producers = [...peer.producers.keys()];
    peer.close();
    this.#routers.release(peer);
    this.video.peerLeft(peer.id);
    for (const producerId of producers)
      this.broadcast(peer, 'producerClosed', { producerId, peerId: peer.id });
    this.broadcast(peer, 'peerLeft', toPeerInfo(peer));
    if (this.#speakerPeerId === peer.id) {
      this.#speakerPeerId = null;
      this.broadcast(null, 'activeSpeaker', { peerId: null });
    }
    this.#log.info({ peer: peer.id, peers: this.#peers.size }, 'peer left');
    if (this.#peers.size === 0) this.emit('empty');
  }

  async createTransport(peer: Peer, direction: Direction): Promise<TransportParams> {
    this.#assertOpen();
    if (peer.transports.size >= this.#limits.transportsPerPeer) {
      throw limitReached(`at most ${this.#limits.transportsPerPeer} transports per participant`);
    }
    const transport = await openTransport(await this.#routers.of(peer), this.#pool, direction, {
      ...this.#transportPolicy,
      log: this.#log.child({ peer: peer.id }),
    });
    if (peer.closed) {
      transport.close();
      throw new ProtocolError(ErrorCode.NOT_JOINED, 'you left the meeting');
    }
    peer.addTransport(transport);
    return {
      id: transport.id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates,
      dtlsParameters: transport.dtlsParameters,
    };
  }

  async connectTransport(peer: Peer, transportId: string, dtlsParameters: DtlsParametersWire): Promise<void> {
    const transport = peer.transport(transportId);
    await mediaCall('connectTransport', () =>
      transport.connect({ dtlsParameters: dtlsParameters as types.DtlsParameters }),
    );
  }

  async produce(
    peer: Peer,
    req: {
      transportId: string;
      kind: MediaKind;
      rtpParameters: RtpParametersWire;
      appData?: AppDataWire;
      /** What the track is; read from appData when not given (see producerSource). */
      source?: MediaSource;
    },
  ): Promise<string> {
    this.#assertOpen();
    const transport = peer.transport(req.transportId, 'send');
    if (peer.producers.size >= this.#limits.producersPerPeer) {
      throw limitReached(`at most ${this.#limits.producersPerPeer} published tracks per participant`);
    }
    const source = req.source ?? producerSource(req.kind, req.appData);
    const producer = await mediaCall('produce', () =>
      transport.produce<ProducerAppData>({
        kind: req.kind,
        rtpParameters: req.rtpParameters as types.RtpParameters,
        appData: { ...req.appData, peerId: peer.id, source },
      }),
    );
    peer.addProducer(producer);
    this.video.producerAdded(producer);
    if (isVoice(producer)) await this.#speakers.add(producer.id, peer);
    this.broadcast(peer, 'newProducer', toProducerInfo(peer, producer));
    return producer.id;
  }

  async consume(
    peer: Peer,
    req: { transportId: string; producerId: string; rtpCapabilities?: RtpCapabilitiesWire },
  ): Promise<ConsumerParams> {
    this.#assertOpen();
    const transport = peer.transport(req.transportId, 'recv');
    const owner = this.#producerOwner(req.producerId);
    if (!owner || owner === peer) {
      throw new ProtocolError(ErrorCode.NOT_FOUND, `producer ${req.producerId} is not in your meeting`);
    }
    if (peer.consumers.size >= this.#limits.consumersPerPeer) {
      throw limitReached(`at most ${this.#limits.consumersPerPeer} consumers`);
    }
    const rtpCapabilities = (req.rtpCapabilities ?? peer.rtpCapabilities) as types.RtpCapabilities;
    const to = await this.#routers.reach(req.producerId, owner, peer);
    if (!to.router.canConsume({ producerId: req.producerId, rtpCapabilities })) {
      throw new ProtocolError(ErrorCode.CANNOT_CONSUME, 'your device cannot decode this track');
    }
    // Created paused: the client resumes once its consumer is set up (avoids lost keyframes).
    const consumer = await mediaCall('consume', () =>
      transport.consume({ producerId: req.producerId, rtpCapabilities, paused: true }),
    );
    peer.addConsumer(consumer);
    const source = owner.producers.get(req.producerId)?.appData.source ?? null;
    this.video.consumerCreated(peer, consumer, owner.id, source);
    return toConsumerParams(consumer, owner.id, source);
  }

  /** The wire description of one of the peer's consumers; null once it or its producer closed. */
  describeConsumer(peer: Peer, consumerId: string): ConsumerParams | null {
    const consumer = peer.consumers.get(consumerId);
    const owner = consumer && this.#producerOwner(consumer.producerId);
    const producer = consumer && owner?.producers.get(consumer.producerId);
    if (!consumer || consumer.closed || !owner || !producer) return null;
    return toConsumerParams(consumer, owner.id, producer.appData.source);
  }

  producerInfos(except?: Peer): ProducerInfo[] {
    return [...this.#peers.values()].flatMap((p) =>
      p === except ? [] : [...p.producers.values()].map((producer) => toProducerInfo(p, producer)),
    );
  }

  /** Closes one of the peer's transports; the others hear of the producers that went with it. */
  closeTransport(peer: Peer, transportId: string): void {
    const before = [...peer.producers.keys()];
    peer.transport(transportId).close();
    for (const producerId of before) {
      if (!peer.producers.has(producerId)) {
        this.broadcast(peer, 'producerClosed', { producerId, peerId: peer.id });
      }
    }
  }

  closeProducer(peer: Peer, producerId: string): void {
    peer.producer(producerId).close();
    this.broadcast(peer, 'producerClosed', { producerId, peerId: peer.id });
  }

  async setProducerPaused(peer: Peer, producerId: string, paused: boolean): Promise<void> {
    await peer.setProducerPaused(producerId, paused);
    this.broadcast(peer, paused ? 'producerPaused' : 'producerResumed', { producerId, peerId: peer.id });
  }

  setHandRaised(peer: Peer, raised: boolean): void {
    if (peer.setHandRaised(raised)) this.broadcast(peer, 'handRaised', { peerId: peer.id, raised });
  }

  /** A peer's signaling dropped (`true`) or came back (`false`): the others are told. */
  setReconnecting(peer: Peer, reconnecting: boolean): void {
    if (!this.#peers.has(peer.id) || !peer.setReconnecting(reconnecting)) return;
    const state = reconnecting ? 'reconnecting' : 'connected';
    this.broadcast(peer, 'peerConnection', { peerId: peer.id, state });
  }

  /** Changes a peer's role and tells everyone (the peer included). */
  setRole(peer: Peer, role: Role): void {
    if (peer.setRole(role)) this.broadcast(null, 'roleChanged', { peerId: peer.id, role });
  }

  /** Sends a notification to every peer except `from`. */
  broadcast<E extends keyof ServerToClientEvents>(
    from: Peer | null,
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void {
    for (const p of this.#peers.values()) if (p !== from) p.notify(event, ...args);
  }

  /** Closes the room: tells every peer, frees all media. Idempotent. */
  close(reason: RoomCloseReason): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const peer of this.#peers.values()) {
      peer.notify('roomClosed', { callId: this.callId, reason });
      peer.close();
    }
    this.#peers.clear();
    this.video.close();
    this.#speakers.close();
    this.#routers.close();
    this.#log.info({ reason }, 'room closed');
    this.emit('close', reason);
  }

  /**
   * A worker died under one of the routers. Alone, the room closes as before. Otherwise its
   * peers are told their room closed (they rejoin, onto a live worker) and leave; the others
   * carry on, their consumers of the dead peers' media closing with the pipes.
   */
  #onRouterDied(dead: RoomRouter, peers: Peer[]): void {
    if (this.#routers.size === 0) return this.close('worker-died');
    this.#log.warn({ worker: dead.workerIndex, peers: peers.length }, 'a router died with its worker');
    for (const peer of peers) {
      peer.notify('roomClosed', { callId: this.callId, reason: 'worker-died' });
      this.leave(peer);
    }
    if (this.#closed) return;
    void this.#speakers.move();
  }

  #producerOwner(producerId: string): Peer | undefined {
    for (const p of this.#peers.values()) if (p.producers.has(producerId)) return p;
    return undefined;
  }

  #assertOpen(): void {
    if (this.#closed) throw new ProtocolError(ErrorCode.ROOM_CLOSED, 'this meeting was closed; rejoin');
  }
}

function limitReached(message: string): ProtocolError {
  return new ProtocolError(ErrorCode.LIMIT_REACHED, message);
}
