/**
 * One fuzz run against a fresh real server (media worker, Socket.IO, its own database):
 * `messages` generated messages in episodes of `episodeSize`, from a seed that reproduces them.
 */
import fc from 'fast-check';
import type { TestServer, TestServerOptions } from '@/tests/support/testServer';
import { FuzzRunner, type FuzzReport } from './FuzzRunner';
import { FuzzWorld } from './FuzzWorld';
import { createRoomBurstArb, messageArb } from './messages';

export interface FuzzOptions {
  messages: number;
  episodeSize?: number;
  seed?: number;
  /** startTestServer inside the test runner; startStandaloneServer in scripts. */
  startServer(opts: TestServerOptions): Promise<TestServer>;
  /** Called after each episode with the messages sent so far. */
  onProgress?(sent: number): void;
}

export async function runFuzz(opts: FuzzOptions): Promise<FuzzReport & { seed: number }> {
  const seed = opts.seed ?? Math.floor(Math.random() * 2 ** 31);
  const episodeSize = opts.episodeSize ?? 100;
  // Empty rooms (made by fuzzed createRoom calls) close after a second, and peers of connections
  // the server cut (oversized or unparsable messages) are kept for a resume only a second, so the
  // end check is quick. Recording is off: a fuzzed host would otherwise start ffmpeg encoders
  // that take the machine's CPU from the signaling under test (startRecording is still fuzzed:
  // it is validated, authorised and refused with a coded error; tests/integration/recording*
  // cover recordings themselves).
  const srv = await opts.startServer({
    workers: 1,
    env: { EMPTY_ROOM_TIMEOUT_S: '1', RESUME_GRACE_S: '1', MAX_RECORDINGS: '0' },
  });
  try {
    const world = await FuzzWorld.create(srv);
    const runner = new FuzzRunner(world);
    const episodes = Math.ceil(opts.messages / episodeSize);
    const episodeArb = fc.array(messageArb, { minLength: episodeSize, maxLength: episodeSize });
    let sent = 0;
    for (let i = 0; i < episodes; i++) {
      // Generated per episode (from seed + i), so a long run does not hold every payload at once.
      const [batch = []] = fc.sample(episodeArb, { numRuns: 1, seed: seed + i });
      const messages = batch.slice(0, opts.messages - sent);
      await runner.episode(messages);
      sent += messages.length;
      opts.onProgress?.(sent);
    }
    // One burst of new meetings from one socket, into the limits (its messages count on top).
    const [burst] = fc.sample(createRoomBurstArb, { numRuns: 1, seed });
    if (burst) await runner.episode(burst);
    return { ...(await runner.finish()), seed };
  } finally {
    await srv.close();
  }
}
