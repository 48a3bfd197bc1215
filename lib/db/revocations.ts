/** Participants removed from a meeting by a host: they may not join it again. */
import type { Db } from '@/lib/db/schema';

/** Bars a participant from a meeting. Revoking twice is harmless. */
export async function revokeParticipant(
  db: Db,
  meetingId: string,
  participantId: string,
  now = Date.now(),
): Promise<void> {
  await db
    .insertInto('revocations')
    .values({ meetingId, participantId, revokedAt: now })
    .onConflict((oc) => oc.columns(['meetingId', 'participantId']).doNothing())
    .execute();
}

export async function isRevoked(db: Db, meetingId: string, participantId: string): Promise<boolean> {
  const row = await db
    .selectFrom('revocations')
    .select('participantId')
    .where('meetingId', '=', meetingId)
    .where('participantId', '=', participantId)
    .executeTakeFirst();
  return row !== undefined;
}
