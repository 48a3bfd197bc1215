/**
 * A bench child process (a `.ts` entry run through tsx) that answers one IPC command at a time,
 * in order. The child sends `{ type: 'ready' }` once, then one reply per command; a reply of type
 * `error` rejects the request. Killed when the bench exits.
 */
import { fork, type ChildProcess } from 'node:child_process';

type Reply = { type: string; message?: string };

export class IpcChild<Command, R extends Reply> {
  readonly #child: ChildProcess;
  readonly #ready: Promise<void>;
  #waiting: Array<(r: R) => void> = [];

  constructor(entry: string) {
    this.#child = fork(entry, [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const kill = () => this.#child.kill('SIGKILL');
    process.once('exit', kill);
    this.#child.once('exit', () => process.off('exit', kill));
    this.#ready = new Promise((resolve, reject) => {
      this.#child.once('exit', (code) => reject(new Error(`${entry} exited (${code}) before it was ready`)));
      this.#waiting.push(() => resolve());
    });
    this.#child.on('message', (reply: R) => this.#waiting.shift()?.(reply));
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  async request(cmd: Command): Promise<R> {
    await this.#ready;
    const reply = await new Promise<R>((resolve) => {
      this.#waiting.push(resolve);
      this.#child.send(cmd as object);
    });
    if (reply.type === 'error') throw new Error(`child process: ${reply.message ?? 'failed'}`);
    return reply;
  }

  kill(): void {
    this.#child.kill('SIGKILL');
  }
}
