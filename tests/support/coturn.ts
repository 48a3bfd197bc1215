/**
 * A throwaway TURN server for tests: Debian's coturn (`turnserver`) on 127.0.0.1 on a free port,
 * checking TURN REST API credentials against a static secret, with its pid file and user
 * database in a temporary folder and no configuration file (never /etc/turnserver.conf).
 * Resolves once it answers a STUN Binding request; stop() ends it and deletes the folder.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freeRtcBasePort } from '@/tests/support/ports';
import { stunBindingAnswers } from '@/tests/support/turnClient';

export interface ThrowawayCoturn {
  host: '127.0.0.1';
  port: number;
  /** What TURN_URLS would hold for this server. */
  urls: string[];
  /** Its static-auth-secret (TURN_SECRET). */
  secret: string;
  realm: string;
  /** Idempotent. */
  stop(): Promise<void>;
}

export interface ThrowawayCoturnOptions {
  /** Default: a random one. */
  secret?: string;
  realm?: string;
}

export class CoturnUnavailableError extends Error {
  override name = 'CoturnUnavailableError';
}

const READY_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;
const OUTPUT_KEPT = 4000;

function turnserverInstalled(): boolean {
  return spawnSync('turnserver', ['--version'], { stdio: 'ignore' }).error === undefined;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startCoturn(opts: ThrowawayCoturnOptions = {}): Promise<ThrowawayCoturn> {
  if (!turnserverInstalled()) {
    throw new CoturnUnavailableError(
      'coturn is not installed (no `turnserver` on PATH). Install it with ' +
        '`bash scripts/install-system-deps.sh --with-tests` (Debian package "coturn").',
    );
  }
  const secret = opts.secret ?? randomBytes(24).toString('hex');
  const realm = opts.realm ?? 'idea-communicator.test';
  // coturn binds with SO_REUSEPORT and would share a taken port silently, so the port is checked
  // free on UDP and TCP first.
  const port = await freeRtcBasePort(1);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-coturn-'));
  const child = spawn(
    'turnserver',
    [
      '-n',
      '--listening-ip=127.0.0.1',
      '--relay-ip=127.0.0.1',
      `--listening-port=${port}`,
      '--allow-loopback-peers',
      '--use-auth-secret',
      `--static-auth-secret=${secret}`,
      `--realm=${realm}`,
      '--no-tls',
      '--no-dtls',
      '--no-cli',
      `--pidfile=${path.join(dir, 'turnserver.pid')}`,
      `--userdb=${path.join(dir, 'turndb')}`,
      '--log-file=stdout',
      '--simple-log',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_KEPT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('error', (err) => keep(Buffer.from(`\n${err.message}\n`)));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      process.off('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited(child);
        clearTimeout(timer);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    })());

  const deadline = Date.now() + READY_TIMEOUT_MS;
  const server = { address: '127.0.0.1', port };
  while (!(await stunBindingAnswers(server))) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      const why = child.exitCode !== null ? `exited with code ${child.exitCode}` : 'did not answer in time';
      await stop();
      throw new CoturnUnavailableError(`turnserver on 127.0.0.1:${port} ${why}. Its output:\n${output}`);
    }
  }
  return {
    host: '127.0.0.1',
    port,
    urls: [`turn:127.0.0.1:${port}?transport=udp`, `turn:127.0.0.1:${port}?transport=tcp`],
    secret,
    realm,
    stop,
  };
}
