/**
 * A Socket.IO test client speaking the signaling protocol: typed requests that return the raw ack
 * (`request`) or its data (`ok`), untyped emits for malformed input (`raw`, `emitNoAck`), and a
 * per-event queue of server notifications (`next`) so none is missed between an action and the
 * wait for its effect.
 */
import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  ClientToServerEvents,
  ErrorCode,
  RequestName,
  RequestPayload,
  ResultMap,
  ServerToClientEvents,
} from '@/lib/protocol';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type NotificationName = keyof ServerToClientEvents;
export type Notification<E extends NotificationName> = Parameters<ServerToClientEvents[E]>[0];

export const REQUEST_TIMEOUT_MS = 5_000;
export const NOTIFICATION_TIMEOUT_MS = 5_000;

/** The socket seen without Socket.IO's mapped event types, for generic and malformed emits. */
interface UntypedSocket {
  emit(event: string, ...args: unknown[]): unknown;
  timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> };
}

/** Thrown by `ok()` when the server refused the request. */
export class RequestRefused extends Error {
  override name = 'RequestRefused';
  constructor(
    readonly event: string,
    readonly code: ErrorCode,
    readonly serverMessage: string,
  ) {
    super(`${event} refused: ${code}: ${serverMessage}`);
  }
}

interface Waiter {
  resolve(payload: unknown): void;
}

export class TestClient {
  readonly socket: TestSocket;
  /** Every notification received, in order (never consumed). */
  readonly received: Array<{ event: NotificationName; payload: unknown }> = [];
  readonly #queues = new Map<string, unknown[]>();
  readonly #waiters = new Map<string, Waiter[]>();

  private constructor(socket: TestSocket) {
    this.socket = socket;
    socket.onAny((event: string, payload: unknown) => {
      this.received.push({ event: event as NotificationName, payload });
      const waiter = this.#waiters.get(event)?.shift();
      if (waiter) waiter.resolve(payload);
      else this.#queue(event).push(payload);
    });
  }

  /**
   * Connects over WebSocket only (as the browser client does; `transports: ['polling']` for
   * HTTP long-polling only) and waits for the handshake.
   * `auth` is the handshake payload (`{ token, meetingId }`); a refused handshake rejects with
   * the connect_error (see `handshakeRefusal`).
   */
  static async connect(
    url: string,
    opts: { auth?: Record<string, unknown>; transports?: Array<'websocket' | 'polling'> } = {},
  ): Promise<TestClient> {
    const socket: TestSocket = io(url, {
      transports: opts.transports ?? ['websocket'],
      forceNew: true,
      reconnection: false,
      ...(opts.auth ? { auth: opts.auth } : {}),
    });
    const client = new TestClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (err) => {
        socket.close();
        reject(err);
      });
    });
    return client;
  }

  get id(): string | undefined {
    return this.socket.id;
  }

  /** Sends a request and returns the ack exactly as the server sent it. */
  async request<E extends RequestName>(event: E, payload: RequestPayload<E>): Promise<Ack<ResultMap[E]>> {
    return (await this.raw(event, payload)) as Ack<ResultMap[E]>;
  }

  /** Sends a request and returns its data, or throws `RequestRefused` with the server's code. */
  async ok<E extends RequestName>(event: E, payload: RequestPayload<E>): Promise<ResultMap[E]> {
    const ack = await this.request(event, payload);
    if (!ack.ok) throw new RequestRefused(event, ack.error.code, ack.error.message);
    return ack.data;
  }

  /** Sends a request and returns the error code, failing if the server accepted it. */
  async refused<E extends RequestName>(event: E, payload: RequestPayload<E>): Promise<ErrorCode> {
    const ack = await this.request(event, payload);
    if (ack.ok) throw new Error(`${event} was expected to be refused but succeeded`);
    return ack.error.code;
  }

  /** Emits any event with any arguments plus an ack callback; resolves with whatever is acked. */
  raw(event: string, ...args: unknown[]): Promise<unknown> {
    return (this.socket as unknown as UntypedSocket).timeout(REQUEST_TIMEOUT_MS).emitWithAck(event, ...args);
  }

  /** Emits without an ack callback (the seed's `joinRoom`). */
  emitNoAck(event: string, ...args: unknown[]): void {
    (this.socket as unknown as UntypedSocket).emit(event, ...args);
  }

  /** The next not-yet-taken notification of this kind (already received or still to come). */
  next<E extends NotificationName>(event: E, timeoutMs = NOTIFICATION_TIMEOUT_MS): Promise<Notification<E>> {
    const queued = this.#queue(event);
    if (queued.length > 0) return Promise.resolve(queued.shift() as Notification<E>);
    return new Promise<Notification<E>>((resolve, reject) => {
      const waiter: Waiter = {
        resolve: (payload) => {
          clearTimeout(timer);
          resolve(payload as Notification<E>);
        },
      };
      const timer = setTimeout(() => {
        const list = this.#waiters.get(event) ?? [];
        list.splice(list.indexOf(waiter), 1);
        reject(new Error(`no "${event}" notification within ${timeoutMs} ms`));
      }, timeoutMs);
      const list = this.#waiters.get(event) ?? [];
      list.push(waiter);
      this.#waiters.set(event, list);
    });
  }

  /** Notifications of this kind received so far and not taken by `next`. */
  pending<E extends NotificationName>(event: E): Array<Notification<E>> {
    return [...this.#queue(event)] as Array<Notification<E>>;
  }

  /** All notifications of this kind ever received. */
  all<E extends NotificationName>(event: E): Array<Notification<E>> {
    return this.received.filter((r) => r.event === event).map((r) => r.payload as Notification<E>);
  }

  /** Resolves when the server (or the transport) closes this connection. */
  disconnected(timeoutMs = NOTIFICATION_TIMEOUT_MS): Promise<string> {
    if (this.socket.disconnected) return Promise.resolve('already disconnected');
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`still connected after ${timeoutMs} ms`)), timeoutMs);
      this.socket.once('disconnect', (reason) => {
        clearTimeout(timer);
        resolve(reason);
      });
    });
  }

  /** Cuts the underlying connection without a Socket.IO disconnect packet (like a crashed tab). */
  drop(): void {
    this.socket.io.engine.close();
  }

  close(): void {
    this.socket.close();
  }

  #queue(event: string): unknown[] {
    let q = this.#queues.get(event);
    if (!q) {
      q = [];
      this.#queues.set(event, q);
    }
    return q;
  }
}

/** Tuple of exactly N clients, so destructured names are typed as present. */
export type Clients<N extends number, Acc extends TestClient[] = []> = Acc['length'] extends N
  ? Acc
  : Clients<N, [...Acc, TestClient]>;

/** Connects `n` clients in parallel. */
export async function connectClients<N extends number>(url: string, n: N): Promise<Clients<N>> {
  const list = await Promise.all(Array.from({ length: n }, () => TestClient.connect(url)));
  return list as Clients<N>;
}

/**
 * Connects with this handshake auth expecting the server to refuse it; returns the refusal's
 * `err.data.code` (one of ErrorCode). Fails if the connection is accepted.
 */
export async function handshakeRefusal(url: string, auth: Record<string, unknown>): Promise<string> {
  let client: TestClient;
  try {
    client = await TestClient.connect(url, { auth });
  } catch (err) {
    const code = (err as { data?: { code?: unknown } }).data?.code;
    if (typeof code !== 'string') throw new Error(`connect_error without a code: ${String(err)}`);
    return code;
  }
  client.close();
  throw new Error('the handshake was expected to be refused but was accepted');
}
