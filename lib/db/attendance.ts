/** Who attended a meeting, in which role, and for how long. */
import type { Db } from '@/lib/db/schema';

export type ParticipantRole = 'host' | 'cohost' | 'guest';

export interface AttendanceJoin {
  meetingId: string;
  participantId: string;
  displayName: string;
  /** The account of a signed-in participant; null for a guest. */
  userId: string | null;
  role: ParticipantRole;
}

export interface AttendanceEntry {
  id: number;
  participantId: string;
  name: string;
  userId: string | null;
  role: ParticipantRole;
  joinedAt: number;
  /** Null while the participant is still in the meeting. */
  leftAt: number | null;
  /** Time in the meeting: until leftAt, or until now for someone still there. */
  durationMs: number;
}

/** Records a participant joining; returns the entry id to pass to recordLeave. */
export async function recordJoin(db: Db, join: AttendanceJoin, now = Date.now()): Promise<number> {
  const row = await db
    .insertInto('attendance')
    .values({ ...join, joinedAt: now, leftAt: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Records a participant leaving. Only the first call counts. */
export async function recordLeave(db: Db, id: number, now = Date.now()): Promise<void> {
  await db
    .updateTable('attendance')
    .set({ leftAt: now })
    .where('id', '=', id)
    .where('leftAt', 'is', null)
    .execute();
}

/** Marks everyone still present as having left (the meeting ended or the server restarted). */
export async function closeOpenAttendance(db: Db, meetingId: string, now = Date.now()): Promise<number> {
  const result = await db
    .updateTable('attendance')
    .set({ leftAt: now })
    .where('meetingId', '=', meetingId)
    .where('leftAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A meeting's attendance, in order of joining. */
export async function listAttendance(
  db: Db,
  meetingId: string,
  now = Date.now(),
): Promise<AttendanceEntry[]> {
  const rows = await db
    .selectFrom('attendance')
    .select(['id', 'participantId', 'displayName', 'userId', 'role', 'joinedAt', 'leftAt'])
    .where('meetingId', '=', meetingId)
    .orderBy('joinedAt')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    participantId: r.participantId,
    name: r.displayName,
    userId: r.userId,
    role: r.role === 'host' || r.role === 'cohost' ? r.role : 'guest',
    joinedAt: r.joinedAt,
    leftAt: r.leftAt,
    durationMs: Math.max(0, (r.leftAt ?? now) - r.joinedAt),
  }));
}
