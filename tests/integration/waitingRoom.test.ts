/**
 * The waiting room of an owned meeting: guests wait (WAITING_ROOM) and can do nothing in the call
 * meanwhile, hosts and co-hosts see who waits (lobbyChanged, and the joinRoom ack's `lobby` for
 * one who arrives later), admit → `admitted` then a successful joinRoom, deny → `denied` and the
 * connection is closed, admitAll, and a guest who gives up disappears from the lobby.
 */
import { describe, expect, it, vi } from 'vitest';
import { ErrorCode, type LobbyEntry, type RequestName } from '@/lib/protocol';
import { clientRtpCapabilities, fakeDtlsParameters, opusRtpParameters } from '@/tests/support/fakeMedia';
import {
  joinMeeting,
  joinRefused,
  publishMicAndCamera,
  roundTrip,
  type OwnedMeeting,
  type Participant,
} from '@/tests/support/meetingFixture';
import type { TestClient } from '@/tests/support/testClient';
import { meetingSuite } from '@/tests/support/meetingSuite';
import { getStats } from '@/tests/support/testServer';

const suite = meetingSuite();

/** Waits for the lobbyChanged whose list has exactly these participants (in this order). */
async function lobbyBecomes(moderator: TestClient, ids: string[]): Promise<LobbyEntry[]> {
  for (;;) {
    const { waiting } = await moderator.next('lobbyChanged');
    if (waiting.map((w) => w.participantId).join() === ids.join()) return waiting;
  }
}

async function hostInCall(m: OwnedMeeting): Promise<Participant & { peerId: string }> {
  const host = await suite.fx.host(m);
  const joined = await joinMeeting(host.client, m.meetingId, 'Host');
  expect(joined.lobby).toEqual([]);
  return { ...host, peerId: joined.peerId };
}

describe('waiting', () => {
  it('a guest gets WAITING_ROOM and the host is told who waits', async () => {
    const m = await suite.fx.ownedMeeting();
    const host = await hostInCall(m);
    const guest = await suite.fx.guest(m.meetingId);
    const before = Date.now();
    expect(await joinRefused(guest.client, m.meetingId, 'Gwen')).toBe(ErrorCode.WAITING_ROOM);
    const waiting = await lobbyBecomes(host.client, [guest.participantId]);
    expect(waiting).toEqual([
      { participantId: guest.participantId, displayName: 'Gwen', since: expect.any(Number) },
    ]);
    expect(waiting[0]!.since).toBeGreaterThanOrEqual(before - 1000);

    // Asking again keeps one entry and the original place in the queue.
    expect(await joinRefused(guest.client, m.meetingId, 'Gwen')).toBe(ErrorCode.WAITING_ROOM);
    expect(await lobbyBecomes(host.client, [guest.participantId])).toEqual(waiting);
  });

  it('a waiting guest can do nothing in the call and hears nothing from it', async () => {
    const m = await suite.fx.ownedMeeting();
    const host = await hostInCall(m);
    const hostMedia = await publishMicAndCamera(host.client);
    const guest = await suite.fx.guest(m.meetingId);
    expect(await joinRefused(guest.client, m.meetingId, 'Gwen')).toBe(ErrorCode.WAITING_ROOM);
    const { rtpCapabilities } = await host.client.ok('createRoom', { callId: m.meetingId });

    const attempts: Array<[RequestName, unknown]> = [
      ['createTransport', { direction: 'send' }],
      ['createTransport', { direction: 'recv' }],
      ['connectTransport', { transportId: hostMedia.send, dtlsParameters: fakeDtlsParameters('client', 5) }],
      ['produce', { transportId: hostMedia.send, kind: 'audio', rtpParameters: opusRtpParameters(5555) }],
      [
        'consume',
        {
          transportId: hostMedia.recv,
          producerId: hostMedia.camera,
          rtpCapabilities: clientRtpCapabilities(rtpCapabilities),
        },
      ],
      ['getProducers', { callId: m.meetingId }],
      ['sendChat', { text: 'let me in' }],
      ['raiseHand', { raised: true }],
      ['sendReaction', { emoji: '👍' }],
      ['pauseProducer', { producerId: hostMedia.mic }],
    ];
    for (const [event, payload] of attempts) {
      expect(await guest.client.raw(event, payload), event).toMatchObject({
        ok: false,
        error: { code: ErrorCode.NOT_JOINED },
      });
    }

    // Life goes on in the call: none of it reaches the waiting guest.
    const cohost = await suite.fx.participant(m.meetingId, 'cohost');
    await joinMeeting(cohost.client, m.meetingId, 'Co-host');
    await host.client.ok('sendChat', { text: 'hello everyone' });
    await host.client.ok('raiseHand', { raised: true });
    await host.client.ok('sendReaction', { emoji: '🎉' });
    await host.client.ok('pauseProducer', { producerId: hostMedia.mic });
    await host.client.ok('setMeetingLocked', { locked: true });
    await host.client.ok('setMeetingLocked', { locked: false });
    await roundTrip(guest.client);
    // Only whether someone can let them in (a host was there all along).
    expect(guest.client.received).toEqual([
      { event: 'waitingStatus', payload: { callId: m.meetingId, hostPresent: true } },
    ]);
    // Nothing was created for it either.
    const stats = await getStats(suite.srv.url);
    expect(stats.peers).toBe(2);
    expect(stats.transports).toBe(2);
  });

  it('a host who arrives later finds the waiting guests in the joinRoom ack', async () => {
    const m = await suite.fx.ownedMeeting();
    const first = await suite.fx.guest(m.meetingId);
    const second = await suite.fx.guest(m.meetingId);
    expect(await joinRefused(first.client, m.meetingId, 'First')).toBe(ErrorCode.WAITING_ROOM);
    expect(await joinRefused(second.client, m.meetingId, 'Second')).toBe(ErrorCode.WAITING_ROOM);

    const host = await suite.fx.host(m);
    const joined = await joinMeeting(host.client, m.meetingId, 'Host');
    expect(joined.lobby.map((w) => [w.participantId, w.displayName])).toEqual([
      [first.participantId, 'First'],
      [second.participantId, 'Second'],
    ]);
    expect(joined.peers).toEqual([]); // waiting guests are not in the call
  });

  it('guests never see the lobby', async () => {
    const m = await suite.fx.ownedMeeting({ waitingRoom: false });
    const waitingMeeting = await suite.fx.ownedMeeting();
    await hostInCall(m);
    const guest = await suite.fx.guest(m.meetingId);
    expect((await joinMeeting(guest.client, m.meetingId, 'Gus')).lobby).toEqual([]);
    // Someone waits in another meeting: still nothing for this guest.
    const elsewhere = await suite.fx.guest(waitingMeeting.meetingId);
    expect(await joinRefused(elsewhere.client, waitingMeeting.meetingId, 'Else')).toBe(
      ErrorCode.WAITING_ROOM,
    );
    await roundTrip(guest.client);
    expect(guest.client.all('lobbyChanged')).toEqual([]);
  });

  it('without a waiting room, guests with a token walk straight in', async () => {
    const m = await suite.fx.ownedMeeting({ waitingRoom: false });
    const guest = await suite.fx.guest(m.meetingId);
    const joined = await joinMeeting(guest.client, m.meetingId, 'Gus');
    expect(joined.meeting).toMatchObject({ hosted: true, waitingRoom: false });
  });
});

describe('admitting and denying', () => {
  it('admit → `admitted`, then joinRoom succeeds; the lobby empties', async () => {
    const m = await suite.fx.ownedMeeting();
    const host = await hostInCall(m);
    const guest = await suite.fx.guest(m.meetingId);
    expect(await joinRefused(guest.client, m.meetingId, 'Gwen')).toBe(ErrorCode.WAITING_ROOM);
    await lobbyBecomes(host.client, [guest.participantId]);

    await host.client.ok('admit', { participantId: guest.participantId });
    expect(await guest.client.next('admitted')).toEqual({ callId: m.meetingId });
    await lobbyBecomes(host.client, []);
    const joined = await joinMeeting(guest.client, m.meetingId, 'Gwen');
    expect(joined.self).toEqual({ participantId: guest.participantId, role: 'guest' });
    expect(joined.peers).toEqual([expect.objectContaining({ peerId: host.peerId, role: 'host' })]);
    expect(await host.client.next('peerJoined')).toMatchObject({ peerId: joined.peerId, userId: 'Gwen' });
    // Now in the call, the guest can use it.
    await guest.client.ok('createTransport', { direction: 'recv' });
    expect(await guest.client.ok('getProducers', { callId: m.meetingId })).toEqual({ producers: [] });

    // Admitted once, a guest who drops and comes back (same participant) passes straight in.
    guest.client.close();
    await host.client.next('peerLeft');
    const back = await suite.fx.guest(m.meetingId, { participantId: guest.participantId });
    expect((await joinMeeting(back.client, m.meetingId, 'Gwen')).self.participantId).toBe(
      guest.participantId,
    );

    // Admitting someone who is not waiting (any more) is NOT_FOUND.
    expect(await host.client.refused('admit', { participantId: guest.participantId })).toBe(
      ErrorCode.NOT_FOUND,
    );
  });

  it('deny → `denied` and the connection is closed; the lobby empties', async () => {
    const m = await suite.fx.ownedMeeting();
    const host = await hostInCall(m);
    const guest = await suite.fx.guest(m.meetingId);
    expect(await joinRefused(guest.client, m.meetingId, 'Gwen')).toBe(ErrorCode.WAITING_ROOM);
    await lobbyBecomes(host.client, [guest.participantId]);

    await host.client.ok('deny', { participantId: guest.participantId });
    expect(await guest.client.next('denied')).toEqual({ callId: m.meetingId, message: expect.any(String) });
    await guest.client.disconnected();
    await lobbyBecomes(host.client, []);
    expect(guest.client.all('admitted')).toEqual([]);
    expect(await host.client.refused('deny', { participantId: guest.participantId })).toBe(
      ErrorCode.NOT_FOUND,
    );
  });

  it('admitAll lets everyone waiting in at once', async () => {
    const m = await suite.fx.ownedMeeting();
    const host = await hostInCall(m);
    const guests = [
      await suite.fx.guest(m.meetingId),
      await suite.fx.guest(m.meetingId),
      await suite.fx.guest(m.meetingId),
    ];
    for (const [i, g] of guests.entries()) {
      expect(await joinRefused(g.client, m.meetingId, `Guest ${i}`)).toBe(ErrorCode.WAITING_ROOM);
    }
    await lobbyBecomes(
      host.client,
      guests.map((g) => g.participantId),
    );
    expect(await host.client.ok('admitAll', {})).toEqual({ admitted: 3 });
    await lobbyBecomes(host.client, []);
    for (const [i, g] of guests.entries()) {
      expect(await g.client.next('admitted')).toEqual({ callId: m.meetingId });
      await joinMeeting(g.client, m.meetingId, `Guest ${i}`);
    }
    expect((await getStats(suite.srv.url)).peers).toBe(4);
    expect(await host.client.ok('admitAll', {})).toEqual({ admitted: 0 });
  });

  it('a guest who leaves the lobby (leaveRoom or disconnect) disappears from it', async () => {
    const m = await suite.fx.ownedMeeting();
    const host = await hostInCall(m);
    const a = await suite.fx.guest(m.meetingId);
    const b = await suite.fx.guest(m.meetingId);
    expect(await joinRefused(a.client, m.meetingId, 'A')).toBe(ErrorCode.WAITING_ROOM);
    expect(await joinRefused(b.client, m.meetingId, 'B')).toBe(ErrorCode.WAITING_ROOM);
    await lobbyBecomes(host.client, [a.participantId, b.participantId]);

    await a.client.ok('leaveRoom', {});
    await lobbyBecomes(host.client, [b.participantId]);
    b.client.close();
    await lobbyBecomes(host.client, []);
    expect(await host.client.refused('admit', { participantId: a.participantId })).toBe(ErrorCode.NOT_FOUND);
  });

  it('a guest waiting when the host arrives is admitted after the host joins', async () => {
    const m = await suite.fx.ownedMeeting();
    const guest = await suite.fx.guest(m.meetingId);
    expect(await joinRefused(guest.client, m.meetingId, 'Early')).toBe(ErrorCode.WAITING_ROOM);
    const host = await suite.fx.host(m);
    const joined = await joinMeeting(host.client, m.meetingId, 'Host');
    expect(joined.lobby.map((w) => w.participantId)).toEqual([guest.participantId]);
    await host.client.ok('admit', { participantId: guest.participantId });
    await guest.client.next('admitted');
    expect((await joinMeeting(guest.client, m.meetingId, 'Early')).peers.map((p) => p.userId)).toEqual([
      'Host',
    ]);
  });

  it('a guest admitted while the meeting is locked can still come in', async () => {
    const m = await suite.fx.ownedMeeting();
    const host = await hostInCall(m);
    const guest = await suite.fx.guest(m.meetingId);
    expect(await joinRefused(guest.client, m.meetingId, 'Gwen')).toBe(ErrorCode.WAITING_ROOM);
    await host.client.ok('setMeetingLocked', { locked: true });
    // Newcomers are turned away now, not put in the lobby.
    const late = await suite.fx.guest(m.meetingId);
    expect(await joinRefused(late.client, m.meetingId, 'Late')).toBe(ErrorCode.LOCKED);
    // The one who was already waiting is let in by the host: being admitted must mean getting in.
    await host.client.ok('admit', { participantId: guest.participantId });
    await guest.client.next('admitted');
    expect((await joinMeeting(guest.client, m.meetingId, 'Gwen')).meeting.locked).toBe(true);
  });

  it('admissions and promotions end with the meeting, also when the last one there was waiting', async () => {
    const m = await suite.fx.ownedMeeting();
    const host = await hostInCall(m);
    const guest = await suite.fx.guest(m.meetingId);
    expect(await joinRefused(guest.client, m.meetingId, 'Gwen')).toBe(ErrorCode.WAITING_ROOM);
    await host.client.ok('admit', { participantId: guest.participantId });
    await guest.client.next('admitted');
    const joined = await joinMeeting(guest.client, m.meetingId, 'Gwen');
    await host.client.ok('setRole', { peerId: joined.peerId, role: 'cohost' });
    const waiter = await suite.fx.guest(m.meetingId);
    expect(await joinRefused(waiter.client, m.meetingId, 'Wally')).toBe(ErrorCode.WAITING_ROOM);

    // Everyone in the call leaves; then the last person waiting gives up too.
    host.client.close();
    guest.client.close();
    await vi.waitFor(async () => expect((await getStats(suite.srv.url)).peers).toBe(0));
    await waiter.client.ok('leaveRoom', {});

    // Another day: the one-time co-host is a guest again and waits like everyone else.
    const back = await suite.fx.guest(m.meetingId, { participantId: guest.participantId });
    expect(await joinRefused(back.client, m.meetingId, 'Gwen')).toBe(ErrorCode.WAITING_ROOM);
  });
});
