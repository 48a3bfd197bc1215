/**
 * Dynacast policy: which spatial layers of a video producer anyone still watches, and when to
 * tell its sender. Pure aggregation plus a small per-producer debouncer; no mediasoup here.
 */

/** What one consumer of a producer asks for. */
export interface ConsumerDemand {
  /** Paused consumers (hidden tile, last-N, seed client not resumed yet) want nothing. */
  paused: boolean;
  /** The layer the viewer asked for; undefined: it never asked (seed clients, recorder) = top. */
  preferredSpatialLayer: number | undefined;
}

/** The highest spatial layer any resumed consumer wants, -1 when none wants any. */
export function wantedSpatialLayer(consumers: Iterable<ConsumerDemand>, topLayer: number): number {
  let wanted = -1;
  for (const c of consumers) {
    if (c.paused) continue;
    wanted = Math.max(wanted, Math.min(c.preferredSpatialLayer ?? topLayer, topLayer));
    if (wanted === topLayer) break;
  }
  return wanted;
}

export interface DemandTiming {
  /** Delay before telling a sender to turn layers on (coalesces a burst of changes). */
  raiseMs: number;
  /** How long a lower demand must hold before the sender turns layers off (avoids flapping). */
  lowerMs: number;
  /**
   * For this long after a sender starts, no layer is turned off: its bandwidth estimate ramps up
   * while every layer flows, so a layer asked for later (a pin) has the room it needs at once.
   */
  warmupMs?: number;
}

export const DEFAULT_DEMAND_TIMING: DemandTiming = { raiseMs: 50, lowerMs: 2_000, warmupMs: 4_000 };

/**
 * Per producer: the value its sender was last told, and at most one pending change. A raise goes
 * out quickly (a viewer is waiting for a sharper picture); a drop only once it has held for
 * `lowerMs` (a tile that shrinks for a moment should not cost the sender a key frame).
 * Hand-written: the rule (fast up, slow down, per key, cancellable) is a dozen lines and no
 * debounce library has both delays.
 */
export class DemandDebouncer {
  readonly #timing: DemandTiming;
  readonly #send: (producerId: string, layer: number) => void;
  readonly #told = new Map<string, number>();
  readonly #startedAt = new Map<string, number>();
  readonly #pending = new Map<string, { layer: number; timer: NodeJS.Timeout }>();

  constructor(
    send: (producerId: string, layer: number) => void,
    timing: DemandTiming = DEFAULT_DEMAND_TIMING,
  ) {
    this.#send = send;
    this.#timing = timing;
  }

  /** The sender starts with every layer on (`initial`). */
  track(producerId: string, initial: number): void {
    this.#told.set(producerId, initial);
    this.#startedAt.set(producerId, Date.now());
  }

  update(producerId: string, layer: number): void {
    const told = this.#told.get(producerId);
    if (told === undefined) return;
    const pending = this.#pending.get(producerId);
    if (pending?.layer === layer) return;
    if (pending) clearTimeout(pending.timer);
    this.#pending.delete(producerId);
    if (layer === told) return;
    const warmupLeft = (this.#startedAt.get(producerId) ?? 0) + (this.#timing.warmupMs ?? 0) - Date.now();
    const delay = layer > told ? this.#timing.raiseMs : Math.max(this.#timing.lowerMs, warmupLeft);
    const timer = setTimeout(() => {
      this.#pending.delete(producerId);
      if (!this.#told.has(producerId)) return;
      this.#told.set(producerId, layer);
      this.#send(producerId, layer);
    }, delay);
    timer.unref?.();
    this.#pending.set(producerId, { layer, timer });
  }

  forget(producerId: string): void {
    const pending = this.#pending.get(producerId);
    if (pending) clearTimeout(pending.timer);
    this.#pending.delete(producerId);
    this.#told.delete(producerId);
    this.#startedAt.delete(producerId);
  }

  close(): void {
    for (const producerId of [...this.#told.keys()]) this.forget(producerId);
  }
}
