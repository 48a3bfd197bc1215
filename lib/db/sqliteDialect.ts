/**
 * The embedded engine: one SQLite file through better-sqlite3, tuned for a small footprint
 * (2 MiB page cache, no memory-mapped I/O) and for safe concurrent reads (WAL).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SqliteDialect } from 'kysely';

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

export function createSqliteDialect(file: string): SqliteDialect {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const database = new Database(file);
  for (const pragma of PRAGMAS) database.pragma(pragma);
  return new SqliteDialect({ database });
}
