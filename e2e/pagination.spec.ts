/**
 * Only what the viewer can see is flowing: on a small screen the third tile goes to page 2, the
 * server pauses that video for this viewer, and paging swaps which video is received.
 */
import type { Page } from '@playwright/test';
import { join, randomMeetingId, remoteTiles, type Participant } from './fixtures/call';
import { serverStats } from './fixtures/media';
import { expectNotReceiving, expectReceiving } from './fixtures/perTrack';
import { expect, test } from './fixtures/test';

async function muteMic(page: Page) {
  await page.keyboard.press('m');
  await expect(page.getByRole('button', { name: 'Microphone', exact: true })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
}

/** Names on the visible page of remote camera tiles. */
async function visibleRemoteNames(page: Page): Promise<string[]> {
  const tiles = remoteTiles(page);
  await expect(tiles).toHaveCount(1);
  return [(await tiles.innerText()).trim()];
}

test('off-page tiles are paused on the server and resume when paged in', async ({
  participants,
  screenshots,
}) => {
  test.setTimeout(120_000);
  const meetingId = randomMeetingId('pages');
  const people: Participant[] = [];
  for (const name of ['Alice', 'Bob', 'Carol']) {
    const p = await participants.open(meetingId, { label: name });
    await join(p.page, name);
    people.push(p);
  }
  const [a, b, c] = people as [Participant, Participant, Participant];
  // Silence everyone so the active speaker cannot reorder tiles during the test.
  for (const p of people) await muteMic(p.page);
  await expectReceiving(c.page, 'Alice', 'camera');
  await expectReceiving(c.page, 'Bob', 'camera');
  const pausedBefore = (await serverStats(c.page)).pausedConsumers;

  await c.page.setViewportSize({ width: 400, height: 300 });
  await expect(c.page.getByTestId('page-indicator')).toHaveText('Page 1 of 2');
  const [first] = await visibleRemoteNames(c.page);
  const other = first === 'Alice' ? 'Bob' : 'Alice';
  expect(['Alice', 'Bob']).toContain(first);
  await screenshots.save(c.page, 'pagination-page-1');

  await expect.poll(async () => (await serverStats(c.page)).pausedConsumers).toBe(pausedBefore + 1);
  await expectReceiving(c.page, first!, 'camera');
  await expectNotReceiving(c.page, other, 'camera');

  await c.page.getByRole('button', { name: 'Next page' }).click();
  await expect(c.page.getByTestId('page-indicator')).toHaveText('Page 2 of 2');
  await expect(remoteTiles(c.page)).toContainText(other);
  await expectReceiving(c.page, other, 'camera');
  await expectNotReceiving(c.page, first!, 'camera');
  await expect.poll(async () => (await serverStats(c.page)).pausedConsumers).toBe(pausedBefore + 1);

  // A big screen again: one page, everything flows, nothing paused for this viewer.
  await c.page.setViewportSize({ width: 1280, height: 800 });
  await expect(c.page.getByTestId('page-indicator')).toHaveCount(0);
  await expect.poll(async () => (await serverStats(c.page)).pausedConsumers).toBe(pausedBefore);
  await expectReceiving(c.page, 'Alice', 'camera');
  await expectReceiving(c.page, 'Bob', 'camera');
  for (const p of [a, b, c]) expect(p.errors).toEqual([]);
});
