/**
 * Typed request/response over Socket.IO acknowledgements: every client request in the protocol
 * is emitted with an ack callback that receives `Ack<T>`. `request()` turns that into a promise
 * that resolves with `T` or rejects with a `SignalingError` carrying the server's error code (or
 * a client-side code for timeouts and malformed acks).
 */
import type { Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  ErrorCode,
  RequestName,
  RequestPayload,
  ResultMap,
  ServerToClientEvents,
} from '@/lib/signaling/protocol';

export type SignalingSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Server error codes plus the ones the client raises itself. */
export type SignalingErrorCode = ErrorCode | 'TIMEOUT' | 'BAD_RESPONSE';

export class SignalingError extends Error {
  override readonly name = 'SignalingError';
  /** The server's message alone, written for people (no request name or code). */
  readonly detail: string;
  constructor(
    readonly code: SignalingErrorCode,
    message: string,
    readonly request?: RequestName,
  ) {
    super(request ? `${request}: ${code}: ${message}` : `${code}: ${message}`);
    this.detail = message;
  }
}

export function isSignalingError(err: unknown, code?: SignalingErrorCode): err is SignalingError {
  return err instanceof SignalingError && (code === undefined || err.code === code);
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/**
 * The ack-with-timeout emitter seen without Socket.IO's mapped event types, which TypeScript
 * cannot resolve for a generic event name. `request()`'s own signature keeps callers typed.
 */
interface AckEmitter {
  timeout(ms: number): {
    emit(event: string, payload: unknown, ack: (err: Error | null, res: unknown) => void): unknown;
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function request<E extends RequestName>(
  socket: SignalingSocket,
  event: E,
  payload: RequestPayload<E>,
  timeoutMs: number = DEFAULT_REQUEST_TIMEOUT_MS,
): Promise<ResultMap[E]> {
  return new Promise<ResultMap[E]>((resolve, reject) => {
    (socket as unknown as AckEmitter).timeout(timeoutMs).emit(event, payload, (err, res) => {
      if (err) {
        reject(new SignalingError('TIMEOUT', `no answer within ${timeoutMs} ms`, event));
        return;
      }
      if (!isRecord(res) || typeof res.ok !== 'boolean') {
        reject(new SignalingError('BAD_RESPONSE', 'malformed acknowledgement', event));
        return;
      }
      if (res.ok) {
        resolve(res.data as ResultMap[E]);
        return;
      }
      const error = isRecord(res.error) ? res.error : {};
      const code = typeof error.code === 'string' ? (error.code as ErrorCode) : 'BAD_RESPONSE';
      const message = typeof error.message === 'string' ? error.message : 'request failed';
      reject(new SignalingError(code, message, event));
    });
  });
}
