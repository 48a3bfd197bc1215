/**
 * CallClient: the browser side of a call, as one object with typed events. It delegates:
 * - SignalingConnection: the socket, its credentials and reconnect schedule;
 * - CallRecovery: session resume after a signaling drop, re-joins after the session was lost;
 * - RoomSession: one room membership (device, join, transports, ICE repair), replaced at each re-join;
 * - Publisher: the local tracks and their producers;
 * - Receiver: one consumer per remote producer.
 * What is left here is the call's state machine. mediasoup objects never leave these classes; UI
 * code only sees plain descriptions and the remote MediaStreamTracks. Browser-only (or Node with
 * mediasoup-client's FakeHandler): construct it in an event handler or effect, never in SSR.
 */
import {
  type MediaSource,
  type MeetingControlRequest,
  type RecordingRequest,
  type RequestName,
  type RequestPayload,
  type ResultMap,
  type SocialRequest,
} from '@/lib/protocol';
import type {
  CallClientEvents,
  CallClientOptions,
  CallEnd,
  CallState,
  CallWarningCode,
  ConnectionSnapshot,
  JoinOptions,
  LocalPublication,
  RecoveryStatus,
  RemotePeer,
  RemoteTrack,
} from './callTypes';
import { CallAbortedError } from './CallAbortedError';
import { CallRecovery } from './CallRecovery';
import { Publisher, type PublisherHost } from './Publisher';
import { Receiver, type ReceiveFilter, type ReceiverHost, type ViewControls } from './Receiver';
import { ProtocolError } from './request';
import { RoomSession, type RoomSessionHost } from './RoomSession';
import { PreparedJoin, isFinalRefusal, parseJoinArgs, startMedia, toJoinInfo } from './joining';
import { HANDSHAKE_REFUSALS, SignalingConnection } from './SignalingConnection';
import { TypedEmitter } from './TypedEmitter';
import { PeerDirectory } from './PeerDirectory';
import { bindNotifications } from './notificationRouter';
import { applySnapshot, recreateTransport, type ResyncParts } from './SessionResync';

export type * from './callTypes';
export type { ReceiveFilter, ViewControls };
export { CallAbortedError };

/** Requests the UI may send through `control()`: chat, hands, reactions, host controls, recording. */
export type ControlRequest = MeetingControlRequest | SocialRequest | RecordingRequest;

const LEAVE_TIMEOUT_MS = 2_000;

export class CallClient extends TypedEmitter<CallClientEvents> {
  readonly #signaling: SignalingConnection;
  readonly #offs: Array<() => void> = [];
  /** Set once the call ended for good (removed, denied, meeting ended): nothing reconnects. */
  #endedWith: CallEnd | null = null;
  /** Resolves a pending wait in the waiting room: true = admitted. */
  #lobbyWait: ((admitted: boolean) => void) | null = null;
  #state: CallState = 'idle';
  #conn: ConnectionSnapshot = { signaling: 'disconnected', send: 'none', recv: 'none' };
  #joinArgs: { callId: string; userId: string } | null = null;
  #session: RoomSession | null = null;
  readonly #prepared: PreparedJoin;
  /** Whether the server counts this socket as a room member (joinRoom succeeded, no leave since). */
  #joinedOnServer = false;
  readonly #peers = new PeerDirectory({
    ownPeerId: () => this.#session?.peerId ?? null,
    added: (peer) => this.emit('peerAdded', peer),
    removed: (peer) => this.emit('peerRemoved', peer),
  });

  /** What the publisher, receiver and room session need of the call. */
  readonly #host: RoomSessionHost & PublisherHost & ReceiverHost = {
    request: (event, payload) => this.#request(event, payload),
    warn: (code, message) => this.#warn(code, message),
    warnFrom: (err, fallback, context) => this.#warnFrom(err, fallback, context),
    trackAdded: (t) => this.emit('trackAdded', t),
    trackRemoved: (t) => this.emit('trackRemoved', t),
    transportState: (direction, state) =>
      this.#setConn(direction === 'send' ? { send: state } : { recv: state }),
    canRepair: () => this.#signaling.connected && this.#recovery.status.phase !== 'resuming',
    transportLost: (direction) => recreateTransport(direction, this.#session, this.#parts),
    waitForAdmission: () => {
      this.#setState('waiting');
      return new Promise<boolean>((resolve) => {
        this.#lobbyWait = (admitted) => {
          this.#lobbyWait = null;
          if (admitted) this.#setState('joining');
          resolve(admitted);
        };
      });
    },
  };
  readonly #publisher = new Publisher(this.#host);
  readonly #receiver = new Receiver(this.#host);
  readonly #parts: ResyncParts = {
    peers: this.#peers,
    receiver: this.#receiver,
    publisher: this.#publisher,
    callId: () => this.#joinArgs?.callId ?? null,
    emit: (event, ...args) => this.emit(event, ...args),
  };
  readonly #recovery: CallRecovery;

  constructor(options: CallClientOptions = {}) {
    super();
    const signaling = new SignalingConnection(options);
    this.#signaling = signaling;
    const factory = options.handlerFactory;
    const sessionOptions = factory ? { handlerFactory: factory } : {};
    this.#prepared = new PreparedJoin(signaling, () => new RoomSession(this.#host, sessionOptions));
    this.#recovery = new CallRecovery({
      signaling,
      state: () => this.#state,
      over: () => this.#endedWith !== null || this.#state === 'left',
      session: () => this.#session,
      startSession: () => this.#startSession(),
      teardownSession: () => this.#teardownSession(),
      setState: (state) => this.#setState(state),
      applySnapshot: (snapshot) => applySnapshot(snapshot, this.#session, this.#parts),
      finish: (end) => this.#finish(end),
      status: (status) => this.emit('recovery', status),
      warnFrom: (err, context) => this.#warnFrom(err, 'INTERNAL', context),
    });
    this.#offs.push(
      () => this.#recovery.close(),
      signaling.on('state', (state) => this.#setConn({ signaling: state })),
      signaling.on('lost', () => {
        this.#joinedOnServer = false;
        this.#prepared.drop(); // the server let go of its prepared peer with the socket
      }),
      ...bindNotifications(signaling, {
        session: () => this.#session,
        callId: () => this.#joinArgs?.callId ?? null,
        receiver: this.#receiver,
        publisher: this.#publisher,
        emit: (event, ...args) => this.emit(event, ...args),
        peers: this.#peers,
        admitted: () => this.#lobbyWait?.(true),
        finish: (end) => this.#finish(end),
        roomClosed: (reason) => {
          this.#teardownSession();
          this.#setState('closed');
          this.#recovery.roomClosed(reason);
        },
      }),
    );
  }

  /** How the call ended for good, once state is `ended`. */
  get end(): CallEnd | null {
    return this.#endedWith;
  }
  get state(): CallState {
    return this.#state;
  }
  get connection(): ConnectionSnapshot {
    return { ...this.#conn };
  }
  /** What is being done to keep the call (resume, re-join), see RecoveryStatus. */
  get recovery(): RecoveryStatus {
    return this.#recovery.status;
  }
  get callId(): string | null {
    return this.#joinArgs?.callId ?? null;
  }
  get userId(): string | null {
    return this.#joinArgs?.userId ?? null;
  }
  /** This client's peer id in the current room session (changes on rejoin). */
  get peerId(): string | null {
    return this.#session?.peerId ?? null;
  }
  get remotePeers(): RemotePeer[] {
    return this.#peers.list;
  }
  get remoteTracks(): RemoteTrack[] {
    return this.#receiver.tracks;
  }
  get publications(): LocalPublication[] {
    return this.#publisher.publications;
  }
  isSourceEnabled(source: MediaSource): boolean {
    return this.#publisher.isSourceEnabled(source);
  }

  /** RTCPeerConnection stats of the receiving transport (inbound-rtp...), or null before it exists. */
  async getRecvStats(): Promise<RTCStatsReport | null> {
    return (await this.#session?.stats('recv')) ?? null;
  }

  /** RTCPeerConnection stats of the sending transport (outbound-rtp...), or null when not sending. */
  async getSendStats(): Promise<RTCStatsReport | null> {
    return (await this.#session?.stats('send')) ?? null;
  }

  /** On the pre-join screen: prepares the join of `callId` unseen (see PreparedJoin); never rejects. */
  async prepare(callId: string): Promise<void> {
    if (this.#state === 'idle') await this.#prepared.start(callId);
  }

  /**
   * Connects, joins `callId` as `userId`, publishes the stream's first audio and video track (if
   * any) and starts receiving everyone else. Resolves once joined; rejects (state `failed`) if the
   * room cannot be joined. A failed client is not reusable: call `leave()` and make a new one.
   */
  async join({ callId, userId, stream }: JoinOptions): Promise<void> {
    if (this.#state !== 'idle') throw new Error(`join() is only allowed once (state: ${this.#state})`);
    this.#joinArgs = parseJoinArgs(callId, userId);

    const audio = stream?.getAudioTracks()[0];
    const video = stream?.getVideoTracks()[0];
    if (audio) this.#publisher.setTrack('microphone', audio);
    if (video) this.#publisher.setTrack('camera', video);

    this.#setState('connecting');
    try {
      await this.#signaling.open();
      await this.#startSession();
    } catch (err) {
      if (err instanceof ProtocolError && HANDSHAKE_REFUSALS.has(err.code)) {
        this.#finish({ reason: 'refused', message: err.message, code: err.code });
      } else {
        this.#onSessionError(err);
      }
      throw err;
    }
  }

  /** Skips the wait before the next reconnection or re-join attempt ("Rejoin now"). */
  reconnectNow(): void {
    this.#recovery.retryNow();
  }

  /** Leaves the room, closes every transport and the socket, and removes every listener. */
  async leave(): Promise<void> {
    if (this.#state === 'left') return;
    this.#prepared.drop();
    const wasInRoom = this.#session !== null || this.#joinedOnServer;
    this.#teardownSession();
    this.#setState('left');
    if (this.#signaling.connected && wasInRoom) {
      await this.#request('leaveRoom', {}, LEAVE_TIMEOUT_MS).catch(() => undefined);
    }
    this.#joinedOnServer = false;
    for (const off of this.#offs.splice(0)) off();
    this.#signaling.close();
    this.#publisher.close();
    this.#setConn({ signaling: 'disconnected' });
    this.removeAllListeners();
  }

  setMicEnabled(enabled: boolean): Promise<void> {
    return this.#publisher.setSourceEnabled('microphone', enabled);
  }
  setCameraEnabled(enabled: boolean): Promise<void> {
    return this.#publisher.setSourceEnabled('camera', enabled);
  }
  /** Pauses/resumes the producer of `source` here and on the server (see Publisher). */
  setSourceEnabled(source: MediaSource, enabled: boolean): Promise<void> {
    return this.#publisher.setSourceEnabled(source, enabled);
  }
  /** Publishes (or replaces) the track of `source`, e.g. a camera granted after a receive-only join. */
  publish(track: MediaStreamTrack, source: MediaSource): Promise<void> {
    return this.#publisher.publish(track, source);
  }
  /** Stops publishing `source` (the track itself is left to the caller). */
  unpublish(source: MediaSource): Promise<void> {
    return this.#publisher.unpublish(source);
  }
  /**
   * What the viewer shows: which remote videos to receive (`setFilter` for new ones, e.g. tiles
   * on screen; `setReceiving` later), at which layer (`setPreferredLayer`), who is pinned.
   */
  get view(): ViewControls {
    return this.#receiver;
  }

  /** Sends a meeting request (chat, hand, reactions, host controls) and returns its result. */
  control<E extends ControlRequest>(event: E, payload: RequestPayload<E>): Promise<ResultMap[E]> {
    if (this.#state !== 'joined') {
      return Promise.reject(new ProtocolError('NOT_JOINED', 'you are not in the meeting', event));
    }
    return this.#request(event, payload);
  }

  #request<E extends RequestName>(
    event: E,
    payload: RequestPayload<E>,
    timeoutMs?: number,
  ): Promise<ResultMap[E]> {
    return this.#signaling.request(event, payload, timeoutMs);
  }

  async #startSession(): Promise<void> {
    const args = this.#joinArgs;
    if (!args) throw new Error('no call to join');
    this.#teardownSession();
    this.#setState('joining');
    const session = await this.#prepared.take(args.callId);
    this.#session = session;
    session.assertLive();
    if (this.#joinedOnServer) {
      // A previous attempt got as far as joinRoom: leave first so joinRoom is not ALREADY_JOINED.
      await this.#request('leaveRoom', {}, LEAVE_TIMEOUT_MS).catch(() => undefined);
      this.#joinedOnServer = false;
      session.assertLive();
    }

    // On prepared transports, publishing starts with the join (it produces once we are in).
    const publishing = session.prepared ? this.#publisher.start(session) : null;
    let joined: ResultMap['joinRoom'];
    try {
      joined = await session.join(args.callId, args.userId);
    } catch (err) {
      if (isFinalRefusal(err)) {
        this.#finish({ reason: 'refused', message: err.message, code: err.code });
        throw new CallAbortedError(err.message);
      }
      throw err;
    }
    this.#joinedOnServer = true;
    session.assertLive();
    this.#recovery.joined(joined);
    for (const peer of joined.peers) this.#peers.add(peer);
    this.emit('activeSpeaker', joined.activeSpeakerPeerId);
    this.emit('joinInfo', toJoinInfo(joined));

    await startMedia(session, joined, { ...this.#parts, callId: args.callId, publishing });
    session.assertLive();
    this.#setState('joined');
  }

  /** Closes the session's transports (and so its producers and consumers) and forgets the peers. */
  #teardownSession(): void {
    this.#lobbyWait?.(false);
    const session = this.#session;
    if (!session) return;
    this.#session = null;
    session.close();
    this.#receiver.clear();
    this.#publisher.stop();
    this.#peers.clear();
    this.#setConn({ send: 'none', recv: 'none' });
  }

  /**
   * A join attempt failed. An abort means whoever ended the session (leave, roomClosed, a dropped
   * socket) already set the state; anything else leaves the client `failed`.
   */
  #onSessionError(err: unknown): void {
    if (err instanceof CallAbortedError || this.#state === 'left') return;
    this.#teardownSession();
    this.#setState('failed');
  }

  /** The call is over for good: tear down, stop reconnecting, tell the UI why. */
  #finish(end: CallEnd): void {
    if (this.#endedWith || this.#state === 'left') return;
    this.#endedWith = end;
    this.#lobbyWait?.(false);
    this.#teardownSession();
    this.#recovery.close();
    this.#signaling.stopReconnecting();
    this.#setState('ended');
    this.emit('ended', end);
  }

  #setState(state: CallState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.emit('state', state);
  }

  #setConn(patch: Partial<ConnectionSnapshot>): void {
    const next = { ...this.#conn, ...patch };
    const c = this.#conn;
    if (next.signaling === c.signaling && next.send === c.send && next.recv === c.recv) return;
    this.#conn = next;
    this.emit('connectionState', { ...next });
  }

  #warn(code: CallWarningCode, message: string): void {
    this.emit('warning', { code, message });
  }

  #warnFrom(err: unknown, fallback: CallWarningCode, context: string): void {
    if (err instanceof ProtocolError) this.#warn(err.code, `${context}: ${err.message}`);
    else this.#warn(fallback, `${context}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
