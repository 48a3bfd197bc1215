/**
 * What a host does to a guest reaches the guest's screen in the guest's language, end to end:
 * real server, the browser's CallClient and the store bridge. The host makes the guest a co-host,
 * locks the meeting and takes the role back; the guest's store holds each notice as a message,
 * and it reads in German as in English.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bindClientToStore } from '@/lib/call/storeBridge';
import { CallClient } from '@/lib/client/CallClient';
import { callActions } from '@/lib/store/callStore';
import de from '@/messages/de.json';
import en from '@/messages/en.json';
import { fakeHandlerFactory } from '@/tests/support/browserMedia';
import { joinMeeting } from '@/tests/support/meetingFixture';
import { meetingSuite } from '@/tests/support/meetingSuite';
import { lastNotice, noticeWords } from '@/tests/support/noticeWords';

const suite = meetingSuite();
const english = noticeWords('en', en);
const german = noticeWords('de', de);

let guest: CallClient | null = null;
const unbind: Array<() => void> = [];

afterEach(async () => {
  unbind.splice(0).forEach((off) => off());
  await guest?.leave();
  guest = null;
  callActions.reset();
});

describe('notices from host actions, in the guest’s language', () => {
  it('co-host given and taken back, meeting locked and unlocked', async () => {
    const m = await suite.fx.ownedMeeting({ waitingRoom: false });
    const host = await suite.fx.host(m);
    await joinMeeting(host.client, m.meetingId, 'Hana Host');

    const { token } = await suite.fx.token(m.meetingId, 'guest');
    guest = new CallClient({
      url: suite.srv.url,
      handlerFactory: fakeHandlerFactory(),
      requestTimeoutMs: 5_000,
      auth: () => Promise.resolve({ token, meetingId: m.meetingId }),
    });
    unbind.push(...bindClientToStore(guest, { cameraForcedOff: () => undefined }));
    await guest.join({ callId: m.meetingId, userId: 'Gus Guest' });
    const peerId = guest.peerId;
    if (!peerId) throw new Error('the guest has no peer id after joining');

    await host.client.ok('setRole', { peerId, role: 'cohost' });
    await vi.waitFor(() => expect(lastNotice(english)).toBe('You are now a co-host.'));
    expect(lastNotice(german)).toBe('Sie sind jetzt Co-Gastgeber.');

    await host.client.ok('setMeetingLocked', { locked: true });
    await vi.waitFor(() => expect(lastNotice(english)).toBe('The meeting is locked.'));
    expect(lastNotice(german)).toBe('Die Besprechung ist gesperrt.');

    await host.client.ok('setMeetingLocked', { locked: false });
    await vi.waitFor(() => expect(lastNotice(german)).toBe('Die Besprechung ist nicht mehr gesperrt.'));

    await host.client.ok('setRole', { peerId, role: 'guest' });
    await vi.waitFor(() => expect(lastNotice(english)).toBe('You are no longer a co-host.'));
    expect(lastNotice(german)).toBe('Sie sind nicht mehr Co-Gastgeber.');
  });
});
