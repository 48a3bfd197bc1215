/**
 * The signaling connection: one Socket.IO socket, its handshake credentials and its reconnect
 * policy. It knows nothing about rooms: it reports when the socket is up or lost, sends typed
 * requests and forwards server notifications to whoever subscribed.
 *
 * Keeping the socket's lifecycle apart from the room session's is what lets a dropped socket be
 * replaced while the media transports stay up (session resume, ICE restart per transport).
 */
import { io } from 'socket.io-client';
import type { RequestName, RequestPayload, ResultMap, ServerToClientEvents } from '@/lib/protocol';
import { CallAbortedError } from './CallAbortedError';
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  ProtocolError,
  request,
  type ProtocolErrorCode,
  type SignalingSocket,
} from './request';
import type { SignalingState } from './callTypes';
import { TypedEmitter } from './TypedEmitter';

/** Handshake refusals that retrying cannot fix. */
export const HANDSHAKE_REFUSALS: ReadonlySet<string> = new Set([
  'UNAUTHORIZED',
  'FORBIDDEN',
  'REMOVED',
  'BAD_REQUEST',
]);

export interface SignalingOptions {
  /** Signaling server URL; same origin when omitted. */
  url?: string;
  requestTimeoutMs?: number;
  /** How long `open()` waits for a connection. */
  connectTimeoutMs?: number;
  /** Supplies the handshake credentials at every (re)connection, e.g. a fresh meeting token. */
  auth?: () => Promise<{ token: string; meetingId: string } | null>;
}

export type SignalingEvents = {
  state: [SignalingState];
  /** The socket is up; `reconnected` after an automatic reconnection. */
  connected: [{ reconnected: boolean }];
  /**
   * The socket dropped. `byServer`: the server closed it on purpose and Socket.IO will not
   * reconnect by itself; otherwise it is already trying again.
   */
  lost: [{ reason: string; byServer: boolean }];
};

export type NotificationName = keyof ServerToClientEvents;
export type NotificationPayload<E extends NotificationName> = Parameters<ServerToClientEvents[E]>[0];

/** The socket seen without Socket.IO's mapped types, which TypeScript cannot resolve generically. */
interface UntypedListeners {
  on(event: string, listener: (payload: unknown) => void): unknown;
  off(event: string, listener: (payload: unknown) => void): unknown;
}

export class SignalingConnection extends TypedEmitter<SignalingEvents> {
  readonly #url: string | undefined;
  readonly #requestTimeoutMs: number;
  readonly #connectTimeoutMs: number;
  readonly #auth: SignalingOptions['auth'];
  #socket: SignalingSocket | null = null;
  #state: SignalingState = 'disconnected';
  #everConnected = false;
  #closed = false;

  constructor(options: SignalingOptions = {}) {
    super();
    this.#url = options.url;
    this.#requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 15_000;
    this.#auth = options.auth;
  }

  get state(): SignalingState {
    return this.#state;
  }

  get connected(): boolean {
    return this.#socket?.connected ?? false;
  }

  /**
   * Connects (creating the socket on first use) and resolves once connected. Rejects with a
   * ProtocolError: the handshake refusal's code, or TIMEOUT when the server cannot be reached.
   */
  async open(): Promise<void> {
    if (this.#closed) throw new CallAbortedError('the signaling connection is closed');
    const socket = this.#socket ?? this.#createSocket();
    if (socket.connected) return;
    if (!socket.active) {
      this.#setState('connecting');
      socket.connect();
    }
    await this.#waitForConnect(socket);
  }

  /** Sends one request and resolves with its result (see `request()`). */
  request<E extends RequestName>(
    event: E,
    payload: RequestPayload<E>,
    timeoutMs = this.#requestTimeoutMs,
  ): Promise<ResultMap[E]> {
    const socket = this.#socket;
    if (!socket || this.#closed) return Promise.reject(new CallAbortedError('not connected'));
    return request(socket, event, payload, timeoutMs);
  }

  /** Subscribes to one server notification; returns the unsubscriber. */
  onNotification<E extends NotificationName>(
    event: E,
    listener: (payload: NotificationPayload<E>) => void,
  ): () => void {
    const socket = this.#socket ?? this.#createSocket();
    const untyped = socket as unknown as UntypedListeners;
    const wrapped = (payload: unknown) => listener(payload as NotificationPayload<E>);
    untyped.on(event, wrapped);
    return () => untyped.off(event, wrapped);
  }

  /** No more automatic reconnections (the call ended for good). */
  stopReconnecting(): void {
    this.#socket?.io.reconnection(false);
  }

  /** Closes the socket and drops every listener. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    const socket = this.#socket;
    this.#socket = null;
    if (socket) {
      socket.removeAllListeners();
      socket.io.removeAllListeners();
      socket.disconnect();
    }
    this.#setState('disconnected');
    this.removeAllListeners();
  }

  #createSocket(): SignalingSocket {
    const getAuth = this.#auth;
    const options = {
      transports: ['websocket'],
      reconnectionDelayMax: 5_000,
      autoConnect: false,
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
    const socket: SignalingSocket = this.#url ? io(this.#url, options) : io(options);
    this.#socket = socket;
    socket.on('connect', () => {
      this.#setState('connected');
      const reconnected = this.#everConnected;
      this.#everConnected = true;
      this.emit('connected', { reconnected });
    });
    socket.on('disconnect', (reason) => {
      this.#setState('disconnected');
      if (reason === 'io client disconnect') return;
      this.emit('lost', { reason, byServer: reason === 'io server disconnect' });
    });
    socket.io.on('reconnect_attempt', () => this.#setState('connecting'));
    return socket;
  }

  #waitForConnect(socket: SignalingSocket): Promise<void> {
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
        if (typeof code === 'string' && HANDSHAKE_REFUSALS.has(code)) {
          // The server refused us (bad token, removed...): retrying will not help.
          cleanup();
          socket.disconnect();
          reject(new ProtocolError(code as ProtocolErrorCode, err.message));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new ProtocolError('TIMEOUT', `cannot reach the signaling server (${lastError})`));
      }, this.#connectTimeoutMs);
      socket.on('connect', onConnect);
      socket.on('connect_error', onError);
    });
  }

  #setState(state: SignalingState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.emit('state', state);
  }
}
