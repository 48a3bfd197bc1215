/**
 * The app as operators run it (server.ts on the production build, in a process of its own), for
 * the benchmarks that need the web app (token route, meeting page) or the app process's own
 * memory. Ports come from the bench's range (BENCH_HTTP_PORT, BENCH_RTC_BASE_PORT).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Stats } from '@/lib/http/opsRoutes';

const ROOT = path.join(import.meta.dirname, '..', '..');
const READY_TIMEOUT_MS = 90_000;
const OUTPUT_KEPT = 8_000;

/** Fails with the command to run when there is no production build of the web app. */
export function assertProductionBuild(): void {
  if (!fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) {
    throw new Error(
      'No production build of the web app (.next/BUILD_ID). Run `npm run setup` (or `npm run build`) first.',
    );
  }
}

export class AppProcess {
  readonly url: string;
  readonly #child: ChildProcess;
  readonly #dataDir: string;
  readonly #exited: Promise<void>;
  #output = '';

  private constructor(child: ChildProcess, port: number, dataDir: string) {
    this.#child = child;
    this.#dataDir = dataDir;
    this.url = `http://127.0.0.1:${port}`;
    const keep = (chunk: Buffer) => {
      this.#output = (this.#output + chunk.toString('utf8')).slice(-OUTPUT_KEPT);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.#exited = new Promise((r) => child.once('exit', () => r()));
  }

  static async start(opts: {
    port: number;
    rtcBasePort: number;
    env?: Record<string, string>;
  }): Promise<AppProcess> {
    assertProductionBuild();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-bench-'));
    const child = spawn(
      process.execPath,
      [
        '--expose-gc',
        ...(process.env.BENCH_APP_CPU_PROF
          ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_APP_CPU_PROF]
          : []),
        '--import',
        'tsx',
        path.join('bench', 'lib', 'serverWithGc.ts'),
      ],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          NODE_ENV: 'production',
          PORT: String(opts.port),
          HOST: '127.0.0.1',
          RTC_LISTEN_IP: '127.0.0.1',
          ANNOUNCED_IP: '127.0.0.1',
          RTC_BASE_PORT: String(opts.rtcBasePort),
          MEDIA_WORKERS: '1',
          LOG_LEVEL: 'warn',
          NEXT_TELEMETRY_DISABLED: '1',
          DATA_DIR: dataDir,
          ...opts.env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const kill = () => child.kill('SIGKILL');
    process.once('exit', kill);
    child.once('exit', () => process.off('exit', kill));
    const app = new AppProcess(child, opts.port, dataDir);
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) break;
      const ok = await fetch(`${app.url}/health`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) return app;
      await new Promise((r) => setTimeout(r, 250));
    }
    await app.stop();
    throw new Error(`the app did not start:\n${app.#output}`);
  }

  get pid(): number {
    return this.#child.pid ?? 0;
  }

  async stats(): Promise<Stats> {
    const res = await fetch(`${this.url}/stats`);
    if (!res.ok) throw new Error(`/stats answered ${res.status}`);
    return (await res.json()) as Stats;
  }

  /** Full collections in the app process (see serverWithGc.ts), then a pause for them to finish. */
  async collectGarbage(): Promise<void> {
    for (let i = 0; i < 2; i++) {
      this.#child.kill('SIGUSR2');
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  async stop(): Promise<void> {
    if (this.#child.exitCode === null && this.#child.signalCode === null) {
      this.#child.kill('SIGTERM');
      const timer = setTimeout(() => this.#child.kill('SIGKILL'), 15_000);
      await this.#exited;
      clearTimeout(timer);
    }
    fs.rmSync(this.#dataDir, { recursive: true, force: true });
  }
}

/** Resident memory of a process in kB (VmRSS from /proc/<pid>/status). */
export function rssKb(pid: number): number {
  const line = fs
    .readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.replace(/\D+/g, '') ?? 0);
}
