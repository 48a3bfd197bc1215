/**
 * 200 join → socket drop → resume → leave cycles (signaling only, plus some with transports and
 * a producer kept across the drop) against a real server in this process; prints leaked objects
 * (goal 0) and RSS growth and writes bench/results/resume-soak.json. `npm run bench -- --only
 * resume-soak`, or `tsx --expose-gc bench/resumeSoak.ts [--cycles N --media N]`.
 */
import { printTable, writeResult } from './lib/results';
import { runResumeSoak, type ResumeSoakResult } from './lib/resumeSoak';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

export function printResumeSoak(r: ResumeSoakResult): void {
  printTable('resume soak', [
    ['cycles (join → drop → resume → leave)', r.cycles],
    ['  of which with transports and a producer', r.mediaCycles],
    ['  resumed from the grace period', r.resumedAfterDrop],
    ['duration', `${(r.durationMs / 1000).toFixed(1)} s (${r.cyclesPerSecond} cycles/s)`],
    ['/stats left over', JSON.stringify(r.stats)],
    ['worker dump left over', r.workerLeftovers],
    ['resume tokens / live meetings left over', r.resumeEntries],
    ['leaked objects (goal 0)', r.leakedObjects],
    ['RSS after warm-up → end', `${r.rssWarmMb} → ${r.rssEndMb} MB (${r.rssGrowthPercent} %)`],
    ['JS heap used after warm-up → end', `${r.heapUsedWarmMb} → ${r.heapUsedEndMb} MB`],
  ]);
}

async function main(): Promise<void> {
  const result = await runResumeSoak({ cycles: arg('cycles', 200), mediaCycles: arg('media', 20) });
  printResumeSoak(result);
  console.log(`\nwritten ${writeResult('resume-soak', { at: new Date().toISOString(), ...result })}`);
  if (result.leakedObjects > 0) process.exitCode = 1;
}

if (import.meta.filename === process.argv[1]) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
