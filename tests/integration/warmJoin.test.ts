/**
 * The warmed join on a real server (Socket.IO, one media worker, a database): after prepareJoin,
 * prepareReceive creates a paused consumer of everyone on the staged peer's receiving transport,
 * which that peer alone may connect before joining. Nobody in the meeting hears of it, nothing is
 * forwarded to it, the join resumes those same consumers (adding any producer that came since,
 * leaving out any that went), and a staged peer that goes away leaves nothing behind. Only a
 * participant who would come straight in gets them.
 */
import { describe, expect, it, vi } from 'vitest';
import type { types } from 'mediasoup';
import { ErrorCode, type ResultMap } from '@/lib/protocol';
import type { Room } from '@/lib/sfu/Room';
import { publish } from '@/tests/support/callFlow';
import { clientRtpCapabilities, fakeDtlsParameters } from '@/tests/support/fakeMedia';
import {
  joinMeeting,
  publishMicAndCamera,
  roundTrip,
  type Participant,
} from '@/tests/support/meetingFixture';
import { meetingSuite } from '@/tests/support/meetingSuite';
import type { TestClient } from '@/tests/support/testClient';

const suite = meetingSuite();

/** Every consumer the room's router creates from now on (mediasoup's own objects). */
function watchConsumers(room: Room): Map<string, types.Consumer> {
  const seen = new Map<string, types.Consumer>();
  room.router.observer.on('newtransport', (t) => t.observer.on('newconsumer', (c) => seen.set(c.id, c)));
  return seen;
}

/** Notifications other than the room's steady chatter (levels, speaker, scores). */
function news(client: TestClient): string[] {
  const chatter = new Set(['audioLevels', 'activeSpeaker', 'consumerScore', 'producerLayersWanted']);
  return client.received.map((n) => n.event).filter((e) => !chatter.has(e));
}

/** prepareJoin then prepareReceive, as the pre-join screen does. */
async function warm(p: Participant) {
  const prepared = await p.client.ok('prepareJoin', { callId: p.meetingId });
  if (!prepared.transports) throw new Error('prepareJoin gave no transports');
  const rtpCapabilities = clientRtpCapabilities(prepared.rtpCapabilities);
  const { recv, send } = prepared.transports;
  const { consumers } = await p.client.ok('prepareReceive', { recvTransportId: recv.id, rtpCapabilities });
  return { recv: recv.id, send: send.id, rtpCapabilities, consumers };
}

async function meetingWithAnn(waitingRoom = false) {
  const m = await suite.fx.ownedMeeting({ waitingRoom });
  const ann = await suite.fx.host(m);
  await joinMeeting(ann.client, m.meetingId, 'Ann');
  const media = await publishMicAndCamera(ann.client);
  const room = suite.srv.server.registry.get(m.meetingId);
  if (!room) throw new Error('no media room');
  return { m, ann, media, room };
}

describe('prepareReceive', () => {
  it('consumes everyone paused before the join, unseen; the join resumes those same consumers', async () => {
    const { m, ann, media, room } = await meetingWithAnn();
    const consumers = watchConsumers(room);
    await roundTrip(ann.client);
    const annHeardBefore = news(ann.client);

    const bob = await suite.fx.guest(m.meetingId);
    const staged = await warm(bob);
    expect(staged.consumers.map((c) => [c.producerId, c.kind]).sort()).toEqual(
      [
        [media.mic, 'audio'],
        [media.camera, 'video'],
      ].sort(),
    );
    const warmed = staged.consumers.map((c) => consumers.get(c.id));
    expect(warmed.map((c) => c?.paused)).toEqual([true, true]);
    // The staged peer connects its receiving transport (never its sending one) before joining.
    await bob.client.ok('connectTransport', {
      transportId: staged.recv,
      dtlsParameters: fakeDtlsParameters('client', 7),
    });
    const sendConnect = await bob.client.request('connectTransport', {
      transportId: staged.send,
      dtlsParameters: fakeDtlsParameters('client', 8),
    });
    expect(sendConnect.ok ? null : sendConnect.error.code).toBe(ErrorCode.WRONG_TRANSPORT);
    // Nothing was forwarded: a paused consumer sends no packet.
    for (const c of warmed) {
      const sent = (await c!.getStats()).reduce((n, s) => n + ('packetCount' in s ? s.packetCount : 0), 0);
      expect(sent).toBe(0);
    }
    // Nobody in the meeting heard of Bob, and he is in no list.
    await roundTrip(ann.client);
    expect(news(ann.client)).toEqual(annHeardBefore);
    expect(room.peers.size).toBe(1);

    const joined = await bob.client.ok('joinRoom', {
      callId: m.meetingId,
      userId: 'Bob',
      rtpCapabilities: staged.rtpCapabilities,
      prepared: { recvTransportId: staged.recv },
    });
    expect(joined.prepared?.consumers.map((c) => c.id).sort()).toEqual(
      staged.consumers.map((c) => c.id).sort(),
    );
    expect(warmed.map((c) => [c?.closed, c?.paused])).toEqual([
      [false, false],
      [false, false],
    ]);
    expect(consumers.size).toBe(2); // none made twice
    expect(await ann.client.next('peerJoined')).toMatchObject({ peerId: joined.peerId, userId: 'Bob' });
  });

  it('at the join, adds producers that came while staged and leaves out those that went', async () => {
    const { m, ann, media, room } = await meetingWithAnn();
    const consumers = watchConsumers(room);
    const bob = await suite.fx.guest(m.meetingId);
    const staged = await warm(bob);
    const warmedMic = staged.consumers.find((c) => c.producerId === media.mic);
    const warmedCamera = staged.consumers.find((c) => c.producerId === media.camera);

    await ann.client.ok('closeProducer', { producerId: media.mic });
    const screen = await publish(ann.client, media.send, 'video', { ssrc: 93_000_001, source: 'screen' });
    await vi.waitFor(() => expect(consumers.get(warmedMic!.id)?.closed).toBe(true));

    const joined: ResultMap['joinRoom'] = await bob.client.ok('joinRoom', {
      callId: m.meetingId,
      userId: 'Bob',
      rtpCapabilities: staged.rtpCapabilities,
      prepared: { recvTransportId: staged.recv },
    });
    const live = joined.prepared?.consumers ?? [];
    expect(live.map((c) => c.producerId).sort()).toEqual([media.camera, screen].sort());
    expect(live.find((c) => c.producerId === media.camera)?.id).toBe(warmedCamera?.id);
    expect(live.find((c) => c.producerId === screen)?.source).toBe('screen');
    expect(live.map((c) => consumers.get(c.id)?.paused)).toEqual([false, false]);
  });

  it('a staged peer that goes away leaves no transport or consumer behind', async () => {
    const { m, room } = await meetingWithAnn();
    const consumers = watchConsumers(room);
    const before = (await room.router.dump()).transportIds.length;
    const bob = await suite.fx.guest(m.meetingId);
    const staged = await warm(bob);
    expect((await room.router.dump()).transportIds).toHaveLength(before + 2);
    bob.client.close();
    await vi.waitFor(async () => expect((await room.router.dump()).transportIds).toHaveLength(before));
    expect(staged.consumers.map((c) => consumers.get(c.id)?.closed)).toEqual([true, true]);
    expect(room.peers.size).toBe(1);
  });

  it('a join that must wait drops what was warmed; the consumers go with it', async () => {
    const { m, ann, room } = await meetingWithAnn();
    const consumers = watchConsumers(room);
    const bob = await suite.fx.guest(m.meetingId);
    const staged = await warm(bob);
    await ann.client.ok('setMeetingLocked', { locked: true });
    // Asked again: the meeting is locked now, so nothing more is prepared and the rest goes.
    const again = await bob.client.request('prepareReceive', {
      recvTransportId: staged.recv,
      rtpCapabilities: staged.rtpCapabilities,
    });
    expect(again.ok ? null : again.error.code).toBe(ErrorCode.NOT_JOINED);
    expect(staged.consumers.map((c) => consumers.get(c.id)?.closed)).toEqual([true, true]);
    const refused = await bob.client.request('joinRoom', {
      callId: m.meetingId,
      userId: 'Bob',
      rtpCapabilities: staged.rtpCapabilities,
      prepared: { recvTransportId: staged.recv },
    });
    expect(refused.ok ? null : refused.error.code).toBe(ErrorCode.LOCKED);
  });

  it('is refused without a prepared join, on a transport not its own receiving one, and once joined', async () => {
    const { m, ann, media, room } = await meetingWithAnn();
    const rtpCapabilities = clientRtpCapabilities(room.rtpCapabilities);
    const code = async (client: TestClient, recvTransportId: string) => {
      const ack = await client.request('prepareReceive', { recvTransportId, rtpCapabilities });
      return ack.ok ? null : ack.error.code;
    };
    const bob = await suite.fx.guest(m.meetingId);
    expect(await code(bob.client, media.recv)).toBe(ErrorCode.NOT_JOINED);
    const prepared = await bob.client.ok('prepareJoin', { callId: m.meetingId });
    expect(await code(bob.client, prepared.transports!.send.id)).toBe(ErrorCode.WRONG_TRANSPORT);
    expect(await code(bob.client, media.recv)).toBe(ErrorCode.NOT_FOUND);
    expect(await code(ann.client, media.recv)).toBe(ErrorCode.ALREADY_JOINED);

    // Someone who would wait gets no transports, so there is nothing to receive on.
    const lobby = await suite.fx.ownedMeeting({ waitingRoom: true });
    const host = await suite.fx.host(lobby);
    await joinMeeting(host.client, lobby.meetingId, 'Host');
    const waiting = await suite.fx.guest(lobby.meetingId);
    expect((await waiting.client.ok('prepareJoin', { callId: lobby.meetingId })).transports).toBeNull();
    expect(await code(waiting.client, media.recv)).toBe(ErrorCode.NOT_JOINED);
  });
});
