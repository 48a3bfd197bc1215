/**
 * Chat, raised hands and reactions through the real server and database: messages are stored and
 * sent to everyone else (not echoed), late joiners get the history oldest first, text comes back
 * verbatim, bad text is BAD_REQUEST, floods are RATE_LIMITED; hands and reactions reach the others
 * and a late joiner sees who has a hand up.
 */
import { describe, expect, it, vi } from 'vitest';
import { listChatMessages } from '@/lib/db/chat';
import { CHAT_MAX_LENGTH, ErrorCode } from '@/lib/protocol';
import {
  joinMeeting,
  roundTrip,
  uniqueMeetingId,
  type OwnedMeeting,
  type Participant,
} from '@/tests/support/meetingFixture';
import { meetingSuite } from '@/tests/support/meetingSuite';
import { getStats } from '@/tests/support/testServer';

const suite = meetingSuite();

type InCall = Participant & { peerId: string; name: string };

async function call(names: string[]): Promise<{ m: OwnedMeeting; people: InCall[] }> {
  const m = await suite.fx.ownedMeeting({ waitingRoom: false });
  const people: InCall[] = [];
  for (const [i, name] of names.entries()) {
    const p = i === 0 ? await suite.fx.host(m) : await suite.fx.guest(m.meetingId);
    people.push({ ...p, name, peerId: (await joinMeeting(p.client, m.meetingId, name)).peerId });
  }
  return { m, people };
}

async function lateJoiner(meetingId: string, name: string) {
  const p = await suite.fx.guest(meetingId);
  return { p, joined: await joinMeeting(p.client, meetingId, name) };
}

describe('sendChat', () => {
  it('stores the message and sends it to everyone else, not back to the sender', async () => {
    const { m, people } = await call(['Ann', 'Bob', 'Cat']);
    const [ann, bob, cat] = people as [InCall, InCall, InCall];
    const before = Date.now();
    const { message } = await bob.client.ok('sendChat', { text: 'hello all' });
    expect(message).toEqual({
      id: expect.any(String),
      senderId: bob.participantId,
      senderName: 'Bob',
      text: 'hello all',
      createdAt: expect.any(Number),
    });
    expect(message.createdAt).toBeGreaterThanOrEqual(before);
    expect(await ann.client.next('chatMessage')).toEqual(message);
    expect(await cat.client.next('chatMessage')).toEqual(message);
    await roundTrip(bob.client);
    expect(bob.client.all('chatMessage')).toEqual([]);

    const stored = await listChatMessages(suite.srv.database.db, m.meetingId);
    expect(stored).toEqual([
      expect.objectContaining({
        id: Number(message.id),
        senderId: bob.participantId,
        senderName: 'Bob',
        text: 'hello all',
      }),
    ]);
  });

  it('gives a late joiner the history, oldest first, and only of its own meeting', async () => {
    const { m, people } = await call(['Ann', 'Bob']);
    const [ann, bob] = people as [InCall, InCall];
    const sent = [
      (await ann.client.ok('sendChat', { text: 'one' })).message,
      (await bob.client.ok('sendChat', { text: 'two' })).message,
      (await ann.client.ok('sendChat', { text: 'three' })).message,
    ];
    const other = await call(['Elsewhere']);
    await other.people[0]!.client.ok('sendChat', { text: 'not for them' });

    const { joined } = await lateJoiner(m.meetingId, 'Late');
    expect(joined.chat).toEqual(sent);
    expect(joined.chat.map((c) => c.text)).toEqual(['one', 'two', 'three']);

    // Also after everyone left and the meeting is loaded from storage again.
    suite.fx.closeClients();
    await vi.waitFor(async () => expect((await getStats(suite.srv.url)).peers).toBe(0));
    const back = await suite.fx.host(m);
    expect((await joinMeeting(back.client, m.meetingId, 'Ann')).chat).toEqual(sent);
  });

  it('returns text verbatim: markup stays a string, nothing is escaped or interpreted', async () => {
    const { people } = await call(['Ann', 'Bob']);
    const [ann, bob] = people as [InCall, InCall];
    const texts = [
      '<img src=x onerror=alert(1)>',
      '<script>alert("x")</script> & &amp; &lt;',
      'line one\nline two',
      'emoji 🎉 and ünïcödé',
      '{"__proto__": {"admin": true}}',
    ];
    for (const text of texts) {
      const { message } = await ann.client.ok('sendChat', { text });
      expect(message.text).toBe(text);
      expect((await bob.client.next('chatMessage')).text).toBe(text);
    }
    const { joined } = await lateJoiner(ann.meetingId, 'Late');
    expect(joined.chat.map((c) => c.text)).toEqual(texts);
  });

  it('trims surrounding whitespace and accepts exactly the maximum length', async () => {
    const { people } = await call(['Ann', 'Bob']);
    const [ann, bob] = people as [InCall, InCall];
    expect((await ann.client.ok('sendChat', { text: '  padded  ' })).message.text).toBe('padded');
    const longest = 'x'.repeat(CHAT_MAX_LENGTH);
    expect((await ann.client.ok('sendChat', { text: longest })).message.text).toBe(longest);
    await bob.client.next('chatMessage');
    expect((await bob.client.next('chatMessage')).text).toBe(longest);
  });

  it('refuses empty, blank, too long and non-text messages (BAD_REQUEST), storing nothing', async () => {
    const { m, people } = await call(['Ann', 'Bob']);
    const [ann, bob] = people as [InCall, InCall];
    for (const payload of [
      { text: '' },
      { text: '   \n\t ' },
      { text: 'x'.repeat(CHAT_MAX_LENGTH + 1) },
      { text: 42 },
      { text: ['hi'] },
      {},
      null,
    ]) {
      expect(await ann.client.raw('sendChat', payload), JSON.stringify(payload)?.slice(0, 40)).toMatchObject({
        ok: false,
        error: { code: ErrorCode.BAD_REQUEST },
      });
    }
    await roundTrip(bob.client);
    expect(bob.client.all('chatMessage')).toEqual([]);
    expect(await listChatMessages(suite.srv.database.db, m.meetingId)).toEqual([]);
  });

  it('refuses the 6th message within 5 s (RATE_LIMITED) without storing or sending it', async () => {
    const { m, people } = await call(['Ann', 'Bob']);
    const [ann, bob] = people as [InCall, InCall];
    for (let i = 1; i <= 5; i++) await ann.client.ok('sendChat', { text: `message ${i}` });
    const ack = await ann.client.request('sendChat', { text: 'message 6' });
    expect(ack).toEqual({
      ok: false,
      error: { code: ErrorCode.RATE_LIMITED, message: expect.stringMatching(/try again/) },
    });

    // The limit follows the participant, not the connection: another tab is limited too.
    const tab = await suite.fx.guest(m.meetingId, { participantId: ann.participantId });
    await joinMeeting(tab.client, m.meetingId, 'Ann (tab 2)');
    expect(await tab.client.refused('sendChat', { text: 'message 7' })).toBe(ErrorCode.RATE_LIMITED);
    // Others are not affected.
    await bob.client.ok('sendChat', { text: 'from bob' });

    await roundTrip(bob.client);
    expect(bob.client.all('chatMessage').map((c) => c.text)).toEqual(
      [1, 2, 3, 4, 5].map((i) => `message ${i}`),
    );
    const stored = await listChatMessages(suite.srv.database.db, m.meetingId);
    expect(stored.map((c) => c.text)).toEqual([...[1, 2, 3, 4, 5].map((i) => `message ${i}`), 'from bob']);
  });

  it('works in an open meeting too (anonymous connections)', async () => {
    const callId = uniqueMeetingId('open');
    const a = await suite.fx.connect();
    const b = await suite.fx.connect();
    await joinMeeting(a, callId, 'Ann');
    await joinMeeting(b, callId, 'Bob');
    const { message } = await a.ok('sendChat', { text: 'hi' });
    expect(await b.next('chatMessage')).toEqual(message);
  });
});

describe('raiseHand', () => {
  it('tells the others, and a late joiner sees the raised hand in `peers`', async () => {
    const { m, people } = await call(['Ann', 'Bob']);
    const [ann, bob] = people as [InCall, InCall];
    await bob.client.ok('raiseHand', { raised: true });
    expect(await ann.client.next('handRaised')).toEqual({ peerId: bob.peerId, raised: true });
    // Raising a raised hand changes nothing and tells nobody.
    await bob.client.ok('raiseHand', { raised: true });

    const late = await lateJoiner(m.meetingId, 'Late');
    expect(late.joined.peers.map((p) => [p.userId, p.handRaised]).sort()).toEqual([
      ['Ann', false],
      ['Bob', true],
    ]);

    await bob.client.ok('raiseHand', { raised: false });
    expect(await ann.client.next('handRaised')).toEqual({ peerId: bob.peerId, raised: false });
    expect(await late.p.client.next('handRaised')).toEqual({ peerId: bob.peerId, raised: false });
    await roundTrip(ann.client);
    await roundTrip(bob.client);
    expect(ann.client.all('handRaised').length).toBe(2);
    expect(bob.client.all('handRaised')).toEqual([]);
    expect(await bob.client.raw('raiseHand', { raised: 'yes' })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.BAD_REQUEST },
    });
  });
});

describe('sendReaction', () => {
  it('sends the reaction to the others; an unknown emoji is BAD_REQUEST', async () => {
    const { people } = await call(['Ann', 'Bob']);
    const [ann, bob] = people as [InCall, InCall];
    await ann.client.ok('sendReaction', { emoji: '👏' });
    expect(await bob.client.next('reaction')).toEqual({ peerId: ann.peerId, emoji: '👏' });
    for (const emoji of ['💩', '<b>', '', 'thumbsup', 1]) {
      expect(await ann.client.raw('sendReaction', { emoji }), String(emoji)).toMatchObject({
        ok: false,
        error: { code: ErrorCode.BAD_REQUEST },
      });
    }
    await roundTrip(bob.client);
    await roundTrip(ann.client);
    expect(bob.client.all('reaction')).toEqual([{ peerId: ann.peerId, emoji: '👏' }]);
    expect(ann.client.all('reaction')).toEqual([]);
  });

  it('refuses a flood of reactions (RATE_LIMITED after 10 within 10 s)', async () => {
    const { people } = await call(['Ann', 'Bob']);
    const [ann, bob] = people as [InCall, InCall];
    for (let i = 0; i < 10; i++) await ann.client.ok('sendReaction', { emoji: '🎉' });
    expect(await ann.client.refused('sendReaction', { emoji: '🎉' })).toBe(ErrorCode.RATE_LIMITED);
    await roundTrip(bob.client);
    expect(bob.client.all('reaction').length).toBe(10);
  });
});
