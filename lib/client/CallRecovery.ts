/**
 * Keeps a call going through signaling drops and server restarts, without the user doing
 * anything:
 * - the socket drops while joined with a resume token: the room session (transports, producers,
 *   consumers) is kept and media keeps flowing; requests wait; the socket reconnects with the
 *   token and the server answers `sessionResumed` (re-sync from its snapshot) or `resumeRejected`;
 * - the session is lost (resume rejected, no token, the room closed, the server restarted): the
 *   meeting is joined again from scratch with the same name, devices and mute states, retried on
 *   the reconnect schedule for as long as it fails for a reason retrying can fix;
 * - refusals that retrying cannot fix end the call with their message.
 * Every step is reported as a RecoveryStatus, so the UI can say what is happening.
 */
import type { ResumeInfo, ResumeSnapshot } from '@/lib/protocol';
import { CallAbortedError } from './CallAbortedError';
import type { CallEnd, CallState, RecoveryPhase, RecoveryStatus, RoomClosedReason } from './callTypes';
import { reconnectDelayMs } from './reconnectBackoff';
import { ProtocolError } from './request';
import { isFinalRefusal } from './joining';
import type { RoomSession } from './RoomSession';
import type { SignalingConnection } from './SignalingConnection';

export interface RecoveryHost {
  readonly signaling: SignalingConnection;
  state(): CallState;
  /** The call ended for good or was left: nothing is recovered any more. */
  over(): boolean;
  session(): RoomSession | null;
  /** Joins the meeting from scratch (the previous session is torn down first). */
  startSession(): Promise<void>;
  teardownSession(): void;
  setState(state: CallState): void;
  /** Re-syncs the kept session from the server's snapshot. */
  applySnapshot(snapshot: ResumeSnapshot): Promise<void>;
  finish(end: CallEnd): void;
  status(status: RecoveryStatus): void;
  warnFrom(err: unknown, context: string): void;
}

/** How long a reconnected socket waits for `sessionResumed`/`resumeRejected` before re-joining. */
export const RESUME_ANSWER_TIMEOUT_MS = 5_000;
/** A restart announcement is forgotten if the server is still there this long after `afterMs`. */
const RESTART_ANNOUNCEMENT_SLACK_MS = 60_000;
/**
 * After a shutdown closed the room, a re-join over the same (dying) connection waits this long
 * unless `serverRestarting` named its own delay; a new connection re-joins at once.
 */
const SHUTDOWN_REJOIN_WAIT_MS = 2_000;

export class CallRecovery {
  readonly #host: RecoveryHost;
  readonly #offs: Array<() => void> = [];
  #phase: RecoveryPhase = 'none';
  #serverRestart = false;
  #failures = 0;
  #rejoinRunning = false;
  #rejoinTimer: ReturnType<typeof setTimeout> | null = null;
  #answerTimer: ReturnType<typeof setTimeout> | null = null;
  #restartTimer: ReturnType<typeof setTimeout> | null = null;
  /** When the announced restart should be over (epoch ms), from `serverRestarting`. */
  #restartAt: number | null = null;

  constructor(host: RecoveryHost) {
    this.#host = host;
    const s = host.signaling;
    this.#offs.push(
      s.on('lost', () => this.#onLost()),
      s.on('retry', ({ attempt }) => {
        if (attempt > 1) this.#failed();
      }),
      s.on('connected', ({ reconnected }) => {
        if (reconnected) this.#onConnected();
      }),
      s.on('refused', (err) => host.finish({ reason: 'refused', message: err.message, code: err.code })),
      s.onNotification('sessionResumed', (snapshot) => void this.#onResumed(snapshot)),
      s.onNotification('resumeRejected', () => this.#onResumeRejected()),
      s.onNotification('serverRestarting', ({ afterMs }) => this.#onServerRestarting(afterMs)),
    );
  }

  get status(): RecoveryStatus {
    return { phase: this.#phase, serverRestart: this.#serverRestart, failures: this.#failures };
  }

  /** A join (first or again) succeeded: keep its resume token, the recovery is over. */
  joined(info: Partial<ResumeInfo>): void {
    this.#host.signaling.setResumeToken(info.resumeToken ?? null);
    this.#clearTimers();
    this.#setPhase('none');
  }

  /** The server closed the room under us (the session is already torn down): join it again. */
  roomClosed(reason: RoomClosedReason): void {
    this.#host.signaling.setResumeToken(null);
    let delayMs = reconnectDelayMs(1);
    if (reason === 'server-shutdown') {
      // Joining the server that is going away would only be cut again: come back after it.
      this.#serverRestart = true;
      delayMs =
        this.#restartAt === null ? SHUTDOWN_REJOIN_WAIT_MS : Math.max(this.#restartAt - Date.now(), 0);
    }
    this.#setPhase('rejoining');
    this.#scheduleRejoin(delayMs);
  }

  /** The user asked to retry now ("Rejoin now"). */
  retryNow(): void {
    if (this.#host.over() || this.#phase === 'none' || this.#phase === 'server-restarting') return;
    if (!this.#host.signaling.connected) {
      this.#host.signaling.retryNow();
      return;
    }
    if (this.#phase === 'rejoining') void this.#rejoin();
  }

  /** Stops every timer and listener. Idempotent. */
  close(): void {
    this.#clearTimers();
    if (this.#restartTimer) clearTimeout(this.#restartTimer);
    this.#restartTimer = null;
    for (const off of this.#offs.splice(0)) off();
  }

  #onLost(): void {
    if (this.#host.over()) return;
    const state = this.#host.state();
    const session = this.#host.session();
    if (this.#phase === 'resuming') return; // dropped again before the answer: keep trying
    if (state === 'joined' && session && this.#host.signaling.hasResumeToken) {
      // Keep the session: media flows peer-to-server without signaling. Requests wait.
      this.#host.signaling.holdRequests();
      this.#setPhase('resuming');
      return;
    }
    if (state === 'idle' || state === 'connecting' || state === 'failed') return; // open() reports it
    this.#host.teardownSession();
    this.#host.setState('reconnecting');
    this.#clearRejoinTimer();
    this.#setPhase('rejoining');
  }

  #onConnected(): void {
    if (this.#host.over()) return;
    if (this.#phase === 'resuming') {
      if (this.#answerTimer) clearTimeout(this.#answerTimer);
      this.#answerTimer = setTimeout(() => {
        this.#answerTimer = null;
        this.#onResumeRejected();
      }, RESUME_ANSWER_TIMEOUT_MS);
      return;
    }
    if (this.#phase === 'rejoining') void this.#rejoin();
  }

  async #onResumed(snapshot: ResumeSnapshot): Promise<void> {
    const session = this.#host.session();
    if (this.#phase !== 'resuming' || !session || session.peerId !== snapshot.peerId) return;
    this.#clearTimers();
    this.#host.signaling.setResumeToken(snapshot.resumeToken);
    this.#host.signaling.releaseRequests();
    this.#serverRestart = false;
    this.#setPhase('none');
    try {
      await this.#host.applySnapshot(snapshot);
    } catch (err) {
      if (!(err instanceof CallAbortedError))
        this.#host.warnFrom(err, 'could not re-sync after reconnecting');
    }
    // Transports that failed while signaling was away can be repaired now.
    session.checkTransports();
  }

  #onResumeRejected(): void {
    if (this.#phase !== 'resuming' || this.#host.over()) return;
    this.#clearTimers();
    this.#host.signaling.setResumeToken(null);
    this.#host.signaling.failRequests(
      new ProtocolError(
        'DISCONNECTED',
        'the connection to the meeting was lost, so it was not sent; try again once you are back in',
      ),
    );
    this.#host.teardownSession();
    this.#host.setState('reconnecting');
    this.#setPhase('rejoining');
    void this.#rejoin();
  }

  #onServerRestarting(afterMs: number): void {
    if (this.#host.over()) return;
    this.#serverRestart = true;
    this.#restartAt = Date.now() + Math.max(afterMs, 0);
    if (this.#phase === 'none') this.#setPhase('server-restarting');
    else this.#emit();
    if (this.#restartTimer) clearTimeout(this.#restartTimer);
    // Never keep promising a restart that did not come.
    this.#restartTimer = setTimeout(
      () => {
        this.#restartTimer = null;
        if (this.#phase !== 'server-restarting') return;
        this.#serverRestart = false;
        this.#setPhase('none');
      },
      Math.max(afterMs, 0) + RESTART_ANNOUNCEMENT_SLACK_MS,
    );
  }

  /** One attempt to join again; a failure retrying can fix schedules the next one. */
  async #rejoin(): Promise<void> {
    this.#clearRejoinTimer();
    if (this.#rejoinRunning || this.#host.over() || !this.#host.signaling.connected) return;
    this.#rejoinRunning = true;
    try {
      await this.#host.startSession(); // calls joined() on success
    } catch (err) {
      if (this.#host.over() || err instanceof CallAbortedError || isFinalRefusal(err)) return;
      // Draining server, timeout, room closing…: try again on the schedule.
      this.#host.teardownSession();
      this.#host.setState('reconnecting');
      this.#failed();
      this.#scheduleRejoin(reconnectDelayMs(this.#failures + 1));
    } finally {
      this.#rejoinRunning = false;
    }
  }

  #scheduleRejoin(delayMs: number): void {
    this.#clearRejoinTimer();
    this.#rejoinTimer = setTimeout(() => {
      this.#rejoinTimer = null;
      void this.#rejoin();
    }, delayMs);
  }

  #failed(): void {
    if (this.#phase !== 'resuming' && this.#phase !== 'rejoining') return;
    this.#failures += 1;
    this.#emit();
  }

  #setPhase(phase: RecoveryPhase): void {
    if (phase === 'none') {
      this.#failures = 0;
      this.#serverRestart = false;
      this.#restartAt = null;
      if (this.#phase === 'none') return;
    }
    this.#phase = phase;
    this.#emit();
  }

  #emit(): void {
    this.#host.status(this.status);
  }

  #clearRejoinTimer(): void {
    if (this.#rejoinTimer) clearTimeout(this.#rejoinTimer);
    this.#rejoinTimer = null;
  }

  #clearTimers(): void {
    this.#clearRejoinTimer();
    if (this.#answerTimer) clearTimeout(this.#answerTimer);
    this.#answerTimer = null;
  }
}
