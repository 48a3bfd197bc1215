/**
 * Memory cost of the embedded database: process RSS before loading it, after opening and
 * migrating a fresh SQLite file, and after 1,000 inserts (chat messages) and reading them back.
 * Prints the figures and writes bench/results/db-memory.json. Goal: under 100 MB added.
 *
 *   npm run bench:db-memory        (runs with --expose-gc for steadier numbers)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const INSERTS = 1000;
const GOAL_MB = 100;
const MB = 1024 * 1024;

function sample() {
  globalThis.gc?.();
  const m = process.memoryUsage();
  return { rssMb: m.rss / MB, heapUsedMb: m.heapUsed / MB, externalMb: m.external / MB };
}

const round = (n: number) => Math.round(n * 10) / 10;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-db-memory-'));
  try {
    const before = sample();

    const started = performance.now();
    const { openDatabase } = await import('@/lib/db/database');
    const { createMeeting } = await import('@/lib/db/meetings');
    const { addChatMessage, listChatMessages } = await import('@/lib/db/chat');
    const handle = await openDatabase({ engine: 'sqlite', file: path.join(dir, 'bench.sqlite') });
    const openMs = performance.now() - started;
    const opened = sample();

    const insertStart = performance.now();
    await createMeeting(handle.db, { id: 'bench-meeting', ownerId: null });
    for (let i = 0; i < INSERTS; i++) {
      await addChatMessage(handle.db, {
        meetingId: 'bench-meeting',
        senderId: `participant-${i % 20}`,
        senderName: `Participant ${i % 20}`,
        text: `Message number ${i}: the quick brown fox jumps over the lazy dog.`,
      });
    }
    const insertMs = performance.now() - insertStart;
    const history = await listChatMessages(handle.db, 'bench-meeting');
    const inserted = sample();
    await handle.close();
    const fileBytes = fs.readdirSync(dir).reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);

    const addedMb = inserted.rssMb - before.rssMb;
    const result = {
      engine: 'sqlite',
      node: process.version,
      gcExposed: typeof globalThis.gc === 'function',
      inserts: INSERTS,
      rowsReadBack: history.length,
      rssMb: {
        before: round(before.rssMb),
        afterOpenAndMigrate: round(opened.rssMb),
        afterInserts: round(inserted.rssMb),
      },
      heapUsedMb: { before: round(before.heapUsedMb), afterInserts: round(inserted.heapUsedMb) },
      addedRssMb: round(addedMb),
      openAndMigrateMs: Math.round(openMs),
      insertsPerSecond: Math.round(INSERTS / (insertMs / 1000)),
      databaseFilesKb: Math.round(fileBytes / 1024),
      goalMb: GOAL_MB,
      withinGoal: addedMb < GOAL_MB,
    };

    console.log(`Embedded database memory (SQLite, ${INSERTS} inserts)`);
    console.log(`  RSS before:                ${result.rssMb.before} MB`);
    console.log(
      `  after open + migrate:      ${result.rssMb.afterOpenAndMigrate} MB (${result.openAndMigrateMs} ms)`,
    );
    console.log(
      `  after ${INSERTS} inserts + read: ${result.rssMb.afterInserts} MB (${result.insertsPerSecond} inserts/s)`,
    );
    console.log(
      `  added:                     ${result.addedRssMb} MB (goal < ${GOAL_MB} MB: ${result.withinGoal ? 'met' : 'MISSED'})`,
    );
    console.log(`  database files:            ${result.databaseFilesKb} KB`);

    const out = path.join(process.cwd(), 'bench', 'results', 'db-memory.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`  written to ${path.relative(process.cwd(), out)}`);
    if (!result.withinGoal) process.exitCode = 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
