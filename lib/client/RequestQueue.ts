/**
 * Requests asked for while the signaling socket is down (or while a resumed session is not yet
 * re-synced): kept in order and sent once the connection is usable again, or failed with a clear
 * error when it does not come back in time or the session is lost. Nothing is dropped silently.
 */
import { ProtocolError } from './request';

interface Queued {
  send: () => void;
  fail: (err: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export const QUEUED_REQUEST_TIMEOUT_MS = 30_000;

export class RequestQueue {
  readonly #timeoutMs: number;
  readonly #entries = new Set<Queued>();

  constructor(timeoutMs = QUEUED_REQUEST_TIMEOUT_MS) {
    this.#timeoutMs = timeoutMs;
  }

  get size(): number {
    return this.#entries.size;
  }

  /**
   * Queues one request: `send` runs when the queue is flushed; `fail` when it is failed or when
   * the connection is not back within the timeout.
   */
  add(event: string, send: () => void, fail: (err: Error) => void): void {
    const entry: Queued = {
      send,
      fail,
      timer: setTimeout(() => {
        this.#entries.delete(entry);
        fail(
          new ProtocolError(
            'DISCONNECTED',
            `not connected to the server for ${Math.round(this.#timeoutMs / 1000)} s, so it was not sent; check your connection and try again`,
            event,
          ),
        );
      }, this.#timeoutMs),
    };
    this.#entries.add(entry);
  }

  /** Sends everything queued, oldest first. */
  flush(): void {
    const entries = [...this.#entries];
    this.#entries.clear();
    for (const e of entries) {
      clearTimeout(e.timer);
      e.send();
    }
  }

  /** Fails everything queued with `err`. */
  fail(err: Error): void {
    const entries = [...this.#entries];
    this.#entries.clear();
    for (const e of entries) {
      clearTimeout(e.timer);
      e.fail(err);
    }
  }
}
