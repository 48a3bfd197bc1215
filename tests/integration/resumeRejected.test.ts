/**
 * Resume tokens that must not work: forged, another participant's, presented with another
 * meeting's token, or after the grace period. Each is a normal new connection that gets
 * `resumeRejected` (never a refused handshake), and the kept peer is untouched until its grace
 * ends; then it leaves like any peer (peerLeft) and everything is freed. A short grace here.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTransports, publish } from '@/tests/support/callFlow';
import { MeetingFixture, joinMeeting } from '@/tests/support/meetingFixture';
import { idleLeftovers, workerLeftovers } from '@/tests/support/mediaDump';
import { inCall, reconnect, resumeTokenOf } from '@/tests/support/resumeFlow';
import { TestClient } from '@/tests/support/testClient';
import { IDLE, activity, getStats, startTestServer, type TestServer } from '@/tests/support/testServer';

let srv: TestServer;
let fx: MeetingFixture;

beforeAll(async () => {
  srv = await startTestServer({ workers: 1, env: { EMPTY_ROOM_TIMEOUT_S: '1', RESUME_GRACE_S: '1' } });
  fx = await MeetingFixture.create(srv);
});
afterAll(async () => {
  await srv?.close();
});
afterEach(async () => {
  fx.closeClients();
  await vi.waitFor(async () => expect(activity(await getStats(srv.url))).toEqual(IDLE), { timeout: 5_000 });
  expect(srv.server.resumes.size).toBe(0);
});

describe('resume refused, connection kept', () => {
  it('a forged token gets resumeRejected and a normal connection that can join', async () => {
    const m = await fx.ownedMeeting({ waitingRoom: false });
    const guest = await fx.guest(m.meetingId);
    const forged = await reconnect(fx, guest, randomBytes(32).toString('base64url'));
    expect(await forged.next('resumeRejected')).toEqual({ reason: 'unknown-token' });
    const joined = await joinMeeting(forged, m.meetingId, 'Fresh');
    expect(joined.resumeToken).toEqual(expect.any(String));
    // A malformed one too (too short for a token).
    const malformed = await reconnect(fx, guest, 'short');
    expect(await malformed.next('resumeRejected')).toEqual({ reason: 'malformed' });
  });

  it('another participant’s token, or one presented without its meeting token, resumes nothing', async () => {
    const m = await fx.ownedMeeting({ waitingRoom: false });
    const host = await inCall(fx, m.meetingId, 'Host', { role: 'host', participantId: m.owner.id });
    const victim = await inCall(fx, m.meetingId, 'Victim');
    const thief = await fx.guest(m.meetingId);
    victim.client.drop();
    expect((await host.client.next('peerConnection')).state).toBe('reconnecting');

    const stolen = resumeTokenOf(victim.joined);
    const asThief = await reconnect(fx, thief, stolen);
    expect(await asThief.next('resumeRejected')).toEqual({ reason: 'wrong-participant' });
    const anonymous = await TestClient.connect(srv.url, { auth: { resume: stolen } });
    fx.clients.push(anonymous);
    expect(await anonymous.next('resumeRejected')).toEqual({ reason: 'wrong-meeting' });
    // The victim's place is untouched (still reconnecting), and its own token still works.
    expect(host.client.all('peerConnection')).toHaveLength(1);
    const back = await reconnect(fx, victim, stolen);
    expect((await back.next('sessionResumed')).peerId).toBe(victim.peerId);
    expect(await host.client.next('peerConnection')).toEqual({ peerId: victim.peerId, state: 'connected' });
  });

  it('when the grace ends the peer leaves normally, its media is freed and its token is void', async () => {
    const m = await fx.ownedMeeting({ waitingRoom: false });
    const host = await inCall(fx, m.meetingId, 'Host', { role: 'host', participantId: m.owner.id });
    const guest = await inCall(fx, m.meetingId, 'Guest');
    const t = await openTransports(guest.client);
    const cam = await publish(guest.client, t.send, 'video', { ssrc: 5101 });
    guest.client.drop();
    expect((await host.client.next('peerConnection')).state).toBe('reconnecting');

    expect(await host.client.next('producerClosed')).toEqual({ producerId: cam, peerId: guest.peerId });
    expect(await host.client.next('peerLeft')).toMatchObject({ peerId: guest.peerId, userId: 'Guest' });
    expect(activity(await getStats(srv.url))).toMatchObject({ peers: 1, transports: 0, producers: 0 });
    const late = await reconnect(fx, guest, resumeTokenOf(guest.joined));
    expect(await late.next('resumeRejected')).toEqual({ reason: 'unknown-token' });

    host.client.close();
    await vi.waitFor(async () => expect(activity(await getStats(srv.url))).toEqual(IDLE), { timeout: 5_000 });
    await vi.waitFor(async () =>
      expect(await workerLeftovers(srv.server.pool)).toEqual(idleLeftovers(srv.server.pool)),
    );
    expect(srv.server.meetings.size).toBe(0);
  });

  it('a member removed by the host while away is gone at once, and cannot resume', async () => {
    const m = await fx.ownedMeeting({ waitingRoom: false });
    const host = await inCall(fx, m.meetingId, 'Host', { role: 'host', participantId: m.owner.id });
    const guest = await inCall(fx, m.meetingId, 'Guest');
    guest.client.drop();
    expect((await host.client.next('peerConnection')).state).toBe('reconnecting');
    await host.client.ok('removeParticipant', { peerId: guest.peerId });
    expect((await host.client.next('peerLeft')).peerId).toBe(guest.peerId);
    // Only the host still holds a resume token; nobody is kept for a resume.
    expect(srv.server.resumes.size).toBe(1);
    expect(srv.server.resumes.waiting).toBe(0);
    // The revoked meeting token is refused at the handshake, resume token or not.
    await expect(reconnect(fx, guest, resumeTokenOf(guest.joined))).rejects.toMatchObject({
      data: { code: 'REMOVED' },
    });
  });
});
