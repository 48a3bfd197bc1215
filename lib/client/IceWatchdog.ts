/**
 * Watches one WebRTC transport's connection state and repairs it without leaving the meeting:
 * `disconnected` for longer than a short grace (a network change, NAT rebinding) or `failed`
 * asks the server for new ICE parameters and restarts ICE on the transport; if that fails, or the
 * transport still is not connected a while after the restart, the transport is recreated (and
 * its producers or consumers with it). Repairs need signaling: while it is down the watchdog only
 * remembers that a repair is due, and `check()` (called once signaling is back) starts it.
 */
import type { types as ms } from 'mediasoup-client';

export interface IceWatchdogHost {
  /** Whether requests can reach the server now (signaling up, session re-synced). */
  canRepair(): boolean;
  /** Asks the server for new ICE parameters and applies them to the transport. */
  restartIce(): Promise<void>;
  /** Replaces the transport (re-producing / re-consuming); the watchdog is closed by then. */
  recreate(): Promise<void>;
  /** Reports a repair that did not work (it is retried on the next state change or check). */
  failed(err: unknown): void;
}

export interface IceWatchdogOptions {
  /** How long `disconnected` may last before an ICE restart (ms). */
  disconnectedGraceMs?: number;
  /** How long after an ICE restart the transport must be connected again (ms). */
  restartTimeoutMs?: number;
  /** How long `connecting` may last before it counts as failed (ms). */
  connectingTimeoutMs?: number;
}

export const DISCONNECTED_GRACE_MS = 2_000;
export const RESTART_TIMEOUT_MS = 10_000;
/**
 * How long a transport may stay `connecting` before it counts as failed. A transport recreated
 * while the network is still down keeps checking long after the network is back (the browser
 * only gives up on its own after about 30 s), so it gets the same repair as a failed one.
 */
export const CONNECTING_TIMEOUT_MS = 8_000;

export type RepairAction = 'none' | 'wait' | 'restart-ice' | 'recreate';

/**
 * What to do for a transport in `state`: nothing while it works, wait out a short
 * `disconnected`, restart ICE first, recreate the transport once a restart did not help.
 */
export function repairAction(
  state: ms.ConnectionState,
  disconnectedForMs: number,
  restartsSinceConnected: number,
  graceMs = DISCONNECTED_GRACE_MS,
): RepairAction {
  if (state === 'failed' || (state === 'disconnected' && disconnectedForMs >= graceMs)) {
    return restartsSinceConnected === 0 ? 'restart-ice' : 'recreate';
  }
  return state === 'disconnected' ? 'wait' : 'none';
}

export class IceWatchdog {
  readonly #host: IceWatchdogHost;
  readonly #graceMs: number;
  readonly #restartTimeoutMs: number;
  readonly #connectingTimeoutMs: number;
  #state: ms.ConnectionState = 'new';
  #disconnectedSince = 0;
  #restarts = 0;
  #busy = false;
  #closed = false;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(host: IceWatchdogHost, options: IceWatchdogOptions = {}) {
    this.#host = host;
    this.#graceMs = options.disconnectedGraceMs ?? DISCONNECTED_GRACE_MS;
    this.#restartTimeoutMs = options.restartTimeoutMs ?? RESTART_TIMEOUT_MS;
    this.#connectingTimeoutMs = options.connectingTimeoutMs ?? CONNECTING_TIMEOUT_MS;
  }

  /** Feeds a `connectionstatechange` of the transport. */
  update(state: ms.ConnectionState): void {
    if (this.#closed) return;
    const was = this.#state;
    this.#state = state;
    if (state === 'connected') {
      this.#restarts = 0;
      this.#clearTimer();
      return;
    }
    if (state === 'disconnected' && was !== 'disconnected') this.#disconnectedSince = Date.now();
    if (state === 'connecting' && was !== 'connecting' && this.#timer === null) {
      // Stuck checking (e.g. recreated while the network was still down): repair it like a failure.
      this.#arm(this.#connectingTimeoutMs, true);
      return;
    }
    this.check();
  }

  /** Re-evaluates now (e.g. signaling just came back); starts a repair if one is due. */
  check(): void {
    if (this.#closed || this.#busy) return;
    const action = repairAction(
      this.#state,
      Date.now() - this.#disconnectedSince,
      this.#restarts,
      this.#graceMs,
    );
    if (action === 'none') return;
    if (action === 'wait') {
      const left = this.#graceMs - (Date.now() - this.#disconnectedSince);
      this.#arm(Math.max(left, 0));
      return;
    }
    if (!this.#host.canRepair()) return; // check() runs again once signaling is back
    this.#clearTimer();
    void this.#repair(action);
  }

  /** Stops watching. Idempotent. */
  close(): void {
    this.#closed = true;
    this.#clearTimer();
  }

  async #repair(action: 'restart-ice' | 'recreate'): Promise<void> {
    this.#busy = true;
    try {
      if (action === 'restart-ice') {
        this.#restarts += 1;
        try {
          await this.#host.restartIce();
        } catch (err) {
          if (this.#closed) return;
          this.#host.failed(err);
          await this.#host.recreate();
          return;
        }
        // Not connected again within the timeout: the next check recreates the transport.
        if (!this.#closed && this.#state !== 'connected') this.#arm(this.#restartTimeoutMs, true);
      } else {
        await this.#host.recreate();
      }
    } catch (err) {
      if (!this.#closed) this.#host.failed(err);
    } finally {
      this.#busy = false;
    }
  }

  #arm(ms: number, afterRestart = false): void {
    this.#clearTimer();
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (this.#closed || this.#state === 'connected') return;
      if (afterRestart && this.#state !== 'failed' && this.#state !== 'disconnected') {
        // Still checking/connecting after the restart: treat as failed.
        this.#state = 'failed';
      }
      if (afterRestart && this.#state === 'disconnected') this.#disconnectedSince = 0;
      this.check();
    }, ms);
  }

  #clearTimer(): void {
    if (this.#timer === null) return;
    clearTimeout(this.#timer);
    this.#timer = null;
  }
}
