/** Creating a host's meeting under a fresh, unguessable code. */
import { MeetingIdTakenError, createMeeting, type Meeting, type NewMeeting } from '@/lib/db/meetings';
import type { Db } from '@/lib/db/schema';
import { generateMeetingCode } from './meetingCode';

const ATTEMPTS = 5;

/**
 * Creates a meeting under a fresh code, drawing another one when the code is already taken
 * (a few times; then the MeetingIdTakenError is thrown).
 */
export async function createMeetingWithFreshCode(
  db: Db,
  input: Omit<NewMeeting, 'id'>,
  now = Date.now(),
  generate: () => string = generateMeetingCode,
): Promise<Meeting> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await createMeeting(db, { ...input, id: generate() }, now);
    } catch (err) {
      if (!(err instanceof MeetingIdTakenError) || attempt >= ATTEMPTS) throw err;
    }
  }
}
