/**
 * Typed request/response over Socket.IO acknowledgements: every client request in the protocol
 * is emitted with an ack callback that receives `Ack<T>`. `request()` turns that into a promise
 * that resolves with `T` or rejects with a `ProtocolError` carrying the server's error code (or
 * a client-side code for timeouts and malformed acks).
 */
import type { Socket } from 'socket.io-client';
import {
  ProtocolError,
  type ClientToServerEvents,
  type ErrorCode,
  type RequestName,
  type RequestPayload,
  type ResultMap,
  type ServerToClientEvents,
} from '@/lib/protocol';

export type SignalingSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export { ProtocolError, isProtocolError, type ProtocolErrorCode } from '@/lib/protocol';

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
        // Socket.IO fails the acks still owed when the connection drops: the server may or may
        // not have done it, so say so rather than calling it a timeout.
        if (!socket.connected) {
          reject(
            new ProtocolError(
              'DISCONNECTED',
              'the connection to the server dropped before it answered; try again once reconnected',
              event,
            ),
          );
        } else reject(new ProtocolError('TIMEOUT', `no answer within ${timeoutMs} ms`, event));
        return;
      }
      if (!isRecord(res) || typeof res.ok !== 'boolean') {
        reject(new ProtocolError('BAD_RESPONSE', 'malformed acknowledgement', event));
        return;
      }
      if (res.ok) {
        resolve(res.data as ResultMap[E]);
        return;
      }
      const error = isRecord(res.error) ? res.error : {};
      const code = typeof error.code === 'string' ? (error.code as ErrorCode) : 'BAD_RESPONSE';
      const message = typeof error.message === 'string' ? error.message : 'request failed';
      reject(new ProtocolError(code, message, event));
    });
  });
}
