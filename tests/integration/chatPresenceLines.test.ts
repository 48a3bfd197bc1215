/**
 * Join and leave lines in the chat, end to end through the real server, the CallClient and the
 * store bridge: someone arriving after us or leaving becomes a line in our chat ("Bea joined",
 * "Bea left") and is read out by the live region; people already there when we join are not
 * news; the lines are nobody's message (no sender) and are never stored by the server, so a
 * late joiner's history holds only real messages.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { bindClientToStore } from '@/lib/call/storeBridge';
import { CallClient } from '@/lib/client/CallClient';
import { callActions, isSystemLine, useCallStore } from '@/lib/store/callStore';
import { CallClients } from '@/tests/support/callClients';
import { uniqueMeetingId } from '@/tests/support/meetingFixture';
import { startTestServer, type TestServer } from '@/tests/support/testServer';

let srv: TestServer;
const clients = new CallClients();
const unbind: Array<() => void> = [];

beforeAll(async () => {
  srv = await startTestServer({ workers: 1 });
});
afterEach(async () => {
  unbind.splice(0).forEach((off) => off());
  await clients.leaveAll();
  callActions.reset();
});
afterAll(async () => {
  await srv?.close();
});

const newClient = () => clients.add(srv.url);

/** The client whose view the store shows (as CallController binds it in the browser). */
function viewedClient(): CallClient {
  const client = newClient();
  unbind.push(...bindClientToStore(client, { cameraForcedOff: () => undefined }));
  return client;
}

const lines = () =>
  useCallStore
    .getState()
    .chat.filter(isSystemLine)
    .map((l) => l.text);

describe('join and leave lines in the chat', () => {
  it('arrivals and departures after our join become chat lines and announcements', async () => {
    const callId = uniqueMeetingId('lines');
    const early = newClient();
    await early.join({ callId, userId: 'Eli Early' });

    const me = viewedClient();
    await me.join({ callId, userId: 'Mia Me' });
    expect(useCallStore.getState().callState).toBe('joined');
    // Eli was there before us: a participant, not a line.
    expect(Object.values(useCallStore.getState().participants).map((p) => p.displayName)).toEqual([
      'Eli Early',
    ]);
    expect(lines()).toEqual([]);

    const bea = newClient();
    await bea.join({ callId, userId: 'Bea' });
    await vi.waitFor(() => expect(lines()).toEqual(['Bea joined']));
    expect(useCallStore.getState().announcement?.text).toBe('Bea joined');

    await bea.leave();
    await vi.waitFor(() => expect(lines()).toEqual(['Bea joined', 'Bea left']));
    expect(useCallStore.getState().announcement?.text).toBe('Bea left');
    await early.leave();
    await vi.waitFor(() => expect(lines()).toEqual(['Bea joined', 'Bea left', 'Eli Early left']));

    // Nobody's message: no sender, not counted as unread.
    const chat = useCallStore.getState().chat;
    expect(chat.every((l) => isSystemLine(l) && !('senderId' in l))).toBe(true);
    expect(useCallStore.getState().unreadChat).toBe(0);
  });

  it('real messages are announced; the lines are not stored for late joiners', async () => {
    const callId = uniqueMeetingId('lines');
    const me = viewedClient();
    await me.join({ callId, userId: 'Mia Me' });
    const bea = newClient();
    await bea.join({ callId, userId: 'Bea' });
    await vi.waitFor(() => expect(lines()).toEqual(['Bea joined']));

    await bea.control('sendChat', { text: 'hello there' });
    await vi.waitFor(() => expect(useCallStore.getState().announcement?.text).toBe('Bea says: hello there'));

    const late = newClient();
    const history = new Promise<string[]>((resolve) => {
      const off = late.on('joinInfo', (info) => {
        off();
        resolve(info.chat.map((m) => `${m.senderName}: ${m.text}`));
      });
    });
    await late.join({ callId, userId: 'Lou Late' });
    expect(await history).toEqual(['Bea: hello there']);
  });
});
