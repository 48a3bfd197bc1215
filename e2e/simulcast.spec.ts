/**
 * Simulcast, layer by tile size and dynacast with four people in a 2×2 grid at 1280×800:
 * every camera goes out as several simulcast encodings; each viewer decodes a layer that fits
 * its quarter-screen tiles (≤ 360 lines), a pinned tile rises to 720p and drops back once
 * unpinned; the sender stops its 720p encoding while nobody needs it.
 */
import type { Page } from '@playwright/test';
import { cameraTileOf, join, randomMeetingId, remoteTiles, type Participant } from './fixtures/call';
import { MIDDLE_LAYER_MAX_HEIGHT, heightFrom, receivedVideos, sentEncodings } from './fixtures/layers';
import { recordMetric } from './fixtures/media';
import { peerIdOf } from './fixtures/perTrack';
import { expect, test } from './fixtures/test';

const NAMES = ['Alice', 'Bob', 'Carol', 'Dan'] as const;
/** The quarter-screen tiles of a 1280×800 window are ~630×350: the 360p layer fits them. */
const QUARTER_TILE_MAX_HEIGHT = 360;

type Person = Participant & { name: string };

/**
 * The decoded height of each camera this page receives, by sender: of several streams from one
 * sender (a consumer re-created), the one that decoded most frames.
 */
async function decodedHeights(page: Page): Promise<Record<string, number>> {
  const best = new Map<string, { frames: number; height: number }>();
  for (const v of await receivedVideos(page)) {
    if (v.source !== 'camera' || v.framesDecoded === 0) continue;
    const seen = best.get(v.peerId);
    if (!seen || v.framesDecoded > seen.frames)
      best.set(v.peerId, { frames: v.framesDecoded, height: v.frameHeight });
  }
  return Object.fromEntries([...best].map(([peerId, v]) => [peerId, v.height]));
}

test('simulcast: layers follow tile size and pinning; unused layers stop', async ({
  participants,
  screenshots,
}, testInfo) => {
  test.setTimeout(240_000);
  const meetingId = randomMeetingId('simulcast');
  const people: Person[] = [];
  for (const name of NAMES) {
    const p = await participants.open(meetingId, { label: name });
    await join(p.page, name);
    people.push({ ...p, name });
  }
  const [alice, bob] = people as [Person, Person, Person, Person];

  await test.step('everyone sends several simulcast encodings', async () => {
    for (const p of people) {
      await expect
        .poll(
          async () => (await sentEncodings(p.page)).filter((e) => e.active && e.framesEncoded > 0).length,
          {
            message: `${p.name} should send at least two active simulcast encodings`,
            timeout: 30_000,
          },
        )
        .toBeGreaterThanOrEqual(2);
    }
  });

  await test.step('every received video fits its quarter-screen tile', async () => {
    for (const p of people) {
      await expect(remoteTiles(p.page)).toHaveCount(3);
      await expect
        .poll(
          async () => {
            const heights = Object.values(await decodedHeights(p.page));
            return heights.length === 3 && heights.every((h) => h > 0 && h <= QUARTER_TILE_MAX_HEIGHT);
          },
          {
            message: `${p.name} should decode three cameras, none above ${QUARTER_TILE_MAX_HEIGHT} lines`,
            timeout: 30_000,
          },
        )
        .toBe(true);
    }
    await screenshots.save(alice.page, 'simulcast-grid');
  });

  await test.step('nobody needs 720p: the top encoding is off at every sender', async () => {
    for (const p of people) {
      await expect
        .poll(async () => (await sentEncodings(p.page)).filter((e) => e.active).map((e) => e.rid), {
          message: `${p.name} still encodes a layer nobody watches`,
          timeout: 20_000,
        })
        .toEqual(['r0', 'r1']);
    }
  });

  const bobId = await peerIdOf(alice.page, 'Bob');
  if (!bobId) throw new Error('Alice has no tile of Bob');

  await test.step('Alice pins Bob: his video rises to 720p at her end', async () => {
    await cameraTileOf(alice.page, 'Bob').hover();
    await alice.page.getByRole('button', { name: 'Pin Bob' }).click();
    await expect(cameraTileOf(alice.page, 'Bob')).toBeVisible();
    await expect
      .poll(() => heightFrom(alice.page, bobId), {
        message: "Bob's video at Alice should rise to the top layer",
        timeout: 30_000,
      })
      .toBeGreaterThan(MIDDLE_LAYER_MAX_HEIGHT);
    recordMetric(
      testInfo,
      "pinned tile: decoded height of Bob's video",
      String(await heightFrom(alice.page, bobId)),
    );
    // The others' tiles did not grow: they stay on a layer that fits.
    const others = (await receivedVideos(alice.page)).filter(
      (v) => v.peerId !== bobId && v.source === 'camera',
    );
    for (const v of others) expect(v.frameHeight).toBeLessThanOrEqual(QUARTER_TILE_MAX_HEIGHT);
    await expect
      .poll(async () => (await sentEncodings(bob.page)).filter((e) => e.active).map((e) => e.rid))
      .toEqual(['r0', 'r1', 'r2']);
  });

  await test.step('Alice unpins Bob: his video drops back to a layer that fits', async () => {
    await cameraTileOf(alice.page, 'Bob').hover();
    await alice.page.getByRole('button', { name: 'Unpin Bob' }).click();
    await expect
      .poll(() => heightFrom(alice.page, bobId), {
        message: "Bob's video at Alice should drop back",
        timeout: 30_000,
      })
      .toBeLessThanOrEqual(QUARTER_TILE_MAX_HEIGHT);
    await expect
      .poll(async () => (await sentEncodings(bob.page)).filter((e) => e.active).map((e) => e.rid), {
        timeout: 20_000,
      })
      .toEqual(['r0', 'r1']);
  });
});
