/**
 * One room membership: a mediasoup Device loaded for the room's router, the join handshake
 * (through the waiting room when there is one) and the two WebRTC transports. Closing the
 * session closes the transports, and with them every producer and consumer on them.
 *
 * The session does not own the signaling socket: a later reconnection can hand it a new one
 * without touching the transports.
 */
import { Device, type types as ms } from 'mediasoup-client';
import type { IceServersInfo, RequestName, RequestPayload, ResultMap, TransportParams } from '@/lib/protocol';
import { CallAbortedError } from './CallAbortedError';
import { IceRefreshTimer } from './IceRefreshTimer';
import { IceWatchdog } from './IceWatchdog';
import { ProtocolError } from './request';
import { WarmedConsumers } from './WarmedConsumers';
import type { CallWarningCode, TransportState } from './callTypes';
import {
  sourceAppData,
  sourceOf,
  toClientRtpCapabilities,
  toTransportOptions,
  toWireDtlsParameters,
  toWireRtpCapabilities,
  toWireRtpParameters,
} from './wire';

export type Direction = 'send' | 'recv';

export interface RoomSessionHost {
  request<E extends RequestName>(event: E, payload: RequestPayload<E>): Promise<ResultMap[E]>;
  transportState(direction: Direction, state: TransportState): void;
  warn(code: CallWarningCode, message: string): void;
  /**
   * The server put us in the waiting room: resolves true once a host admits us, false if the
   * wait was abandoned.
   */
  waitForAdmission(): Promise<boolean>;
  /** Whether requests reach the server now (no ICE repair is asked for otherwise). */
  canRepair(): boolean;
  /** A transport could not be repaired by an ICE restart: recreate it (see `recreate`). */
  transportLost(direction: Direction): Promise<void>;
}

export interface RoomSessionOptions {
  /** mediasoup-client handler; the browser's own when omitted. */
  handlerFactory?: ms.HandlerFactory;
}

function toError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

export class RoomSession {
  readonly device: Device;
  readonly #host: RoomSessionHost;
  #peerId: string | null = null;
  #closed = false;
  #sendTransport: ms.Transport | null = null;
  #recvTransport: ms.Transport | null = null;
  #sendReady: Promise<ms.Transport> | null = null;
  #recvReady!: Promise<ms.Transport>;
  #resolveRecv!: (transport: ms.Transport) => void;
  #rejectRecv!: (err: Error) => void;
  /** Transports made before joining (see `prepare`), until the join keeps or drops them. */
  #prepared: { send: ms.Transport; recv: ms.Transport } | null = null;
  /** Paused consumers on the prepared receiving transport, until the join takes them. */
  readonly #warmed = new WarmedConsumers();
  /** Resolves once the server counts us in the room: the send transport connects and produces after. */
  readonly #inRoom: Promise<void>;
  #enteredRoom!: () => void;
  #leftRoom!: (err: Error) => void;
  readonly #watchdogs = new Map<Direction, IceWatchdog>();
  /** TURN servers for both transports (none without TURN). */
  #ice: IceServersInfo = { iceServers: [], expiresAt: null, refreshAt: null };
  readonly #iceRefresh = new IceRefreshTimer({
    fetch: () => this.#host.request('getIceServers', {}),
    apply: (info) => this.applyIceServers(info),
    failed: (err) =>
      this.#host.warn('TRANSPORT_FAILED', `could not refresh the TURN credentials: ${toError(err).message}`),
  });

  constructor(host: RoomSessionHost, options: RoomSessionOptions = {}) {
    this.#host = host;
    this.device = new Device(options.handlerFactory ? { handlerFactory: options.handlerFactory } : {});
    this.#resetRecvReady();
    this.#inRoom = new Promise<void>((resolve, reject) => {
      this.#enteredRoom = resolve;
      this.#leftRoom = reject;
    });
    this.#inRoom.catch(() => undefined); // awaited by the send transport's requests only
  }

  /** Whether both transports were made on the pre-join screen and wait for the join. */
  get prepared(): boolean {
    return this.#prepared !== null;
  }

  /** Resolves once the recv transport exists; consumes triggered by early notifications wait on it. */
  get recvReady(): Promise<ms.Transport> {
    return this.#recvReady;
  }

  /** This client's peer id in the room, once joined. */
  get peerId(): string | null {
    return this.#peerId;
  }
  get closed(): boolean {
    return this.#closed;
  }
  get sendTransport(): ms.Transport | null {
    return this.#sendTransport;
  }
  get recvTransport(): ms.Transport | null {
    return this.#recvTransport;
  }

  /** RTCPeerConnection stats of one transport, or null while it does not exist. */
  async stats(direction: Direction): Promise<RTCStatsReport | null> {
    const transport = direction === 'send' ? this.#sendTransport : this.#recvTransport;
    return transport && !transport.closed ? transport.getStats() : null;
  }

  /** Throws CallAbortedError once the session is closed: every await in a join checks it. */
  assertLive(): void {
    if (this.#closed) throw new CallAbortedError();
  }

  /**
   * On the pre-join screen, before the person is seen by anyone: loads the device for the room's
   * router and, if the server would let us straight in, makes both transports (prepareJoin) and
   * sets up paused consumers of everyone on the receiving one, which so connects now (see
   * WarmedConsumers). The send transport waits for the join before it connects or produces.
   */
  async prepare(callId: string): Promise<void> {
    const answer = await this.#host.request('prepareJoin', { callId });
    this.assertLive();
    await this.device.load({ routerRtpCapabilities: toClientRtpCapabilities(answer.rtpCapabilities) });
    this.assertLive();
    if (!answer.transports) return;
    // Not applyIceServers: no credential refresh is asked for before joining.
    if (answer.ice) this.#ice = answer.ice;
    const send = this.#setUpTransport('send', answer.transports.send);
    const recv = this.#setUpTransport('recv', answer.transports.recv);
    this.#sendReady = Promise.resolve(send);
    this.#prepared = { send, recv };
    const request = this.#host.request.bind(this.#host);
    // Without them the join receives as before: a failure here costs only the head start.
    await this.#warmed.warm(request, this.device, recv).catch(() => this.#warmed.close());
  }

  /** A consumer set up before the join (see `prepare`), handed to the Receiver once. */
  takeWarmed(consumerId: string): ms.Consumer | undefined {
    return this.#warmed.take(consumerId);
  }

  /** Closes the consumers set up before the join that the join's answer did not list. */
  closeWarmed(): void {
    this.#warmed.close();
  }

  /**
   * createRoom and load the device (unless `prepare` did), then joinRoom (waiting to be admitted
   * if needed); with prepared transports, the answer carries our consumers (`prepared`) or, if
   * the server no longer had them, they are dropped here. Rejects with the server's
   * ProtocolError on a refusal, or CallAbortedError if the session closed meanwhile.
   */
  async join(callId: string, userId: string): Promise<ResultMap['joinRoom']> {
    if (!this.device.loaded) {
      const { rtpCapabilities } = await this.#host.request('createRoom', { callId });
      this.assertLive();
      await this.device.load({ routerRtpCapabilities: toClientRtpCapabilities(rtpCapabilities) });
      this.assertLive();
    }
    const prepared = this.#prepared;
    const payload = {
      callId,
      userId,
      rtpCapabilities: toWireRtpCapabilities(this.device.recvRtpCapabilities),
      ...(prepared ? { prepared: { recvTransportId: prepared.recv.id } } : {}),
    };
    for (;;) {
      try {
        const joined = await this.#host.request('joinRoom', payload);
        this.#peerId = joined.peerId;
        if (prepared && !joined.prepared) this.#dropPrepared();
        this.#enteredRoom();
        if (joined.ice) this.applyIceServers(joined.ice);
        return joined;
      } catch (err) {
        if (!(err instanceof ProtocolError) || err.code !== 'WAITING_ROOM') throw err;
        this.assertLive();
        const admitted = await this.#host.waitForAdmission();
        this.assertLive();
        if (!admitted) throw new CallAbortedError('not admitted');
      }
    }
  }

  /** The prepared receiving transport, kept by the join: consumes waiting on `recvReady` go ahead. */
  openPreparedRecv(): ms.Transport | null {
    const recv = this.#prepared?.recv ?? null;
    this.#prepared = null;
    if (recv) this.#resolveRecv(recv);
    return recv;
  }

  /** Creates the receiving transport; consumes waiting on `recvReady` go ahead. */
  async openRecv(): Promise<ms.Transport> {
    const transport = await this.#createTransport('recv');
    this.#resolveRecv(transport);
    return transport;
  }

  /** The sending transport, created on first use (a failed attempt is retried by the next call). */
  sendTransportReady(): Promise<ms.Transport> {
    if (!this.#sendReady) {
      const ready = this.#createTransport('send');
      this.#sendReady = ready;
      ready.catch(() => {
        if (this.#sendReady === ready) this.#sendReady = null;
      });
    }
    return this.#sendReady;
  }

  /**
   * Uses these TURN servers for both transports (and the ones created later), and asks for fresh
   * credentials at `refreshAt`.
   */
  applyIceServers(info: IceServersInfo): void {
    if (this.#closed) return;
    this.#ice = info;
    const iceServers = info.iceServers as RTCIceServer[];
    for (const transport of [this.#sendTransport, this.#recvTransport]) {
      if (!transport || transport.closed) continue;
      transport.updateIceServers({ iceServers }).catch((err: unknown) => {
        this.#host.warn('TRANSPORT_FAILED', `could not update the TURN servers: ${toError(err).message}`);
      });
    }
    this.#iceRefresh.schedule(info.refreshAt === null ? null : info.refreshAt - Date.now());
  }

  /** Asks the server for new ICE parameters for one transport and restarts ICE with them. */
  async restartIce(direction: Direction): Promise<void> {
    const transport = direction === 'send' ? this.#sendTransport : this.#recvTransport;
    if (!transport || transport.closed) return;
    const { iceParameters } = await this.#host.request('restartIce', { transportId: transport.id });
    this.assertLive();
    await transport.restartIce({ iceParameters });
  }

  /**
   * Closes one transport (its producers or consumers go with it) and creates a new one; the caller
   * re-produces or re-consumes. The membership in the room is untouched.
   */
  async recreate(direction: Direction): Promise<ms.Transport> {
    this.assertLive();
    this.#watchdogs.get(direction)?.close();
    this.#watchdogs.delete(direction);
    const old = direction === 'send' ? this.#sendTransport : this.#recvTransport;
    // Free it on the server too, or each repair would use up one of the peer's few transports.
    if (old) void this.#host.request('closeTransport', { transportId: old.id }).catch(() => undefined);
    if (direction === 'send') {
      this.#sendTransport?.close();
      this.#sendTransport = null;
      this.#sendReady = null;
      return this.sendTransportReady();
    }
    this.#recvTransport?.close();
    this.#recvTransport = null;
    this.#rejectRecv(new CallAbortedError('the receiving transport is being replaced'));
    this.#resetRecvReady();
    return this.openRecv();
  }

  /** Re-evaluates both transports (signaling is back): starts any ICE repair that is due. */
  checkTransports(): void {
    for (const dog of this.#watchdogs.values()) dog.check();
  }

  /** Closes both transports (and so their producers and consumers). Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#iceRefresh.close();
    for (const dog of this.#watchdogs.values()) dog.close();
    this.#watchdogs.clear();
    this.#rejectRecv(new CallAbortedError());
    this.#leftRoom(new CallAbortedError());
    this.#warmed.close();
    this.#sendTransport?.close();
    this.#recvTransport?.close();
  }

  #resetRecvReady(): void {
    this.#recvReady = new Promise<ms.Transport>((resolve, reject) => {
      this.#resolveRecv = resolve;
      this.#rejectRecv = reject;
    });
    this.#recvReady.catch(() => undefined); // awaited by consumes only; a rejection alone is not an error
  }

  /** The server no longer had the prepared peer: those transports are dead; new ones are made. */
  #dropPrepared(): void {
    const prepared = this.#prepared;
    if (!prepared) return;
    this.#prepared = null;
    this.#warmed.close();
    for (const direction of ['send', 'recv'] as const) {
      this.#watchdogs.get(direction)?.close();
      this.#watchdogs.delete(direction);
      this.#host.transportState(direction, 'none');
    }
    prepared.send.close();
    prepared.recv.close();
    this.#sendTransport = null;
    this.#sendReady = null;
    this.#recvTransport = null;
  }

  async #createTransport(direction: Direction): Promise<ms.Transport> {
    const params = await this.#host.request('createTransport', { direction });
    this.assertLive();
    return this.#setUpTransport(direction, params);
  }

  #setUpTransport(direction: Direction, params: TransportParams): ms.Transport {
    const options = toTransportOptions(params, this.#ice.iceServers as RTCIceServer[]);
    const transport =
      direction === 'send'
        ? this.device.createSendTransport(options)
        : this.device.createRecvTransport(options);
    if (direction === 'send') this.#sendTransport = transport;
    else this.#recvTransport = transport;

    // The receiving transport may connect before the join (prepareReceive); nothing flows on it.
    const mayConnect = direction === 'recv' ? Promise.resolve() : this.#inRoom;
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      mayConnect
        .then(() =>
          this.#host.request('connectTransport', {
            transportId: transport.id,
            dtlsParameters: toWireDtlsParameters(dtlsParameters),
          }),
        )
        .then(
          () => callback(),
          (err: unknown) => errback(toError(err)),
        );
    });
    const watchdog = new IceWatchdog({
      canRepair: () => !this.#closed && this.#host.canRepair(),
      restartIce: () => this.restartIce(direction),
      recreate: () => this.#host.transportLost(direction),
      failed: (err) =>
        this.#host.warn(
          'TRANSPORT_FAILED',
          `could not repair the ${direction} media connection: ${toError(err).message}`,
        ),
    });
    this.#watchdogs.get(direction)?.close();
    this.#watchdogs.set(direction, watchdog);
    transport.on('connectionstatechange', (state) => {
      if (this.#closed || transport.closed) return;
      watchdog.update(state);
      // A failed connection is repaired by the watchdog; only a failed repair is reported.
      this.#host.transportState(direction, state);
    });
    if (direction === 'send') {
      transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
        const source = sourceOf(appData);
        this.#inRoom
          .then(() =>
            this.#host.request('produce', {
              transportId: transport.id,
              kind,
              rtpParameters: toWireRtpParameters(rtpParameters),
              appData: source ? sourceAppData(source) : {},
            }),
          )
          .then(
            ({ producerId }) => callback({ id: producerId }),
            (err: unknown) => errback(toError(err)),
          );
      });
    }
    this.#host.transportState(direction, transport.connectionState);
    return transport;
  }
}
