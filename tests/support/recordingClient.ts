/**
 * Recordings from tests: starting one from a test client (the server answers once the first
 * frames are written) and waiting for its row to be finished.
 */
import path from 'node:path';
import { expect, vi } from 'vitest';
import { getRecording, type Recording } from '@/lib/db/recordings';
import type { Ack, RecordingResults } from '@/lib/protocol';
import type { TestClient } from './testClient';
import type { TestServer } from './testServer';

/** Longer than other requests: ffmpeg must start and the first keyframes arrive (slow under load). */
const START_TIMEOUT_MS = 20_000;

type Emitter = { timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> } };

export async function startRecording(client: TestClient): Promise<RecordingResults['startRecording']> {
  const ack = (await (client.socket as unknown as Emitter)
    .timeout(START_TIMEOUT_MS)
    .emitWithAck('startRecording', {})) as Ack<RecordingResults['startRecording']>;
  if (!ack.ok) throw new Error(`startRecording refused: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}

/** The recording's row once finished, which must be `ready`, with the path of its file. */
export async function finishedRecording(srv: TestServer, id: string): Promise<Recording & { file: string }> {
  let row: Recording | null = null;
  await vi.waitFor(
    async () => {
      row = await getRecording(srv.database.db, id);
      expect(row?.state).toMatch(/ready|failed/);
    },
    { timeout: 30_000, interval: 250 },
  );
  const done = row as unknown as Recording;
  expect(done.state, done.error ?? '').toBe('ready');
  return { ...done, file: path.join(srv.config.recording.dir, done.storageKey) };
}
