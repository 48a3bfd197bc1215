/**
 * Composition root: config → database → media workers + signaling + ops routes → Next.js → HTTP
 * server, and graceful shutdown on SIGTERM/SIGINT. No business logic lives here.
 */
import next from 'next';
import { ConfigError, loadConfig, type Config } from '@/lib/config';
import { closeDatabase, getDatabase } from '@/lib/db/globalDatabase';
import type { DatabaseHandle } from '@/lib/db/database';
import { createLogger } from '@/lib/log';
import { startServer } from '@/lib/server/startServer';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  if (config.redisUrl) {
    // Reserved for running several nodes; one node keeps its state in memory and does not connect.
    log.warn('REDIS_URL is set, but this version runs on one node and does not use Redis; it is ignored.');
  }
  if (config.media.announcedAddressDetected) {
    log.warn(
      { announcedAddress: config.media.announcedAddress },
      "ANNOUNCED_IP not set: announcing this machine's first LAN address. Set ANNOUNCED_IP to the public IP browsers reach.",
    );
  }

  // Opened (and migrated) before anything else so a broken database stops the start at once. The
  // web app's server code shares this handle (see lib/db/globalDatabase.ts).
  const dbLog = log.child({ component: 'database' });
  let database: DatabaseHandle;
  try {
    database = await getDatabase(config.database, {
      onConnectionError: (err) => dbLog.error({ err }, 'idle database connection failed'),
    });
    dbLog.info(
      { engine: database.engine, location: database.location, migrationsApplied: database.applied },
      'database ready',
    );
  } catch (err) {
    console.error(
      `${err instanceof Error ? err.message : String(err)}\n` +
        'Check DATA_DIR (embedded database) or DATABASE_URL (PostgreSQL); see .env.example.',
    );
    process.exit(1);
  }

  const dev = config.env !== 'production';
  const app = next({ dev, hostname: 'localhost', port: config.http.port });
  const nextHandler = app.getRequestHandler();
  await app.prepare();

  const server = await startServer(config, log, {
    db: database.db,
    appHandler: (req, res) => nextHandler(req, res),
  });
  log.info({ url: `http://localhost:${server.port}`, mode: config.env }, 'Idea Communicator is up');

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      // A second signal during a drain: stop now.
      log.info({ signal }, 'shutting down now');
      void server.close();
      return;
    }
    stopping = true;
    const drainMs = signal === 'SIGTERM' ? config.resilience.drainTimeoutMs : 0;
    log.info({ signal, drainMs }, drainMs > 0 ? 'draining before shutdown' : 'shutting down');
    // The drain has its own deadline; the force-exit timer only bounds the cleanup after it.
    const force = setTimeout(() => {
      log.error('shutdown timed out; exiting');
      process.exit(1);
    }, drainMs + config.shutdownTimeoutMs);
    force.unref();
    (drainMs > 0 ? server.drain(drainMs) : server.close())
      .then(() => app.close?.())
      .then(() => closeDatabase())
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error('Idea Communicator failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
