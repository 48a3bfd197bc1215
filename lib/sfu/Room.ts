/**
 * One meeting: a router on one worker and the peers in it. All media actions are resolved inside
 * this room: a consumer can only be created for a producer of this room.
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
} from '@/lib/protocol';
import { ProtocolError } from '@/lib/protocol';
import { mediaCall } from './mediaCall';
import { mediaCodecs } from './mediaCodecs';
import { producerSource } from './producerSource';
import {
  Peer,
  type Direction,
  type Notify,
  type PeerConnection,
  type PeerMember,
  type ProducerAppData,
} from './Peer';
import { watchTransportHealth } from './transportHealth';
import { peerIdOf, toPeerInfo, toProducerInfo } from './wireInfo';
import type { WorkerPool, WorkerSlot } from './WorkerPool';

export type { RoomCloseReason };
type RoomEvents = { close: [reason: RoomCloseReason]; empty: [] };

export class Room extends EventEmitter<RoomEvents> {
  readonly callId: string;
  readonly router: types.Router;
  readonly workerIndex: number;
  readonly #peers = new Map<string, Peer>();
  readonly #activeSpeaker: types.ActiveSpeakerObserver;
  readonly #audioLevels: types.AudioLevelObserver;
  #speakerPeerId: string | null = null;
  readonly #pool: WorkerPool;
  readonly #slot: WorkerSlot;
  readonly #limits: Config['limits'];
  readonly #maxIncomingBitrate: number;
  readonly #iceGraceMs: number;
  readonly #log: Logger;
  #closed = false;

  private constructor(
    callId: string,
    router: types.Router,
    observers: { activeSpeaker: types.ActiveSpeakerObserver; audioLevels: types.AudioLevelObserver },
    pool: WorkerPool,
    slot: WorkerSlot,
    limits: Config['limits'],
    media: Pick<Config['media'], 'maxIncomingBitrate' | 'iceDisconnectGraceMs'>,
    log: Logger,
  ) {
    super();
    this.callId = callId;
    this.router = router;
    this.workerIndex = slot.index;
    this.#pool = pool;
    this.#slot = slot;
    this.#limits = limits;
    this.#maxIncomingBitrate = media.maxIncomingBitrate;
    this.#iceGraceMs = media.iceDisconnectGraceMs;
    this.#log = log;
    this.#activeSpeaker = observers.activeSpeaker;
    this.#audioLevels = observers.audioLevels;
    router.once('workerclose', () => this.close('worker-died'));
    this.#activeSpeaker.on('dominantspeaker', ({ producer }) => {
      const peerId = peerIdOf(producer);
      if (peerId === this.#speakerPeerId) return;
      this.#speakerPeerId = peerId;
      this.broadcast(null, 'activeSpeaker', { peerId });
    });
    this.#audioLevels.on('volumes', (volumes) => {
      const levels = volumes.flatMap(({ producer, volume }) => {
        const peerId = peerIdOf(producer);
        return peerId ? [{ peerId, volume }] : [];
      });
      this.broadcast(null, 'audioLevels', { levels });
    });
    this.#audioLevels.on('silence', () => this.broadcast(null, 'audioLevels', { levels: [] }));
  }

  static async create(
    callId: string,
    pool: WorkerPool,
    config: Pick<Config, 'limits' | 'media'>,
    log: Logger,
  ): Promise<Room> {
    const slot = pool.leastLoaded();
    const router = await slot.worker.createRouter({ mediaCodecs, appData: { callId } });
    const observers = {
      activeSpeaker: await router.createActiveSpeakerObserver({ interval: 300 }),
      audioLevels: await router.createAudioLevelObserver({ maxEntries: 16, threshold: -70, interval: 250 }),
    };
    const roomLog = log.child({ room: callId, worker: slot.index });
    roomLog.info('room opened');
    return new Room(callId, router, observers, pool, slot, config.limits, config.media, roomLog);
  }

  get closed(): boolean {
    return this.#closed;
  }

  get peers(): ReadonlyMap<string, Peer> {
    return this.#peers;
  }

  /** The current dominant speaker, for a joining peer's initial state. */
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
    return new Peer('', { codecs: [], headerExtensions: [] }, connection, member);
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
      throw new ProtocolError(
        ErrorCode.LIMIT_REACHED,
        `this meeting is full (${this.#limits.peersPerRoom} people)`,
      );
    }
    const binding =
      typeof connection === 'function' ? { notify: connection, disconnect: () => undefined } : connection;
    const caps = rtpCapabilities as types.RtpCapabilities;
    let peer: Peer;
    if (staged && !staged.closed) {
      peer = staged;
      peer.enter(userId, caps);
      peer.attach(binding);
      if (member) peer.setRole(member.role);
    } else {
      peer = new Peer(userId, caps, binding, member);
    }
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
      throw new ProtocolError(
        ErrorCode.LIMIT_REACHED,
        `at most ${this.#limits.transportsPerPeer} transports per participant`,
      );
    }
    const transport = await this.router.createWebRtcTransport<{ direction: Direction }>({
      ...this.#pool.transportOptions(this.#slot),
      appData: { direction },
    });
    if (peer.closed) {
      transport.close();
      throw new ProtocolError(ErrorCode.NOT_JOINED, 'you left the meeting');
    }
    peer.addTransport(transport);
    watchTransportHealth(transport, {
      graceMs: this.#iceGraceMs,
      log: this.#log.child({ peer: peer.id }),
    });
    if (direction === 'send') {
      await transport.setMaxIncomingBitrate(this.#maxIncomingBitrate).catch((err: Error) => {
        this.#log.warn({ err: err.message }, 'setMaxIncomingBitrate failed');
      });
    }
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
      throw new ProtocolError(
        ErrorCode.LIMIT_REACHED,
        `at most ${this.#limits.producersPerPeer} published tracks per participant`,
      );
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
    if (producer.kind === 'audio' && source !== 'screen-audio') {
      // Voices only: shared tab/system audio must not take the speaker spotlight.
      await Promise.all([
        this.#activeSpeaker.addProducer({ producerId: producer.id }),
        this.#audioLevels.addProducer({ producerId: producer.id }),
      ]).catch((err: Error) => this.#log.warn({ err: err.message }, 'audio observer addProducer failed'));
    }
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
      throw new ProtocolError(ErrorCode.LIMIT_REACHED, `at most ${this.#limits.consumersPerPeer} consumers`);
    }
    const rtpCapabilities = (req.rtpCapabilities ?? peer.rtpCapabilities) as types.RtpCapabilities;
    if (!this.router.canConsume({ producerId: req.producerId, rtpCapabilities })) {
      throw new ProtocolError(ErrorCode.CANNOT_CONSUME, 'your device cannot decode this track');
    }
    // Created paused: the client resumes once its consumer is set up (avoids lost keyframes).
    const consumer = await mediaCall('consume', () =>
      transport.consume({ producerId: req.producerId, rtpCapabilities, paused: true }),
    );
    peer.addConsumer(consumer);
    const producer = owner.producers.get(req.producerId);
    return {
      id: consumer.id,
      producerId: consumer.producerId,
      peerId: owner.id,
      kind: consumer.kind,
      rtpParameters: consumer.rtpParameters,
      source: producer?.appData.source ?? null,
      producerPaused: consumer.producerPaused,
    };
  }

  producerInfos(except?: Peer): ProducerInfo[] {
    const out: ProducerInfo[] = [];
    for (const p of this.#peers.values()) {
      if (p === except) continue;
      for (const producer of p.producers.values()) out.push(toProducerInfo(p, producer));
    }
    return out;
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

  /** A moderator turns off a peer's microphone or camera: its producers of that source pause. */
  async forceOff(peer: Peer, source: 'microphone' | 'camera', by: string): Promise<void> {
    for (const producer of [...peer.producers.values()]) {
      if (producer.appData.source !== source || producer.paused) continue;
      await this.setProducerPaused(peer, producer.id, true);
    }
    peer.notify('forcedOff', { source, by });
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
    if (!this.router.closed) this.router.close();
    this.#log.info({ reason }, 'room closed');
    this.emit('close', reason);
  }

  #producerOwner(producerId: string): Peer | undefined {
    for (const p of this.#peers.values()) if (p.producers.has(producerId)) return p;
    return undefined;
  }

  #assertOpen(): void {
    if (this.#closed) throw new ProtocolError(ErrorCode.ROOM_CLOSED, 'this meeting was closed; rejoin');
  }
}
