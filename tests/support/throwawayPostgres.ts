/**
 * A private PostgreSQL server for tests: a fresh cluster in a temporary folder, listening on
 * 127.0.0.1 on a free port, with fsync off (nothing in it is worth keeping). It uses the Debian
 * packages' binaries (/usr/lib/postgresql/<version>/bin) and, because PostgreSQL refuses to run
 * as root, runs them as the `postgres` user when started by root.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export interface ThrowawayPostgres {
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface ThrowawayPostgresOptions {
  /** Ports tried in order until one is free. */
  ports: { from: number; to: number };
  database: string;
  /** Folder with initdb and pg_ctl; found automatically when absent. */
  binDir?: string;
}

export class PostgresUnavailableError extends Error {
  override name = 'PostgresUnavailableError';
}

const DEBIAN_ROOT = '/usr/lib/postgresql';
const SERVER_SETTINGS = [
  'fsync=off',
  'synchronous_commit=off',
  'full_page_writes=off',
  'shared_buffers=16MB',
  'max_connections=40',
];

/** The folder holding initdb/pg_ctl of the newest installed PostgreSQL, or null. */
export function findPostgresBinDir(): string | null {
  let versions: string[] = [];
  try {
    versions = fs.readdirSync(DEBIAN_ROOT);
  } catch {
    versions = [];
  }
  const candidates = versions
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => path.join(DEBIAN_ROOT, v, 'bin'));
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir) candidates.push(dir);
  return (
    candidates.find(
      (dir) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl')),
    ) ?? null
  );
}

export async function startThrowawayPostgres(opts: ThrowawayPostgresOptions): Promise<ThrowawayPostgres> {
  const bin = opts.binDir ?? findPostgresBinDir();
  if (!bin || !fs.existsSync(path.join(bin, 'initdb'))) {
    throw new PostgresUnavailableError(
      'PostgreSQL is not installed (no initdb/pg_ctl in /usr/lib/postgresql/<version>/bin or on PATH). ' +
        'Install it with `bash scripts/install-system-deps.sh --with-tests` (Debian package "postgresql"), ' +
        'or set TEST_DATABASE_URL to a server the tests may create databases on.',
    );
  }
  const asRoot = process.getuid?.() === 0;
  const prefix = asRoot ? ['runuser', '-u', 'postgres', '--'] : [];
  const exec = (file: string, args: string[]) => {
    const [cmd, ...rest] = [...prefix, path.join(bin, file), ...args];
    return run(cmd!, rest, { timeout: 60_000 });
  };

  // As root, under /tmp: the postgres user must reach the folder, and the socket path stay short.
  const root = fs.mkdtempSync(path.join(asRoot ? '/tmp' : os.tmpdir(), 'ic-postgres-'));
  if (asRoot) await run('chown', [`postgres:postgres`, root]);
  const dataDir = path.join(root, 'data');
  const logFile = path.join(root, 'server.log');
  const cleanup = () => fs.rmSync(root, { recursive: true, force: true });

  try {
    await exec('initdb', [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '--no-sync',
      '-E',
      'UTF8',
      '--locale=C',
    ]);
  } catch (err) {
    cleanup();
    throw new PostgresUnavailableError(`initdb failed: ${describeExecError(err)}`);
  }

  let port: number | undefined;
  let lastError = '';
  for (let candidate = opts.ports.from; candidate <= opts.ports.to && port === undefined; candidate++) {
    if (!(await isPortFree(candidate))) continue;
    const serverArgs = [
      '-p',
      String(candidate),
      '-h',
      '127.0.0.1',
      '-k',
      root,
      ...SERVER_SETTINGS.flatMap((s) => ['-c', s]),
    ];
    try {
      await exec('pg_ctl', [
        '-D',
        dataDir,
        '-l',
        logFile,
        '-w',
        '-t',
        '30',
        '-o',
        serverArgs.join(' '),
        'start',
      ]);
      port = candidate;
    } catch (err) {
      // Most likely another process took the port between the check and the start: try the next.
      lastError = `${describeExecError(err)}\n${readTail(logFile)}`;
    }
  }
  if (port === undefined) {
    cleanup();
    throw new PostgresUnavailableError(
      `could not start PostgreSQL on any port ${opts.ports.from}-${opts.ports.to}: ${lastError}`,
    );
  }

  const pgCtlStop = [...prefix, path.join(bin, 'pg_ctl'), '-D', dataDir, '-m', 'immediate', '-w', 'stop'];
  // If the test run is cut short, still stop the server and delete its files on the way out.
  const stopOnExit = () => {
    try {
      execFileSync(pgCtlStop[0]!, pgCtlStop.slice(1), { stdio: 'ignore', timeout: 10_000 });
    } finally {
      cleanup();
    }
  };
  process.once('exit', stopOnExit);
  const stop = async () => {
    process.off('exit', stopOnExit);
    try {
      await run(pgCtlStop[0]!, pgCtlStop.slice(1), { timeout: 60_000 });
    } finally {
      cleanup();
    }
  };
  try {
    const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${quoteIdent(opts.database)}`);
    } finally {
      await admin.end();
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/${opts.database}`, port, stop };
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

function describeExecError(err: unknown): string {
  if (err && typeof err === 'object' && 'stderr' in err && typeof err.stderr === 'string' && err.stderr) {
    return err.stderr.trim();
  }
  return err instanceof Error ? err.message : String(err);
}

function readTail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-5).join('\n');
  } catch {
    return '';
  }
}
