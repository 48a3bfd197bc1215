/**
 * Meeting codes made on the server for owned meetings, shaped like the browser's (`abc-defg-hij`,
 * see lib/client/meetingId.ts) but drawn with node:crypto's unbiased randomInt: 25^10 ≈ 2^46
 * codes, so a code cannot be guessed by trying them.
 */
import { randomInt } from 'node:crypto';
import { MeetingIdTakenError, createMeeting, type Meeting, type NewMeeting } from '@/lib/db/meetings';
import type { Db } from '@/lib/db/schema';

const LETTERS = 'abcdefghijkmnopqrstuvwxyz'; // no "l", as in the browser's codes
const GROUPS = [3, 4, 3] as const;
const ATTEMPTS = 5;

export const MEETING_CODE_PATTERN = /^[a-km-z]{3}-[a-km-z]{4}-[a-km-z]{3}$/;

export function generateMeetingCode(): string {
  return GROUPS.map((size) =>
    Array.from({ length: size }, () => LETTERS[randomInt(LETTERS.length)]).join(''),
  ).join('-');
}

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
