/**
 * Recording limits and shutdown, each on a server of its own: MAX_RECORDINGS at once, the free
 * disk check, and a server shut down mid-recording that still leaves a playable file.
 */
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getRecording } from '@/lib/db/recordings';
import { ErrorCode } from '@/lib/protocol';
import { decodeErrors, probeFile } from '@/tests/support/mediaChecks';
import { MeetingFixture, joinMeeting } from '@/tests/support/meetingFixture';
import { finishedRecording, startRecording } from '@/tests/support/recordingClient';
import { sendTestMedia, type TestMedia } from '@/tests/support/rtpSender';
import { startTestServer, type TestServer } from '@/tests/support/testServer';

let srv: TestServer | undefined;
let fx: MeetingFixture | undefined;
const media: TestMedia[] = [];
afterEach(async () => {
  for (const m of media.splice(0)) m.stop();
  fx?.closeClients();
  await srv?.close();
  srv = undefined;
});

async function server(env: Record<string, string>) {
  srv = await startTestServer({ workers: 1, env });
  fx = await MeetingFixture.create(srv);
  return { srv, fx };
}

async function hostIn(f: MeetingFixture) {
  const m = await f.ownedMeeting({ waitingRoom: false });
  const host = await f.host(m);
  const { peerId } = await joinMeeting(host.client, m.meetingId, 'Host');
  return { m, host, peerId };
}

async function refused(client: Awaited<ReturnType<typeof hostIn>>['host']['client']) {
  const ack = await client.request('startRecording', {});
  if (ack.ok) throw new Error('startRecording was expected to be refused');
  return ack.error;
}

/** Test camera and microphone for the peer, flowing before the recording starts. */
async function mediaOf(s: TestServer, meetingId: string, peerId: string): Promise<void> {
  const room = s.server.registry.get(meetingId)!;
  const sender = await sendTestMedia(room, room.peers.get(peerId)!);
  media.push(sender);
  await vi.waitFor(() => expect(sender.video?.score.some((x) => x.score > 0)).toBe(true), {
    timeout: 10_000,
  });
}

describe('recording limits', () => {
  it('runs at most MAX_RECORDINGS at once; another may start once one stops', async () => {
    const { fx } = await server({ MAX_RECORDINGS: '1' });
    const a = await hostIn(fx);
    const b = await hostIn(fx);
    await startRecording(a.host.client);
    expect(await refused(b.host.client)).toMatchObject({
      code: ErrorCode.LIMIT_REACHED,
      message: expect.stringMatching(/already making 1 recordings/),
    });
    await a.host.client.ok('stopRecording', {});
    await startRecording(b.host.client);
    await b.host.client.ok('stopRecording', {});
  }, 30_000);

  it('refuses to start without enough free disk, saying so, and records nothing', async () => {
    const { srv, fx } = await server({ RECORDING_MIN_FREE_MB: String(1024 * 1024 * 1024) });
    const a = await hostIn(fx);
    expect(await refused(a.host.client)).toMatchObject({
      code: ErrorCode.LIMIT_REACHED,
      message: expect.stringMatching(/not enough free disk space/),
    });
    expect(srv.server.recordings.active).toBe(0);
  });

  it('stops by itself at MAX_RECORDING_MINUTES, telling everyone why, and keeps a playable file', async () => {
    // 0.1 minutes: 6 s.
    const { srv, fx } = await server({ MAX_RECORDING_MINUTES: '0.1' });
    const { m, host, peerId } = await hostIn(fx);
    const guest = await fx.guest(m.meetingId);
    await joinMeeting(guest.client, m.meetingId, 'Guest');
    await mediaOf(srv, m.meetingId, peerId);
    const { recordingId } = await startRecording(host.client);
    const startedAt = Date.now();
    expect(await guest.client.next('recordingChanged')).toMatchObject({ recording: true });
    expect(await guest.client.next('recordingChanged', 20_000)).toMatchObject({
      recording: false,
      reason: 'time-limit',
    });
    const ranS = (Date.now() - startedAt) / 1000;
    expect(ranS).toBeGreaterThan(5);
    const row = await finishedRecording(srv, recordingId);
    const info = probeFile(path.join(srv.config.recording.dir, row.storageKey));
    expect(info.durationS).toBeGreaterThan(4);
    expect(info.durationS).toBeLessThan(8);
    // The meeting goes on, and the host may record again.
    expect(srv.server.recordings.active).toBe(0);
    await startRecording(host.client);
    await host.client.ok('stopRecording', {});
  }, 60_000);

  it('turns recording off with MAX_RECORDINGS=0', async () => {
    const { fx } = await server({ MAX_RECORDINGS: '0' });
    const a = await hostIn(fx);
    expect(await refused(a.host.client)).toMatchObject({ code: ErrorCode.LIMIT_REACHED });
  });
});

describe('server shutdown', () => {
  it('finishes the recording into a playable file when the server stops mid-recording', async () => {
    const { srv, fx } = await server({});
    const { m, host, peerId } = await hostIn(fx);
    await mediaOf(srv, m.meetingId, peerId);
    const { recordingId } = await startRecording(host.client);
    expect(await host.client.next('recordingChanged')).toMatchObject({ recording: true });
    await new Promise((r) => setTimeout(r, 5_000));
    const told = host.client.next('recordingChanged');
    await srv.server.close();
    expect(await told).toMatchObject({ recording: false, reason: 'server-shutdown' });
    const row = await getRecording(srv.database.db, recordingId);
    expect(row?.state, row?.error ?? '').toBe('ready');
    const file = path.join(srv.config.recording.dir, row!.storageKey);
    const info = probeFile(file);
    expect(info.streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video']);
    expect(info.durationS).toBeGreaterThan(3);
    expect(info.durationS).toBeLessThan(7);
    expect(decodeErrors(file)).toBe('');
  }, 60_000);
});
