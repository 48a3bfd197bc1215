/**
 * Meetings: the code people join by, its optional owner (null = an open ad-hoc meeting without a
 * host), schedule, and the host's settings. Settings are stored as 0/1 and returned as booleans.
 */
import { isUniqueViolation } from '@/lib/db/constraintErrors';
import type { Db, MeetingsTable } from '@/lib/db/schema';

import type { MeetingSettings } from '@/lib/protocol';

export type { MeetingSettings };

export interface Meeting {
  id: string;
  ownerId: string | null;
  title: string;
  scheduledAt: number | null;
  createdAt: number;
  endedAt: number | null;
  settings: MeetingSettings;
}

export interface NewMeeting {
  id: string;
  ownerId: string | null;
  title?: string;
  scheduledAt?: number | null;
  settings?: Partial<MeetingSettings>;
}

export const DEFAULT_MAX_PARTICIPANTS = 100;
/** A meeting scheduled (or, if unscheduled, created) longer ago than this counts as past. */
export const PAST_AFTER_MS = 24 * 60 * 60 * 1000;
const PAST_LIST_LIMIT = 100;

export class MeetingIdTakenError extends Error {
  override name = 'MeetingIdTakenError';
  constructor(readonly meetingId: string) {
    super(`a meeting with the code ${meetingId} already exists`);
  }
}

export function defaultSettings(owned: boolean): MeetingSettings {
  return {
    waitingRoom: owned,
    locked: false,
    maxParticipants: DEFAULT_MAX_PARTICIPANTS,
    guestsCanShare: true,
    // Recording needs a host to start it and to own the file: off for open meetings.
    allowRecording: owned,
  };
}

/** Creates a meeting. Throws MeetingIdTakenError when the code is in use. */
export async function createMeeting(db: Db, input: NewMeeting, now = Date.now()): Promise<Meeting> {
  const row = toRow(input, now);
  try {
    await db.insertInto('meetings').values(row).execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw new MeetingIdTakenError(input.id);
    throw err;
  }
  return fromRow(row);
}

/** The meeting with this code, creating it as an open ad-hoc meeting when it does not exist. */
export async function ensureMeeting(db: Db, id: string, now = Date.now()): Promise<Meeting> {
  await db
    .insertInto('meetings')
    .values(toRow({ id, ownerId: null }, now))
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const meeting = await getMeeting(db, id);
  if (!meeting) throw new Error(`meeting ${id} vanished while being created`);
  return meeting;
}

export async function getMeeting(db: Db, id: string): Promise<Meeting | null> {
  const row = await db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? fromRow(row) : null;
}

/**
 * An owner's meetings. Past: ended, or scheduled (unscheduled: created) more than a day ago,
 * newest first, at most 100. Upcoming: the rest, soonest first.
 */
export async function listMeetingsForOwner(
  db: Db,
  ownerId: string,
  now = Date.now(),
): Promise<{ upcoming: Meeting[]; past: Meeting[] }> {
  const cutoff = now - PAST_AFTER_MS;
  const base = db.selectFrom('meetings').selectAll().where('ownerId', '=', ownerId);
  const [upcoming, past] = await Promise.all([
    base
      .where('endedAt', 'is', null)
      .where((eb) => eb(eb.fn.coalesce('scheduledAt', 'createdAt'), '>=', cutoff))
      .orderBy((eb) => eb.fn.coalesce('scheduledAt', 'createdAt'), 'asc')
      .orderBy('id')
      .execute(),
    base
      .where((eb) =>
        eb.or([eb('endedAt', 'is not', null), eb(eb.fn.coalesce('scheduledAt', 'createdAt'), '<', cutoff)]),
      )
      .orderBy((eb) => eb.fn.coalesce('endedAt', 'scheduledAt', 'createdAt'), 'desc')
      .orderBy('id')
      .limit(PAST_LIST_LIMIT)
      .execute(),
  ]);
  return { upcoming: upcoming.map(fromRow), past: past.map(fromRow) };
}

/** Changes settings of a meeting the user owns; null when there is no such meeting of theirs. */
export async function updateMeetingSettings(
  db: Db,
  id: string,
  ownerId: string,
  patch: Partial<MeetingSettings>,
): Promise<Meeting | null> {
  const values: Partial<MeetingsTable> = {};
  if (patch.waitingRoom !== undefined) values.waitingRoom = flag(patch.waitingRoom);
  if (patch.locked !== undefined) values.locked = flag(patch.locked);
  if (patch.maxParticipants !== undefined) values.maxParticipants = patch.maxParticipants;
  if (patch.guestsCanShare !== undefined) values.guestsCanShare = flag(patch.guestsCanShare);
  if (patch.allowRecording !== undefined) values.allowRecording = flag(patch.allowRecording);
  if (Object.keys(values).length > 0) {
    await db
      .updateTable('meetings')
      .set(values)
      .where('id', '=', id)
      .where('ownerId', '=', ownerId)
      .execute();
  }
  const meeting = await getMeeting(db, id);
  return meeting && meeting.ownerId === ownerId ? meeting : null;
}

/** Deletes a meeting the user owns (with its attendance, chat and revocations). */
export async function deleteMeeting(db: Db, id: string, ownerId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('meetings')
    .where('id', '=', id)
    .where('ownerId', '=', ownerId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Records when a meeting ended; false if it does not exist or had already ended. */
export async function markMeetingEnded(db: Db, id: string, now = Date.now()): Promise<boolean> {
  const result = await db
    .updateTable('meetings')
    .set({ endedAt: now })
    .where('id', '=', id)
    .where('endedAt', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

function toRow(input: NewMeeting, now: number): MeetingsTable {
  const settings = { ...defaultSettings(input.ownerId !== null), ...input.settings };
  return {
    id: input.id,
    ownerId: input.ownerId,
    title: input.title ?? '',
    scheduledAt: input.scheduledAt ?? null,
    createdAt: now,
    endedAt: null,
    waitingRoom: flag(settings.waitingRoom),
    locked: flag(settings.locked),
    maxParticipants: settings.maxParticipants,
    guestsCanShare: flag(settings.guestsCanShare),
    allowRecording: flag(settings.allowRecording),
  };
}

function fromRow(row: MeetingsTable): Meeting {
  return {
    id: row.id,
    ownerId: row.ownerId,
    title: row.title,
    scheduledAt: row.scheduledAt,
    createdAt: row.createdAt,
    endedAt: row.endedAt,
    settings: {
      waitingRoom: row.waitingRoom !== 0,
      locked: row.locked !== 0,
      maxParticipants: row.maxParticipants,
      guestsCanShare: row.guestsCanShare !== 0,
      allowRecording: row.allowRecording !== 0,
    },
  };
}

function flag(value: boolean): number {
  return value ? 1 : 0;
}
