/**
 * Drain before a restart: new meetings are refused (DRAINING) while running calls go on, /health
 * says draining (503), and the server closes when the last peer has left or at the deadline,
 * telling every client it restarts. Without a drain, close() tells them at once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '@/lib/protocol';
import { openTransports, publish } from '@/tests/support/callFlow';
import { MeetingFixture, joinMeeting, joinRefused } from '@/tests/support/meetingFixture';
import { inCall } from '@/tests/support/resumeFlow';
import { fetchJson, startTestServer, type TestServer } from '@/tests/support/testServer';

const servers: TestServer[] = [];

afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function server(): Promise<{ srv: TestServer; fx: MeetingFixture }> {
  const srv = await startTestServer({ workers: 1, env: { EMPTY_ROOM_TIMEOUT_S: '1' } });
  servers.push(srv);
  return { srv, fx: await MeetingFixture.create(srv) };
}

const DRAINING_MESSAGE =
  'This server is restarting soon and is not starting new meetings. Try again in a minute.';

describe('drain', () => {
  it('refuses new meetings, keeps running calls working, and closes when the last peer leaves', async () => {
    const { srv, fx } = await server();
    const m = await fx.ownedMeeting({ waitingRoom: false });
    const host = await inCall(fx, m.meetingId, 'Host', { role: 'host', participantId: m.owner.id });
    const guest = await inCall(fx, m.meetingId, 'Guest');
    const hostT = await openTransports(host.client);
    const guestT = await openTransports(guest.client);
    const bystander = await fx.connect();

    let closed = false;
    const drained = srv.server.drain(60_000).then(() => {
      closed = true;
    });
    expect(srv.server.draining).toBe(true);
    const health = await fetchJson<{ status: string; draining: boolean }>(`${srv.url}/health`);
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'draining', draining: true });

    // A new meeting: refused, with a message that says what to do.
    const other = await fx.ownedMeeting({ waitingRoom: false });
    const newcomer = await fx.guest(other.meetingId);
    const refusal = await newcomer.client.request('createRoom', { callId: other.meetingId });
    expect(refusal).toEqual({ ok: false, error: { code: ErrorCode.DRAINING, message: DRAINING_MESSAGE } });
    expect(await joinRefused(bystander, 'open-during-drain', 'Anyone')).toBe(ErrorCode.DRAINING);

    // The running call goes on: media, chat, and even someone else joining it.
    const cam = await publish(guest.client, guestT.send, 'video', { ssrc: 6101 });
    const consumer = await host.client.ok('consume', { transportId: hostT.recv, producerId: cam });
    await host.client.ok('resumeConsumer', { consumerId: consumer.id });
    await guest.client.ok('sendChat', { text: 'still here' });
    expect((await host.client.next('chatMessage')).text).toBe('still here');
    const late = await fx.guest(m.meetingId);
    await joinMeeting(late.client, m.meetingId, 'Late');
    expect(closed).toBe(false);

    for (const p of [host.client, guest.client, late.client]) await p.ok('leaveRoom', {});
    await drained;
    expect(closed).toBe(true);
    expect(await bystander.next('serverRestarting')).toEqual({ afterMs: expect.any(Number) });
    await bystander.disconnected();
    expect(srv.server.registry.size).toBe(0);
  });

  it('closes at the deadline with people still in a call: they are told the server restarts', async () => {
    const { srv, fx } = await server();
    const m = await fx.ownedMeeting({ waitingRoom: false });
    const guest = await inCall(fx, m.meetingId, 'Guest');
    await srv.server.drain(200);
    const restart = await guest.client.next('serverRestarting');
    expect(restart.afterMs).toBeGreaterThan(0);
    expect(await guest.client.next('roomClosed')).toEqual({ callId: m.meetingId, reason: 'server-shutdown' });
    await guest.client.disconnected();
    expect(srv.server.resumes.size).toBe(0);
  });

  it('without a drain, close() tells everyone at once; peers kept for a resume are freed too', async () => {
    const { srv, fx } = await server();
    const m = await fx.ownedMeeting({ waitingRoom: false });
    const host = await inCall(fx, m.meetingId, 'Host', { role: 'host', participantId: m.owner.id });
    const guest = await inCall(fx, m.meetingId, 'Guest');
    guest.client.drop();
    expect((await host.client.next('peerConnection')).state).toBe('reconnecting');
    await srv.server.close();
    expect(host.client.received.map((r) => r.event)).toEqual(
      expect.arrayContaining(['serverRestarting', 'roomClosed']),
    );
    const events = host.client.received.map((r) => r.event);
    expect(events.indexOf('serverRestarting')).toBeLessThan(events.indexOf('roomClosed'));
    expect(srv.server.resumes.size).toBe(0);
    expect(srv.server.meetings.size).toBe(0);
  });
});
