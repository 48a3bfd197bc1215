/**
 * 1,000 join/leave/disconnect cycles (signaling only, plus some with transports) against a real
 * server in this process; prints leaked objects (goal 0) and RSS growth (goal ≤ 5 %) and writes
 * bench/results/soak.json. `npm run soak` (options: --cycles N --media N). Clients run in the same
 * process as the server, so the memory figures include both.
 */
import { printTable, writeResult } from './lib/results';
import { runSoak, type SoakResult } from './lib/soak';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

export function printSoak(r: SoakResult): void {
  printTable('soak', [
    ['cycles (join → leave/disconnect/drop)', r.cycles],
    ['  of which with transports and media', r.mediaCycles],
    [
      '  endings',
      `leaveRoom ${r.endings.leaveRoom}, disconnect ${r.endings.disconnect}, drop ${r.endings.drop}`,
    ],
    ['duration', `${(r.durationMs / 1000).toFixed(1)} s (${r.cyclesPerSecond} cycles/s)`],
    ['/stats left over', JSON.stringify(r.stats)],
    ['worker dump left over', r.workerLeftovers],
    ['leaked objects (goal 0)', r.leakedObjects],
    ['RSS after warm-up', `${r.rssWarmMb} MB`],
    ['RSS at the end', `${r.rssEndMb} MB`],
    ['JS heap used after warm-up → end', `${r.heapUsedWarmMb} → ${r.heapUsedEndMb} MB`],
    ['RSS growth (goal ≤ 5 %)', `${r.rssGrowthPercent} % ${r.rssGoalMet ? '(met)' : '(NOT met)'}`],
  ]);
}

async function main(): Promise<void> {
  const result = await runSoak({ cycles: arg('cycles', 1_000), mediaCycles: arg('media', 50) });
  printSoak(result);
  console.log(`\nwritten ${writeResult('soak', { at: new Date().toISOString(), ...result })}`);
  if (result.leakedObjects > 0) process.exitCode = 1;
}

if (import.meta.filename === process.argv[1]) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
