/**
 * Where the bare baseline's consumers send: a UDP port that is bound but never read. A Node
 * socket would read (and pay for) every datagram; a small python3 process that binds and then
 * waits costs nothing, and the kernel silently drops what overflows its buffer. The worker's
 * sends succeed either way, as they do towards a real receiver.
 */
import { spawn } from 'node:child_process';

export interface UdpSink {
  port: number;
  close(): void;
}

const SCRIPT = [
  'import socket, sys',
  's = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)',
  "s.bind(('127.0.0.1', 0))",
  'print(s.getsockname()[1], flush=True)',
  'sys.stdin.read()',
].join('\n');

export function startUdpSink(): Promise<UdpSink> {
  const child = spawn('python3', ['-c', SCRIPT], { stdio: ['pipe', 'pipe', 'inherit'] });
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', (d: Buffer) =>
      resolve({
        port: Number(d.toString().trim()),
        close: () => {
          process.off('exit', kill);
          kill();
        },
      }),
    );
  });
}
