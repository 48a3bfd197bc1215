/**
 * Last-N on a real worker: with LAST_N=2 and four camera senders, each viewer's consumers of
 * people outside its two most recent speakers (plus its pins) are paused on the server, the
 * viewer is told, and a new speaker's video is resumed. The dominant-speaker change is fed the
 * way Room's ActiveSpeakerObserver feeds it (fake RTP carries no audio levels).
 */
import { describe, expect, it } from 'vitest';
import type { types } from 'mediasoup';
import { ErrorCode } from '@/lib/protocol';
import { consumeEveryone } from '@/lib/signaling/preparedJoin';
import type { Peer } from '@/lib/sfu/Peer';
import type { Room } from '@/lib/sfu/Room';
import { vp8RtpParameters } from '@/tests/support/fakeMedia';
import type { NotifyRecorder } from '@/tests/support/notifyRecorder';
import { codeOf, sfuFixture } from '@/tests/support/sfuFixture';

const fx = await sfuFixture({ LAST_N: '2' });

interface Member {
  peer: Peer;
  rec: NotifyRecorder;
  camera: string;
}

async function meetingOfFour(room: Room, count = 4): Promise<Member[]> {
  const members: Member[] = [];
  for (const [i, name] of ['ann', 'ben', 'cat', 'dan'].slice(0, count).entries()) {
    const { peer, rec } = fx.join(room, name);
    const transportId = await fx.sendTransport(room, peer);
    const camera = await room.produce(peer, {
      transportId,
      kind: 'video',
      rtpParameters: vp8RtpParameters(95_000_000 + i * 10),
      appData: { source: 'camera' },
    });
    members.push({ peer, rec, camera });
  }
  return members;
}

/** The viewer consumes and resumes everyone's camera, as the browser does for visible tiles. */
async function watchAll(room: Room, viewer: Member, members: Member[]): Promise<Map<string, types.Consumer>> {
  const { id: recv } = await room.createTransport(viewer.peer, 'recv');
  const byOwner = new Map<string, types.Consumer>();
  for (const m of members) {
    if (m === viewer) continue;
    const params = await room.consume(viewer.peer, { transportId: recv, producerId: m.camera });
    await room.video.setConsumerPaused(viewer.peer, params.id, false);
    byOwner.set(m.peer.id, viewer.peer.consumer(params.id));
  }
  return byOwner;
}

function flowing(consumers: Map<string, types.Consumer>, names: Map<string, string>): string[] {
  return [...consumers.entries()]
    .filter(([, c]) => !c.paused)
    .map(([owner]) => names.get(owner)!)
    .sort();
}

/** A room of Ann, Ben, Cat and Dan, where Cat spoke and then Ben (the two most recent speakers). */
async function fourWithRecentSpeakers() {
  const room = await fx.newRoom();
  const members = await meetingOfFour(room);
  const names = new Map(members.map((m, i) => [m.peer.id, ['ann', 'ben', 'cat', 'dan'][i]!]));
  const [ann, ben, cat, dan] = members as [Member, Member, Member, Member];
  room.video.speakerChanged(cat.peer.id);
  room.video.speakerChanged(ben.peer.id);
  return { room, members, names, ann, ben, cat, dan };
}

describe('last-N', () => {
  it("pauses all but the recent speakers' video, and follows a new speaker", async () => {
    const { room, members, names, ann, ben, dan } = await fourWithRecentSpeakers();

    const annSees = await watchAll(room, ann, members);
    expect(flowing(annSees, names)).toEqual(['ben', 'cat']);
    const danConsumer = annSees.get(dan.peer.id)!;
    expect(room.video.isSuspended(danConsumer.id)).toBe(true);
    expect(ann.rec.of('consumerSuspended')).toContainEqual({ consumerId: danConsumer.id, suspended: true });

    // Dan speaks: his video starts; Cat, now the least recent, is held back.
    room.video.speakerChanged(dan.peer.id);
    await expect.poll(() => flowing(annSees, names), { timeout: 5_000 }).toEqual(['ben', 'dan']);
    expect(ann.rec.of('consumerSuspended')).toContainEqual({ consumerId: danConsumer.id, suspended: false });

    // A viewer who pauses a tile keeps it paused even when its sender speaks.
    await room.video.setConsumerPaused(ann.peer, annSees.get(ben.peer.id)!.id, true);
    room.video.speakerChanged(ben.peer.id);
    await expect.poll(() => flowing(annSees, names), { timeout: 5_000 }).toEqual(['dan']);
  });

  it('pinned people stay in the viewer set on top of N; only people of the room can be pinned', async () => {
    const { room, members, names, ann, dan } = await fourWithRecentSpeakers();
    const annSees = await watchAll(room, ann, members);
    room.video.setPinned(ann.peer, [dan.peer.id]);
    await expect.poll(() => flowing(annSees, names), { timeout: 5_000 }).toEqual(['ben', 'cat', 'dan']);

    expect(await codeOf(() => room.video.setPinned(ann.peer, ['someone-else']))).toBe(ErrorCode.NOT_FOUND);
    expect(flowing(annSees, names)).toEqual(['ben', 'cat', 'dan']);
  });

  it("a prepared join's consumers: one held back stays paused, and flows once pinned", async () => {
    const { room, names, ann, dan } = await fourWithRecentSpeakers();
    const { id: recv } = await room.createTransport(ann.peer, 'recv');
    const answer = await consumeEveryone({ room, peer: ann.peer }, recv);
    const annSees = new Map(
      answer!.consumers.map((c) => [c.peerId, ann.peer.consumer(c.id)] as [string, types.Consumer]),
    );
    expect(flowing(annSees, names)).toEqual(['ben', 'cat']);

    room.video.setPinned(ann.peer, [dan.peer.id]);
    await expect.poll(() => flowing(annSees, names), { timeout: 5_000 }).toEqual(['ben', 'cat', 'dan']);
  });

  it('below N+1 senders nothing is held back', async () => {
    const room = await fx.newRoom();
    const members = await meetingOfFour(room, 3);
    const names = new Map(members.map((m) => [m.peer.id, m.peer.userId]));
    const annSees = await watchAll(room, members[0]!, members);
    expect(flowing(annSees, names)).toEqual(['ben', 'cat']);
    expect(members[0]!.rec.of('consumerSuspended')).toEqual([]);
  });
});
