/**
 * Sends fuzz messages one at a time through a FuzzWorld and checks, for each, the properties of
 * a sound server: no uncaught exception or unhandled rejection in the process, an ack of the
 * right shape to every message that asked for one, and no new database row for a refused
 * request. Counts results per event, per result code, per mutation and per stance; at the end
 * checks that /stats and the media workers are back to idle and nothing polluted Object.prototype.
 */
import { IDLE_ACTIVITY, waitForIdle, type Activity } from '@/tests/support/standaloneServer';
import { idleLeftovers, workerLeftovers } from '@/tests/support/mediaDump';
import { judgeAck, preview } from './ackShape';
import { countRows, rowsAdded, type RowCounts, type TableName } from './dbRows';
import type { TestClient } from '@/tests/support/testClient';
import type { FuzzWorld } from './FuzzWorld';
import type { FuzzMessage } from './messages';

/** The local server answers in milliseconds; a request unanswered this long got no answer. */
const ACK_TIMEOUT_MS = 2_000;
/**
 * Requests that answer only once slow work is done: startRecording starts ffmpeg and answers when
 * its first frames are written (so nobody sees "Recording" before it records), seconds on a busy
 * machine.
 */
const OVERSIZED_CLOSE_TIMEOUT_MS = 10_000;
const SLOW_ACK_TIMEOUT_MS = new Map<unknown, number>([['startRecording', 20_000]]);
const EXAMPLES_KEPT = 5;

export const PROPERTIES = [
  'no-uncaught-exception',
  'ack-well-formed',
  'refused-adds-no-rows',
  'server-healthy',
  'stats-back-to-idle',
  'workers-back-to-idle',
  'no-prototype-pollution',
] as const;
export type Property = (typeof PROPERTIES)[number];

export interface FuzzReport {
  messages: number;
  episodes: number;
  durationMs: number;
  byEvent: Record<string, Record<string, number>>;
  byResult: Record<string, number>;
  byMutation: Record<string, number>;
  byStance: Record<string, Record<string, number>>;
  /** Rows added by accepted requests, per event and table (what success may legitimately add). */
  rowsAddedByAccepted: Record<string, Partial<Record<TableName, number>>>;
  uncaught: { exceptions: number; rejections: number };
  violations: Partial<Record<Property, { count: number; examples: string[] }>>;
  end?: { stats: Activity; workersIdle: boolean };
}

interface UntypedSocket {
  emit(event: unknown, ...args: unknown[]): unknown;
  timeout(ms: number): { emitWithAck(event: unknown, ...args: unknown[]): Promise<unknown> };
}

/** How a message's event name shows in the counts. */
export function eventLabel(event: unknown): string {
  if (typeof event === 'string') return event;
  if (event === null) return '(null name)';
  if (Array.isArray(event)) return '(array name)';
  return `(${typeof event} name)`;
}

/** Socket.IO's parser drops the connection for event names that are neither strings nor numbers. */
function parserRejects(event: unknown): boolean {
  return typeof event !== 'string' && typeof event !== 'number';
}

/** A map keyed by arbitrary (fuzzed) names: no prototype, so "__proto__" is just a key. */
function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

function bump(map: Record<string, number>, key: string, by = 1): void {
  map[key] = (map[key] ?? 0) + by;
}

export class FuzzRunner {
  readonly #world: FuzzWorld;
  readonly #report: FuzzReport;
  readonly #started = Date.now();
  readonly #protoKeys = Object.getOwnPropertyNames(Object.prototype).sort().join(',');
  #rows: RowCounts | null = null;
  #crashWaiters: Array<() => void> = [];
  readonly #onException = (err: unknown) => this.#uncaught('exceptions', err);
  readonly #onRejection = (err: unknown) => this.#uncaught('rejections', err);

  constructor(world: FuzzWorld) {
    this.#world = world;
    this.#report = {
      messages: 0,
      episodes: 0,
      durationMs: 0,
      byEvent: dict(),
      byResult: dict(),
      byMutation: dict(),
      byStance: dict(),
      rowsAddedByAccepted: dict(),
      uncaught: { exceptions: 0, rejections: 0 },
      violations: {},
    };
    process.on('uncaughtException', this.#onException);
    process.on('unhandledRejection', this.#onRejection);
  }

  get report(): FuzzReport {
    return { ...this.#report, durationMs: Date.now() - this.#started };
  }

  #uncaught(kind: 'exceptions' | 'rejections', err: unknown): void {
    this.#report.uncaught[kind]++;
    const text = err instanceof Error ? `${err.name}: ${err.message}` : preview(err);
    this.#violate('no-uncaught-exception', `${kind.slice(0, -1)}: ${text}`);
    for (const wake of this.#crashWaiters.splice(0)) wake();
  }

  #violate(property: Property, example: string): void {
    const v = (this.#report.violations[property] ??= { count: 0, examples: [] });
    v.count++;
    if (v.examples.length < EXAMPLES_KEPT) v.examples.push(example);
  }

  /**
   * Runs one episode: fresh stance sockets, the messages, then a health check. A socket that the
   * server closed (removed, meeting ended, oversized message) or that stopped answering starts a
   * fresh set of sockets, so every message is sent from the stance it was made for.
   */
  async episode(messages: FuzzMessage[]): Promise<void> {
    await this.#freshSockets();
    for (const m of messages) await this.send(m);
    this.#world.closeEpisode();
    const health = await fetch(`${this.#world.srv.url}/health`).catch(() => null);
    if (health?.status !== 200)
      this.#violate('server-healthy', `/health answered ${health?.status ?? 'nothing'}`);
  }

  async #freshSockets(): Promise<void> {
    await this.#world.startEpisode();
    this.#report.episodes++;
    this.#rows = await countRows(this.#world.srv.database.db);
  }

  async send(m: FuzzMessage): Promise<void> {
    if (this.#world.client(m.stance).socket.disconnected) await this.#freshSockets();
    const client = this.#world.client(m.stance);
    const label = eventLabel(m.event);
    let result: string;
    let verdictOk: boolean | null = null;
    const describe = () =>
      `${m.stance} ${label} [${m.mutation}] ${m.hasPayload ? preview(m.payload) : '(no payload)'}`;
    const payload = this.#world.resolve(m.stance, m.payload);
    const args = m.hasPayload ? [payload] : [];
    const socket = client.socket as unknown as UntypedSocket;
    if (!m.withAck) {
      socket.emit(m.event, ...args);
      result = 'sent-without-ack';
    } else {
      // An oversized message is refused by the transport (the connection is closed, no ack can
      // come): allow time to see the close, which can lag behind the refusal.
      const timeoutMs = m.oversized
        ? OVERSIZED_CLOSE_TIMEOUT_MS
        : (SLOW_ACK_TIMEOUT_MS.get(m.event) ?? ACK_TIMEOUT_MS);
      const answer = await this.#await(
        socket.timeout(timeoutMs).emitWithAck(m.event, ...args),
        client,
        timeoutMs,
      );
      if (answer.kind === 'ack') {
        const verdict = judgeAck(m.event, answer.ack);
        if (verdict.valid) {
          result = verdict.ok ? 'ok' : verdict.code;
          verdictOk = verdict.ok;
        } else {
          result = 'malformed-ack';
          this.#violate('ack-well-formed', `${describe()} → ${verdict.why}`);
        }
      } else if (answer.kind === 'closed' && (m.oversized || parserRejects(m.event))) {
        result = m.oversized ? 'closed:message-too-big' : 'closed:invalid-packet';
      } else {
        result = `no-ack:${answer.kind}`;
        this.#violate('ack-well-formed', `${describe()} → no ack (${answer.kind})`);
        // The connection may be wedged after this: the next message gets fresh sockets.
        client.close();
      }
    }
    // Everything this message caused has happened once a later request of the same socket is
    // answered (requests of a socket are handled in order).
    if (!client.socket.disconnected) {
      await client.raw('getProducers', { callId: 'fuzz-round-trip' }).catch(() => undefined);
    }
    await this.#attributeRows(label, verdictOk, describe);
    this.#report.messages++;
    bump((this.#report.byEvent[label] ??= dict()), result);
    bump(this.#report.byResult, result);
    bump(this.#report.byMutation, m.mutation);
    bump((this.#report.byStance[m.stance] ??= dict()), result);
  }

  async #await(
    ack: Promise<unknown>,
    client: TestClient,
    timeoutMs: number,
  ): Promise<{ kind: 'ack'; ack: unknown } | { kind: 'timeout' | 'closed' | 'crash' }> {
    const crash = new Promise<{ kind: 'crash' }>((resolve) =>
      this.#crashWaiters.push(() => resolve({ kind: 'crash' })),
    );
    const closed = client
      .disconnected(timeoutMs + 500)
      .then(() => ({ kind: 'closed' as const }))
      .catch(() => new Promise<never>(() => undefined));
    // Socket.IO rejects a pending ack at once when the connection closes, else after the timeout.
    const answered = ack.then(
      (a) => ({ kind: 'ack' as const, ack: a }),
      () => ({ kind: client.socket.disconnected ? ('closed' as const) : ('timeout' as const) }),
    );
    const outcome = await Promise.race([answered, closed, crash]);
    this.#crashWaiters = [];
    return outcome;
  }

  async #attributeRows(label: string, accepted: boolean | null, describe: () => string): Promise<void> {
    const after = await countRows(this.#world.srv.database.db);
    const added = this.#rows ? rowsAdded(this.#rows, after) : {};
    this.#rows = after;
    if (Object.keys(added).length === 0) return;
    if (accepted === false) {
      this.#violate('refused-adds-no-rows', `${describe()} → refused, yet added ${preview(added)}`);
    } else {
      const perTable = (this.#report.rowsAddedByAccepted[accepted ? label : `${label} (unacknowledged)`] ??=
        {});
      for (const [table, n] of Object.entries(added)) bump(perTable, table, n);
    }
  }

  /** Closes every socket and checks the server is idle again (waits for empty rooms to close). */
  async finish(idleTimeoutMs = 15_000): Promise<FuzzReport> {
    this.#world.closeAll();
    const srv = this.#world.srv;
    const stats = await waitForIdle(srv.url, idleTimeoutMs);
    if (JSON.stringify(stats) !== JSON.stringify(IDLE_ACTIVITY))
      this.#violate('stats-back-to-idle', preview(stats));
    const leftovers = await workerLeftovers(srv.server.pool);
    const workersIdle = JSON.stringify(leftovers) === JSON.stringify(idleLeftovers(srv.server.pool));
    if (!workersIdle) this.#violate('workers-back-to-idle', preview(leftovers));
    const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort().join(',');
    const probe = {} as Record<string, unknown>;
    if (protoKeys !== this.#protoKeys || probe.polluted !== undefined || probe.isAdmin !== undefined) {
      this.#violate('no-prototype-pollution', `Object.prototype now has: ${protoKeys}`);
    }
    this.#report.end = { stats, workersIdle };
    process.off('uncaughtException', this.#onException);
    process.off('unhandledRejection', this.#onRejection);
    return this.report;
  }
}

/** The counts as printable lines (per event with results, per result code, then violations). */
export function formatReport(r: FuzzReport): string {
  const lines = [`${r.messages} messages in ${r.episodes} episodes, ${(r.durationMs / 1000).toFixed(1)} s`];
  lines.push('', 'per event:');
  for (const [event, results] of Object.entries(r.byEvent).sort((a, b) => a[0].localeCompare(b[0]))) {
    const total = Object.values(results).reduce((a, b) => a + b, 0);
    const detail = Object.entries(results)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    lines.push(`  ${event.slice(0, 40).padEnd(40)} ${String(total).padStart(6)}  ${detail}`);
  }
  lines.push('', 'per result:');
  for (const [k, n] of Object.entries(r.byResult).sort((a, b) => b[1] - a[1])) {
    lines.push(`  ${k.padEnd(30)} ${String(n).padStart(6)}`);
  }
  lines.push('', 'per mutation:');
  for (const [k, n] of Object.entries(r.byMutation).sort((a, b) => b[1] - a[1])) {
    lines.push(`  ${k.padEnd(30)} ${String(n).padStart(6)}`);
  }
  lines.push('', `rows added by accepted requests: ${preview(r.rowsAddedByAccepted)}`);
  lines.push(`uncaught: ${r.uncaught.exceptions} exceptions, ${r.uncaught.rejections} rejections`);
  const violated = Object.entries(r.violations);
  lines.push('', violated.length === 0 ? 'all properties hold' : 'violated properties:');
  for (const [p, v] of violated) {
    lines.push(`  ${p}: ${v.count}`);
    for (const e of v.examples) lines.push(`    - ${e}`);
  }
  return lines.join('\n');
}
