/**
 * A server restart under a live call (a deploy): the server gets SIGTERM, tells every page it is
 * restarting and exits; a new process starts on the same ports and database. Every page must get
 * back into the same meeting on its own — no click — with the same name, camera and mute state,
 * and decode video again. Prints the time from the new server's first healthy /health to the
 * first video frame each page decodes on its new connections.
 */
import { cameraTileOf, expectInCall, join, randomMeetingId, remoteTiles } from './fixtures/call';
import {
  connectionsCreated,
  expectMediaFlowing,
  framesDecodedSince,
  recordMetric,
  waitForFirstDecodedFrame,
} from './fixtures/media';
import { expect, test } from './fixtures/networkTest';

const RESTARTING = 'The server is restarting. Reconnecting…';

test('after SIGTERM and a new start every page is back in the call on its own', async ({
  servers,
  participants,
}, testInfo) => {
  const server = await servers.start(0);
  const meetingId = randomMeetingId('restart');
  const contextOptions = { baseURL: server.url };
  const a = await participants.open(meetingId, { label: 'A', contextOptions });
  const b = await participants.open(meetingId, { label: 'B', contextOptions });
  const pages = [a.page, b.page];

  await test.step('both in the call, media flowing; Bob mutes his microphone', async () => {
    await join(a.page, 'Alice');
    await join(b.page, 'Bob');
    await Promise.all(pages.map((page) => waitForFirstDecodedFrame(page)));
    await b.page.getByRole('button', { name: 'Microphone' }).click();
    await expect(b.page.getByRole('button', { name: 'Microphone' })).toHaveAttribute('aria-pressed', 'false');
    await expect(cameraTileOf(a.page, 'Bob')).toHaveAttribute('data-mic', 'muted');
  });
  const before = await Promise.all(pages.map((page) => connectionsCreated(page)));

  await test.step('SIGTERM: the server says it restarts, every page shows it, the server exits', async () => {
    server.signal('SIGTERM');
    for (const page of pages)
      await expect(page.getByRole('status').filter({ hasText: RESTARTING })).toBeVisible();
    expect(await server.exited()).toEqual({ code: 0, signal: null });
  });

  const healthyAt = await server.start();

  await test.step('every page is back in the call without a click and decodes new frames', async () => {
    const firstFrameAt = await Promise.all(
      pages.map(async (page, i) => {
        await expect
          .poll(() => framesDecodedSince(page, before[i] ?? 0), {
            message: 'no video frame decoded on a connection made after the restart',
            timeout: 45_000,
            intervals: [100],
          })
          .toBeGreaterThan(0);
        return Date.now();
      }),
    );
    firstFrameAt.forEach((at, i) =>
      recordMetric(
        testInfo,
        `${i === 0 ? 'A' : 'B'}: /health OK to first new decoded frame`,
        `${at - healthyAt} ms`,
      ),
    );
    for (const page of pages) {
      await expectInCall(page);
      await expect(page.getByText(RESTARTING)).toHaveCount(0);
    }
  });

  await test.step('same meeting, same names, camera on, Bob still muted; one tile each', async () => {
    await expect(a.page).toHaveURL(new RegExp(`/m/${meetingId}$`));
    await expect(b.page).toHaveURL(new RegExp(`/m/${meetingId}$`));
    for (const page of pages) await expect(remoteTiles(page)).toHaveCount(1);
    await expect(cameraTileOf(a.page, 'Bob')).toHaveAttribute('data-mic', 'muted');
    await expect(cameraTileOf(a.page, 'Bob')).toHaveAttribute('data-video', 'on');
    await expect(cameraTileOf(b.page, 'Alice')).toHaveAttribute('data-mic', 'on');
    await expect(b.page.getByRole('button', { name: 'Microphone' })).toHaveAttribute('aria-pressed', 'false');
    await expect(b.page.getByRole('button', { name: 'Camera' })).toHaveAttribute('aria-pressed', 'true');
    await expectMediaFlowing(b.page, 'B after the restart');
  });
});
