import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseOpenError, openDatabase } from '@/lib/db/database';
import { migrateToLatest, migrationsFor } from '@/lib/db/migrations';
import { createTestDatabase, describeEachEngine, testPostgresUrl } from '@/tests/support/testDatabases';

const TABLES = [
  'attendance',
  'auth_sessions',
  'chat_messages',
  'meetings',
  'recordings',
  'revocations',
  'users',
];

describeEachEngine('database', (db, engine) => {
  it('creates every table from an empty database', async () => {
    const tables = await db().introspection.getTables();
    const names = tables.map((t) => t.name).filter((n) => !n.startsWith('kysely_'));
    expect(names.sort()).toEqual(TABLES);
  });

  it('has nothing left to apply after opening, and records each migration once', async () => {
    expect(await migrateToLatest(db(), engine)).toEqual([]);
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
      db(),
    );
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrationsFor(engine)));
  });

  it('returns 64-bit integers as numbers', async () => {
    const big = 1_760_000_000_123;
    const result = await sql<{ n: number }>`select cast(${big} as bigint) as n`.execute(db());
    expect(result.rows[0]?.n).toBe(big);
  });
});

describe('openDatabase', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('creates the data folder, applies the migrations, and turns on WAL and foreign keys', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-open-'));
    dirs.push(dir);
    const file = path.join(dir, 'nested', 'data', 'db.sqlite');
    const handle = await openDatabase({ engine: 'sqlite', file });
    try {
      expect(handle.applied).toEqual(['0001_initial', '0002_recordings']);
      expect(handle.location).toBe(file);
      expect(fs.existsSync(file)).toBe(true);
      // Result columns come back camelCased (CamelCasePlugin).
      const mode = await sql<{ journalMode: string }>`pragma journal_mode`.execute(handle.db);
      expect(mode.rows[0]?.journalMode).toBe('wal');
      const fk = await sql<{ foreignKeys: number }>`pragma foreign_keys`.execute(handle.db);
      expect(fk.rows[0]?.foreignKeys).toBe(1);
    } finally {
      await handle.close();
    }
    const again = await openDatabase({ engine: 'sqlite', file });
    expect(again.applied).toEqual([]);
    await again.close();
  });

  it('explains an unusable SQLite location', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-open-'));
    dirs.push(dir);
    const blocker = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocker, '');
    const failure = openDatabase({ engine: 'sqlite', file: path.join(blocker, 'db.sqlite') });
    await expect(failure).rejects.toThrow(DatabaseOpenError);
    await expect(failure).rejects.toThrow(/cannot open the sqlite database at .*not-a-folder/);
  });

  it('explains an unreachable PostgreSQL server without showing the password', async () => {
    const url = new URL(testPostgresUrl());
    url.username = 'nobody';
    url.password = 'secret-pw';
    url.pathname = '/no_such_database';
    const failure = openDatabase({ engine: 'postgres', url: url.toString(), poolMax: 1 });
    await expect(failure).rejects.toThrow(DatabaseOpenError);
    await expect(failure).rejects.toThrow(
      `cannot open the postgres database at ${url.hostname}:${url.port}/no_such_database`,
    );
    await expect(failure).rejects.not.toThrow(/secret-pw/);
  });

  it('gives each test a fresh PostgreSQL database that is gone after drop', async () => {
    const a = await createTestDatabase('postgres');
    const b = await createTestDatabase('postgres');
    expect(a.location).not.toBe(b.location);
    await a.db
      .insertInto('users')
      .values({ id: 'u', email: 'a@x.io', passwordHash: 'h', displayName: 'A', createdAt: 1 })
      .execute();
    expect(await b.db.selectFrom('users').selectAll().execute()).toEqual([]);
    await a.drop();
    await b.drop();
  });
});
