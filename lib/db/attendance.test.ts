import { expect, it } from 'vitest';
import { closeOpenAttendance, listAttendance, recordJoin, recordLeave } from '@/lib/db/attendance';
import { createMeeting } from '@/lib/db/meetings';
import { createUser } from '@/lib/db/users';
import { describeEachEngine } from '@/tests/support/testDatabases';

const T0 = 1_750_000_000_000;
const MIN = 60_000;
let n = 0;

describeEachEngine('attendance', (db) => {
  async function newMeeting(ownerId: string | null = null) {
    n++;
    return createMeeting(db(), { id: `att-${n}`, ownerId });
  }

  it('records joins and leaves and reports who was there, in which role, for how long', async () => {
    const host = await createUser(db(), {
      email: `host${n}@example.com`,
      passwordHash: 'h',
      displayName: 'Hana',
    });
    const meeting = await newMeeting(host.id);
    const hostEntry = await recordJoin(
      db(),
      { meetingId: meeting.id, participantId: 'p-host', displayName: 'Hana', userId: host.id, role: 'host' },
      T0,
    );
    const guestEntry = await recordJoin(
      db(),
      { meetingId: meeting.id, participantId: 'p-guest', displayName: 'Gus', userId: null, role: 'guest' },
      T0 + 2 * MIN,
    );
    expect(typeof hostEntry).toBe('number');
    expect(guestEntry).not.toBe(hostEntry);

    await recordLeave(db(), guestEntry, T0 + 12 * MIN);
    await recordLeave(db(), guestEntry, T0 + 50 * MIN);

    expect(await listAttendance(db(), meeting.id, T0 + 30 * MIN)).toEqual([
      {
        id: hostEntry,
        participantId: 'p-host',
        name: 'Hana',
        userId: host.id,
        role: 'host',
        joinedAt: T0,
        leftAt: null,
        durationMs: 30 * MIN,
      },
      {
        id: guestEntry,
        participantId: 'p-guest',
        name: 'Gus',
        userId: null,
        role: 'guest',
        joinedAt: T0 + 2 * MIN,
        leftAt: T0 + 12 * MIN,
        durationMs: 10 * MIN,
      },
    ]);
  });

  it('keeps a rejoin as a separate entry, ordered by join time', async () => {
    const meeting = await newMeeting();
    const join = (at: number) =>
      recordJoin(
        db(),
        { meetingId: meeting.id, participantId: 'p1', displayName: 'Pat', userId: null, role: 'guest' },
        at,
      );
    const second = await join(T0 + 20 * MIN);
    const first = await join(T0);
    await recordLeave(db(), first, T0 + 5 * MIN);
    await recordLeave(db(), second, T0 + 21 * MIN);
    const list = await listAttendance(db(), meeting.id);
    expect(list.map((e) => [e.id, e.durationMs])).toEqual([
      [first, 5 * MIN],
      [second, 1 * MIN],
    ]);
  });

  it('closes everyone still present when a meeting ends', async () => {
    const meeting = await newMeeting();
    const a = await recordJoin(
      db(),
      { meetingId: meeting.id, participantId: 'a', displayName: 'A', userId: null, role: 'guest' },
      T0,
    );
    await recordJoin(
      db(),
      { meetingId: meeting.id, participantId: 'b', displayName: 'B', userId: null, role: 'guest' },
      T0,
    );
    await recordLeave(db(), a, T0 + MIN);
    expect(await closeOpenAttendance(db(), meeting.id, T0 + 3 * MIN)).toBe(1);
    const list = await listAttendance(db(), meeting.id, T0 + 99 * MIN);
    expect(list.map((e) => e.leftAt)).toEqual([T0 + MIN, T0 + 3 * MIN]);
    expect(list.map((e) => e.durationMs)).toEqual([MIN, 3 * MIN]);
  });

  it('keeps attendance of a deleted account, without the account', async () => {
    const user = await createUser(db(), {
      email: `gone${n}@example.com`,
      passwordHash: 'h',
      displayName: 'Gone',
    });
    const meeting = await newMeeting();
    await recordJoin(db(), {
      meetingId: meeting.id,
      participantId: 'g',
      displayName: 'Gone',
      userId: user.id,
      role: 'guest',
    });
    await db().deleteFrom('users').where('id', '=', user.id).execute();
    expect(await listAttendance(db(), meeting.id)).toEqual([
      expect.objectContaining({ name: 'Gone', userId: null }),
    ]);
  });

  it('needs the meeting to exist, and lists nothing for an unknown one', async () => {
    const orphan = recordJoin(db(), {
      meetingId: 'no-such-meeting',
      participantId: 'x',
      displayName: 'X',
      userId: null,
      role: 'guest',
    });
    await expect(orphan).rejects.toThrow();
    expect(await listAttendance(db(), 'no-such-meeting')).toEqual([]);
  });
});
