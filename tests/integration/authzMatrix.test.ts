/**
 * Who may use the meeting controls, checked through the real server: guests may use none of them
 * (FORBIDDEN, and nothing changes for anyone); co-hosts run the room (admit, deny, mute, stop
 * cameras, remove guests, lock) but cannot end the meeting, hand out roles or remove the host;
 * the host may do everything; in an open meeting (no owner) nobody may.
 */
import { describe, expect, it, vi } from 'vitest';
import { getMeeting } from '@/lib/db/meetings';
import { ErrorCode, type RequestName } from '@/lib/protocol';
import {
  admitAndJoin,
  joinMeeting,
  joinRefused,
  producersSeenBy,
  publishMicAndCamera,
  roundTrip,
  uniqueMeetingId,
  type OwnedMeeting,
  type Participant,
  type PublishedMedia,
} from '@/tests/support/meetingFixture';
import type { NotificationName, TestClient } from '@/tests/support/testClient';
import { meetingSuite } from '@/tests/support/meetingSuite';

const suite = meetingSuite();

interface InCall extends Participant {
  peerId: string;
}

/**
 * An owned meeting with a waiting room: the host and two admitted guests in the call, each
 * publishing a microphone and a camera, and one more guest waiting in the lobby.
 */
interface Scene {
  m: OwnedMeeting;
  host: InCall;
  actor: InCall;
  target: InCall;
  waiting: Participant;
  media: { host: PublishedMedia; actor: PublishedMedia; target: PublishedMedia };
  /** How many notifications each client had received when the scene was ready. */
  marks: Map<TestClient, number>;
}

async function scene(): Promise<Scene> {
  const m = await suite.fx.ownedMeeting();
  const h = await suite.fx.host(m);
  const hostJoin = await joinMeeting(h.client, m.meetingId, 'Host');
  const a = await suite.fx.guest(m.meetingId);
  const actorJoin = await admitAndJoin(h.client, a, 'Actor');
  const t = await suite.fx.guest(m.meetingId);
  const targetJoin = await admitAndJoin(h.client, t, 'Target');
  const media = {
    host: await publishMicAndCamera(h.client),
    actor: await publishMicAndCamera(a.client),
    target: await publishMicAndCamera(t.client),
  };
  const waiting = await suite.fx.guest(m.meetingId);
  expect(await joinRefused(waiting.client, m.meetingId, 'Waiting')).toBe(ErrorCode.WAITING_ROOM);
  await vi.waitFor(() =>
    expect(
      h.client
        .all('lobbyChanged')
        .at(-1)
        ?.waiting.map((w) => w.participantId),
    ).toEqual([waiting.participantId]),
  );
  for (const p of [h, a, t, waiting]) await roundTrip(p.client);
  const marks = new Map([h, a, t, waiting].map((p) => [p.client, p.client.received.length]));
  return {
    m,
    marks,
    host: { ...h, peerId: hostJoin.peerId },
    actor: { ...a, peerId: actorJoin.peerId },
    target: { ...t, peerId: targetJoin.peerId },
    waiting,
    media,
  };
}

/** Every control request, aimed at `s.target` / `s.waiting` / the host. */
function controls(s: Scene): Array<{ event: RequestName; payload: unknown; what: string }> {
  return [
    { event: 'admit', payload: { participantId: s.waiting.participantId }, what: 'admit the waiting guest' },
    { event: 'admitAll', payload: {}, what: 'admit everyone waiting' },
    {
      event: 'deny',
      payload: { participantId: s.waiting.participantId },
      what: 'turn the waiting guest away',
    },
    { event: 'muteParticipant', payload: { peerId: s.target.peerId }, what: 'mute the other guest' },
    { event: 'muteParticipant', payload: { peerId: s.host.peerId }, what: 'mute the host' },
    { event: 'stopParticipantCamera', payload: { peerId: s.target.peerId }, what: "stop the guest's camera" },
    { event: 'removeParticipant', payload: { peerId: s.target.peerId }, what: 'remove the other guest' },
    { event: 'removeParticipant', payload: { peerId: s.host.peerId }, what: 'remove the host' },
    {
      event: 'setRole',
      payload: { peerId: s.target.peerId, role: 'cohost' },
      what: 'promote the other guest',
    },
    { event: 'setRole', payload: { peerId: s.actor.peerId, role: 'cohost' }, what: 'promote themselves' },
    { event: 'setMeetingLocked', payload: { locked: true }, what: 'lock the meeting' },
    { event: 'endMeeting', payload: {}, what: 'end the meeting' },
  ];
}

/** Notifications that would betray a control taking effect. */
const EFFECTS: NotificationName[] = [
  'forcedOff',
  'producerPaused',
  'removed',
  'peerLeft',
  'roleChanged',
  'meetingUpdated',
  'meetingEnded',
  'admitted',
  'denied',
];

/** Effect notifications this client received after the first `from` notifications. */
function effectsSeenBy(client: TestClient, from = 0): string[] {
  return client.received
    .slice(from)
    .filter((r) => EFFECTS.includes(r.event))
    .map((r) => r.event);
}

async function expectNothingChanged(s: Scene): Promise<void> {
  for (const p of [s.host, s.actor, s.target, s.waiting]) await roundTrip(p.client);
  for (const p of [s.host, s.actor, s.target]) {
    expect(effectsSeenBy(p.client, s.marks.get(p.client)), p.role).toEqual([]);
  }
  expect(s.waiting.client.all('admitted')).toEqual([]);
  expect(s.waiting.client.all('denied')).toEqual([]);
  expect(s.target.client.socket.connected).toBe(true);
  // All media still live, everyone still in the call with their roles.
  const producers = await producersSeenBy(s.actor.client, s.m.meetingId);
  expect([...producers.values()].filter((p) => p.paused)).toEqual([]);
  expect(producers.size).toBe(4); // host's and target's mic + camera (the actor's own are not listed)
  const stored = await getMeeting(suite.srv.database.db, s.m.meetingId);
  expect(stored).toMatchObject({ endedAt: null, settings: { locked: false } });
  // The waiting guest is still waiting: the host can still let them in.
  await s.host.client.ok('admit', { participantId: s.waiting.participantId });
  await s.waiting.client.next('admitted');
  const late = await joinMeeting(s.waiting.client, s.m.meetingId, 'Waiting');
  expect(late.peers.map((p) => [p.userId, p.role]).sort()).toEqual([
    ['Actor', 'guest'],
    ['Host', 'host'],
    ['Target', 'guest'],
  ]);
}

describe('a guest', () => {
  it('can use none of the meeting controls: FORBIDDEN, and nothing changes', async () => {
    const s = await scene();
    for (const c of controls(s)) {
      const ack = await s.actor.client.raw(c.event, c.payload);
      expect(ack, c.what).toEqual({
        ok: false,
        error: { code: ErrorCode.FORBIDDEN, message: expect.any(String) },
      });
    }
    await expectNothingChanged(s);
  });

  it('is refused before the target is even looked up (no probing for ids)', async () => {
    const s = await scene();
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(await s.actor.client.refused('admit', { participantId: unknown })).toBe(ErrorCode.FORBIDDEN);
    expect(await s.actor.client.refused('muteParticipant', { peerId: unknown })).toBe(ErrorCode.FORBIDDEN);
    expect(await s.actor.client.refused('removeParticipant', { peerId: unknown })).toBe(ErrorCode.FORBIDDEN);
    await expectNothingChanged(s);
  });
});

describe('a co-host', () => {
  async function promoted(): Promise<Scene> {
    const s = await scene();
    await s.host.client.ok('setRole', { peerId: s.actor.peerId, role: 'cohost' });
    for (const p of [s.host, s.actor, s.target]) {
      expect(await p.client.next('roleChanged')).toEqual({ peerId: s.actor.peerId, role: 'cohost' });
    }
    // The new co-host learns who is waiting.
    expect((await s.actor.client.next('lobbyChanged')).waiting.map((w) => w.participantId)).toEqual([
      s.waiting.participantId,
    ]);
    return s;
  }

  it('can admit and deny waiting guests', async () => {
    const s = await promoted();
    await s.actor.client.ok('admit', { participantId: s.waiting.participantId });
    expect(await s.waiting.client.next('admitted')).toEqual({ callId: s.m.meetingId });
    await joinMeeting(s.waiting.client, s.m.meetingId, 'Waiting');

    const another = await suite.fx.guest(s.m.meetingId);
    expect(await joinRefused(another.client, s.m.meetingId, 'Another')).toBe(ErrorCode.WAITING_ROOM);
    await vi.waitFor(() =>
      expect(
        s.actor.client
          .all('lobbyChanged')
          .at(-1)
          ?.waiting.map((w) => w.participantId),
      ).toEqual([another.participantId]),
    );
    await s.actor.client.ok('deny', { participantId: another.participantId });
    expect((await another.client.next('denied')).callId).toBe(s.m.meetingId);
    await another.client.disconnected();
  });

  it("can turn off a guest's microphone and camera", async () => {
    const s = await promoted();
    await s.actor.client.ok('muteParticipant', { peerId: s.target.peerId });
    expect(await s.target.client.next('forcedOff')).toEqual({ source: 'microphone', by: 'Actor' });
    expect(await s.host.client.next('producerPaused')).toEqual({
      producerId: s.media.target.mic,
      peerId: s.target.peerId,
    });
    await s.actor.client.ok('stopParticipantCamera', { peerId: s.target.peerId });
    expect(await s.target.client.next('forcedOff')).toEqual({ source: 'camera', by: 'Actor' });
    const seen = await producersSeenBy(s.host.client, s.m.meetingId);
    expect(seen.get(s.media.target.mic)?.paused).toBe(true);
    expect(seen.get(s.media.target.camera)?.paused).toBe(true);
    expect(seen.get(s.media.actor.mic)?.paused).toBe(false);
  });

  it('can remove a guest', async () => {
    const s = await promoted();
    await s.actor.client.ok('removeParticipant', { peerId: s.target.peerId });
    expect((await s.target.client.next('removed')).callId).toBe(s.m.meetingId);
    expect((await s.host.client.next('peerLeft')).peerId).toBe(s.target.peerId);
    await s.target.client.disconnected();
    expect(
      await suite.fx.connect({ token: s.target.token, meetingId: s.m.meetingId }).catch((e: unknown) => e),
    ).toMatchObject({ data: { code: ErrorCode.REMOVED } });
  });

  it('can lock and unlock the meeting', async () => {
    const s = await promoted();
    await s.actor.client.ok('setMeetingLocked', { locked: true });
    for (const p of [s.host, s.actor, s.target]) {
      expect(await p.client.next('meetingUpdated')).toMatchObject({ hosted: true, locked: true });
    }
    expect((await getMeeting(suite.srv.database.db, s.m.meetingId))?.settings.locked).toBe(true);
    await s.actor.client.ok('setMeetingLocked', { locked: false });
    expect(await s.host.client.next('meetingUpdated')).toMatchObject({ locked: false });
    expect((await getMeeting(suite.srv.database.db, s.m.meetingId))?.settings.locked).toBe(false);
  });

  it('cannot end the meeting, hand out roles, or remove the host or another co-host', async () => {
    const s = await promoted();
    const cohost = s.actor.client;
    expect(await cohost.refused('endMeeting', {})).toBe(ErrorCode.FORBIDDEN);
    expect(await cohost.refused('setRole', { peerId: s.target.peerId, role: 'cohost' })).toBe(
      ErrorCode.FORBIDDEN,
    );
    expect(await cohost.refused('setRole', { peerId: s.actor.peerId, role: 'guest' })).toBe(
      ErrorCode.FORBIDDEN,
    );
    expect(await cohost.refused('removeParticipant', { peerId: s.host.peerId })).toBe(ErrorCode.FORBIDDEN);
    await s.host.client.ok('setRole', { peerId: s.target.peerId, role: 'cohost' });
    expect(await cohost.refused('removeParticipant', { peerId: s.target.peerId })).toBe(ErrorCode.FORBIDDEN);

    for (const p of [s.host, s.target]) await roundTrip(p.client);
    expect(s.host.client.all('peerLeft')).toEqual([]);
    expect(s.host.client.all('meetingEnded')).toEqual([]);
    expect(s.target.client.all('removed')).toEqual([]);
    expect(s.host.client.socket.connected && s.target.client.socket.connected).toBe(true);
    expect((await getMeeting(suite.srv.database.db, s.m.meetingId))?.endedAt).toBeNull();
  });

  it('keeps the role when reconnecting during the meeting, and loses it when demoted', async () => {
    const s = await promoted();
    s.actor.client.close();
    expect((await s.host.client.next('peerLeft')).peerId).toBe(s.actor.peerId);
    const again = await suite.fx.connect({ token: s.actor.token, meetingId: s.m.meetingId });
    const rejoined = await joinMeeting(again, s.m.meetingId, 'Actor');
    expect(rejoined.self.role).toBe('cohost');
    expect(rejoined.lobby.map((w) => w.participantId)).toEqual([s.waiting.participantId]);

    await s.host.client.ok('setRole', { peerId: rejoined.peerId, role: 'guest' });
    expect(await again.next('roleChanged')).toEqual({ peerId: rejoined.peerId, role: 'guest' });
    expect(await again.refused('admit', { participantId: s.waiting.participantId })).toBe(
      ErrorCode.FORBIDDEN,
    );
  });
});

describe('the host', () => {
  it('can promote, demote, remove a co-host, admit everyone, lock and end', async () => {
    const s = await scene();
    const host = s.host.client;
    await host.ok('setRole', { peerId: s.target.peerId, role: 'cohost' });
    await host.ok('setRole', { peerId: s.actor.peerId, role: 'cohost' });
    await host.ok('setRole', { peerId: s.actor.peerId, role: 'guest' });
    await vi.waitFor(() => expect(s.target.client.all('roleChanged').length).toBe(3));
    await host.ok('removeParticipant', { peerId: s.target.peerId });
    expect((await s.target.client.next('removed')).callId).toBe(s.m.meetingId);
    expect(await host.ok('admitAll', {})).toEqual({ admitted: 1 });
    await s.waiting.client.next('admitted');
    await host.ok('muteParticipant', { peerId: s.actor.peerId });
    await host.ok('stopParticipantCamera', { peerId: s.actor.peerId });
    await vi.waitFor(() => expect(s.actor.client.all('forcedOff').length).toBe(2));
    await host.ok('setMeetingLocked', { locked: true });
    await host.ok('endMeeting', {});
    expect(await s.actor.client.next('meetingEnded')).toEqual({ callId: s.m.meetingId });
    expect((await getMeeting(suite.srv.database.db, s.m.meetingId))?.endedAt).toEqual(expect.any(Number));
  });

  it('cannot change its own role or remove itself', async () => {
    const s = await scene();
    expect(await s.host.client.refused('setRole', { peerId: s.host.peerId, role: 'guest' })).toBe(
      ErrorCode.FORBIDDEN,
    );
    expect(await s.host.client.refused('removeParticipant', { peerId: s.host.peerId })).toBe(
      ErrorCode.BAD_REQUEST,
    );
  });
});

describe('an open meeting (no owner)', () => {
  it('has no host controls, even for a connection whose token claims to be its host', async () => {
    const callId = uniqueMeetingId('open');
    const a = await suite.fx.connect();
    const b = await suite.fx.connect();
    const aJoin = await joinMeeting(a, callId, 'Ann');
    const bJoin = await joinMeeting(b, callId, 'Bob');
    expect(aJoin.meeting.hosted).toBe(false);
    const bMedia = await publishMicAndCamera(b);

    // A token with a host role for an ownerless meeting grants nothing: there is no host.
    const claimed = await suite.fx.participant(callId, 'host');
    const cJoin = await joinMeeting(claimed.client, callId, 'Claims host');
    expect(cJoin.self.role).toBe('guest');

    const attempts: Array<[RequestName, unknown]> = [
      ['admit', { participantId: 'someone' }],
      ['admitAll', {}],
      ['deny', { participantId: 'someone' }],
      ['muteParticipant', { peerId: bJoin.peerId }],
      ['stopParticipantCamera', { peerId: bJoin.peerId }],
      ['removeParticipant', { peerId: bJoin.peerId }],
      ['setRole', { peerId: bJoin.peerId, role: 'cohost' }],
      ['setMeetingLocked', { locked: true }],
      ['endMeeting', {}],
    ];
    // Ann, there the longest, takes over letting people in (tests/integration/hostAbsent.test.ts);
    // nobody else has any control.
    for (const actor of [b, claimed.client]) {
      for (const [event, payload] of attempts) {
        expect(await actor.raw(event, payload), `${event}`).toMatchObject({
          ok: false,
          error: { code: ErrorCode.FORBIDDEN },
        });
      }
    }
    await roundTrip(b);
    expect(effectsSeenBy(b)).toEqual([]);
    const seen = await producersSeenBy(a, callId);
    expect(seen.get(bMedia.mic)?.paused).toBe(false);
    expect(seen.get(bMedia.camera)?.paused).toBe(false);
    expect(await getMeeting(suite.srv.database.db, callId)).toMatchObject({
      endedAt: null,
      settings: { locked: false },
    });
  });
});
