/**
 * CallClient: the browser side of a call. Wraps one Socket.IO connection (signaling) and one
 * mediasoup-client Device per room session, publishes the local camera/microphone, receives every
 * remote producer and reports what happens through typed events. mediasoup objects never leave
 * this class; UI code only sees plain descriptions and the remote MediaStreamTracks.
 *
 * Browser-only: construct it in an event handler or effect, never during server rendering.
 */
import { io } from 'socket.io-client';
import { Device, type types as ms } from 'mediasoup-client';
import {
  callIdSchema,
  userIdSchema,
  type MediaKind,
  type MediaSource,
  type PeerInfo,
  type ProducerInfo,
  type MeetingControlRequest,
  type RequestName,
  type RequestPayload,
  type SocialRequest,
  type ResultMap,
} from '@/lib/protocol';
import type { CallEnd } from './callTypes';
import { TypedEmitter } from './TypedEmitter';
import { CallAbortedError } from './CallAbortedError';
import { Receiver } from './Receiver';
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  ProtocolError,
  request,
  type ProtocolErrorCode,
  type SignalingSocket,
} from './request';
import {
  sourceAppData,
  sourceOf,
  toClientRtpCapabilities,
  toTransportOptions,
  toWireDtlsParameters,
  toWireRtpCapabilities,
  toWireRtpParameters,
} from './wire';
import type {
  CallClientEvents,
  CallClientOptions,
  CallState,
  CallWarningCode,
  ConnectionSnapshot,
  JoinOptions,
  LocalPublication,
  ProducerStateEvent,
  RemotePeer,
  RemoteTrack,
} from './callTypes';

export type * from './callTypes';

export { CallAbortedError };

/** One room membership: a Device loaded for the room's router plus its two transports. */
interface Session {
  readonly id: number;
  readonly device: Device;
  peerId: string | null;
  closed: boolean;
  sendTransport: ms.Transport | null;
  recvTransport: ms.Transport | null;
  /** Resolves once the recv transport exists; consumes triggered by early notifications wait on it. */
  readonly recvReady: Promise<ms.Transport>;
  resolveRecv(transport: ms.Transport): void;
  rejectRecv(err: Error): void;
  sendReady: Promise<ms.Transport> | null;
}

const VIDEO_CODEC_MIME = 'video/vp8';

/** Requests the UI may send through `control()`: chat, hands, reactions and host controls. */
export type ControlRequest = MeetingControlRequest | SocialRequest;

/** Handshake refusals that retrying cannot fix. */
const REFUSALS = new Set(['UNAUTHORIZED', 'FORBIDDEN', 'REMOVED', 'BAD_REQUEST']);
/** joinRoom refusals that end the call (as opposed to errors worth a retry). */
const FINAL = new Set<string>([
  'REMOVED',
  'LOCKED',
  'MEETING_ENDED',
  'FORBIDDEN',
  'UNAUTHORIZED',
  'ROOM_NOT_FOUND',
  'LIMIT_REACHED',
]);
const LEAVE_TIMEOUT_MS = 2_000;

function toError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

function isMediaKind(kind: string): kind is MediaKind {
  return kind === 'audio' || kind === 'video';
}

export class CallClient extends TypedEmitter<CallClientEvents> {
  private readonly url: string | undefined;
  private readonly requestTimeoutMs: number;
  private readonly connectTimeoutMs: number;
  private readonly auth: CallClientOptions['auth'];
  /** Set once the call ended for good (removed, denied, meeting ended): nothing reconnects. */
  private endedWith: CallEnd | null = null;
  /** Resolves a pending wait in the waiting room: true = admitted. */
  private lobbyWait: ((admitted: boolean) => void) | null = null;

  private socket: SignalingSocket | null = null;
  private _state: CallState = 'idle';
  private conn: ConnectionSnapshot = { signaling: 'disconnected', send: 'none', recv: 'none' };
  private joinArgs: { callId: string; userId: string } | null = null;
  private session: Session | null = null;
  private sessionCounter = 0;
  /** Whether the server counts this socket as a room member (joinRoom succeeded, no leave since). */
  private joinedOnServer = false;

  /** Local tracks to publish (owned by the caller: never stopped here). */
  private readonly localTracks = new Map<MediaSource, MediaStreamTrack>();
  /** What the user asked for per source; survives re-joins. Absent = enabled. */
  private readonly wantEnabled = new Map<MediaSource, boolean>();
  private readonly producers = new Map<MediaSource, ms.Producer>();

  private readonly peers = new Map<string, RemotePeer>();
  private readonly receiver = new Receiver({
    req: (event, payload) => this.req(event, payload),
    trackAdded: (t) => this.emit('trackAdded', t),
    trackRemoved: (t) => this.emit('trackRemoved', t),
    warnFrom: (err, fallback, context) => this.warnFrom(err, fallback, context),
  });

  constructor(options: CallClientOptions = {}) {
    super();
    this.url = options.url;
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 15_000;
    this.auth = options.auth;
  }

  /** How the call ended for good, once state is `ended`. */
  get end(): CallEnd | null {
    return this.endedWith;
  }

  /** Sends a meeting request (chat, hand, reactions, host controls) and returns its result. */
  control<E extends ControlRequest>(event: E, payload: RequestPayload<E>): Promise<ResultMap[E]> {
    if (this._state !== 'joined') {
      return Promise.reject(new ProtocolError('NOT_JOINED', 'you are not in the meeting', event));
    }
    return this.req(event, payload);
  }

  // -------------------------------------------------------------------------
  // Read-only views
  // -------------------------------------------------------------------------

  get state(): CallState {
    return this._state;
  }
  get connection(): ConnectionSnapshot {
    return { ...this.conn };
  }
  get callId(): string | null {
    return this.joinArgs?.callId ?? null;
  }
  get userId(): string | null {
    return this.joinArgs?.userId ?? null;
  }
  /** This client's peer id in the current room session (changes on rejoin). */
  get peerId(): string | null {
    return this.session?.peerId ?? null;
  }
  get remotePeers(): RemotePeer[] {
    return [...this.peers.values()].map((p) => ({ ...p }));
  }
  get remoteTracks(): RemoteTrack[] {
    return this.receiver.tracks;
  }
  get publications(): LocalPublication[] {
    return [...this.producers.entries()].map(([source, p]) => ({
      source,
      kind: p.kind,
      producerId: p.id,
      paused: p.paused,
    }));
  }
  isSourceEnabled(source: MediaSource): boolean {
    return this.wantEnabled.get(source) ?? true;
  }

  /** RTCPeerConnection stats of the receiving transport (inbound-rtp...), or null before it exists. */
  async getRecvStats(): Promise<RTCStatsReport | null> {
    const transport = this.session?.recvTransport;
    return transport && !transport.closed ? transport.getStats() : null;
  }

  /** RTCPeerConnection stats of the sending transport (outbound-rtp...), or null when not sending. */
  async getSendStats(): Promise<RTCStatsReport | null> {
    const transport = this.session?.sendTransport;
    return transport && !transport.closed ? transport.getStats() : null;
  }

  // -------------------------------------------------------------------------
  // Lifecycle
  // -------------------------------------------------------------------------

  /**
   * Connects, joins `callId` as `userId`, publishes the stream's first audio and video track (if
   * any) and starts receiving everyone else. Resolves once joined; rejects (state `failed`) if the
   * room cannot be joined. A failed client is not reusable: call `leave()` and make a new one.
   */
  async join({ callId, userId, stream }: JoinOptions): Promise<void> {
    if (this._state !== 'idle') throw new Error(`join() is only allowed once (state: ${this._state})`);
    const parsedCall = callIdSchema.safeParse(callId);
    const parsedUser = userIdSchema.safeParse(userId);
    if (!parsedCall.success) throw new ProtocolError('BAD_REQUEST', 'invalid meeting id', 'joinRoom');
    if (!parsedUser.success) throw new ProtocolError('BAD_REQUEST', 'invalid display name', 'joinRoom');
    this.joinArgs = { callId: parsedCall.data, userId: parsedUser.data };

    const audio = stream?.getAudioTracks()[0];
    const video = stream?.getVideoTracks()[0];
    if (audio) this.localTracks.set('microphone', audio);
    if (video) this.localTracks.set('camera', video);

    this.setState('connecting');
    const socket = this.openSocket();
    try {
      await this.waitForConnect(socket);
      await this.startSession();
    } catch (err) {
      if (err instanceof ProtocolError && REFUSALS.has(err.code)) {
        this.finish({ reason: 'refused', message: err.message });
      } else {
        this.onSessionError(err);
      }
      throw err;
    }
  }

  /** Joins the same room again after `roomClosed` (or a failed automatic re-join). */
  async rejoin(): Promise<void> {
    const socket = this.socket;
    if (!socket || !this.joinArgs) throw new Error('rejoin() needs a prior join()');
    if (this._state !== 'closed' && this._state !== 'failed') {
      throw new Error(`rejoin() is only allowed after the room closed (state: ${this._state})`);
    }
    try {
      if (!socket.connected) {
        this.setState('connecting');
        socket.connect();
        await this.waitForConnect(socket);
      }
      await this.startSession();
    } catch (err) {
      this.onSessionError(err);
      throw err;
    }
  }

  /** Leaves the room, closes every transport and the socket, and removes every listener. */
  async leave(): Promise<void> {
    if (this._state === 'left') return;
    const socket = this.socket;
    const wasInRoom = this.session !== null || this.joinedOnServer;
    this.teardownSession();
    this.setState('left');
    if (socket) {
      if (socket.connected && wasInRoom) {
        await this.req('leaveRoom', {}, LEAVE_TIMEOUT_MS).catch(() => undefined);
      }
      this.joinedOnServer = false;
      socket.removeAllListeners();
      socket.io.removeAllListeners();
      socket.disconnect();
      this.socket = null;
    }
    this.localTracks.clear();
    this.setConn({ signaling: 'disconnected' });
    this.removeAllListeners();
  }

  // -------------------------------------------------------------------------
  // Local media
  // -------------------------------------------------------------------------

  setMicEnabled(enabled: boolean): Promise<void> {
    return this.setSourceEnabled('microphone', enabled);
  }

  setCameraEnabled(enabled: boolean): Promise<void> {
    return this.setSourceEnabled('camera', enabled);
  }

  /**
   * Pauses/resumes the producer of `source` locally (the track is disabled, so the local preview
   * goes dark too) and on the server, which then stops forwarding it and tells the others.
   */
  async setSourceEnabled(source: MediaSource, enabled: boolean): Promise<void> {
    this.wantEnabled.set(source, enabled);
    const producer = this.producers.get(source);
    if (!producer || producer.closed) {
      const track = this.localTracks.get(source);
      if (track) track.enabled = enabled;
      return;
    }
    if (producer.paused === !enabled) return;
    if (enabled) producer.resume();
    else producer.pause();
    try {
      if (enabled) await this.req('resumeProducer', { producerId: producer.id });
      else await this.req('pauseProducer', { producerId: producer.id });
    } catch (err) {
      this.warnFrom(err, 'PRODUCE_FAILED', `could not ${enabled ? 'resume' : 'pause'} ${source}`);
    }
  }

  /** Publishes (or replaces) the track of `source`, e.g. a camera granted after a receive-only join. */
  async publish(track: MediaStreamTrack, source: MediaSource): Promise<void> {
    const existing = this.producers.get(source);
    this.localTracks.set(source, track);
    const session = this.session;
    if (!session || session.peerId === null) return; // published when the session starts
    if (existing && !existing.closed) {
      track.enabled = this.isSourceEnabled(source);
      await existing.replaceTrack({ track });
      return;
    }
    await this.produce(session, source, track);
  }

  /** Stops publishing `source` (the track itself is left to the caller). */
  async unpublish(source: MediaSource): Promise<void> {
    this.localTracks.delete(source);
    const producer = this.producers.get(source);
    if (!producer) return;
    this.producers.delete(source);
    producer.close();
    await this.req('closeProducer', { producerId: producer.id }).catch((err: unknown) => {
      this.warnFrom(err, 'PRODUCE_FAILED', `could not close ${source}`);
    });
  }

  /** Stops (or restarts) receiving one remote track; see Receiver.setReceiving. */
  setReceiving(consumerId: string, receiving: boolean): Promise<void> {
    return this.receiver.setReceiving(consumerId, receiving);
  }

  // -------------------------------------------------------------------------
  // Signaling connection
  // -------------------------------------------------------------------------

  private openSocket(): SignalingSocket {
    const getAuth = this.auth;
    const options = {
      transports: ['websocket'],
      reconnectionDelayMax: 5_000,
      // Called at every (re)connection, so a reconnect carries a fresh meeting token.
      ...(getAuth && {
        auth: (cb: (data: object) => void) => {
          getAuth().then(
            (auth) => cb(auth ?? {}),
            () => cb({}),
          );
        },
      }),
    };
    const socket: SignalingSocket = this.url ? io(this.url, options) : io(options);
    this.socket = socket;
    this.setConn({ signaling: 'connecting' });

    socket.on('connect', () => {
      this.setConn({ signaling: 'connected' });
      if (this._state === 'reconnecting') {
        this.startSession().catch((err: unknown) => {
          if (err instanceof CallAbortedError) return;
          this.onSessionError(err);
          this.warnFrom(err, 'INTERNAL', 'could not re-join after reconnecting');
        });
      }
    });
    socket.on('disconnect', (reason) => {
      this.setConn({ signaling: 'disconnected' });
      this.joinedOnServer = false;
      if (reason === 'io client disconnect' || this.endedWith) return;
      if (this._state !== 'joined' && this._state !== 'joining') return;
      // The server forgets a peer with its socket: drop the media now, join again once reconnected.
      this.teardownSession();
      if (reason === 'io server disconnect') {
        // The server closed this socket on purpose; Socket.IO will not reconnect by itself.
        this.setState('failed');
        this.warn('INTERNAL', 'the server closed the signaling connection');
      } else {
        this.setState('reconnecting');
      }
    });
    socket.io.on('reconnect_attempt', () => this.setConn({ signaling: 'connecting' }));

    socket.on('peerJoined', (peer) => this.onPeerJoined(peer));
    socket.on('peerLeft', (peer) => this.onPeerLeft(peer));
    socket.on('newProducer', (info) => this.onNewProducer(info));
    socket.on('producerClosed', ({ producerId, peerId }) => {
      if (peerId === this.session?.peerId) this.onOwnProducerClosed(producerId);
      else this.receiver.producerGone(producerId);
    });
    socket.on('consumerScore', ({ consumerId, score, producerScore }) => {
      const track = this.receiver.setScore(consumerId, Math.min(score, producerScore));
      if (track?.score != null) this.emit('trackScore', { consumerId, score: track.score });
    });
    socket.on('consumerClosed', ({ consumerId, producerId }) => {
      this.receiver.drop(consumerId);
      this.receiver.producerGone(producerId);
    });
    socket.on('producerPaused', (e) => this.onProducerPausedChange(e.producerId, e.peerId, true));
    socket.on('producerResumed', (e) => this.onProducerPausedChange(e.producerId, e.peerId, false));
    socket.on('activeSpeaker', ({ peerId }) => this.emit('activeSpeaker', peerId));
    socket.on('chatMessage', (m) => this.emit('chatMessage', m));
    socket.on('handRaised', (e) => this.emit('handRaised', e));
    socket.on('reaction', (e) => this.emit('reaction', e));
    socket.on('lobbyChanged', ({ waiting }) => this.emit('lobbyChanged', waiting));
    socket.on('roleChanged', (e) => this.emit('roleChanged', e));
    socket.on('meetingUpdated', (flags) => this.emit('meetingUpdated', flags));
    socket.on('forcedOff', (e) => this.onForcedOff(e.source, e.by));
    socket.on('admitted', () => this.lobbyWait?.(true));
    socket.on('denied', ({ message }) => this.finish({ reason: 'denied', message }));
    socket.on('removed', ({ message }) => this.finish({ reason: 'removed', message }));
    socket.on('meetingEnded', () =>
      this.finish({ reason: 'meeting-ended', message: 'The host ended the meeting for everyone.' }),
    );
    socket.on('audioLevels', ({ levels }) => this.emit('audioLevels', levels));
    socket.on('roomClosed', ({ callId, reason }) => {
      if (callId !== this.joinArgs?.callId || !this.session) return;
      this.teardownSession();
      this.setState('closed');
      this.emit('roomClosed', { callId, reason });
    });
    return socket;
  }

  private waitForConnect(socket: SignalingSocket): Promise<void> {
    if (socket.connected) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      let lastError = 'no answer';
      const cleanup = () => {
        clearTimeout(timer);
        socket.off('connect', onConnect);
        socket.off('connect_error', onError);
      };
      const onConnect = () => {
        cleanup();
        resolve();
      };
      const onError = (err: Error & { data?: { code?: unknown } }) => {
        lastError = err.message;
        const code = err.data?.code;
        if (typeof code === 'string' && REFUSALS.has(code)) {
          // The server refused us (bad token, removed...): retrying will not help.
          cleanup();
          socket.disconnect();
          reject(new ProtocolError(code as ProtocolErrorCode, err.message));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new ProtocolError('TIMEOUT', `cannot reach the signaling server (${lastError})`));
      }, this.connectTimeoutMs);
      socket.on('connect', onConnect);
      socket.on('connect_error', onError);
    });
  }

  private req<E extends RequestName>(
    event: E,
    payload: RequestPayload<E>,
    timeoutMs = this.requestTimeoutMs,
  ): Promise<ResultMap[E]> {
    const socket = this.socket;
    if (!socket) return Promise.reject(new CallAbortedError('not connected'));
    return request(socket, event, payload, timeoutMs);
  }

  // -------------------------------------------------------------------------
  // Room session
  // -------------------------------------------------------------------------

  private newSession(): Session {
    let resolveRecv!: (t: ms.Transport) => void;
    let rejectRecv!: (err: Error) => void;
    const recvReady = new Promise<ms.Transport>((resolve, reject) => {
      resolveRecv = resolve;
      rejectRecv = reject;
    });
    recvReady.catch(() => undefined); // awaited by consumes only; a rejection alone is not an error
    const session: Session = {
      id: ++this.sessionCounter,
      device: new Device(),
      peerId: null,
      closed: false,
      sendTransport: null,
      recvTransport: null,
      recvReady,
      resolveRecv,
      rejectRecv,
      sendReady: null,
    };
    this.session = session;
    return session;
  }

  private assertLive(session: Session): void {
    if (session.closed || this.session !== session) throw new CallAbortedError();
  }

  private async startSession(): Promise<void> {
    const args = this.joinArgs;
    if (!args) throw new Error('no call to join');
    this.teardownSession();
    this.setState('joining');
    const session = this.newSession();
    if (this.joinedOnServer) {
      // A previous attempt got as far as joinRoom: leave first so joinRoom is not ALREADY_JOINED.
      await this.req('leaveRoom', {}, LEAVE_TIMEOUT_MS).catch(() => undefined);
      this.joinedOnServer = false;
      this.assertLive(session);
    }

    const { rtpCapabilities } = await this.req('createRoom', { callId: args.callId });
    this.assertLive(session);
    await session.device.load({ routerRtpCapabilities: toClientRtpCapabilities(rtpCapabilities) });
    this.assertLive(session);

    const joined = await this.joinThroughLobby(session, {
      callId: args.callId,
      userId: args.userId,
      rtpCapabilities: toWireRtpCapabilities(session.device.recvRtpCapabilities),
    });
    this.joinedOnServer = true;
    this.assertLive(session);
    session.peerId = joined.peerId;
    for (const peer of joined.peers) this.onPeerJoined(peer);
    this.emit('activeSpeaker', joined.activeSpeakerPeerId);
    this.emit('joinInfo', {
      self: joined.self,
      meeting: joined.meeting,
      chat: joined.chat,
      lobby: joined.lobby,
      peers: joined.peers.map((p) => ({
        peerId: p.peerId,
        role: p.role ?? 'guest',
        handRaised: p.handRaised ?? false,
      })),
    });

    const recv = await this.createTransport(session, 'recv');
    session.resolveRecv(recv);
    await Promise.all([
      this.publishLocalTracks(session),
      this.receiver.consumeExisting(session, args.callId),
    ]);
    this.assertLive(session);
    this.setState('joined');
  }

  /** Closes the session's transports (and so its producers and consumers) and forgets the peers. */
  private teardownSession(): void {
    this.lobbyWait?.(false);
    const session = this.session;
    if (!session) return;
    session.closed = true;
    session.rejectRecv(new CallAbortedError());
    this.session = null;

    this.receiver.clear();
    for (const producer of this.producers.values()) producer.close();
    this.producers.clear();
    session.sendTransport?.close();
    session.recvTransport?.close();
    for (const peer of [...this.peers.values()]) {
      this.peers.delete(peer.peerId);
      this.emit('peerRemoved', peer);
    }
    this.setConn({ send: 'none', recv: 'none' });
  }

  /**
   * A join attempt failed. An abort means whoever ended the session (leave, roomClosed, a dropped
   * socket) already set the state; anything else leaves the client `failed`.
   */
  private onSessionError(err: unknown): void {
    if (err instanceof CallAbortedError || this._state === 'left') return;
    this.teardownSession();
    this.setState('failed');
  }

  private async createTransport(session: Session, direction: 'send' | 'recv'): Promise<ms.Transport> {
    const params = await this.req('createTransport', { direction });
    this.assertLive(session);
    const options = toTransportOptions(params);
    const transport =
      direction === 'send'
        ? session.device.createSendTransport(options)
        : session.device.createRecvTransport(options);
    if (direction === 'send') session.sendTransport = transport;
    else session.recvTransport = transport;

    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      this.req('connectTransport', {
        transportId: transport.id,
        dtlsParameters: toWireDtlsParameters(dtlsParameters),
      }).then(
        () => callback(),
        (err: unknown) => errback(toError(err)),
      );
    });
    transport.on('connectionstatechange', (state) => {
      if (session.closed) return;
      this.setConn(direction === 'send' ? { send: state } : { recv: state });
      if (state === 'failed') {
        this.warn('TRANSPORT_FAILED', `the ${direction} media connection failed (ICE/DTLS)`);
      }
    });
    if (direction === 'send') {
      transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
        const source = sourceOf(appData);
        this.req('produce', {
          transportId: transport.id,
          kind,
          rtpParameters: toWireRtpParameters(rtpParameters),
          appData: source ? sourceAppData(source) : {},
        }).then(
          ({ producerId }) => callback({ id: producerId }),
          (err: unknown) => errback(toError(err)),
        );
      });
    }
    this.setConn(
      direction === 'send' ? { send: transport.connectionState } : { recv: transport.connectionState },
    );
    return transport;
  }

  private ensureSendTransport(session: Session): Promise<ms.Transport> {
    if (!session.sendReady) {
      session.sendReady = this.createTransport(session, 'send');
      // Let a later publish() retry after a failure.
      session.sendReady.catch(() => {
        if (this.session === session) session.sendReady = null;
      });
    }
    return session.sendReady;
  }

  // -------------------------------------------------------------------------
  // Publishing
  // -------------------------------------------------------------------------

  private async publishLocalTracks(session: Session): Promise<void> {
    // One at a time: mediasoup-client queues produce() calls on a transport anyway.
    for (const [source, track] of [...this.localTracks]) {
      await this.produce(session, source, track);
      if (session.closed) return;
    }
  }

  private async produce(session: Session, source: MediaSource, track: MediaStreamTrack): Promise<void> {
    const kind = track.kind;
    if (!isMediaKind(kind)) return;
    if (!session.device.canProduce(kind)) {
      this.warn(
        'CANNOT_PRODUCE',
        `the server offers no ${kind} codec this browser can send; ${source} is not published`,
      );
      return;
    }
    if (track.readyState === 'ended') {
      this.warn('TRACK_ENDED', `the ${source} track has ended; it is not published`);
      return;
    }
    const enabled = this.isSourceEnabled(source);
    track.enabled = enabled;
    let producer: ms.Producer | null = null;
    try {
      const transport = await this.ensureSendTransport(session);
      if (session.closed) return;
      producer = await transport.produce({
        track,
        stopTracks: false, // the caller owns the tracks (local preview, re-joins)
        appData: { source },
        ...(kind === 'video'
          ? { codec: this.pickVideoCodec(session.device), codecOptions: { videoGoogleStartBitrate: 1000 } }
          : { codecOptions: { opusStereo: false, opusFec: true } }),
      });
      if (session.closed) {
        producer.close();
        return;
      }
      const created = producer;
      this.producers.set(source, created);
      created.on('trackended', () =>
        this.warn('TRACK_ENDED', `the ${source} track ended (device unplugged?)`),
      );
      created.on('transportclose', () => {
        if (this.producers.get(source) === created) this.producers.delete(source);
      });
      if (!enabled) {
        created.pause();
        await this.req('pauseProducer', { producerId: created.id });
      }
    } catch (err) {
      if (session.closed) return;
      this.warnFrom(err, 'PRODUCE_FAILED', `could not publish ${source}`);
    }
  }

  /** VP8 when the device and router share it; otherwise mediasoup-client's first common codec. */
  private pickVideoCodec(device: Device): ms.RtpCodecCapability | undefined {
    return device.sendRtpCapabilities.codecs?.find((c) => c.mimeType.toLowerCase() === VIDEO_CODEC_MIME);
  }

  // -------------------------------------------------------------------------
  // Notifications
  // -------------------------------------------------------------------------

  private onPeerJoined(peer: PeerInfo): void {
    const session = this.session;
    if (!session || peer.peerId === session.peerId || this.peers.has(peer.peerId)) return;
    const added: RemotePeer = {
      peerId: peer.peerId,
      userId: peer.userId,
      role: peer.role ?? 'guest',
      handRaised: peer.handRaised ?? false,
    };
    this.peers.set(peer.peerId, added);
    this.emit('peerAdded', { ...added });
  }

  private onPeerLeft(peer: PeerInfo): void {
    this.receiver.dropPeer(peer.peerId);
    const known = this.peers.get(peer.peerId);
    if (!known) return;
    this.peers.delete(peer.peerId);
    this.emit('peerRemoved', { ...known });
  }

  private onNewProducer(info: ProducerInfo): void {
    const session = this.session;
    if (!session || session.peerId === null || info.peerId === session.peerId) return;
    // Tolerate a producer announced before (or without) its peer's peerJoined.
    this.onPeerJoined({ peerId: info.peerId, userId: info.userId });
    void this.receiver.consume(session, info);
  }

  /** The server closed one of our producers (e.g. on its own after an error). */
  private onOwnProducerClosed(producerId: string): void {
    for (const [source, producer] of this.producers) {
      if (producer.id !== producerId) continue;
      this.producers.delete(source);
      producer.close();
      this.warn('PRODUCE_FAILED', `the server stopped forwarding ${source}`);
    }
  }

  private onProducerPausedChange(producerId: string, peerId: string, paused: boolean): void {
    const track = this.receiver.producerPaused(producerId, paused);
    if (peerId === this.session?.peerId) return;
    const event: ProducerStateEvent = {
      peerId,
      producerId,
      kind: track?.kind ?? null,
      source: track?.source ?? null,
    };
    this.emit(paused ? 'producerPaused' : 'producerResumed', event);
  }

  /**
   * joinRoom; in a meeting with a waiting room, waits (state `waiting`) until a host admits us,
   * then asks again. A refusal (denied, removed, locked...) ends the call with its message.
   */
  private async joinThroughLobby(
    session: Session,
    payload: RequestPayload<'joinRoom'>,
  ): Promise<ResultMap['joinRoom']> {
    for (;;) {
      try {
        return await this.req('joinRoom', payload);
      } catch (err) {
        if (err instanceof ProtocolError && err.code === 'WAITING_ROOM') {
          this.assertLive(session);
          this.setState('waiting');
          const admitted = await new Promise<boolean>((resolve) => (this.lobbyWait = resolve));
          this.lobbyWait = null;
          this.assertLive(session);
          if (!admitted) throw new CallAbortedError('not admitted');
          this.setState('joining');
          continue;
        }
        if (err instanceof ProtocolError && FINAL.has(err.code)) {
          this.finish({ reason: 'refused', message: err.message });
          throw new CallAbortedError(err.message);
        }
        throw err;
      }
    }
  }

  /** The call is over for good: tear down, stop reconnecting, tell the UI why. */
  private finish(end: CallEnd): void {
    if (this.endedWith || this._state === 'left') return;
    this.endedWith = end;
    this.lobbyWait?.(false);
    this.teardownSession();
    this.socket?.io.reconnection(false);
    this.setState('ended');
    this.emit('ended', end);
  }

  private onForcedOff(source: 'microphone' | 'camera', by: string): void {
    this.wantEnabled.set(source, false);
    const producer = this.producers.get(source);
    // The server already paused it; mirror that here so the UI and the track agree.
    if (producer && !producer.closed && !producer.paused) producer.pause();
    this.emit('forcedOff', { source, by });
  }

  // -------------------------------------------------------------------------
  // State helpers
  // -------------------------------------------------------------------------

  private setState(state: CallState): void {
    if (this._state === state) return;
    this._state = state;
    this.emit('state', state);
  }

  private setConn(patch: Partial<ConnectionSnapshot>): void {
    const next = { ...this.conn, ...patch };
    if (
      next.signaling === this.conn.signaling &&
      next.send === this.conn.send &&
      next.recv === this.conn.recv
    ) {
      return;
    }
    this.conn = next;
    this.emit('connectionState', { ...next });
  }

  private warn(code: CallWarningCode, message: string): void {
    this.emit('warning', { code, message });
  }

  private warnFrom(err: unknown, fallback: CallWarningCode, context: string): void {
    if (err instanceof ProtocolError) this.warn(err.code, `${context}: ${err.message}`);
    else this.warn(fallback, `${context}: ${toError(err).message}`);
  }
}
