import { expect, it } from 'vitest';
import {
  MeetingIdTakenError,
  PAST_AFTER_MS,
  createMeeting,
  deleteMeeting,
  ensureMeeting,
  getMeeting,
  listMeetingsForOwner,
  markMeetingEnded,
  updateMeetingSettings,
} from '@/lib/db/meetings';
import { createUser } from '@/lib/db/users';
import { describeEachEngine } from '@/tests/support/testDatabases';

const NOW = 1_750_000_000_000;
const HOUR = 3_600_000;
let n = 0;

describeEachEngine('meetings', (db) => {
  async function newOwner() {
    n++;
    const user = await createUser(db(), {
      email: `owner${n}@example.com`,
      passwordHash: 'h',
      displayName: `Owner ${n}`,
    });
    return user.id;
  }
  const code = (suffix: string) => `m${n}-${suffix}`;

  it('creates an owned meeting with host defaults and reads it back', async () => {
    const ownerId = await newOwner();
    const created = await createMeeting(
      db(),
      { id: code('abc-defg-hij'), ownerId, title: 'Planning', scheduledAt: NOW + HOUR },
      NOW,
    );
    expect(created).toEqual({
      id: code('abc-defg-hij'),
      ownerId,
      title: 'Planning',
      scheduledAt: NOW + HOUR,
      createdAt: NOW,
      endedAt: null,
      settings: {
        waitingRoom: true,
        locked: false,
        maxParticipants: 100,
        guestsCanShare: true,
        allowRecording: true,
      },
    });
    expect(await getMeeting(db(), created.id)).toEqual(created);
  });

  it('creates ad-hoc meetings without a host or waiting room, and keeps explicit settings', async () => {
    const open = await createMeeting(db(), { id: code('open'), ownerId: null }, NOW);
    expect(open).toMatchObject({ ownerId: null, title: '', scheduledAt: null });
    expect(open.settings).toEqual({
      waitingRoom: false,
      locked: false,
      maxParticipants: 100,
      guestsCanShare: true,
      allowRecording: false,
    });

    const ownerId = await newOwner();
    const custom = await createMeeting(db(), {
      id: code('custom'),
      ownerId,
      settings: { waitingRoom: false, locked: true, maxParticipants: 12, guestsCanShare: false },
    });
    expect((await getMeeting(db(), custom.id))?.settings).toEqual({
      waitingRoom: false,
      locked: true,
      maxParticipants: 12,
      guestsCanShare: false,
      allowRecording: true,
    });
  });

  it('rejects a code already in use', async () => {
    const ownerId = await newOwner();
    await createMeeting(db(), { id: code('taken'), ownerId: null });
    const again = createMeeting(db(), { id: code('taken'), ownerId });
    await expect(again).rejects.toBeInstanceOf(MeetingIdTakenError);
    await expect(again).rejects.toMatchObject({ meetingId: code('taken') });
    expect((await getMeeting(db(), code('taken')))?.ownerId).toBeNull();
  });

  it('ensureMeeting creates an open meeting once and leaves an existing one alone', async () => {
    const first = await ensureMeeting(db(), code('ensure'), NOW);
    expect(first).toMatchObject({ id: code('ensure'), ownerId: null, createdAt: NOW });
    expect(await ensureMeeting(db(), code('ensure'), NOW + 5)).toEqual(first);

    const ownerId = await newOwner();
    const owned = await createMeeting(db(), { id: code('owned'), ownerId }, NOW);
    expect(await ensureMeeting(db(), code('owned'))).toEqual(owned);
  });

  it('returns null for an unknown code', async () => {
    expect(await getMeeting(db(), 'zzz-zzzz-zzz')).toBeNull();
  });

  it('lets only the owner change settings, applying just the given fields', async () => {
    const ownerId = await newOwner();
    const intruder = await newOwner();
    const meeting = await createMeeting(db(), { id: code('settings'), ownerId });

    const updated = await updateMeetingSettings(db(), meeting.id, ownerId, {
      locked: true,
      maxParticipants: 25,
    });
    expect(updated?.settings).toEqual({
      waitingRoom: true,
      locked: true,
      maxParticipants: 25,
      guestsCanShare: true,
      allowRecording: true,
    });

    expect(
      await updateMeetingSettings(db(), meeting.id, intruder, { locked: false, waitingRoom: false }),
    ).toBeNull();
    expect(await updateMeetingSettings(db(), 'no-such-meeting', ownerId, { locked: false })).toBeNull();
    expect((await getMeeting(db(), meeting.id))?.settings).toEqual(updated?.settings);

    const unchanged = await updateMeetingSettings(db(), meeting.id, ownerId, {});
    expect(unchanged).toEqual(updated);
    const open = await createMeeting(db(), { id: code('open-settings'), ownerId: null });
    expect(await updateMeetingSettings(db(), open.id, ownerId, { locked: true })).toBeNull();
  });

  it('lets only the owner delete a meeting, and deletes its chat, attendance and revocations', async () => {
    const ownerId = await newOwner();
    const meeting = await createMeeting(db(), { id: code('delete'), ownerId });
    await db()
      .insertInto('chatMessages')
      .values({ meetingId: meeting.id, senderId: 'p', senderName: 'P', text: 'hi', createdAt: 1 })
      .execute();
    await db()
      .insertInto('attendance')
      .values({
        meetingId: meeting.id,
        participantId: 'p',
        displayName: 'P',
        userId: null,
        role: 'guest',
        joinedAt: 1,
        leftAt: null,
      })
      .execute();
    await db()
      .insertInto('revocations')
      .values({ meetingId: meeting.id, participantId: 'p', revokedAt: 1 })
      .execute();

    expect(await deleteMeeting(db(), meeting.id, await newOwner())).toBe(false);
    expect(await getMeeting(db(), meeting.id)).not.toBeNull();
    expect(await deleteMeeting(db(), meeting.id, ownerId)).toBe(true);
    expect(await getMeeting(db(), meeting.id)).toBeNull();
    expect(await deleteMeeting(db(), meeting.id, ownerId)).toBe(false);
    for (const table of ['chatMessages', 'attendance', 'revocations'] as const) {
      const rows = await db()
        .selectFrom(table)
        .select('meetingId')
        .where('meetingId', '=', meeting.id)
        .execute();
      expect(rows, table).toEqual([]);
    }
  });

  it('marks a meeting ended once', async () => {
    const meeting = await createMeeting(db(), { id: code('end'), ownerId: null }, NOW);
    expect(await markMeetingEnded(db(), meeting.id, NOW + HOUR)).toBe(true);
    expect(await markMeetingEnded(db(), meeting.id, NOW + 2 * HOUR)).toBe(false);
    expect((await getMeeting(db(), meeting.id))?.endedAt).toBe(NOW + HOUR);
    expect(await markMeetingEnded(db(), 'no-such-meeting')).toBe(false);
  });

  it('lists an owner’s meetings as upcoming (soonest first) and past (latest first)', async () => {
    const ownerId = await newOwner();
    const other = await newOwner();
    const day = PAST_AFTER_MS;
    const make = (suffix: string, scheduledAt: number | null, createdAt = NOW - 10 * day) =>
      createMeeting(db(), { id: code(suffix), ownerId, scheduledAt }, createdAt);

    await make('tomorrow', NOW + day);
    await make('in-an-hour', NOW + HOUR);
    await make('started-an-hour-ago', NOW - HOUR);
    await make('instant-now', null, NOW - 10);
    await make('two-days-ago', NOW - 2 * day);
    await make('last-week', NOW - 7 * day);
    await make('old-instant', null, NOW - 3 * day);
    await make('ended-early', NOW + 2 * HOUR);
    await markMeetingEnded(db(), code('ended-early'), NOW - 1);
    await createMeeting(db(), { id: code('someone-else'), ownerId: other, scheduledAt: NOW + HOUR }, NOW);

    const { upcoming, past } = await listMeetingsForOwner(db(), ownerId, NOW);
    expect(upcoming.map((m) => m.id)).toEqual(
      ['started-an-hour-ago', 'instant-now', 'in-an-hour', 'tomorrow'].map(code),
    );
    expect(past.map((m) => m.id)).toEqual(
      ['ended-early', 'two-days-ago', 'old-instant', 'last-week'].map(code),
    );
    expect(past[0]?.settings.waitingRoom).toBe(true);
    expect(await listMeetingsForOwner(db(), 'no-such-owner', NOW)).toEqual({ upcoming: [], past: [] });
  });

  it('deletes a user’s meetings with the user', async () => {
    const ownerId = await newOwner();
    await createMeeting(db(), { id: code('cascade'), ownerId });
    await db().deleteFrom('users').where('id', '=', ownerId).execute();
    expect(await getMeeting(db(), code('cascade'))).toBeNull();
  });
});
