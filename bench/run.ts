/**
 * `npm run bench`: runs the named benchmarks in turn, prints their figures and writes
 * bench/results/latest.json (each also writes its own file). `--quick` runs smaller sizes;
 * `--only <name>` runs one (also one that is not in the default list, like the soaks, which have
 * their own scripts too: `npm run soak`). A benchmark is a name and a function returning its
 * figures: add new ones to BENCHMARKS. The capacity figures (P1, P2, P5, P6, P7) are also
 * gathered under `figures` at the top of latest.json.
 */
import os from 'node:os';
import { BIG_ROOM_FULL, BIG_ROOM_QUICK, printBigRoom, runBigRoom } from './bigRoom';
import { FORWARDING_FULL, FORWARDING_QUICK, printForwarding, runForwarding } from './forwarding';
import { GRID_FULL, GRID_QUICK, printGrid, runGrid } from './gridDownlink';
import { JOINS_FULL, JOINS_QUICK, printJoins, runJoins } from './joins';
import { assertProductionBuild } from './lib/AppProcess';
import { printTable, writeResult } from './lib/results';
import { printJoinLatency } from './joinLatency';
import { runJoinLatency } from './lib/joinLatency';
import { runResumeSoak } from './lib/resumeSoak';
import { runSoak } from './lib/soak';
import { printResumeSoak } from './resumeSoak';
import { printSoak } from './soak';
import { runPageWeight } from './pageWeight';

interface Benchmark {
  name: string;
  description: string;
  /** Part of a plain `npm run bench` (others only with --only). */
  byDefault: boolean;
  run(quick: boolean): Promise<Record<string, unknown>>;
}

function saved<T extends object>(name: string, result: T): T {
  writeResult(name, { at: new Date().toISOString(), ...result });
  return result;
}

const BENCHMARKS: Benchmark[] = [
  {
    name: 'forwarding',
    description: 'P1/P2: worker CPU per forwarded packet and receivers per core, app vs bare mediasoup',
    byDefault: true,
    async run(quick) {
      const r = saved('forwarding', await runForwarding(quick ? FORWARDING_QUICK : FORWARDING_FULL));
      printForwarding(r);
      return { ...r };
    },
  },
  {
    name: 'big-room',
    description: 'P5: one large meeting over two media workers',
    byDefault: true,
    async run(quick) {
      const r = saved('big-room', await runBigRoom(quick ? BIG_ROOM_QUICK : BIG_ROOM_FULL));
      printBigRoom(r);
      return { ...r };
    },
  },
  {
    name: 'joins',
    description: 'P6: signaling-only joins per second and memory per idle participant (server.ts process)',
    byDefault: true,
    async run(quick) {
      const r = saved('joins', await runJoins(quick ? JOINS_QUICK : JOINS_FULL));
      printJoins(r);
      return { ...r };
    },
  },
  {
    name: 'grid',
    description: 'P7: one viewer’s video downlink in a 6-person grid (headless Chromium, real meeting page)',
    byDefault: true,
    async run(quick) {
      const r = saved('grid', await runGrid(quick ? GRID_QUICK : GRID_FULL));
      printGrid(r);
      return { ...r };
    },
  },
  {
    name: 'page-weight',
    description: 'first-visit JavaScript per route (gzip), from the production build in .next',
    byDefault: true,
    async run() {
      return { ...runPageWeight() };
    },
  },
  {
    name: 'soak',
    description: 'join/leave/disconnect cycles: leaked objects and RSS growth',
    byDefault: false,
    async run(quick) {
      const result = await runSoak(
        quick ? { cycles: 200, mediaCycles: 10 } : { cycles: 1_000, mediaCycles: 50 },
      );
      printSoak(result);
      return { ...saved('soak', result) };
    },
  },
  {
    name: 'resume-soak',
    description: 'join/drop/resume/leave cycles: leaked objects and RSS growth',
    byDefault: false,
    async run(quick) {
      const result = await runResumeSoak(
        quick ? { cycles: 50, mediaCycles: 5 } : { cycles: 200, mediaCycles: 20 },
      );
      printResumeSoak(result);
      return { ...saved('resume-soak', result) };
    },
  },
  {
    name: 'join-latency',
    description: 'click on Join now → first remote frame decoded, 2 others in the call (needs a build)',
    byDefault: true,
    async run(quick) {
      const result = await runJoinLatency({ joins: quick ? 3 : 10, others: 2, preJoinWaitMs: 1_500 });
      printJoinLatency(result);
      return { ...saved('join-latency', result) };
    },
  },
];

/** The headline figures, flat, from whichever benchmarks ran. */
function figures(results: Record<string, Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const r of Object.values(results))
    for (const key of ['p1', 'p2', 'p5', 'p6', 'p7'])
      if (r[key] && typeof r[key] === 'object') out[key] = r[key];
  return out;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
  const chosen = BENCHMARKS.filter((b) => (only ? b.name === only : b.byDefault));
  if (chosen.length === 0)
    throw new Error(`no benchmark "${only}"; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  // Fail before anything runs rather than after minutes of forwarding steps.
  if (chosen.some((b) => ['joins', 'grid', 'page-weight'].includes(b.name))) assertProductionBuild();
  const started = performance.now();
  const results: Record<string, Record<string, unknown>> = {};
  for (const b of chosen) {
    console.log(`\n== ${b.name}: ${b.description}${quick ? ' (quick)' : ''}`);
    const t0 = performance.now();
    try {
      results[b.name] = { ...(await b.run(quick)), wallMs: Math.round(performance.now() - t0) };
    } catch (err) {
      // One benchmark failing (e.g. browsers too slow to join on a loaded machine) keeps the others' figures.
      const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
      console.error(`  ${b.name} failed: ${message}`);
      results[b.name] = { error: message, wallMs: Math.round(performance.now() - t0) };
      process.exitCode = 1;
    }
  }
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    loadAverage1m: Math.round(os.loadavg()[0]! * 10) / 10,
  };
  const summary = figures(results);
  const file = writeResult('latest', {
    at: new Date().toISOString(),
    quick,
    node: process.version,
    machine,
    wallMs: Math.round(performance.now() - started),
    ...summary,
    results,
  });
  printTable(
    'summary',
    Object.entries(summary).map(([k, v]): [string, string] => [k, JSON.stringify(v)]),
  );
  console.log(
    `\nmachine: ${machine.cpus} × ${machine.cpuModel}, load average ${machine.loadAverage1m} at the end`,
  );
  console.log(`written ${file}`);
}

main().then(
  // Child processes and sockets are closed by then; exit rather than wait on a stray timer.
  () => process.exit(process.exitCode ?? 0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
