import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMeeting, deleteMeeting, getMeeting } from '@/lib/db/meetings';
import { createRecording, getRecording } from '@/lib/db/recordings';
import { createUser } from '@/lib/db/users';
import { createTestDatabase, type TestDatabase } from '@/tests/support/testDatabases';
import { deleteMeetingWithRecordings } from './deleteRecordings';
import { LocalRecordingStorage } from './RecordingStorage';

let dir: string;
let storage: LocalRecordingStorage;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ic-rec-'));
  storage = new LocalRecordingStorage(path.join(dir, 'recordings'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('LocalRecordingStorage', () => {
  it('keeps a finished file under its key, reads it whole or in part, and removes it', async () => {
    const work = await storage.workDir('rec-1');
    await fs.writeFile(path.join(work, 'out.mp4'), '0123456789');
    const kept = await storage.keep('rec-1', path.join(work, 'out.mp4'));
    expect(kept).toEqual({ key: 'rec-1.mp4', sizeBytes: 10 });
    expect(await storage.size('rec-1.mp4')).toBe(10);
    expect(await text(storage.read('rec-1.mp4'))).toBe('0123456789');
    expect(await text(storage.read('rec-1.mp4', { start: 2, end: 4 }))).toBe('234');
    await storage.removeWork('rec-1');
    await expect(fs.stat(work)).rejects.toThrow();
    await storage.remove('rec-1.mp4');
    expect(await storage.size('rec-1.mp4')).toBeNull();
    expect(await storage.freeBytes()).toBeGreaterThan(0);
  });

  it('never builds a path from a name that could leave its folder', async () => {
    await expect(storage.workDir('../etc')).rejects.toThrow(/invalid recording name/);
    await expect(storage.size('../x.mp4')).rejects.toThrow(/invalid recording name/);
    expect(() => storage.read('a/b.mp4')).toThrow(/invalid recording name/);
  });
});

describe('deleting a meeting with recordings', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase('sqlite');
  });
  afterEach(async () => {
    await database.drop();
  });

  it('removes the files once the meeting is gone, and nothing of another owner', async () => {
    const db = database.db;
    const owner = await createUser(db, { email: 'o@example.com', passwordHash: 'h', displayName: 'O' });
    const intruder = await createUser(db, { email: 'i@example.com', passwordHash: 'h', displayName: 'I' });
    await createMeeting(db, { id: 'del-meeting', ownerId: owner.id });
    await createRecording(db, {
      id: 'rec-del',
      meetingId: 'del-meeting',
      startedBy: 'O',
      storageKey: 'rec-del.mp4',
    });
    const work = await storage.workDir('rec-del');
    await fs.writeFile(path.join(work, 'f.mp4'), 'x');
    await storage.keep('rec-del', path.join(work, 'f.mp4'));
    const errors: unknown[] = [];

    const del = (ownerId: string) =>
      deleteMeetingWithRecordings(
        db,
        { id: 'del-meeting', ownerId },
        () => deleteMeeting(db, 'del-meeting', ownerId),
        storage,
        (err) => errors.push(err),
      );
    expect(await del(intruder.id)).toBe(false);
    expect(await storage.size('rec-del.mp4')).toBe(1);
    expect(await del(owner.id)).toBe(true);
    expect(await getMeeting(db, 'del-meeting')).toBeNull();
    expect(await getRecording(db, 'rec-del')).toBeNull();
    expect(await storage.size('rec-del.mp4')).toBeNull();
    expect(errors).toEqual([]);
  });
});
