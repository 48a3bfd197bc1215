/**
 * Session resume after a signaling drop (real Socket.IO, real mediasoup): the peer and its media
 * stay on the server while the socket is gone, the others see it reconnecting (never a leave), and
 * a reconnect with the resume token gets the same peer back with a snapshot of what it missed.
 * Also: one peer per participant, and restartIce on the caller's own transports only.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { listAttendance } from '@/lib/db/attendance';
import { ErrorCode } from '@/lib/protocol';
import { openTransports, publish } from '@/tests/support/callFlow';
import { MeetingFixture } from '@/tests/support/meetingFixture';
import { inCall, reconnect, resumeTokenOf } from '@/tests/support/resumeFlow';
import { IDLE, activity, getStats, startTestServer, type TestServer } from '@/tests/support/testServer';

let srv: TestServer;
let fx: MeetingFixture;

beforeAll(async () => {
  // The default grace (30 s): every test here ends with its peers resumed or gone on purpose.
  srv = await startTestServer({ workers: 1, env: { EMPTY_ROOM_TIMEOUT_S: '1' } });
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

describe('a dropped socket is resumed', () => {
  it('keeps the peer and its media, shows it reconnecting, and resumes it with what it missed', async () => {
    const m = await fx.ownedMeeting({ waitingRoom: false });
    const host = await inCall(fx, m.meetingId, 'Host', { role: 'host', participantId: m.owner.id });
    const guest = await inCall(fx, m.meetingId, 'Guest');
    expect(guest.joined.resumeGraceS).toBe(30);
    expect(guest.joined.ice).toEqual({ iceServers: [], expiresAt: null, refreshAt: null });
    const guestT = await openTransports(guest.client);
    const hostT = await openTransports(host.client);
    const mic = await publish(guest.client, guestT.send, 'audio', { ssrc: 4101 });
    const cam = await publish(guest.client, guestT.send, 'video', { ssrc: 4102 });
    const consumer = await host.client.ok('consume', { transportId: hostT.recv, producerId: cam });
    await host.client.ok('resumeConsumer', { consumerId: consumer.id });
    const held = activity(await getStats(srv.url));
    expect(held).toMatchObject({ peers: 2, transports: 4, producers: 2, consumers: 1 });
    const attendance = await listAttendance(srv.database.db, m.meetingId);
    expect(attendance).toHaveLength(2);

    guest.client.drop();
    expect(await host.client.next('peerConnection')).toEqual({ peerId: guest.peerId, state: 'reconnecting' });
    // Media stays up: nothing of the guest was freed, the host's consumer is still there.
    expect(activity(await getStats(srv.url))).toEqual(held);
    expect(srv.server.resumes.waiting).toBe(1);

    // What happens meanwhile: a chat message, a raised hand, a late joiner who sees the badge.
    const { message } = await host.client.ok('sendChat', { text: 'while you were away' });
    await host.client.ok('raiseHand', { raised: true });
    const late = await inCall(fx, m.meetingId, 'Late');
    expect(late.joined.peers.find((p) => p.peerId === guest.peerId)).toMatchObject({ reconnecting: true });

    const back = await reconnect(fx, guest, resumeTokenOf(guest.joined));
    const snapshot = await back.next('sessionResumed');
    expect(back.received[0]?.event).toBe('sessionResumed');
    expect(snapshot.peerId).toBe(guest.peerId);
    expect(snapshot.resumeToken).not.toBe(guest.joined.resumeToken);
    expect(snapshot.resumeGraceS).toBe(30);
    expect(snapshot.chat.map((c) => c.id)).toContain(message.id);
    expect(snapshot.peers.map((p) => p.peerId).sort()).toEqual([host.peerId, late.peerId].sort());
    expect(snapshot.peers.find((p) => p.peerId === host.peerId)).toMatchObject({ handRaised: true });
    expect(snapshot.self).toEqual({ participantId: guest.participantId, role: 'guest', handRaised: false });
    expect(snapshot.own?.transportIds.sort()).toEqual([guestT.send, guestT.recv].sort());
    expect(snapshot.own?.producers.map((p) => p.producerId).sort()).toEqual([mic, cam].sort());
    expect(snapshot.meeting).toMatchObject({ hosted: true, locked: false });

    expect(await host.client.next('peerConnection')).toEqual({ peerId: guest.peerId, state: 'connected' });
    expect(host.client.all('peerLeft')).toEqual([]);
    expect(late.client.all('peerJoined')).toEqual([]);
    expect(activity(await getStats(srv.url))).toMatchObject({ peers: 3, producers: 2, consumers: 1 });

    // The resumed socket is the same peer: its requests act on the kept media.
    await back.ok('pauseProducer', { producerId: mic });
    expect(await host.client.next('producerPaused')).toEqual({ producerId: mic, peerId: guest.peerId });
    await back.ok('sendChat', { text: 'I am back' });
    expect((await host.client.next('chatMessage')).text).toBe('I am back');
    // No new attendance row for a resume.
    expect(await listAttendance(srv.database.db, m.meetingId)).toHaveLength(3);

    // The used token is void: a second try is a normal new connection, and changes nothing.
    const again = await reconnect(fx, guest, resumeTokenOf(guest.joined));
    expect(await again.next('resumeRejected')).toEqual({ reason: 'unknown-token' });
    expect(again.received).toHaveLength(1);
    expect(back.socket.connected).toBe(true);
    expect((await getStats(srv.url)).peers).toBe(3);
  });

  it('a resume before the server noticed the old socket died takes the peer over', async () => {
    const m = await fx.ownedMeeting({ waitingRoom: false });
    const host = await inCall(fx, m.meetingId, 'Host', { role: 'host', participantId: m.owner.id });
    const guest = await inCall(fx, m.meetingId, 'Guest');

    const joinsSeen = host.client.all('peerJoined').length;
    const back = await reconnect(fx, guest, resumeTokenOf(guest.joined));
    expect((await back.next('sessionResumed')).peerId).toBe(guest.peerId);
    // The stale socket is cut without a notice; the others see no leave and no join.
    await guest.client.disconnected();
    expect(guest.client.all('sessionReplaced')).toEqual([]);
    await back.ok('raiseHand', { raised: true });
    expect(await host.client.next('handRaised')).toEqual({ peerId: guest.peerId, raised: true });
    expect(host.client.all('peerLeft')).toEqual([]);
    expect(host.client.all('peerJoined')).toHaveLength(joinsSeen);
    expect((await getStats(srv.url)).peers).toBe(2);
  });

  it('a second join of the same participant without resume replaces the first peer', async () => {
    const m = await fx.ownedMeeting({ waitingRoom: false });
    const host = await inCall(fx, m.meetingId, 'Host', { role: 'host', participantId: m.owner.id });
    const guest = await inCall(fx, m.meetingId, 'Guest');
    // Dropped, then the same participant joins from scratch (say, the page was reloaded).
    guest.client.drop();
    await host.client.next('peerConnection');
    const reloaded = await inCall(fx, m.meetingId, 'Guest', { participantId: guest.participantId });

    expect((await host.client.next('peerLeft')).peerId).toBe(guest.peerId);
    const stats = await getStats(srv.url);
    expect(stats.peers).toBe(2);
    const room = srv.server.registry.get(m.meetingId);
    const theirs = [...(room?.peers.values() ?? [])].filter((p) => p.participantId === guest.participantId);
    expect(theirs.map((p) => p.id)).toEqual([reloaded.peerId]);
    expect(srv.server.resumes.waiting).toBe(0);
    // The old token died with the old peer.
    const stale = await reconnect(fx, guest, resumeTokenOf(guest.joined));
    expect((await stale.next('resumeRejected')).reason).toBe('unknown-token');
  });
});

describe('restartIce', () => {
  it('gives new ICE parameters for the caller’s own transport, NOT_FOUND for anyone else’s', async () => {
    const m = await fx.ownedMeeting({ waitingRoom: false });
    const alice = await inCall(fx, m.meetingId, 'Alice');
    const bob = await inCall(fx, m.meetingId, 'Bob');
    const own = await alice.client.ok('createTransport', { direction: 'send' });
    const theirs = await bob.client.ok('createTransport', { direction: 'recv' });

    const { iceParameters } = await alice.client.ok('restartIce', { transportId: own.id });
    expect(iceParameters.usernameFragment).not.toBe(own.iceParameters.usernameFragment);
    expect(iceParameters.password).not.toBe(own.iceParameters.password);
    expect(await alice.client.refused('restartIce', { transportId: theirs.id })).toBe(ErrorCode.NOT_FOUND);
    const dump = await srv.server.registry.get(m.meetingId)?.router.dump();
    expect(dump?.transportIds.sort()).toEqual([own.id, theirs.id].sort());
  });
});
