/** Starting a recording from a test client: the server answers once the first frames are written. */
import type { Ack, RecordingResults } from '@/lib/protocol';
import type { TestClient } from './testClient';

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
