/**
 * Signaling-only participants in a process of their own (started by bench/joins.ts), so the
 * clients' own work (HTTP, Socket.IO, JSON) is spread over processes and does not cap the rate
 * the server is measured at. Each join is what a browser does to enter: POST the token route →
 * Socket.IO handshake with the token → createRoom → joinRoom → createTransport recv. Joined
 * clients stay connected (idle) until `close`. Commands arrive over IPC.
 */
import { clientRtpCapabilities } from '@/tests/support/fakeMedia';
import { TestClient } from '@/tests/support/testClient';
import type { JoinerCommand, JoinerReply, JoinPhases } from './joinerMessages';

const clients: TestClient[] = [];

function send(reply: JoinerReply): void {
  process.send?.(reply);
}

async function joinOnce(url: string, meetingId: string, userId: string, phases: JoinPhases): Promise<void> {
  let t = performance.now();
  const lap = (phase: keyof JoinPhases) => {
    const now = performance.now();
    phases[phase] += now - t;
    t = now;
  };
  const res = await fetch(`${url}/api/meetings/${meetingId}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  if (!res.ok) throw new Error(`token route answered ${res.status}`);
  const { token } = (await res.json()) as { token: string };
  lap('token');
  const client = await TestClient.connect(url, { auth: { token, meetingId } });
  lap('connect');
  try {
    const { rtpCapabilities } = await client.ok('createRoom', { callId: meetingId });
    await client.ok('joinRoom', {
      callId: meetingId,
      userId,
      rtpCapabilities: clientRtpCapabilities(rtpCapabilities),
    });
    lap('join');
    await client.ok('createTransport', { direction: 'recv' });
    lap('transport');
    clients.push(client);
  } catch (err) {
    client.close();
    throw err;
  }
}

process.on('message', (cmd: JoinerCommand) => {
  const run = async (): Promise<JoinerReply> => {
    if (cmd.type === 'close') {
      for (const c of clients.splice(0)) c.close();
      return { type: 'closed' };
    }
    const phases: JoinPhases = { token: 0, connect: 0, join: 0, transport: 0 };
    const errors: string[] = [];
    let next = 0;
    const lane = async () => {
      while (next < cmd.joins.length) {
        const j = cmd.joins[next++]!;
        await joinOnce(cmd.url, j.meetingId, j.userId, phases).catch((err: Error) =>
          errors.push(err.message),
        );
      }
    };
    await Promise.all(Array.from({ length: cmd.concurrency }, lane));
    return { type: 'joined', joined: cmd.joins.length - errors.length, errors: errors.slice(0, 3), phases };
  };
  run().then(send, (err: unknown) =>
    send({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
  );
});

process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
