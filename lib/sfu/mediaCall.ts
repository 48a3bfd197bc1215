import { ErrorCode, ProtocolError } from '@/lib/protocol';

/** Wraps a mediasoup call whose failure means the caller's parameters were refused. */
export async function mediaCall<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ProtocolError) throw err;
    const detail = err instanceof Error ? err.message : String(err);
    throw new ProtocolError(ErrorCode.MEDIA_REJECTED, `${what} failed: ${detail}`);
  }
}
