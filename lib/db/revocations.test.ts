import { expect, it } from 'vitest';
import { createMeeting } from '@/lib/db/meetings';
import { isRevoked, revokeParticipant } from '@/lib/db/revocations';
import { describeEachEngine } from '@/tests/support/testDatabases';

describeEachEngine('revocations', (db) => {
  it('bars a participant from one meeting only, and tolerates revoking twice', async () => {
    await createMeeting(db(), { id: 'rev-a', ownerId: null });
    await createMeeting(db(), { id: 'rev-b', ownerId: null });
    expect(await isRevoked(db(), 'rev-a', 'p1')).toBe(false);

    await revokeParticipant(db(), 'rev-a', 'p1', 1_000);
    await revokeParticipant(db(), 'rev-a', 'p1', 2_000);

    expect(await isRevoked(db(), 'rev-a', 'p1')).toBe(true);
    expect(await isRevoked(db(), 'rev-a', 'p2')).toBe(false);
    expect(await isRevoked(db(), 'rev-b', 'p1')).toBe(false);
    const rows = await db().selectFrom('revocations').selectAll().where('meetingId', '=', 'rev-a').execute();
    expect(rows).toEqual([{ meetingId: 'rev-a', participantId: 'p1', revokedAt: 1_000 }]);
  });

  it('needs the meeting to exist', async () => {
    await expect(revokeParticipant(db(), 'no-such-meeting', 'p1')).rejects.toThrow();
    expect(await isRevoked(db(), 'no-such-meeting', 'p1')).toBe(false);
  });
});
