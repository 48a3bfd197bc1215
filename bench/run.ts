/**
 * `npm run bench`: runs the named benchmarks in turn, prints their figures and writes
 * bench/results/latest.json (each also writes its own file). `--quick` runs smaller sizes;
 * `--only <name>` runs one. A benchmark is a name and a function returning its figures: add new
 * ones to BENCHMARKS.
 */
import { writeResult } from './lib/results';
import { runResumeSoak } from './lib/resumeSoak';
import { runSoak } from './lib/soak';
import { printResumeSoak } from './resumeSoak';
import { printSoak } from './soak';
import { runPageWeight } from './pageWeight';

interface Benchmark {
  name: string;
  description: string;
  run(quick: boolean): Promise<Record<string, unknown>>;
}

const BENCHMARKS: Benchmark[] = [
  {
    name: 'page-weight',
    description: 'first-visit JavaScript per route (gzip), from the production build in .next',
    async run() {
      return { ...runPageWeight() };
    },
  },
  {
    name: 'soak',
    description: 'join/leave/disconnect cycles: leaked objects and RSS growth',
    async run(quick) {
      const result = await runSoak(
        quick ? { cycles: 200, mediaCycles: 10 } : { cycles: 1_000, mediaCycles: 50 },
      );
      printSoak(result);
      writeResult('soak', { at: new Date().toISOString(), ...result });
      return { ...result };
    },
  },
  {
    name: 'resume-soak',
    description: 'join/drop/resume/leave cycles: leaked objects and RSS growth',
    async run(quick) {
      const result = await runResumeSoak(
        quick ? { cycles: 50, mediaCycles: 5 } : { cycles: 200, mediaCycles: 20 },
      );
      printResumeSoak(result);
      writeResult('resume-soak', { at: new Date().toISOString(), ...result });
      return { ...result };
    },
  },
];

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
  const chosen = BENCHMARKS.filter((b) => !only || b.name === only);
  if (chosen.length === 0)
    throw new Error(`no benchmark "${only}"; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  const results: Record<string, unknown> = {};
  for (const b of chosen) {
    console.log(`\n== ${b.name}: ${b.description}${quick ? ' (quick)' : ''}`);
    const started = performance.now();
    results[b.name] = { ...(await b.run(quick)), wallMs: Math.round(performance.now() - started) };
  }
  const file = writeResult('latest', { at: new Date().toISOString(), quick, node: process.version, results });
  console.log(`\nwritten ${file}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
