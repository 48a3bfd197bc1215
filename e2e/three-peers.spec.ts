/**
 * Three people in one meeting, as they would use it: everyone receives everyone, mute and camera
 * reach the others (and the media really stops), screen sharing gets its own tile, and when all
 * leave the server is empty again. Screenshots of the grid are kept as artifacts.
 */
import type { Page } from '@playwright/test';
import { cameraTileOf, join, leave, randomMeetingId, remoteTiles, type Participant } from './fixtures/call';
import { serverStats } from './fixtures/media';
import { expectNotReceiving, expectReceiving } from './fixtures/perTrack';
import { expect, test } from './fixtures/test';

const NAMES = ['Alice', 'Bob', 'Carol'] as const;

test('three peers: media, mute, screen share, leave', async ({ participants, screenshots }) => {
  test.setTimeout(180_000);
  const meetingId = randomMeetingId('trio');
  type Peer = Participant & { name: string };
  const peers: Peer[] = [];
  for (const name of NAMES) {
    const p = await participants.open(meetingId, { label: name });
    await join(p.page, name);
    peers.push({ ...p, name });
  }
  const [a, b, c] = peers as [Peer, Peer, Peer];
  const others = (me: Peer) => peers.filter((p) => p !== me);

  await test.step('each peer decodes video and receives audio from the other two', async () => {
    await Promise.all(
      peers.map(async (me) => {
        await expect(remoteTiles(me.page)).toHaveCount(2);
        await Promise.all(
          others(me).flatMap((other) => [
            expectReceiving(me.page, other.name, 'camera'),
            expectReceiving(me.page, other.name, 'microphone'),
          ]),
        );
      }),
    );
    await expect(c.page.getByTestId('people-count')).toContainText('3 people');
    await screenshots.save(c.page, 'grid-desktop');
    await c.page.setViewportSize({ width: 390, height: 844 });
    await expect(remoteTiles(c.page)).toHaveCount(2);
    await screenshots.save(c.page, 'grid-phone');
    await c.page.setViewportSize({ width: 1280, height: 800 });
  });

  await test.step('A mutes mic and camera: B and C see it and the media stops', async () => {
    await toggle(a.page, 'Microphone', false);
    await toggle(a.page, 'Camera', false);
    for (const viewer of [b, c]) {
      const tile = cameraTileOf(viewer.page, 'Alice');
      await expect(tile).toHaveAttribute('data-mic', 'muted');
      await expect(tile).toHaveAttribute('data-video', 'off');
      await expect(tile.getByTestId('mic-muted')).toBeVisible();
      await expectNotReceiving(viewer.page, 'Alice', 'camera');
    }
    await screenshots.save(b.page, 'grid-alice-muted');
  });

  await test.step('A unmutes with the keyboard shortcuts: media is back', async () => {
    await a.page.keyboard.press('m');
    await a.page.keyboard.press('v');
    await expect(a.page.getByRole('button', { name: 'Microphone', exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    for (const viewer of [b, c]) {
      const tile = cameraTileOf(viewer.page, 'Alice');
      await expect(tile).toHaveAttribute('data-mic', 'on');
      await expect(tile).toHaveAttribute('data-video', 'on');
      await expectReceiving(viewer.page, 'Alice', 'camera');
      await expectReceiving(viewer.page, 'Alice', 'microphone');
    }
  });

  await test.step('A shares the screen: B and C decode a screen tile; stopping removes it', async () => {
    await a.page.getByRole('button', { name: 'Share screen' }).click();
    await expect(a.page.getByRole('button', { name: 'Share screen' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    for (const viewer of [b, c]) {
      const screen = remoteTiles(viewer.page).and(viewer.page.locator('[data-screen]'));
      await expect(screen).toHaveCount(1);
      await expect(screen).toContainText('Alice');
      await expect(viewer.page.getByTestId('video-grid')).toHaveAttribute('data-layout', 'speaker');
      await expectReceiving(viewer.page, 'Alice', 'screen');
    }
    await screenshots.save(b.page, 'screen-share-viewer');
    await a.page.getByRole('button', { name: 'Share screen' }).click();
    for (const viewer of [b, c]) {
      await expect(viewer.page.locator('[data-testid="participant-tile"][data-screen]')).toHaveCount(0);
      await expect(viewer.page.getByTestId('video-grid')).toHaveAttribute('data-layout', 'grid');
    }
  });

  await test.step('people leave: tiles disappear, and the server ends up empty', async () => {
    await leave(c.page);
    for (const viewer of [a, b]) {
      await expect(remoteTiles(viewer.page)).toHaveCount(1);
      await expect(cameraTileOf(viewer.page, 'Carol')).toHaveCount(0);
    }
    await leave(b.page);
    await expect(remoteTiles(a.page)).toHaveCount(0);
    await leave(a.page);
    await expect
      .poll(async () => {
        const s = await serverStats(a.page);
        return [s.rooms, s.peers, s.transports, s.producers, s.consumers];
      })
      .toEqual([0, 0, 0, 0, 0]);
  });

  for (const p of peers) expect(p.errors, `browser errors at ${p.name}`).toEqual([]);
});

async function toggle(page: Page, name: 'Microphone' | 'Camera', on: boolean) {
  const button = page.getByRole('button', { name, exact: true });
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', String(on));
}
