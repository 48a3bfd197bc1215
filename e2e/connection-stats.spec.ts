/**
 * Connection quality and statistics in a real two-person call over loopback: each remote tile
 * says the connection is good, and the statistics panel lists our sending and receiving streams
 * with live numbers (bitrate, codec, resolution, direct "host" ICE path), then closes on Escape
 * with focus back on its button.
 */
import type { Page } from '@playwright/test';
import { expectRemoteVideoPlaying, join, randomMeetingId, remoteTiles } from './fixtures/call';
import { expect, test } from './fixtures/test';

function statsRow(page: Page, direction: 'send' | 'recv', kind: 'audio' | 'video') {
  return page.locator(`[data-testid="stats-row"][data-direction="${direction}"][data-kind="${kind}"]`);
}

function cell(row: ReturnType<typeof statsRow>, column: string) {
  return row.locator(`td[data-column="${column}"]`);
}

test('tiles show connection quality and the statistics panel shows every stream', async ({
  participants,
  screenshots,
}) => {
  const meetingId = randomMeetingId('stats');
  const a = await participants.open(meetingId, { label: 'A' });
  const b = await participants.open(meetingId, { label: 'B' });
  await join(a.page, 'Alice');
  await join(b.page, 'Bob');
  await Promise.all([expectRemoteVideoPlaying(a.page), expectRemoteVideoPlaying(b.page)]);

  await test.step('each remote tile shows a good connection, with the measurements as tooltip', async () => {
    for (const { page } of [a, b]) {
      const indicator = remoteTiles(page).getByRole('img', { name: /^Connection: / });
      await expect(indicator).toHaveCount(1);
      // Once the server's score and our first measurements are in, the tooltip lists them (the
      // reading, with its tooltip, is in the message when the level is not the expected one).
      const reading = async () =>
        `${await indicator.getAttribute('aria-label')} (${await indicator.getAttribute('title')})`;
      await expect
        .poll(reading, { timeout: 20_000 })
        .toMatch(/^Connection: good \(score \d+\/10, [\d.]+ % loss, \d+ ms RTT/);
    }
    // Our own tile has no indicator.
    await expect(a.page.locator('[data-self] [data-testid="connection-quality"]')).toHaveCount(0);
  });

  const page = a.page;
  const button = page.getByRole('button', { name: 'Connection statistics' });
  const panel = page.getByRole('dialog', { name: 'Connection statistics' });

  await test.step('the button opens the panel with a row per sent and received stream', async () => {
    await button.click();
    await expect(panel).toBeVisible();
    await expect(panel.getByRole('heading', { name: 'Connection statistics' })).toBeVisible();
    for (const direction of ['send', 'recv'] as const) {
      for (const kind of ['video', 'audio'] as const) {
        const row = statsRow(page, direction, kind);
        await expect(row).toHaveCount(1);
        // Bitrate needs two samples (2 s apart): a number above zero once it has them.
        await expect(cell(row, 'Bitrate')).toHaveText(/^(?!0 kbps)\d+(\.\d+)? (kbps|Mbps)$/, {
          timeout: 10_000,
        });
        await expect(cell(row, 'Codec')).toHaveText(kind === 'video' ? 'VP8' : 'opus');
        await expect(cell(row, 'Candidates')).toHaveText('host ↔ host');
        await expect(cell(row, 'Loss')).toHaveText(/^\d+\.\d %$/);
        await expect(cell(row, 'RTT')).toHaveText(/^\d+ ms$/);
        await expect(cell(row, 'Jitter')).toHaveText(/^\d+\.\d ms$/);
        if (kind === 'video') {
          await expect(cell(row, 'Resolution')).toHaveText(/^\d{3,4}×\d{3,4}$/);
          await expect(cell(row, 'FPS')).toHaveText(/^[1-9]\d*$/);
        }
      }
    }
    await expect(statsRow(page, 'send', 'video').locator('th')).toContainText('You · Camera');
    await expect(statsRow(page, 'recv', 'video').locator('th')).toContainText('Bob · Camera');
    await expect(statsRow(page, 'recv', 'audio').locator('th')).toContainText('Bob · Microphone');
    await expect(panel.getByTestId('send-path')).toContainText('host ↔ host over UDP');
    await expect(panel.getByTestId('recv-path')).toContainText('host ↔ host over UDP');
    await screenshots.save(page, 'connection-statistics-panel');
  });

  await test.step('the numbers keep updating while the panel is open', async () => {
    const bytesShown = () => cell(statsRow(page, 'recv', 'video'), 'Bitrate').textContent();
    const first = await bytesShown();
    await expect.poll(bytesShown, { timeout: 10_000 }).not.toBe(first);
  });

  await test.step('Escape closes the panel and focus returns to the button', async () => {
    await page.keyboard.press('Escape');
    await expect(panel).toHaveCount(0);
    await expect(button).toBeFocused();
  });

  await test.step('the Close button closes it too', async () => {
    await button.click();
    await expect(panel).toBeVisible();
    await panel.getByRole('button', { name: 'Close' }).click();
    await expect(panel).toHaveCount(0);
    await expect(button).toBeFocused();
  });
});
