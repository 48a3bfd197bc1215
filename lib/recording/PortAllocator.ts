/**
 * Local UDP port pairs (even RTP port, RTCP on the next) on which ffmpeg listens for a segment's
 * streams. The operating system picks a free port; the pair is checked by binding both, and kept
 * reserved in this process until released, so two segments never get the same pair. Written here
 * rather than taken from a library: it is a few lines around node:dgram.
 */
import dgram from 'node:dgram';

const ATTEMPTS = 50;

export class PortAllocator {
  readonly #reserved = new Set<number>();
  readonly #host: string;

  constructor(host = '127.0.0.1') {
    this.#host = host;
  }

  /** An even port P with P and P + 1 free; release it when ffmpeg has exited. */
  async allocatePair(): Promise<number> {
    for (let i = 0; i < ATTEMPTS; i++) {
      const probe = await bindable(this.#host, 0);
      if (probe === null) continue;
      const rtp = probe % 2 === 0 ? probe : probe - 1;
      if (rtp < 1024 || this.#reserved.has(rtp)) continue;
      const [a, b] = await Promise.all([bindable(this.#host, rtp), bindable(this.#host, rtp + 1)]);
      if (a === null || b === null) continue;
      this.#reserved.add(rtp);
      return rtp;
    }
    throw new Error('no free local UDP port pair for the recording');
  }

  release(rtpPort: number): void {
    this.#reserved.delete(rtpPort);
  }

  get reserved(): number {
    return this.#reserved.size;
  }
}

/** Binds a UDP socket to the port (0: any) and frees it again; the port, or null if taken. */
function bindable(host: string, port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', () => {
      socket.close();
      resolve(null);
    });
    socket.bind(port, host, () => {
      const bound = socket.address().port;
      socket.close(() => resolve(bound));
    });
  });
}
