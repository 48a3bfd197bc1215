/**
 * `npx tsx bench/joinLatency.ts [--joins N] [--others N]`: click "Join now" → first remote video
 * frame decoded, over N joins into a call that others are already in (loopback, production
 * build: run `npx next build --webpack` first). Prints the figures and writes
 * bench/results/join-latency.json.
 */
import { runJoinLatency, type JoinLatencyResult } from './lib/joinLatency';
import { printTable, writeResult } from './lib/results';

export function printJoinLatency(r: JoinLatencyResult): void {
  printTable(`join latency (click → first remote frame decoded, ${r.others} others in the call)`, [
    ['joins', r.joins],
    ['median ms', r.medianMs],
    ['p95 ms', r.p95Ms],
    ['min ms', r.minMs],
    ['max ms', r.maxMs],
    ['samples ms', r.samplesMs.join(' ')],
  ]);
}

function argValue(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

async function main(): Promise<void> {
  const result = await runJoinLatency({
    joins: argValue('--joins', 10),
    others: argValue('--others', 2),
    preJoinWaitMs: argValue('--wait', 1_500),
  });
  printJoinLatency(result);
  const file = writeResult('join-latency', { at: new Date().toISOString(), ...result });
  console.log(`\nwritten ${file}`);
}

if (import.meta.filename === process.argv[1]) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
