/**
 * Signaling without WebSockets: one browser reaches the app through an HTTP proxy that refuses
 * every WebSocket upgrade (as some corporate proxies do), so only HTTP long-polling can carry its
 * signaling. It must still join, send and receive audio and video, chat, and leave cleanly.
 */
import type { WebSocket } from '@playwright/test';
import {
  cameraTileOf,
  chatMessages,
  join,
  leave,
  openPanel,
  randomMeetingId,
  remoteTiles,
  sendChat,
} from './fixtures/call';
import {
  expectAudioEnergy,
  expectMediaFlowing,
  recordMetric,
  waitForFirstDecodedFrame,
} from './fixtures/media';
import { expect, sharedServer, test } from './fixtures/networkTest';

test('a browser whose WebSockets are refused still carries a full call over polling', async ({
  proxies,
  participants,
}, testInfo) => {
  const proxy = await proxies.noWebSocket(sharedServer);
  const meetingId = randomMeetingId('poll');
  const a = await participants.open(meetingId, { label: 'A' });
  const b = await participants.add({ label: 'B (no WebSockets)' });
  const sockets: WebSocket[] = [];
  let framesOverWebSocket = 0;
  let pollingRequests = 0;
  b.page.on('websocket', (ws) => {
    sockets.push(ws);
    ws.on('framereceived', () => (framesOverWebSocket += 1));
    ws.on('framesent', () => (framesOverWebSocket += 1));
  });
  b.page.on('request', (req) => {
    if (req.url().includes('/socket.io/') && req.url().includes('transport=polling')) pollingRequests += 1;
  });
  await b.page.goto(`http://127.0.0.1:${proxy.port}/m/${meetingId}`);
  await expect(b.page.getByRole('button', { name: 'Join now' })).toBeVisible();

  await test.step('both join and receive each other', async () => {
    await join(a.page, 'Alice');
    await join(b.page, 'Bob');
    await Promise.all([waitForFirstDecodedFrame(a.page), waitForFirstDecodedFrame(b.page)]);
    const atA = await expectMediaFlowing(a.page, 'A');
    const atB = await expectMediaFlowing(b.page, 'B');
    await expectAudioEnergy(a.page, 'A');
    await expectAudioEnergy(b.page, 'B');
    recordMetric(testInfo, 'A decodes Bob (polling) at', `${atA.framesDecodedPerSecond.toFixed(1)} fps`);
    recordMetric(testInfo, 'B (polling) decodes Alice at', `${atB.framesDecodedPerSecond.toFixed(1)} fps`);
    await expect(cameraTileOf(a.page, 'Bob')).toHaveCount(1);
    await expect(cameraTileOf(b.page, 'Alice')).toHaveCount(1);
  });

  await test.step('chat goes both ways', async () => {
    for (const [from, to, text] of [
      [b, a, 'hello over polling'],
      [a, b, 'hello back'],
    ] as const) {
      await sendChat(from.page, text);
      await openPanel(to.page, 'Chat');
      await expect(chatMessages(to.page, text)).toHaveCount(1);
    }
  });

  await test.step('B leaves; A sees the tile go', async () => {
    await leave(b.page);
    await expect(remoteTiles(a.page)).toHaveCount(0);
  });

  recordMetric(testInfo, 'B: WebSocket attempts (all refused)', String(sockets.length));
  recordMetric(testInfo, 'B: refused upgrades at the proxy', String(proxy.refusedUpgrades));
  recordMetric(testInfo, 'B: polling requests', String(pollingRequests));
  expect(framesOverWebSocket, 'a WebSocket carried frames: it was not refused').toBe(0);
  expect(pollingRequests).toBeGreaterThan(0);
});
