/**
 * The browser's side of the connection test's signaling: one Socket.IO socket on the
 * `/diagnostics` namespace (no reconnection: a dropped test is run again), typed requests over
 * acknowledgements with a timeout.
 */
import { io, type Socket } from 'socket.io-client';
import {
  DIAGNOSTICS_EXPIRED_EVENT,
  DIAGNOSTICS_NAMESPACE,
  type DiagnosticsAck,
  type DiagnosticsPayload,
  type DiagnosticsRequestName,
  type DiagnosticsResults,
} from '@/lib/signaling/diagnostics/protocol';

const REQUEST_TIMEOUT_MS = 8_000;

export class DiagnosticsRequestError extends Error {
  override readonly name = 'DiagnosticsRequestError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class DiagnosticsConnection {
  readonly #socket: Socket;
  #closed = false;

  private constructor(socket: Socket) {
    this.#socket = socket;
  }

  /** Connects to the server at `url` (same origin when omitted) within `timeoutMs`. */
  static open(url: string | undefined, timeoutMs = 10_000): Promise<DiagnosticsConnection> {
    const target = `${url ?? ''}${DIAGNOSTICS_NAMESPACE}`;
    const socket = io(target, { reconnection: false, timeout: timeoutMs, forceNew: true });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
      const fail = (err: Error) => {
        clearTimeout(timer);
        socket.disconnect();
        reject(err);
      };
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve(new DiagnosticsConnection(socket));
      });
      socket.once('connect_error', (err) => fail(err));
    });
  }

  /** Called if the server ends the test (its time limit) or the connection drops. */
  onLost(listener: (reason: string) => void): void {
    this.#socket.once(DIAGNOSTICS_EXPIRED_EVENT, () => listener('the test reached its time limit'));
    this.#socket.once('disconnect', (reason) => {
      if (!this.#closed) listener(`the connection to the server dropped (${reason})`);
    });
  }

  async request<E extends DiagnosticsRequestName>(
    event: E,
    payload: DiagnosticsPayload<E> | Record<string, never> = {},
  ): Promise<DiagnosticsResults[E]> {
    let res: DiagnosticsAck<E>;
    try {
      res = (await this.#socket.timeout(REQUEST_TIMEOUT_MS).emitWithAck(event, payload)) as DiagnosticsAck<E>;
    } catch {
      throw new DiagnosticsRequestError('TIMEOUT', `${event}: no answer from the server within 8 s`);
    }
    if (!res.ok) throw new DiagnosticsRequestError(res.error.code, res.error.message);
    return res.data;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#socket.disconnect();
  }
}
