/**
 * The embedded engine: one SQLite file through better-sqlite3, tuned for a small footprint
 * (2 MiB page cache, no memory-mapped I/O) and for safe concurrent reads (WAL).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';

const PRAGMAS = [
  'journal_mode = WAL',
  // In WAL mode NORMAL is safe against corruption; a power cut may lose the last commits only.
  'synchronous = NORMAL',
  'foreign_keys = ON',
  'busy_timeout = 5000',
  // Negative = KiB: a 2 MiB page cache, no mmap, and a WAL file trimmed back to 4 MiB.
  'cache_size = -2048',
  'mmap_size = 0',
  'journal_size_limit = 4194304',
];

/** Prepared statements kept for reuse; the app's queries are a few dozen distinct texts. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely prepares every query it runs, and preparing costs SQLite more than running the small
 * queries of a join. The app's query texts repeat (values are bound parameters), so statements
 * are kept by text, least recently used dropped past the limit. Hand-written: a Map in insertion
 * order is the whole LRU. Safe because nothing here streams (`iterate`): a statement is done with
 * before the next query starts on this single connection.
 */
function withStatementCache(database: Database.Database): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => {
      statements.clear();
      database.close();
    },
    prepare(sql: string): SqliteStatement {
      let statement = statements.get(sql);
      if (statement) statements.delete(sql);
      else statement = database.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
      return statement;
    },
  };
}

export function createSqliteDialect(file: string): SqliteDialect {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const database = new Database(file);
  for (const pragma of PRAGMAS) database.pragma(pragma);
  return new SqliteDialect({ database: withStatementCache(database) });
}
