/**
 * When to ask for fresh TURN credentials: at the time the server named (`refreshAt`), and again
 * after a while when asking failed. One timer per room session; `close` stops it.
 */
import type { IceServersInfo } from '@/lib/protocol';

/** Fresh TURN credentials are asked for again after this long when a refresh failed. */
const ICE_REFRESH_RETRY_MS = 30_000;

export interface IceRefreshHost {
  fetch(): Promise<IceServersInfo>;
  apply(info: IceServersInfo): void;
  failed(err: unknown): void;
}

export class IceRefreshTimer {
  readonly #host: IceRefreshHost;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #closed = false;

  constructor(host: IceRefreshHost) {
    this.#host = host;
  }

  /** Asks in `inMs` (null: never), replacing any earlier schedule. */
  schedule(inMs: number | null): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (inMs === null || this.#closed) return;
    this.#timer = setTimeout(
      () => {
        this.#timer = null;
        this.#host.fetch().then(
          (info) => this.#host.apply(info),
          (err: unknown) => {
            if (this.#closed) return;
            this.#host.failed(err);
            this.schedule(ICE_REFRESH_RETRY_MS);
          },
        );
      },
      Math.max(inMs, 0),
    );
  }

  close(): void {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
