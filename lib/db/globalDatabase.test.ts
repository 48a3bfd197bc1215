import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, getDatabase } from '@/lib/db/globalDatabase';

describe('process-wide database', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-global-'));
  afterAll(async () => {
    await closeDatabase();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens once and hands every caller the same handle, via globalThis', async () => {
    const config = { engine: 'sqlite' as const, file: path.join(dir, 'a.sqlite') };
    const [a, b] = await Promise.all([getDatabase(config), getDatabase()]);
    expect(a).toBe(b);
    expect(a.location).toBe(config.file);
    const key = Symbol.for('idea-communicator.database');
    expect(await (globalThis as Record<symbol, unknown>)[key]).toBe(a);
  });

  it('opens afresh after closeDatabase, and retries after a failed open', async () => {
    const first = await getDatabase();
    await closeDatabase();
    await closeDatabase();
    const blocker = path.join(dir, 'file');
    fs.writeFileSync(blocker, '');
    await expect(getDatabase({ engine: 'sqlite', file: path.join(blocker, 'x.sqlite') })).rejects.toThrow(
      /cannot open/,
    );
    const second = await getDatabase({ engine: 'sqlite', file: path.join(dir, 'b.sqlite') });
    expect(second).not.toBe(first);
    expect(second.location).toBe(path.join(dir, 'b.sqlite'));
  });
});
