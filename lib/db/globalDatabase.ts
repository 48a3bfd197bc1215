/**
 * One database handle per process. The custom server (run by tsx) and the Next.js server bundle
 * load separate copies of this module, so the handle lives on globalThis under a registered
 * symbol: whichever copy asks first opens it, and both share it. server.ts opens it at startup so
 * a broken database stops the server right away.
 */
import { loadConfig, type DatabaseConfig } from '@/lib/config';
import { createLogger } from '@/lib/log';
import { openDatabase, type DatabaseHandle, type OpenDatabaseOptions } from '@/lib/db/database';

const KEY = Symbol.for('idea-communicator.database');

type GlobalWithDatabase = typeof globalThis & { [KEY]?: Promise<DatabaseHandle> };
const store = globalThis as GlobalWithDatabase;

/**
 * The process-wide handle, opened (and migrated) on first use. Without an argument the settings
 * come from the environment (loadConfig); arguments are only honoured by the first call.
 */
export function getDatabase(config?: DatabaseConfig, options?: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const existing = store[KEY];
  if (existing) return existing;
  const opening = config ? openDatabase(config, options) : openFromEnvironment();
  store[KEY] = opening;
  // A failed open is not cached: the next caller tries again.
  opening.catch(() => {
    if (store[KEY] === opening) delete store[KEY];
  });
  return opening;
}

/** Closes the process-wide handle if one was opened. */
export async function closeDatabase(): Promise<void> {
  const existing = store[KEY];
  if (!existing) return;
  delete store[KEY];
  const handle = await existing.catch(() => undefined);
  await handle?.close();
}

async function openFromEnvironment(): Promise<DatabaseHandle> {
  const full = loadConfig();
  const log = createLogger(full.logLevel).child({ component: 'database' });
  return openDatabase(full.database, {
    onConnectionError: (err) => log.error({ err }, 'idle database connection failed'),
  });
}
