/** Who gets which meeting token, against a real database (both engines). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { getAuthSecret } from '@/lib/auth/authSecret';
import { verifyMeetingToken } from '@/lib/auth/meetingToken';
import { createMeeting, markMeetingEnded } from '@/lib/db/meetings';
import { revokeParticipant } from '@/lib/db/revocations';
import { createUser } from '@/lib/db/users';
import { describeEachEngine } from '@/tests/support/testDatabases';
import { issueMeetingToken } from './issueMeetingToken';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-token-'));
const config = {
  openMeetings: true,
  auth: { cookieSecure: 'never' as const, secret: undefined, signUpsPerIpPerHour: 10 },
  dataDir,
};
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describeEachEngine('issueMeetingToken', (db) => {
  async function setup() {
    const owner = await createUser(db(), {
      email: `o-${Math.random()}@example.com`,
      passwordHash: 'x',
      displayName: 'Olga',
    });
    const other = await createUser(db(), {
      email: `u-${Math.random()}@example.com`,
      passwordHash: 'x',
      displayName: 'Uma',
    });
    const meeting = await createMeeting(db(), {
      id: `m-${Math.random().toString(36).slice(2)}`,
      ownerId: owner.id,
    });
    const asUser = (u: typeof owner) => ({ id: u.id, email: u.email, displayName: u.displayName });
    return { owner: asUser(owner), other: asUser(other), meetingId: meeting.id };
  }

  it('makes the signed-in owner host, identified by the account', async () => {
    const { owner, meetingId } = await setup();
    const out = await issueMeetingToken(config, db(), meetingId, owner, undefined);
    expect(out).toMatchObject({ ok: true, role: 'host', participantId: owner.id, newGuestId: null });
    if (!out.ok) return;
    const claims = await verifyMeetingToken(out.token, await getAuthSecret(config));
    expect(claims).toEqual({ participantId: owner.id, meetingId, role: 'host', userId: owner.id });
  });

  it('makes everyone else a guest with a per-browser id that the cookie keeps', async () => {
    const { other, meetingId } = await setup();
    const first = await issueMeetingToken(config, db(), meetingId, other, undefined);
    expect(first).toMatchObject({ ok: true, role: 'guest' });
    if (!first.ok) return;
    expect(first.newGuestId).toBe(first.participantId);
    const again = await issueMeetingToken(config, db(), meetingId, null, first.participantId);
    expect(again).toMatchObject({
      ok: true,
      role: 'guest',
      participantId: first.participantId,
      newGuestId: null,
    });
    // A cookie that is not a guest id is ignored.
    const forged = await issueMeetingToken(config, db(), meetingId, null, 'admin');
    expect(forged.ok && forged.participantId).not.toBe('admin');
  });

  it('refuses a removed participant, an ended meeting, and unknown codes when open meetings are off', async () => {
    const { meetingId } = await setup();
    const guest = await issueMeetingToken(config, db(), meetingId, null, undefined);
    if (!guest.ok) throw new Error('expected a token');
    await revokeParticipant(db(), meetingId, guest.participantId);
    expect(await issueMeetingToken(config, db(), meetingId, null, guest.participantId)).toMatchObject({
      ok: false,
      status: 403,
      code: 'REMOVED',
    });
    await markMeetingEnded(db(), meetingId);
    expect(await issueMeetingToken(config, db(), meetingId, null, undefined)).toMatchObject({
      ok: false,
      status: 410,
      code: 'MEETING_ENDED',
    });
    const closed = { ...config, openMeetings: false };
    expect(await issueMeetingToken(closed, db(), 'no-such-meeting', null, undefined)).toMatchObject({
      ok: false,
      status: 404,
      code: 'ROOM_NOT_FOUND',
    });
    expect(await issueMeetingToken(config, db(), 'brand-new-open-one', null, undefined)).toMatchObject({
      ok: true,
      role: 'guest',
    });
  });
});
