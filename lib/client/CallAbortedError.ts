/** Thrown by an in-flight `join()`/`rejoin()` when `leave()` or a room closure ends it first. */
export class CallAbortedError extends Error {
  override readonly name = 'CallAbortedError';
  constructor(message = 'the call session ended before the operation completed') {
    super(message);
  }
}
