/**
 * Who lets waiting guests in when the host is away: a waiting guest is told whether a host or
 * co-host is in the call (`waitingStatus`) when they start waiting and whenever that changes;
 * a co-host admits while the host is away, the host admits on return; in an open meeting (no host
 * account) whoever has been in the call the longest may admit, nobody else.
 */
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@/lib/protocol';
import { joinMeeting, joinRefused, roundTrip, uniqueMeetingId } from '@/tests/support/meetingFixture';
import { meetingSuite } from '@/tests/support/meetingSuite';

const suite = meetingSuite();

describe('a guest waiting while the host is away', () => {
  it('is told the host is not there, then that the host came back, who admits them', async () => {
    const m = await suite.fx.ownedMeeting();
    const guest = await suite.fx.guest(m.meetingId);
    expect(await joinRefused(guest.client, m.meetingId, 'Gus')).toBe(ErrorCode.WAITING_ROOM);
    expect(await guest.client.next('waitingStatus')).toEqual({ callId: m.meetingId, hostPresent: false });

    const host = await suite.fx.host(m);
    const joined = await joinMeeting(host.client, m.meetingId, 'Host');
    expect(joined.lobby.map((w) => w.participantId)).toEqual([guest.participantId]);
    expect(await guest.client.next('waitingStatus')).toEqual({ callId: m.meetingId, hostPresent: true });

    await host.client.ok('admit', { participantId: guest.participantId });
    expect(await guest.client.next('admitted')).toEqual({ callId: m.meetingId });
    await joinMeeting(guest.client, m.meetingId, 'Gus');
  });

  it('hears when the host leaves; the host returning admits them', async () => {
    const m = await suite.fx.ownedMeeting();
    const host = await suite.fx.host(m);
    await joinMeeting(host.client, m.meetingId, 'Host');
    const guest = await suite.fx.guest(m.meetingId);
    expect(await joinRefused(guest.client, m.meetingId, 'Gus')).toBe(ErrorCode.WAITING_ROOM);
    expect(await guest.client.next('waitingStatus')).toEqual({ callId: m.meetingId, hostPresent: true });

    await host.client.ok('leaveRoom', {});
    expect(await guest.client.next('waitingStatus')).toEqual({ callId: m.meetingId, hostPresent: false });

    await joinMeeting(host.client, m.meetingId, 'Host');
    expect(await guest.client.next('waitingStatus')).toEqual({ callId: m.meetingId, hostPresent: true });
    await host.client.ok('admit', { participantId: guest.participantId });
    await guest.client.next('admitted');
  });

  it('a co-host in the call keeps the door: no absence notice, and the co-host admits', async () => {
    const m = await suite.fx.ownedMeeting();
    const host = await suite.fx.host(m);
    const hostJoin = await joinMeeting(host.client, m.meetingId, 'Host');
    const helper = await suite.fx.guest(m.meetingId);
    expect(await joinRefused(helper.client, m.meetingId, 'Helper')).toBe(ErrorCode.WAITING_ROOM);
    await host.client.ok('admit', { participantId: helper.participantId });
    await helper.client.next('admitted');
    const helperJoin = await joinMeeting(helper.client, m.meetingId, 'Helper');
    await host.client.ok('setRole', { peerId: helperJoin.peerId, role: 'cohost' });
    await helper.client.next('roleChanged');
    expect(hostJoin.peerId).not.toBe(helperJoin.peerId);

    const guest = await suite.fx.guest(m.meetingId);
    expect(await joinRefused(guest.client, m.meetingId, 'Gus')).toBe(ErrorCode.WAITING_ROOM);
    host.client.close();
    await helper.client.next('peerLeft');
    await roundTrip(guest.client);
    // The co-host is still there: nobody told the guest the door is unattended.
    expect(guest.client.all('waitingStatus')).toEqual([{ callId: m.meetingId, hostPresent: true }]);

    await helper.client.ok('admit', { participantId: guest.participantId });
    await guest.client.next('admitted');
    const inside = await joinMeeting(guest.client, m.meetingId, 'Gus');
    expect(inside.self.role).toBe('guest');

    // The co-host leaves too: a new waiter hears that nobody can let them in.
    const late = await suite.fx.guest(m.meetingId);
    await helper.client.ok('leaveRoom', {});
    expect(await joinRefused(late.client, m.meetingId, 'Late')).toBe(ErrorCode.WAITING_ROOM);
    expect(await late.client.next('waitingStatus')).toEqual({ callId: m.meetingId, hostPresent: false });
    // And the guest left inside cannot admit in their place.
    expect(await guest.client.refused('admit', { participantId: late.participantId })).toBe(
      ErrorCode.FORBIDDEN,
    );
  });
});

describe('an open meeting (no host account)', () => {
  it('the longest-present participant may admit; when they leave, the next one takes over', async () => {
    const callId = uniqueMeetingId('open');
    const first = await suite.fx.connect();
    const second = await suite.fx.connect();
    const third = await suite.fx.connect();
    await joinMeeting(first, callId, 'First');
    await joinMeeting(second, callId, 'Second');
    await joinMeeting(third, callId, 'Third');
    const nobody = { participantId: 'nobody-waits' };

    // Allowed (nobody of that name waits: NOT_FOUND), where a later arrival is FORBIDDEN.
    expect(await first.refused('admit', nobody)).toBe(ErrorCode.NOT_FOUND);
    expect(await first.ok('admitAll', {})).toEqual({ admitted: 0 });
    expect(await second.refused('admit', nobody)).toBe(ErrorCode.FORBIDDEN);
    expect(await third.refused('deny', nobody)).toBe(ErrorCode.FORBIDDEN);

    await first.ok('leaveRoom', {});
    expect(await second.refused('deny', nobody)).toBe(ErrorCode.NOT_FOUND);
    expect(await third.refused('admit', nobody)).toBe(ErrorCode.FORBIDDEN);
    // Coming back puts them last in line.
    await joinMeeting(first, callId, 'First');
    expect(await first.refused('admit', nobody)).toBe(ErrorCode.FORBIDDEN);
  });
});
