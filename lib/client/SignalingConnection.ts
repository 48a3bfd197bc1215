/**
 * The signaling connection: one Socket.IO socket, its handshake credentials and its reconnect
 * policy. It knows nothing about rooms: it reports when the socket is up or lost, sends typed
 * requests and forwards server notifications to whoever subscribed.
 *
 * Keeping the socket's lifecycle apart from the room session's is what lets a dropped socket be
 * replaced while the media transports stay up (session resume, ICE restart per transport).
 *
 * Reconnecting is driven here, not by Socket.IO's built-in reconnection (disabled): its schedule
 * cannot express ours (see reconnectBackoff), and we need to know each failed attempt to show it.
 * WebSocket is tried first and long-polling after it, so a network that blocks WebSocket still
 * gets a call, on the same handshake credentials.
 */
import { io } from 'socket.io-client';
import type { RequestName, RequestPayload, ResultMap, ServerToClientEvents } from '@/lib/protocol';
import { CallAbortedError } from './CallAbortedError';
import { reconnectDelayMs } from './reconnectBackoff';
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  ProtocolError,
  request,
  type ProtocolErrorCode,
  type SignalingSocket,
} from './request';
import { RequestQueue } from './RequestQueue';
import type { SignalingState } from './callTypes';
import { TypedEmitter } from './TypedEmitter';

/** Handshake refusals that retrying cannot fix. */
export const HANDSHAKE_REFUSALS: ReadonlySet<string> = new Set([
  'UNAUTHORIZED',
  'FORBIDDEN',
  'REMOVED',
  'BAD_REQUEST',
  'MEETING_ENDED',
]);

export interface SignalingOptions {
  /** Signaling server URL; same origin when omitted. */
  url?: string;
  requestTimeoutMs?: number;
  /** How long `open()` waits for a connection. */
  connectTimeoutMs?: number;
  /** How long a request asked for while disconnected waits for the connection to come back. */
  queueTimeoutMs?: number;
  /** Supplies the handshake credentials at every (re)connection, e.g. a fresh meeting token. */
  auth?: () => Promise<{ token: string; meetingId: string } | null>;
  /** Delay before reconnect attempt n (1-based); the product's schedule when omitted. */
  reconnectDelay?: (attempt: number) => number;
}

export type SignalingEvents = {
  state: [SignalingState];
  /** The socket is up; `reconnected` after it had been up before. */
  connected: [{ reconnected: boolean }];
  /**
   * The socket dropped (not by us). `byServer`: the server closed it on purpose. Either way a
   * reconnection is scheduled, unless `stopReconnecting()` was called.
   */
  lost: [{ reason: string; byServer: boolean }];
  /** Reconnect attempt `attempt` (1-based: attempt - 1 have failed) starts in `delayMs`. */
  retry: [{ attempt: number; delayMs: number }];
  /** A reconnection was refused for good (removed, meeting ended, bad token): no more attempts. */
  refused: [ProtocolError];
};

export type NotificationName = keyof ServerToClientEvents;
export type NotificationPayload<E extends NotificationName> = Parameters<ServerToClientEvents[E]>[0];

/** The socket seen without Socket.IO's mapped types, which TypeScript cannot resolve generically. */
interface UntypedListeners {
  on(event: string, listener: (payload: unknown) => void): unknown;
  off(event: string, listener: (payload: unknown) => void): unknown;
}

type ConnectError = Error & { data?: { code?: unknown } };

function refusalOf(err: ConnectError): ProtocolError | null {
  const code = err.data?.code;
  if (typeof code !== 'string' || !HANDSHAKE_REFUSALS.has(code)) return null;
  return new ProtocolError(code as ProtocolErrorCode, err.message);
}

export class SignalingConnection extends TypedEmitter<SignalingEvents> {
  readonly #url: string | undefined;
  readonly #requestTimeoutMs: number;
  readonly #connectTimeoutMs: number;
  readonly #auth: SignalingOptions['auth'];
  readonly #delay: (attempt: number) => number;
  readonly #queue: RequestQueue;
  #socket: SignalingSocket | null = null;
  #state: SignalingState = 'disconnected';
  #everConnected = false;
  #closed = false;
  /** Whether lost connections are retried (from `open()` until stopped or closed). */
  #reconnecting = false;
  /** Attempts since the connection was last up. */
  #attempt = 0;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** Sent with the handshake so the server re-attaches this socket to the same peer. */
  #resumeToken: string | null = null;
  /** Requests wait in the queue even while connected (a resumed session is re-syncing). */
  #held = false;

  constructor(options: SignalingOptions = {}) {
    super();
    this.#url = options.url;
    this.#requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 15_000;
    this.#auth = options.auth;
    this.#delay = options.reconnectDelay ?? ((attempt) => reconnectDelayMs(attempt));
    this.#queue = new RequestQueue(options.queueTimeoutMs);
  }

  get state(): SignalingState {
    return this.#state;
  }

  get connected(): boolean {
    return this.#socket?.connected ?? false;
  }

  /** Reconnect attempts made since the connection was last up. */
  get attempt(): number {
    return this.#attempt;
  }

  get hasResumeToken(): boolean {
    return this.#resumeToken !== null;
  }

  /** The resume token the next handshake carries (null: a plain connection). */
  setResumeToken(token: string | null): void {
    this.#resumeToken = token;
  }

  /**
   * Connects (creating the socket on first use) and resolves once connected. Rejects with a
   * ProtocolError: the handshake refusal's code, or TIMEOUT when the server cannot be reached.
   * Failed attempts are retried on the reconnect schedule until then.
   */
  async open(): Promise<void> {
    if (this.#closed) throw new CallAbortedError('the signaling connection is closed');
    const socket = this.#socket ?? this.#createSocket();
    this.#reconnecting = true;
    if (socket.connected) return;
    if (this.#retryTimer === null && this.#state !== 'connecting') this.#attemptNow();
    await this.#waitForConnect(socket);
  }

  /** Skips the wait before the next reconnect attempt (the user asked to retry now). */
  retryNow(): void {
    if (this.#closed || !this.#reconnecting || this.connected) return;
    if (this.#retryTimer === null && this.#state === 'connecting') return; // one is under way
    this.#attemptNow();
  }

  /**
   * Sends one request and resolves with its result (see `request()`). While requests are held (a
   * session is being resumed) it waits in the queue (see RequestQueue); otherwise a request made
   * while the socket is down fails at once with DISCONNECTED.
   */
  request<E extends RequestName>(
    event: E,
    payload: RequestPayload<E>,
    timeoutMs = this.#requestTimeoutMs,
  ): Promise<ResultMap[E]> {
    const socket = this.#socket;
    if (!socket || this.#closed) return Promise.reject(new CallAbortedError('not connected'));
    if (!this.#held) {
      if (socket.connected) return request(socket, event, payload, timeoutMs);
      return Promise.reject(
        new ProtocolError(
          'DISCONNECTED',
          'not connected to the server, so it was not sent; try again once reconnected',
          event,
        ),
      );
    }
    return new Promise<ResultMap[E]>((resolve, reject) => {
      this.#queue.add(
        event,
        () => {
          const live = this.#socket;
          if (!live) reject(new CallAbortedError('not connected'));
          else request(live, event, payload, timeoutMs).then(resolve, reject);
        },
        reject,
      );
    });
  }

  /** Keeps requests queued even once connected, until `releaseRequests()` or `failRequests()`. */
  holdRequests(): void {
    this.#held = true;
  }

  /** Sends the queued requests (if connected) and stops holding new ones. */
  releaseRequests(): void {
    this.#held = false;
    if (this.connected) this.#queue.flush();
    else
      this.#queue.fail(new ProtocolError('DISCONNECTED', 'not connected to the server, so it was not sent'));
  }

  /** Fails the queued requests with `err` and stops holding new ones. */
  failRequests(err: Error): void {
    this.#held = false;
    this.#queue.fail(err);
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

  /** No more automatic reconnections (the call ended for good). Queued requests fail. */
  stopReconnecting(): void {
    this.#reconnecting = false;
    this.#clearRetry();
    this.#queue.fail(new ProtocolError('DISCONNECTED', 'the call has ended; the request was not sent'));
  }

  /** Closes the socket and drops every listener. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#reconnecting = false;
    this.#clearRetry();
    this.#queue.fail(new CallAbortedError('the signaling connection is closed'));
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
      transports: ['websocket', 'polling'],
      // A WebSocket blocked by a proxy or firewall falls back to long-polling.
      tryAllTransports: true,
      reconnection: false,
      autoConnect: false,
      // Called at every (re)connection, so a reconnect carries a fresh meeting token and the
      // current resume token.
      auth: (cb: (data: object) => void) => {
        const resume = this.#resumeToken;
        const withResume = (auth: object): object => (resume ? { ...auth, resume } : auth);
        if (!getAuth) {
          cb(withResume({}));
          return;
        }
        getAuth().then(
          (auth) => cb(withResume(auth ?? {})),
          () => cb(withResume({})),
        );
      },
    };
    const socket: SignalingSocket = this.#url ? io(this.#url, options) : io(options);
    this.#socket = socket;
    socket.on('connect', () => {
      this.#attempt = 0;
      this.#clearRetry();
      this.#setState('connected');
      const reconnected = this.#everConnected;
      this.#everConnected = true;
      this.emit('connected', { reconnected });
    });
    socket.on('disconnect', (reason) => {
      this.#setState('disconnected');
      if (reason === 'io client disconnect') return;
      this.emit('lost', { reason, byServer: reason === 'io server disconnect' });
      this.#scheduleRetry();
    });
    socket.on('connect_error', (err: ConnectError) => {
      if (socket.connected) return;
      this.#setState('disconnected');
      const refusal = refusalOf(err);
      if (refusal) {
        this.#reconnecting = false;
        this.#clearRetry();
        this.#queue.fail(refusal);
        this.emit('refused', refusal);
        return;
      }
      this.#scheduleRetry();
    });
    return socket;
  }

  #scheduleRetry(): void {
    if (!this.#reconnecting || this.#closed || this.#retryTimer !== null) return;
    const attempt = this.#attempt + 1;
    const delayMs = this.#delay(attempt);
    this.emit('retry', { attempt, delayMs });
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      this.#attemptNow();
    }, delayMs);
  }

  #attemptNow(): void {
    this.#clearRetry();
    const socket = this.#socket;
    if (!socket || this.#closed || socket.connected) return;
    this.#attempt += 1;
    this.#setState('connecting');
    socket.connect();
  }

  #clearRetry(): void {
    if (this.#retryTimer === null) return;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
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
      const onError = (err: ConnectError) => {
        lastError = err.message;
        const refusal = refusalOf(err);
        if (refusal) {
          // The server refused us (bad token, removed...): retrying will not help.
          cleanup();
          socket.disconnect();
          reject(refusal);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        this.#reconnecting = false;
        this.#clearRetry();
        socket.disconnect();
        this.#setState('disconnected');
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
