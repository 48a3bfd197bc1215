/**
 * Signaling drops while the call goes on: one browser reaches the app through a TCP proxy that
 * the test cuts for 5 s (every connection dropped, new ones refused), as when a train enters a
 * tunnel. Media goes to the media worker directly, so it is untouched. The others must keep that
 * person's tile the whole time (no peerLeft; the tile says "Reconnecting…"), video must keep
 * decoding both ways through the cut, a chat message sent meanwhile must arrive afterwards, and
 * the call must look the same afterwards (same peers, no duplicate tiles).
 */
import {
  cameraTileOf,
  chatMessages,
  expectInCall,
  join,
  openPanel,
  randomMeetingId,
  remoteTiles,
  sendChat,
} from './fixtures/call';
import { DecodeMonitor } from './fixtures/DecodeMonitor';
import { expectMediaFlowing, recordMetric, waitForFirstDecodedFrame } from './fixtures/media';
import { expect, sharedServer, test } from './fixtures/networkTest';
import { recordServerEvents } from './fixtures/signaling';

const CUT_MS = 5_000;

test('a 5 s signaling cut keeps the tile, the media and the chat', async ({
  proxies,
  participants,
}, testInfo) => {
  const proxy = await proxies.tcp(sharedServer);
  const meetingId = randomMeetingId('cut');
  const a = await participants.open(meetingId, { label: 'A' });
  // B's page, its HTTP and its WebSocket all go through the proxy; its media does not.
  const b = await participants.add({ label: 'B (behind the proxy)' });
  await b.page.goto(`http://127.0.0.1:${proxy.port}/m/${meetingId}`);
  const peerLeftAtA = recordServerEvents(a.page, 'peerLeft');
  const peerConnectionAtA = recordServerEvents(a.page, 'peerConnection');

  await join(a.page, 'Alice');
  await join(b.page, 'Bob');
  await Promise.all([waitForFirstDecodedFrame(a.page), waitForFirstDecodedFrame(b.page)]);
  await expectMediaFlowing(a.page, 'A');
  await expectMediaFlowing(b.page, 'B');
  const bobAtA = cameraTileOf(a.page, 'Bob');
  const bobPeerId = await bobAtA.getAttribute('data-peer-id');
  const alicePeerId = await cameraTileOf(b.page, 'Alice').getAttribute('data-peer-id');
  expect(proxy.connections).toBeGreaterThan(0);

  const monitors = [new DecodeMonitor(a.page, 'A').start(), new DecodeMonitor(b.page, 'B').start()];
  const message = `sent during the cut ${Date.now()}`;
  const tileCountsDuringCut: number[] = [];
  const cutStart = Date.now();
  const cut = proxy.cut(CUT_MS);
  // Bob's tiles at A, sampled the whole time the cut lasts (whatever the steps below take).
  const tileSampling = (async () => {
    while (Date.now() - cutStart < CUT_MS) {
      tileCountsDuringCut.push(await cameraTileOf(a.page, 'Bob').count());
      await new Promise((r) => setTimeout(r, 200));
    }
  })();

  await test.step('during the cut: Bob keeps his tile at A, marked reconnecting; B says so', async () => {
    await expect(bobAtA).toHaveAttribute('data-reconnecting', 'true', { timeout: CUT_MS });
    await expect(bobAtA.getByText('Reconnecting…')).toBeVisible();
    await expect(b.page.getByRole('status').filter({ hasText: /^Reconnecting…/ })).toBeVisible();
    await expect(b.page.getByRole('button', { name: 'Rejoin now' })).toBeVisible();
    await expect(b.page.getByRole('button', { name: 'Leave', exact: true })).toBeVisible();
    await sendChat(a.page, message);
    await expect(chatMessages(a.page, message)).toBeVisible();
  });
  await cut;
  await tileSampling;
  const cutEnd = Date.now();

  await test.step('after the cut: B is back without a click, the reconnecting marks go away', async () => {
    await expectInCall(b.page);
    await expect(b.page.getByRole('status').filter({ hasText: /^Reconnecting…/ })).toHaveCount(0);
    await expect(bobAtA).not.toHaveAttribute('data-reconnecting', 'true');
    await expect(bobAtA.getByText('Reconnecting…')).toHaveCount(0);
  });

  await test.step('the chat message sent during the cut reaches B', async () => {
    await openPanel(b.page, 'Chat');
    await expect(chatMessages(b.page, message)).toHaveCount(1);
  });

  await test.step('media flows both ways; video kept decoding through the cut', async () => {
    await expectMediaFlowing(a.page, 'A after the cut');
    await expectMediaFlowing(b.page, 'B after the cut');
    for (const m of monitors) await m.stop();
    for (const m of monitors) {
      const during = m.decodedBetween(cutStart, cutEnd);
      recordMetric(testInfo, `${m.label}: frames decoded during the ${CUT_MS} ms cut`, String(during));
      recordMetric(testInfo, `${m.label}: longest decode gap (cut ± settle)`, `${m.longestGapMs()} ms`);
      expect(during, `${m.label} stopped decoding video during the signaling cut`).toBeGreaterThan(0);
    }
  });

  await test.step('the call is the same as before: same peers, one tile each, no peerLeft', async () => {
    expect(tileCountsDuringCut.length).toBeGreaterThan(0);
    expect(
      tileCountsDuringCut.every((n) => n === 1),
      `Bob's tile count at A: ${tileCountsDuringCut}`,
    ).toBe(true);
    expect(peerLeftAtA).toEqual([]);
    expect(peerConnectionAtA).toEqual([
      { peerId: bobPeerId, state: 'reconnecting' },
      { peerId: bobPeerId, state: 'connected' },
    ]);
    for (const page of [a.page, b.page]) await expect(remoteTiles(page)).toHaveCount(1);
    await expect(cameraTileOf(a.page, 'Bob')).toHaveAttribute('data-peer-id', bobPeerId ?? '');
    await expect(cameraTileOf(b.page, 'Alice')).toHaveAttribute('data-peer-id', alicePeerId ?? '');
    await expect(chatMessages(a.page, message)).toHaveCount(1);
  });
});
