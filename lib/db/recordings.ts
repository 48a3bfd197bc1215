/**
 * Server-side recordings of meetings: one row per recording with its state, timing and size. The
 * file itself lives in the recordings storage under `storageKey`; deleting the meeting deletes
 * the rows (the caller deletes the files, see lib/recording/RecordingStorage).
 */
import type { Db, RecordingsTable } from '@/lib/db/schema';

/** recording → finishing → ready, or failed (nothing playable could be kept). */
export type RecordingState = 'recording' | 'finishing' | 'ready' | 'failed';

export interface Recording {
  id: string;
  meetingId: string;
  startedBy: string;
  startedAt: number;
  endedAt: number | null;
  durationMs: number | null;
  sizeBytes: number | null;
  state: RecordingState;
  format: 'mp4';
  storageKey: string;
  error: string | null;
}

export interface NewRecording {
  id: string;
  meetingId: string;
  startedBy: string;
  storageKey: string;
}

export async function createRecording(db: Db, input: NewRecording, now = Date.now()): Promise<Recording> {
  const row: RecordingsTable = {
    ...input,
    startedAt: now,
    endedAt: null,
    durationMs: null,
    sizeBytes: null,
    state: 'recording',
    format: 'mp4',
    error: null,
  };
  await db.insertInto('recordings').values(row).execute();
  return fromRow(row);
}

export async function getRecording(db: Db, id: string): Promise<Recording | null> {
  const row = await db.selectFrom('recordings').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? fromRow(row) : null;
}

/** A meeting's recordings, newest first. */
export async function listRecordings(db: Db, meetingId: string): Promise<Recording[]> {
  const rows = await db
    .selectFrom('recordings')
    .selectAll()
    .where('meetingId', '=', meetingId)
    .orderBy('startedAt', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(fromRow);
}

/** Recordings of several meetings at once (the dashboard), grouped by meeting, newest first. */
export async function listRecordingsOf(db: Db, meetingIds: string[]): Promise<Map<string, Recording[]>> {
  const out = new Map<string, Recording[]>(meetingIds.map((id) => [id, []]));
  if (meetingIds.length === 0) return out;
  const rows = await db
    .selectFrom('recordings')
    .selectAll()
    .where('meetingId', 'in', meetingIds)
    .orderBy('startedAt', 'desc')
    .orderBy('id')
    .execute();
  for (const row of rows) out.get(row.meetingId)?.push(fromRow(row));
  return out;
}

/** Recordings left in `recording` or `finishing` (by a server that stopped without finishing them). */
export async function listUnfinishedRecordings(db: Db): Promise<Recording[]> {
  const rows = await db
    .selectFrom('recordings')
    .selectAll()
    .where('state', 'in', ['recording', 'finishing'])
    .execute();
  return rows.map(fromRow);
}

/** Whether the meeting has a recording under way (shown on the pre-join screen). */
export async function isBeingRecorded(db: Db, meetingId: string): Promise<boolean> {
  const row = await db
    .selectFrom('recordings')
    .select('id')
    .where('meetingId', '=', meetingId)
    .where('state', '=', 'recording')
    .executeTakeFirst();
  return row !== undefined;
}

export async function markRecordingFinishing(db: Db, id: string, now = Date.now()): Promise<void> {
  await db
    .updateTable('recordings')
    .set({ state: 'finishing', endedAt: now })
    .where('id', '=', id)
    .where('state', '=', 'recording')
    .execute();
}

export async function markRecordingReady(
  db: Db,
  id: string,
  result: { durationMs: number; sizeBytes: number; endedAt?: number },
  now = Date.now(),
): Promise<void> {
  await db
    .updateTable('recordings')
    .set((eb) => ({
      state: 'ready',
      durationMs: Math.round(result.durationMs),
      sizeBytes: result.sizeBytes,
      endedAt: result.endedAt ?? eb.fn.coalesce('endedAt', eb.val(now)),
      error: null,
    }))
    .where('id', '=', id)
    .execute();
}

export async function markRecordingFailed(
  db: Db,
  id: string,
  error: string,
  now = Date.now(),
): Promise<void> {
  await db
    .updateTable('recordings')
    .set((eb) => ({ state: 'failed', error, endedAt: eb.fn.coalesce('endedAt', eb.val(now)) }))
    .where('id', '=', id)
    .execute();
}

/** The recording with its meeting's owner, for access checks on download. */
export async function getRecordingWithOwner(
  db: Db,
  id: string,
): Promise<{ recording: Recording; ownerId: string | null } | null> {
  const row = await db
    .selectFrom('recordings')
    .innerJoin('meetings', 'meetings.id', 'recordings.meetingId')
    .selectAll('recordings')
    .select('meetings.ownerId as ownerId')
    .where('recordings.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const { ownerId, ...recording } = row;
  return { recording: fromRow(recording), ownerId };
}

function fromRow(row: RecordingsTable): Recording {
  return {
    id: row.id,
    meetingId: row.meetingId,
    startedBy: row.startedBy,
    startedAt: Number(row.startedAt),
    endedAt: row.endedAt === null ? null : Number(row.endedAt),
    durationMs: row.durationMs === null ? null : Number(row.durationMs),
    sizeBytes: row.sizeBytes === null ? null : Number(row.sizeBytes),
    state: row.state as RecordingState,
    format: 'mp4',
    storageKey: row.storageKey,
    error: row.error,
  };
}
