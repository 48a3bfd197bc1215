import { expect, it } from 'vitest';
import { addChatMessage, listChatMessages } from '@/lib/db/chat';
import { createMeeting } from '@/lib/db/meetings';
import { describeEachEngine } from '@/tests/support/testDatabases';

let n = 0;

describeEachEngine('chat', (db) => {
  async function newMeeting() {
    n++;
    return createMeeting(db(), { id: `chat-${n}`, ownerId: null });
  }

  it('stores a message and returns it with its id and time', async () => {
    const meeting = await newMeeting();
    const message = await addChatMessage(
      db(),
      { meetingId: meeting.id, senderId: 'p1', senderName: 'Ada', text: 'Hello 👋 <b>world</b>' },
      1_750_000_000_000,
    );
    expect(message).toEqual({
      id: expect.any(Number),
      meetingId: meeting.id,
      senderId: 'p1',
      senderName: 'Ada',
      text: 'Hello 👋 <b>world</b>',
      createdAt: 1_750_000_000_000,
    });
    expect(await listChatMessages(db(), meeting.id)).toEqual([message]);
  });

  it('lists oldest to newest in the order sent, even within one millisecond', async () => {
    const meeting = await newMeeting();
    const sent = [];
    for (let i = 0; i < 5; i++) {
      sent.push(
        await addChatMessage(
          db(),
          { meetingId: meeting.id, senderId: `p${i % 2}`, senderName: 'X', text: `m${i}` },
          42,
        ),
      );
    }
    const listed = await listChatMessages(db(), meeting.id);
    expect(listed.map((m) => m.text)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(listed).toEqual(sent);
  });

  it('returns only the latest messages up to the limit (200 by default), still oldest first', async () => {
    const meeting = await newMeeting();
    const rows = Array.from({ length: 205 }, (_, i) => ({
      meetingId: meeting.id,
      senderId: 'p',
      senderName: 'P',
      text: `#${i}`,
      createdAt: 1_000 + i,
    }));
    await db().insertInto('chatMessages').values(rows).execute();
    const latest = await listChatMessages(db(), meeting.id);
    expect(latest).toHaveLength(200);
    expect(latest[0]?.text).toBe('#5');
    expect(latest.at(-1)?.text).toBe('#204');
    expect((await listChatMessages(db(), meeting.id, 3)).map((m) => m.text)).toEqual([
      '#202',
      '#203',
      '#204',
    ]);
    expect(await listChatMessages(db(), meeting.id, 0)).toEqual([]);
  });

  it('keeps meetings apart', async () => {
    const a = await newMeeting();
    const b = await newMeeting();
    await addChatMessage(db(), { meetingId: a.id, senderId: 'p', senderName: 'P', text: 'in a' });
    await addChatMessage(db(), { meetingId: b.id, senderId: 'p', senderName: 'P', text: 'in b' });
    expect((await listChatMessages(db(), a.id)).map((m) => m.text)).toEqual(['in a']);
    expect(await listChatMessages(db(), 'no-such-meeting')).toEqual([]);
  });

  it('needs the meeting to exist', async () => {
    const orphan = addChatMessage(db(), {
      meetingId: 'no-such-meeting',
      senderId: 'p',
      senderName: 'P',
      text: 'x',
    });
    await expect(orphan).rejects.toThrow();
  });
});
