/**
 * Screen sharing follows the meeting's `guestsCanShare`: when it is off, a guest's produce with
 * appData.source 'screen' (or 'screen-audio') is FORBIDDEN and nothing is published, while the
 * host and co-hosts may share; cameras and microphones are not affected. When on, guests may share.
 */
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@/lib/protocol';
import { openTransports, publish } from '@/tests/support/callFlow';
import { opusRtpParameters, vp8RtpParameters } from '@/tests/support/fakeMedia';
import { joinMeeting, roundTrip } from '@/tests/support/meetingFixture';
import { meetingSuite } from '@/tests/support/meetingSuite';
import { getStats } from '@/tests/support/testServer';

const suite = meetingSuite();

async function meeting(guestsCanShare: boolean) {
  const m = await suite.fx.ownedMeeting({ waitingRoom: false, guestsCanShare });
  const host = await suite.fx.host(m);
  const hostJoin = await joinMeeting(host.client, m.meetingId, 'Host');
  const guest = await suite.fx.guest(m.meetingId);
  const guestJoin = await joinMeeting(guest.client, m.meetingId, 'Guest');
  expect(guestJoin.meeting.guestsCanShare).toBe(guestsCanShare);
  return { m, host, hostPeerId: hostJoin.peerId, guest, guestPeerId: guestJoin.peerId };
}

describe('guestsCanShare off', () => {
  it('a guest may not share the screen (FORBIDDEN), but may use camera and microphone', async () => {
    const { m, host, guest } = await meeting(false);
    const { send } = await openTransports(guest.client);
    const screen = { transportId: send, kind: 'video' as const, rtpParameters: vp8RtpParameters(81_000_001) };
    expect(await guest.client.refused('produce', { ...screen, appData: { source: 'screen' } })).toBe(
      ErrorCode.FORBIDDEN,
    );
    expect(
      await guest.client.refused('produce', {
        transportId: send,
        kind: 'audio',
        rtpParameters: opusRtpParameters(81_000_002),
        appData: { source: 'screen-audio' },
      }),
    ).toBe(ErrorCode.FORBIDDEN);
    await roundTrip(host.client);
    expect(host.client.all('newProducer')).toEqual([]);
    expect((await getStats(suite.srv.url)).producers).toBe(0);

    const camera = await publish(guest.client, send, 'video', { ssrc: 81_000_003 });
    const mic = await publish(guest.client, send, 'audio', { ssrc: 81_000_004 });
    const { producers } = await host.client.ok('getProducers', { callId: m.meetingId });
    expect(producers.map((p) => [p.producerId, p.source]).sort()).toEqual(
      [
        [camera, 'camera'],
        [mic, 'microphone'],
      ].sort(),
    );
  });

  it('the host may share, and so may a guest once promoted to co-host', async () => {
    const { m, host, guest, guestPeerId } = await meeting(false);
    const hostSend = (await openTransports(host.client)).send;
    const hostScreen = await publish(host.client, hostSend, 'video', { ssrc: 82_000_001, source: 'screen' });
    expect(await guest.client.next('newProducer')).toMatchObject({
      producerId: hostScreen,
      source: 'screen',
    });

    await host.client.ok('setRole', { peerId: guestPeerId, role: 'cohost' });
    await guest.client.next('roleChanged');
    const guestSend = (await openTransports(guest.client)).send;
    const cohostScreen = await publish(guest.client, guestSend, 'video', {
      ssrc: 82_000_002,
      source: 'screen',
    });
    expect(await host.client.next('newProducer')).toMatchObject({
      producerId: cohostScreen,
      source: 'screen',
    });

    // Demoted again: no new screen share.
    await host.client.ok('setRole', { peerId: guestPeerId, role: 'guest' });
    expect(
      await guest.client.refused('produce', {
        transportId: guestSend,
        kind: 'video',
        rtpParameters: vp8RtpParameters(82_000_003),
        appData: { source: 'screen' },
      }),
    ).toBe(ErrorCode.FORBIDDEN);
    expect((await host.client.ok('getProducers', { callId: m.meetingId })).producers.length).toBe(1);
  });
});

describe('guestsCanShare on', () => {
  it('a guest may share the screen', async () => {
    const { host, guest } = await meeting(true);
    const { send } = await openTransports(guest.client);
    const screen = await publish(guest.client, send, 'video', { ssrc: 83_000_001, source: 'screen' });
    expect(await host.client.next('newProducer')).toMatchObject({ producerId: screen, source: 'screen' });
  });
});
