/**
 * What the host's controls do, seen by everyone involved: mute and stop-camera pause the target's
 * producer (others get producerPaused, the target gets forcedOff); remove cuts the target out for
 * good (removed, disconnected, peerLeft, its tokens refused from then on); lock turns newcomers
 * away (LOCKED) but not the host; end sends everyone meetingEnded, disconnects them, marks the
 * meeting ended in storage, and every later join gets MEETING_ENDED.
 */
import { describe, expect, it, vi } from 'vitest';
import { listAttendance } from '@/lib/db/attendance';
import { getMeeting } from '@/lib/db/meetings';
import { isRevoked } from '@/lib/db/revocations';
import { ErrorCode } from '@/lib/protocol';
import { openTransports, publish } from '@/tests/support/callFlow';
import { clientRtpCapabilities } from '@/tests/support/fakeMedia';
import {
  joinMeeting,
  joinRefused,
  producersSeenBy,
  publishMicAndCamera,
  roundTrip,
  type OwnedMeeting,
  type Participant,
} from '@/tests/support/meetingFixture';
import { handshakeRefusal } from '@/tests/support/testClient';
import { meetingSuite } from '@/tests/support/meetingSuite';
import { IDLE, activity, getStats } from '@/tests/support/testServer';

const suite = meetingSuite();

type InCall = Participant & { peerId: string };

/** An owned meeting without a waiting room (guests with a token come straight in). */
async function meetingWith(
  guestNames: string[],
): Promise<{ m: OwnedMeeting; host: InCall; guests: InCall[] }> {
  const m = await suite.fx.ownedMeeting({ waitingRoom: false });
  const h = await suite.fx.host(m);
  const host = { ...h, peerId: (await joinMeeting(h.client, m.meetingId, 'Host')).peerId };
  const guests: InCall[] = [];
  for (const name of guestNames) {
    const g = await suite.fx.guest(m.meetingId);
    guests.push({ ...g, peerId: (await joinMeeting(g.client, m.meetingId, name)).peerId });
  }
  return { m, host, guests };
}

describe('muteParticipant and stopParticipantCamera', () => {
  it("pause the target's microphone / camera: others get producerPaused, the target forcedOff", async () => {
    const { m, host, guests } = await meetingWith(['Target', 'Bystander']);
    const [target, bystander] = guests as [InCall, InCall];
    const media = await publishMicAndCamera(target.client);
    const screen = await publish(target.client, media.send, 'video', { ssrc: 91_000_001, source: 'screen' });

    await host.client.ok('muteParticipant', { peerId: target.peerId });
    expect(await target.client.next('forcedOff')).toEqual({ source: 'microphone', by: 'Host' });
    for (const p of [host, bystander]) {
      expect(await p.client.next('producerPaused')).toEqual({ producerId: media.mic, peerId: target.peerId });
    }
    let seen = await producersSeenBy(bystander.client, m.meetingId);
    expect([seen.get(media.mic)?.paused, seen.get(media.camera)?.paused, seen.get(screen)?.paused]).toEqual([
      true,
      false,
      false,
    ]);

    await host.client.ok('stopParticipantCamera', { peerId: target.peerId });
    expect(await target.client.next('forcedOff')).toEqual({ source: 'camera', by: 'Host' });
    for (const p of [host, bystander]) {
      expect(await p.client.next('producerPaused')).toEqual({
        producerId: media.camera,
        peerId: target.peerId,
      });
    }
    seen = await producersSeenBy(bystander.client, m.meetingId);
    // The screen share is not the camera: it stays on.
    expect([seen.get(media.mic)?.paused, seen.get(media.camera)?.paused, seen.get(screen)?.paused]).toEqual([
      true,
      true,
      false,
    ]);

    // Muting again pauses nothing new; the target is still told.
    await host.client.ok('muteParticipant', { peerId: target.peerId });
    expect(await target.client.next('forcedOff')).toEqual({ source: 'microphone', by: 'Host' });
    await roundTrip(bystander.client);
    expect(bystander.client.pending('producerPaused')).toEqual([]);
    // The target itself never got producerPaused for its own media, and the others no forcedOff.
    expect(target.client.all('producerPaused')).toEqual([]);
    expect(bystander.client.all('forcedOff')).toEqual([]);
  });

  it('refuse a peer that is not in this meeting (NOT_FOUND)', async () => {
    const { host } = await meetingWith([]);
    const other = await meetingWith(['Elsewhere']);
    expect(await host.client.refused('muteParticipant', { peerId: other.guests[0]!.peerId })).toBe(
      ErrorCode.NOT_FOUND,
    );
    expect(await host.client.refused('stopParticipantCamera', { peerId: 'no-such-peer' })).toBe(
      ErrorCode.NOT_FOUND,
    );
    expect(await host.client.refused('removeParticipant', { peerId: other.guests[0]!.peerId })).toBe(
      ErrorCode.NOT_FOUND,
    );
    await roundTrip(other.guests[0]!.client);
    expect(other.guests[0]!.client.all('forcedOff')).toEqual([]);
    expect(other.guests[0]!.client.all('removed')).toEqual([]);
  });
});

describe('removeParticipant', () => {
  it('removes the target for good: removed, disconnected, peerLeft, and its tokens refused', async () => {
    const { m, host, guests } = await meetingWith(['Target', 'Bystander']);
    const [target, bystander] = guests as [InCall, InCall];
    const media = await publishMicAndCamera(target.client);
    // Another tab of the same browser, connected but not yet in the call.
    const otherTab = await suite.fx.guest(m.meetingId, { participantId: target.participantId });

    await host.client.ok('removeParticipant', { peerId: target.peerId });
    expect(await target.client.next('removed')).toEqual({ callId: m.meetingId, message: expect.any(String) });
    expect(await target.client.disconnected()).toBe('io server disconnect');
    for (const p of [host, bystander]) {
      expect(await p.client.next('peerLeft')).toMatchObject({ peerId: target.peerId, userId: 'Target' });
      const closed = [await p.client.next('producerClosed'), await p.client.next('producerClosed')];
      expect(closed.map((c) => c.producerId).sort()).toEqual([media.mic, media.camera].sort());
    }
    expect(bystander.client.all('removed')).toEqual([]);
    expect((await producersSeenBy(bystander.client, m.meetingId)).size).toBe(0);

    // Stored, and enforced everywhere: joinRoom, the same token, a newly issued token.
    expect(await isRevoked(suite.srv.database.db, m.meetingId, target.participantId)).toBe(true);
    expect(await joinRefused(otherTab.client, m.meetingId, 'Target again')).toBe(ErrorCode.REMOVED);
    expect(await handshakeRefusal(suite.srv.url, { token: target.token, meetingId: m.meetingId })).toBe(
      ErrorCode.REMOVED,
    );
    const fresh = await suite.fx.token(m.meetingId, 'guest', { participantId: target.participantId });
    expect(await handshakeRefusal(suite.srv.url, { token: fresh.token, meetingId: m.meetingId })).toBe(
      ErrorCode.REMOVED,
    );
    // Their attendance is closed.
    const attendance = await listAttendance(suite.srv.database.db, m.meetingId);
    expect(attendance.find((a) => a.participantId === target.participantId)?.leftAt).toEqual(
      expect.any(Number),
    );
  });

  it('a second tab of the participant replaces the first; removal takes the one left', async () => {
    const { m, host, guests } = await meetingWith(['Target']);
    const [target] = guests as [InCall];
    const secondTab = await suite.fx.guest(m.meetingId, { participantId: target.participantId });
    const second = await joinMeeting(secondTab.client, m.meetingId, 'Target (tab 2)');

    // One tile per person: the first tab is told and cut off, the others see it leave.
    expect((await target.client.next('sessionReplaced')).callId).toBe(m.meetingId);
    await target.client.disconnected();
    expect((await host.client.next('peerLeft')).peerId).toBe(target.peerId);
    expect(host.client.all('peerJoined').map((p) => p.peerId)).toContain(second.peerId);
    expect((await getStats(suite.srv.url)).peers).toBe(2);

    await host.client.ok('removeParticipant', { peerId: second.peerId });
    expect((await secondTab.client.next('removed')).callId).toBe(m.meetingId);
    await secondTab.client.disconnected();
    expect((await host.client.next('peerLeft')).peerId).toBe(second.peerId);
    expect((await getStats(suite.srv.url)).peers).toBe(1);
    expect(target.client.all('removed')).toEqual([]);
  });

  it('the host can remove a co-host; a removed participant cannot be promoted meanwhile', async () => {
    const { m, host, guests } = await meetingWith(['Cohost']);
    const [cohost] = guests as [InCall];
    await host.client.ok('setRole', { peerId: cohost.peerId, role: 'cohost' });
    await host.client.ok('removeParticipant', { peerId: cohost.peerId });
    expect((await cohost.client.next('removed')).callId).toBe(m.meetingId);
    expect(await host.client.refused('setRole', { peerId: cohost.peerId, role: 'cohost' })).toBe(
      ErrorCode.NOT_FOUND,
    );
    expect(await handshakeRefusal(suite.srv.url, { token: cohost.token, meetingId: m.meetingId })).toBe(
      ErrorCode.REMOVED,
    );
  });
});

describe('setMeetingLocked', () => {
  it('turns new guests away (LOCKED) while the host can still join; unlocking lets them in', async () => {
    const { m, host, guests } = await meetingWith(['Inside']);
    await host.client.ok('setMeetingLocked', { locked: true });
    for (const p of [host, guests[0]!]) {
      expect(await p.client.next('meetingUpdated')).toEqual({
        hosted: true,
        locked: true,
        waitingRoom: false,
        guestsCanShare: true,
        recording: false,
      });
    }
    const newcomer = await suite.fx.guest(m.meetingId);
    expect(await joinRefused(newcomer.client, m.meetingId, 'Newcomer')).toBe(ErrorCode.LOCKED);
    const hostTab = await suite.fx.host(m);
    expect((await joinMeeting(hostTab.client, m.meetingId, 'Host (tab 2)')).meeting.locked).toBe(true);
    expect((await getMeeting(suite.srv.database.db, m.meetingId))?.settings.locked).toBe(true);
    // The host's new tab took the place of the old one.
    expect((await host.client.next('sessionReplaced')).callId).toBe(m.meetingId);

    await hostTab.client.ok('setMeetingLocked', { locked: false });
    expect((await joinMeeting(newcomer.client, m.meetingId, 'Newcomer')).meeting.locked).toBe(false);
  });

  it('stays locked when everyone left and the meeting is loaded again', async () => {
    const { m, host } = await meetingWith([]);
    await host.client.ok('setMeetingLocked', { locked: true });
    host.client.close();
    await vi.waitFor(async () => expect((await getStats(suite.srv.url)).peers).toBe(0));
    const newcomer = await suite.fx.guest(m.meetingId);
    expect(await joinRefused(newcomer.client, m.meetingId, 'Newcomer')).toBe(ErrorCode.LOCKED);
  });
});

describe('endMeeting', () => {
  it('ends it for everyone: meetingEnded, disconnected, ended in storage, later joins refused', async () => {
    const m = await suite.fx.ownedMeeting({ waitingRoom: true });
    const h = await suite.fx.host(m);
    await joinMeeting(h.client, m.meetingId, 'Host');
    const rtpCapabilities = clientRtpCapabilities(
      (await h.client.ok('createRoom', { callId: m.meetingId })).rtpCapabilities,
    );
    const cohost = await suite.fx.guest(m.meetingId);
    expect(await joinRefused(cohost.client, m.meetingId, 'Cohost')).toBe(ErrorCode.WAITING_ROOM);
    await h.client.ok('admit', { participantId: cohost.participantId });
    await cohost.client.next('admitted');
    const cohostJoin = await joinMeeting(cohost.client, m.meetingId, 'Cohost');
    await h.client.ok('setRole', { peerId: cohostJoin.peerId, role: 'cohost' });
    await openTransports(cohost.client);
    const waiting = await suite.fx.guest(m.meetingId);
    expect(await joinRefused(waiting.client, m.meetingId, 'Waiting')).toBe(ErrorCode.WAITING_ROOM);

    await h.client.ok('endMeeting', {});
    for (const c of [h.client, cohost.client]) {
      expect(await c.next('meetingEnded')).toEqual({ callId: m.meetingId });
      expect(await c.disconnected()).toBe('io server disconnect');
    }
    expect((await waiting.client.next('denied')).callId).toBe(m.meetingId);
    await waiting.client.disconnected();

    const stored = await getMeeting(suite.srv.database.db, m.meetingId);
    expect(stored?.endedAt).toEqual(expect.any(Number));
    const attendance = await listAttendance(suite.srv.database.db, m.meetingId);
    expect(attendance.length).toBe(2);
    expect(attendance.every((a) => a.leftAt !== null)).toBe(true);
    await vi.waitFor(async () => expect(activity(await getStats(suite.srv.url))).toEqual(IDLE));

    // Nobody gets back in: not a guest, not the host, with old or new tokens, and also not by
    // sending joinRoom straight away (the first request to load the meeting again).
    const again = [await suite.fx.guest(m.meetingId), await suite.fx.host(m)];
    for (const p of again) {
      expect(
        await p.client.refused('joinRoom', { callId: m.meetingId, userId: 'Again', rtpCapabilities }),
      ).toBe(ErrorCode.MEETING_ENDED);
      expect(await joinRefused(p.client, m.meetingId, 'Again')).toBe(ErrorCode.MEETING_ENDED);
    }
  });

  it('a join racing the end (before everyone is gone) gets MEETING_ENDED too', async () => {
    const { m, host, guests } = await meetingWith(['Stays']);
    await host.client.ok('endMeeting', {});
    const late = await suite.fx.guest(m.meetingId);
    expect(await joinRefused(late.client, m.meetingId, 'Late')).toBe(ErrorCode.MEETING_ENDED);
    await guests[0]!.client.disconnected();
  });
});
