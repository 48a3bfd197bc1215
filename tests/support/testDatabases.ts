/**
 * Fresh, migrated databases for tests on both engines, and `describeEachEngine` to run one suite
 * against each: a new SQLite file in a temporary folder, and a new database on the PostgreSQL
 * server from postgresGlobalSetup.ts.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '@/lib/db/database';
import type { Db, Engine } from '@/lib/db/schema';
import { quoteIdent } from '@/tests/support/throwawayPostgres';

export const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];

export interface TestDatabase extends DatabaseHandle {
  /** Closes the handle and deletes the database. */
  drop(): Promise<void>;
}

/** The URL of the test PostgreSQL server, or an error explaining why there is none. */
export function testPostgresUrl(): string {
  const provided = inject('postgres');
  if ('error' in provided) throw new Error(`PostgreSQL tests cannot run: ${provided.error}`);
  return provided.url;
}

export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-sqlite-'));
    const handle = await openDatabase({ engine: 'sqlite', file: path.join(dir, 'test.sqlite') });
    return {
      ...handle,
      drop: async () => {
        await handle.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const serverUrl = new URL(testPostgresUrl());
  const name = `ic_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(serverUrl, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ engine: 'postgres', url: url.toString(), poolMax: 4 });
  return {
    ...handle,
    drop: async () => {
      await handle.close();
      await withAdminClient(serverUrl, (c) =>
        c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`),
      );
    },
  };
}

async function withAdminClient<T>(url: URL, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Runs the same suite once per engine, each with its own fresh database. `db()` is valid inside
 * tests and hooks.
 */
export function describeEachEngine(name: string, suite: (db: () => Db, engine: Engine) => void): void {
  for (const engine of ENGINES) {
    describe(`${name} [${engine}]`, () => {
      let database: TestDatabase | undefined;
      beforeAll(async () => {
        database = await createTestDatabase(engine);
      });
      afterAll(async () => {
        await database?.drop();
      });
      suite(() => {
        if (!database) throw new Error(`the ${engine} test database did not open`);
        return database.db;
      }, engine);
    });
  }
}
