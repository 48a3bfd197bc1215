/**
 * One ffmpeg child process: started with an argument list (never a shell), followed through its
 * `-progress` output, stopped cleanly by sending `q` on stdin (ffmpeg then finishes the file),
 * with SIGINT and SIGKILL as fallbacks. close() is idempotent.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import type { Readable, Writable } from 'node:stream';

export interface FfmpegExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the program could not be started at all (e.g. ffmpeg is not installed). */
  error?: Error;
}

type FfmpegEvents = { progress: [frames: number, outTimeUs: number]; exit: [FfmpegExit] };

const STDERR_LINES = 30;
const CLOCK_TICKS = 100;

export class FfmpegProcess extends EventEmitter<FfmpegEvents> {
  readonly #child: ChildProcessByStdio<Writable, Readable, Readable>;
  readonly exited: Promise<FfmpegExit>;
  readonly startedAt = Date.now();
  #frames = 0;
  #outTimeUs = 0;
  #lastProgressAt = Date.now();
  #exit: FfmpegExit | null = null;
  readonly #stderr: string[] = [];
  #stopping: Promise<FfmpegExit> | null = null;

  constructor(program: string, args: readonly string[]) {
    super();
    this.#child = spawn(program, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.exited = new Promise<FfmpegExit>((resolve) => {
      const done = (exit: FfmpegExit) => {
        if (this.#exit) return;
        this.#exit = exit;
        resolve(exit);
        this.emit('exit', exit);
      };
      this.#child.once('error', (error) => done({ code: null, signal: null, error }));
      this.#child.once('close', (code, signal) => done({ code, signal }));
    });
    // A write to a process that has gone fails with EPIPE: the exit is what matters then.
    this.#child.stdin.on('error', () => undefined);
    let pending = '';
    this.#child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) this.#progressLine(line);
    });
    let errPending = '';
    this.#child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      errPending += chunk;
      const lines = errPending.split('\n');
      errPending = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) this.#stderr.push(line.trim());
      this.#stderr.splice(0, Math.max(0, this.#stderr.length - STDERR_LINES));
    });
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** Video frames written so far. */
  get frames(): number {
    return this.#frames;
  }

  /** Media time written so far, in microseconds. */
  get outTimeUs(): number {
    return this.#outTimeUs;
  }

  /** When the written media last moved forward (epoch ms). */
  get lastProgressAt(): number {
    return this.#lastProgressAt;
  }

  get running(): boolean {
    return this.#exit === null;
  }

  /** The last lines ffmpeg wrote to stderr (warnings and errors), for logs. */
  get stderrTail(): string[] {
    return [...this.#stderr];
  }

  /** CPU time this process has used so far, in seconds (Linux; null elsewhere or once gone). */
  cpuSeconds(): number | null {
    const pid = this.#child.pid;
    if (pid === undefined || this.#exit) return null;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name (which may contain spaces) start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    } catch {
      return null;
    }
  }

  /** Asks ffmpeg to finish the file and exit; forces it after `graceMs`. Idempotent. */
  stop(graceMs = 5_000): Promise<FfmpegExit> {
    this.#stopping ??= (async () => {
      if (this.#exit) return this.#exit;
      this.#child.stdin.end('q');
      const first = await Promise.race([this.exited, sleep(graceMs)]);
      if (first) return first;
      this.#child.kill('SIGINT');
      const second = await Promise.race([this.exited, sleep(graceMs / 2)]);
      if (second) return second;
      this.#child.kill('SIGKILL');
      return this.exited;
    })();
    return this.#stopping;
  }

  /** Ends the process at once (the output may be cut short). */
  kill(): void {
    if (!this.#exit) this.#child.kill('SIGKILL');
  }

  #progressLine(line: string): void {
    const eq = line.indexOf('=');
    if (eq < 0) return;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (key === 'frame') {
      const frames = Number(value);
      if (Number.isFinite(frames) && frames > this.#frames) {
        this.#frames = frames;
        this.#lastProgressAt = Date.now();
      }
    } else if (key === 'out_time_us') {
      const us = Number(value);
      if (Number.isFinite(us) && us > 0) this.#outTimeUs = us;
    } else if (key === 'progress') {
      this.emit('progress', this.#frames, this.#outTimeUs);
    }
  }
}

function sleep(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms).unref());
}
