/**
 * Opening the database: pick the engine from the configuration, connect, bring the schema up to
 * date, and hand back one handle. The engine drivers are loaded on demand, so the embedded setup
 * never loads pg and a PostgreSQL setup never loads SQLite.
 */
import { CamelCasePlugin, Kysely, type Dialect } from 'kysely';
import type { DatabaseConfig } from '@/lib/config';
import { migrateToLatest } from '@/lib/db/migrations';
import type { DatabaseSchema, Db, Engine } from '@/lib/db/schema';

export interface DatabaseHandle {
  db: Db;
  engine: Engine;
  /** Where the data lives, without credentials: a file path or host:port/database. */
  location: string;
  /** Names of the migrations applied while opening (empty when the schema was current). */
  applied: string[];
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Called when an idle PostgreSQL connection fails (the pool replaces it). */
  onConnectionError?: (err: Error) => void;
}

export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError';
}

export async function openDatabase(
  config: DatabaseConfig,
  options: OpenDatabaseOptions = {},
): Promise<DatabaseHandle> {
  const location = describeLocation(config);
  let db: Db | undefined;
  try {
    const dialect = await createDialect(config, options);
    db = new Kysely<DatabaseSchema>({ dialect, plugins: [new CamelCasePlugin()] });
    const applied = await migrateToLatest(db, config.engine);
    const opened = db;
    return { db: opened, engine: config.engine, location, applied, close: () => opened.destroy() };
  } catch (err) {
    await db?.destroy().catch(() => undefined);
    const reason = err instanceof Error ? err.message : String(err);
    throw new DatabaseOpenError(`cannot open the ${config.engine} database at ${location}: ${reason}`, {
      cause: err,
    });
  }
}

async function createDialect(config: DatabaseConfig, options: OpenDatabaseOptions): Promise<Dialect> {
  if (config.engine === 'sqlite') {
    const { createSqliteDialect } = await import('@/lib/db/sqliteDialect');
    return createSqliteDialect(config.file);
  }
  const { createPostgresDialect } = await import('@/lib/db/postgresDialect');
  return createPostgresDialect(config.url, config.poolMax, options.onConnectionError ?? (() => undefined));
}

function describeLocation(config: DatabaseConfig): string {
  if (config.engine === 'sqlite') return config.file;
  try {
    const url = new URL(config.url);
    return `${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}
