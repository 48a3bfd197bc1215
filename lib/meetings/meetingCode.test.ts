import { describe, expect, it, vi } from 'vitest';
import { MeetingIdTakenError, createMeeting, getMeeting } from '@/lib/db/meetings';
import { createUser } from '@/lib/db/users';
import { parseMeetingInput } from '@/lib/client/meetingId';
import { createMeetingWithFreshCode } from '@/lib/meetings/freshMeeting';
import { MEETING_CODE_PATTERN, generateMeetingCode } from '@/lib/meetings/meetingCode';
import { describeEachEngine } from '@/tests/support/testDatabases';

describe('generateMeetingCode', () => {
  it('makes abc-defg-hij codes without "l" that the join form accepts', () => {
    const codes = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const code = generateMeetingCode();
      expect(code).toMatch(MEETING_CODE_PATTERN);
      expect(parseMeetingInput(code)).toBe(code);
      codes.add(code);
    }
    expect(codes.size).toBe(2000);
  });

  it('draws again instead of folding high bytes onto the first letters (no modulo bias)', () => {
    // 250 % 25 === 0: a modulo generator would turn this byte into "a". It must be redrawn.
    const bytes = [250, 3, 251, 252, 253, 254, 255, 0, 1, 2, 4, 5, 6, 7, 8, 9];
    const fill = ((a: Uint8Array) => {
      a[0] = bytes.shift() ?? 0;
      return a;
    }) as typeof crypto.getRandomValues;
    const spy = vi.spyOn(crypto, 'getRandomValues').mockImplementation(fill);
    try {
      expect(generateMeetingCode()).toBe('dab-cefg-hij');
    } finally {
      spy.mockRestore();
    }
  });

  it('uses every letter of the alphabet', () => {
    const letters = new Set([...Array.from({ length: 300 }, generateMeetingCode).join('')]);
    letters.delete('-');
    expect(letters.size).toBe(25);
  });
});

let n = 0;
describeEachEngine('createMeetingWithFreshCode', (db) => {
  async function owner() {
    n++;
    return (await createUser(db(), { email: `code${n}@example.com`, passwordHash: 'h', displayName: 'O' }))
      .id;
  }

  it('creates an owned meeting with host defaults under a fresh code', async () => {
    const ownerId = await owner();
    const meeting = await createMeetingWithFreshCode(db(), { ownerId, title: 'Now' }, 1000);
    expect(meeting.id).toMatch(MEETING_CODE_PATTERN);
    expect(meeting).toMatchObject({ ownerId, title: 'Now', createdAt: 1000, scheduledAt: null });
    expect(meeting.settings.waitingRoom).toBe(true);
    expect(await getMeeting(db(), meeting.id)).toEqual(meeting);
  });

  it('draws another code when one is taken', async () => {
    const ownerId = await owner();
    await createMeeting(db(), { id: `taken-${n}`, ownerId: null });
    const codes = [`taken-${n}`, `taken-${n}`, `free-${n}`];
    const meeting = await createMeetingWithFreshCode(db(), { ownerId }, Date.now(), () => codes.shift()!);
    expect(meeting.id).toBe(`free-${n}`);
    expect(codes).toEqual([]);
  });

  it('gives up after five taken codes', async () => {
    const ownerId = await owner();
    await createMeeting(db(), { id: `always-${n}`, ownerId: null });
    let calls = 0;
    const attempt = createMeetingWithFreshCode(db(), { ownerId }, Date.now(), () => {
      calls++;
      return `always-${n}`;
    });
    await expect(attempt).rejects.toBeInstanceOf(MeetingIdTakenError);
    expect(calls).toBe(5);
  });
});
