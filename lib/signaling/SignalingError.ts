import { ErrorCode, type WireError } from './protocol';

/** An error with a stable wire code; its message is safe to show to the caller. */
export class SignalingError extends Error {
  override name = 'SignalingError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }

  toWire(): WireError {
    return { code: this.code, message: this.message };
  }
}

/** Wraps a mediasoup call whose failure means the caller's parameters were refused. */
export async function mediaCall<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof SignalingError) throw err;
    const detail = err instanceof Error ? err.message : String(err);
    throw new SignalingError(ErrorCode.MEDIA_REJECTED, `${what} failed: ${detail}`);
  }
}
