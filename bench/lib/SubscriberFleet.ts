/**
 * Viewers spread over a few child processes (see subscriberProcess.ts), added in batches as a
 * benchmark steps its load up. Each process answers one command at a time, in order.
 */
import path from 'node:path';
import type { FleetCommand, FleetReply, ReceiverTotals, ViewerTicket } from './fleetMessages';
import { IpcChild } from './IpcChild';

const ENTRY = path.join(import.meta.dirname, 'subscriberProcess.ts');
const CONNECT_TIMEOUT_MS = 20_000;

type ViewerProcess = IpcChild<FleetCommand, FleetReply>;

export class SubscriberFleet {
  readonly #processes: ViewerProcess[];
  #next = 0;

  constructor(processes: number) {
    this.#processes = Array.from({ length: processes }, (): ViewerProcess => new IpcChild(ENTRY));
  }

  /** Joins the viewers (round-robin over the processes); returns how many are connected in all. */
  async add(
    url: string,
    tickets: ViewerTicket[],
    videoLayer?: number,
  ): Promise<{ viewers: number; connected: number }> {
    const shares: ViewerTicket[][] = this.#processes.map(() => []);
    for (const t of tickets) shares[this.#next++ % shares.length]!.push(t);
    const replies = await Promise.all(
      this.#processes.map((p, i) =>
        p.request({
          type: 'join',
          url,
          tickets: shares[i]!,
          connectTimeoutMs: CONNECT_TIMEOUT_MS,
          ...(videoLayer !== undefined && { videoLayer }),
        }),
      ),
    );
    let viewers = 0;
    let connected = 0;
    for (const r of replies) {
      if (r.type !== 'joined') continue;
      viewers += r.viewers;
      connected += r.connected;
    }
    return { viewers, connected };
  }

  async totals(): Promise<ReceiverTotals> {
    const replies = await Promise.all(this.#processes.map((p) => p.request({ type: 'totals' })));
    const sum: ReceiverTotals = { packetsReceived: 0, packetsLost: 0, bytesReceived: 0, connected: 0 };
    for (const r of replies) {
      if (r.type !== 'totals') continue;
      sum.packetsReceived += r.totals.packetsReceived;
      sum.packetsLost += r.totals.packetsLost;
      sum.bytesReceived += r.totals.bytesReceived;
      sum.connected += r.totals.connected;
    }
    return sum;
  }

  async close(): Promise<void> {
    await Promise.all(
      this.#processes.map((p) => p.request({ type: 'close' }).catch(() => undefined)),
    ).finally(() => {
      for (const p of this.#processes) p.kill();
    });
  }
}
