import { expect, it } from 'vitest';
import { createMeeting, deleteMeeting } from '@/lib/db/meetings';
import {
  createRecording,
  getRecording,
  getRecordingWithOwner,
  isBeingRecorded,
  listRecordings,
  listRecordingsOf,
  listUnfinishedRecordings,
  markRecordingFailed,
  markRecordingFinishing,
  markRecordingReady,
} from '@/lib/db/recordings';
import { createUser } from '@/lib/db/users';
import { describeEachEngine } from '@/tests/support/testDatabases';

const NOW = 1_750_000_000_000;
let n = 0;

describeEachEngine('recordings', (db) => {
  async function ownedMeeting() {
    n++;
    const owner = await createUser(db(), {
      email: `rec${n}@example.com`,
      passwordHash: 'h',
      displayName: 'O',
    });
    return createMeeting(db(), { id: `rec-${n}`, ownerId: owner.id });
  }

  it('goes from recording to finishing to ready, with duration, size and end time', async () => {
    const m = await ownedMeeting();
    const r = await createRecording(
      db(),
      { id: `r${n}a`, meetingId: m.id, startedBy: 'Host', storageKey: `r${n}a.mp4` },
      NOW,
    );
    expect(r).toMatchObject({
      state: 'recording',
      startedAt: NOW,
      endedAt: null,
      durationMs: null,
      format: 'mp4',
    });
    expect(await isBeingRecorded(db(), m.id)).toBe(true);
    expect((await listUnfinishedRecordings(db())).map((x) => x.id)).toContain(r.id);

    await markRecordingFinishing(db(), r.id, NOW + 15_000);
    expect(await isBeingRecorded(db(), m.id)).toBe(false);
    await markRecordingReady(db(), r.id, { durationMs: 14_876.4, sizeBytes: 1_234_567 });
    expect(await getRecording(db(), r.id)).toEqual({
      ...r,
      state: 'ready',
      endedAt: NOW + 15_000,
      durationMs: 14_876,
      sizeBytes: 1_234_567,
    });
    expect((await listUnfinishedRecordings(db())).map((x) => x.id)).not.toContain(r.id);
  });

  it('records a failure with its reason', async () => {
    const m = await ownedMeeting();
    const r = await createRecording(
      db(),
      { id: `r${n}f`, meetingId: m.id, startedBy: 'H', storageKey: `r${n}f.mp4` },
      NOW,
    );
    await markRecordingFailed(db(), r.id, 'nothing was recorded', NOW + 5);
    expect(await getRecording(db(), r.id)).toMatchObject({
      state: 'failed',
      error: 'nothing was recorded',
      endedAt: NOW + 5,
    });
  });

  it('lists a meeting’s recordings newest first, per meeting, with the owner for access checks', async () => {
    const m = await ownedMeeting();
    const other = await ownedMeeting();
    const a = await createRecording(
      db(),
      { id: `r${n}1`, meetingId: m.id, startedBy: 'H', storageKey: 'a.mp4' },
      NOW,
    );
    const b = await createRecording(
      db(),
      { id: `r${n}2`, meetingId: m.id, startedBy: 'H', storageKey: 'b.mp4' },
      NOW + 1,
    );
    expect((await listRecordings(db(), m.id)).map((r) => r.id)).toEqual([b.id, a.id]);
    const grouped = await listRecordingsOf(db(), [m.id, other.id, 'none']);
    expect(grouped.get(m.id)?.map((r) => r.id)).toEqual([b.id, a.id]);
    expect(grouped.get(other.id)).toEqual([]);
    expect(grouped.get('none')).toEqual([]);
    expect(await listRecordingsOf(db(), [])).toEqual(new Map());
    expect(await getRecordingWithOwner(db(), a.id)).toEqual({ recording: a, ownerId: m.ownerId });
    expect(await getRecordingWithOwner(db(), 'missing')).toBeNull();
  });

  it('goes away with its meeting', async () => {
    const m = await ownedMeeting();
    const r = await createRecording(
      db(),
      { id: `r${n}d`, meetingId: m.id, startedBy: 'H', storageKey: 'd.mp4' },
      NOW,
    );
    expect(await deleteMeeting(db(), m.id, m.ownerId!)).toBe(true);
    expect(await getRecording(db(), r.id)).toBeNull();
  });
});
