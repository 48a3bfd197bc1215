/**
 * Deleting a meeting deletes its recordings: the rows go with the meeting (ON DELETE CASCADE),
 * the files are removed here once the meeting is gone. A file that cannot be removed is reported
 * through `onFileError`, not fatal: the meeting is deleted either way.
 */
import { getMeeting } from '@/lib/db/meetings';
import { listRecordings } from '@/lib/db/recordings';
import type { Db } from '@/lib/db/schema';
import type { RecordingStorage } from './RecordingStorage';

export async function deleteMeetingWithRecordings(
  db: Db,
  meeting: { id: string; ownerId: string },
  deleteMeeting: () => Promise<boolean>,
  storage: RecordingStorage,
  onFileError: (err: unknown, recordingId: string) => void,
): Promise<boolean> {
  const found = await getMeeting(db, meeting.id);
  if (!found || found.ownerId !== meeting.ownerId) return false;
  const recordings = await listRecordings(db, meeting.id);
  if (!(await deleteMeeting())) return false;
  await Promise.all(
    recordings.map((r) =>
      Promise.all([storage.remove(r.storageKey), storage.removeWork(r.id)]).catch((err: unknown) =>
        onFileError(err, r.id),
      ),
    ),
  );
  return true;
}
