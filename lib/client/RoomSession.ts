/**
 * One room membership: a mediasoup Device loaded for the room's router, the join handshake
 * (through the waiting room when there is one) and the two WebRTC transports. Closing the
 * session closes the transports, and with them every producer and consumer on them.
 *
 * The session does not own the signaling socket: a later reconnection can hand it a new one
 * without touching the transports.
 */
import { Device, type types as ms } from 'mediasoup-client';
import type { RequestName, RequestPayload, ResultMap } from '@/lib/protocol';
import { CallAbortedError } from './CallAbortedError';
import { ProtocolError } from './request';
import type { CallWarningCode, JoinInfo, TransportState } from './callTypes';
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
}

export interface RoomSessionOptions {
  /** mediasoup-client handler; the browser's own when omitted. */
  handlerFactory?: ms.HandlerFactory;
}

/** joinRoom refusals that end the call (as opposed to errors worth a retry). */
const FINAL_REFUSALS: ReadonlySet<string> = new Set([
  'REMOVED',
  'LOCKED',
  'MEETING_ENDED',
  'FORBIDDEN',
  'UNAUTHORIZED',
  'ROOM_NOT_FOUND',
  'LIMIT_REACHED',
]);

export function isFinalRefusal(err: unknown): err is ProtocolError {
  return err instanceof ProtocolError && FINAL_REFUSALS.has(err.code);
}

/** What the UI learns at each (re)join, from the joinRoom answer. */
export function toJoinInfo(joined: ResultMap['joinRoom']): JoinInfo {
  return {
    self: joined.self,
    meeting: joined.meeting,
    chat: joined.chat,
    lobby: joined.lobby,
    peers: joined.peers.map((p) => ({
      peerId: p.peerId,
      role: p.role ?? 'guest',
      handRaised: p.handRaised ?? false,
    })),
  };
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
  /** Resolves once the recv transport exists; consumes triggered by early notifications wait on it. */
  readonly recvReady: Promise<ms.Transport>;
  #resolveRecv!: (transport: ms.Transport) => void;
  #rejectRecv!: (err: Error) => void;

  constructor(host: RoomSessionHost, options: RoomSessionOptions = {}) {
    this.#host = host;
    this.device = new Device(options.handlerFactory ? { handlerFactory: options.handlerFactory } : {});
    this.recvReady = new Promise<ms.Transport>((resolve, reject) => {
      this.#resolveRecv = resolve;
      this.#rejectRecv = reject;
    });
    this.recvReady.catch(() => undefined); // awaited by consumes only; a rejection alone is not an error
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
   * createRoom, load the device, joinRoom (waiting to be admitted if needed). Rejects with the
   * server's ProtocolError on a refusal, or CallAbortedError if the session closed meanwhile.
   */
  async join(callId: string, userId: string): Promise<ResultMap['joinRoom']> {
    const { rtpCapabilities } = await this.#host.request('createRoom', { callId });
    this.assertLive();
    await this.device.load({ routerRtpCapabilities: toClientRtpCapabilities(rtpCapabilities) });
    this.assertLive();
    const payload = {
      callId,
      userId,
      rtpCapabilities: toWireRtpCapabilities(this.device.recvRtpCapabilities),
    };
    for (;;) {
      try {
        const joined = await this.#host.request('joinRoom', payload);
        this.#peerId = joined.peerId;
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

  /** Closes both transports (and so their producers and consumers). Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#rejectRecv(new CallAbortedError());
    this.#sendTransport?.close();
    this.#recvTransport?.close();
  }

  async #createTransport(direction: Direction): Promise<ms.Transport> {
    const params = await this.#host.request('createTransport', { direction });
    this.assertLive();
    const options = toTransportOptions(params);
    const transport =
      direction === 'send'
        ? this.device.createSendTransport(options)
        : this.device.createRecvTransport(options);
    if (direction === 'send') this.#sendTransport = transport;
    else this.#recvTransport = transport;

    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      this.#host
        .request('connectTransport', {
          transportId: transport.id,
          dtlsParameters: toWireDtlsParameters(dtlsParameters),
        })
        .then(
          () => callback(),
          (err: unknown) => errback(toError(err)),
        );
    });
    transport.on('connectionstatechange', (state) => {
      if (this.#closed) return;
      this.#host.transportState(direction, state);
      if (state === 'failed') {
        this.#host.warn('TRANSPORT_FAILED', `the ${direction} media connection failed (ICE/DTLS)`);
      }
    });
    if (direction === 'send') {
      transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
        const source = sourceOf(appData);
        this.#host
          .request('produce', {
            transportId: transport.id,
            kind,
            rtpParameters: toWireRtpParameters(rtpParameters),
            appData: source ? sourceAppData(source) : {},
          })
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
