/**
 * `npm run fuzz`: the signaling fuzz suite at full size (default 50,000 messages) against a real
 * server in this process. Prints counts per event, per result code and per mutation, and the
 * properties that failed with examples; writes bench/results/fuzz.json. Exit code 1 when a
 * property failed. Options: --messages N, --seed N (replays a run).
 */
import { formatReport } from '@/tests/fuzz/FuzzRunner';
import { runFuzz } from '@/tests/fuzz/runFuzz';
import { startStandaloneServer } from '@/tests/support/standaloneServer';
import { writeResult } from './lib/results';

function arg(name: string): number | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : undefined;
}

async function main(): Promise<void> {
  const messages = arg('messages') ?? 50_000;
  let next = 5_000;
  const report = await runFuzz({
    messages,
    seed: arg('seed'),
    startServer: startStandaloneServer,
    onProgress(sent) {
      if (sent >= next) {
        console.log(`  … ${sent} messages`);
        next += 5_000;
      }
    },
  });
  console.log(`\nfuzz seed ${report.seed}\n${formatReport(report)}`);
  console.log(`\nwritten ${writeResult('fuzz', { at: new Date().toISOString(), ...report })}`);
  if (Object.keys(report.violations).length > 0) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
