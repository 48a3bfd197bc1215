/**
 * Last-N with four people and LAST_N=2 (a server of the test's own): each viewer receives the
 * video of the two most recent speakers only; the others' tiles show their avatar, name and voice
 * level. Fake microphones play a constant tone, so who speaks is set by unmuting one at a time.
 */
import type { Page } from '@playwright/test';
import { cameraTileOf, expectInCall, randomMeetingId, type Participant } from './fixtures/call';
import { expectNotReceiving, expectReceiving } from './fixtures/perTrack';
import { expect, test } from './fixtures/networkTest';

const SLOT = 8;
const NAMES = ['Alice', 'Bob', 'Carol', 'Dan'] as const;
type Person = Participant & { name: string };

async function setMic(page: Page, on: boolean): Promise<void> {
  const button = page.getByRole('button', { name: 'Microphone', exact: true });
  if ((await button.getAttribute('aria-pressed')) !== String(on)) await button.click();
  await expect(button).toHaveAttribute('aria-pressed', String(on));
}

/** Only `speaker` has the microphone on; waits until everyone's page shows them speaking. */
async function speaks(people: Person[], speaker: Person): Promise<void> {
  for (const p of people) if (p !== speaker) await setMic(p.page, false);
  await setMic(speaker.page, true);
  const viewer = people.find((p) => p !== speaker)!;
  await expect(cameraTileOf(viewer.page, speaker.name)).toHaveAttribute('aria-label', /speaking/, {
    timeout: 20_000,
  });
}

test('last-N: only the recent speakers’ video flows; a new speaker’s video starts', async ({
  servers,
  participants,
  screenshots,
}) => {
  test.setTimeout(240_000);
  const server = await servers.start(SLOT, { env: { LAST_N: '2' } });
  const meetingId = randomMeetingId('lastn');
  const people: Person[] = [];
  for (const name of NAMES) {
    const p = await participants.open(meetingId, { label: name, contextOptions: { baseURL: server.url } });
    await p.page.getByLabel('Your name').fill(name);
    await p.page.getByRole('button', { name: 'Join now' }).click();
    // Four browsers encoding video on a small machine: joining may take longer than usual.
    await expectInCall(p.page, 90_000);
    await setMic(p.page, false);
    people.push({ ...p, name });
  }
  const [alice, bob, carol, dan] = people as [Person, Person, Person, Person];

  await test.step('Bob then Carol speak: Alice gets their video, Dan shows as an avatar', async () => {
    await speaks(people, bob);
    await speaks(people, carol);
    const danTile = cameraTileOf(alice.page, 'Dan');
    await expect(danTile).toHaveAttribute('data-suspended', 'true');
    await expect(danTile.getByTestId('video-held')).toBeVisible();
    await expect(danTile).toContainText('Dan');
    await Promise.all([
      expectReceiving(alice.page, 'Bob', 'camera'),
      expectReceiving(alice.page, 'Carol', 'camera'),
      expectNotReceiving(alice.page, 'Dan', 'camera'),
      // Audio is never held back.
      expectReceiving(alice.page, 'Dan', 'microphone'),
    ]);
    await screenshots.save(alice.page, 'last-n-avatar');
  });

  await test.step('Dan speaks: his video starts at Alice, Bob (least recent) is held back', async () => {
    await speaks(people, dan);
    await expect(cameraTileOf(alice.page, 'Dan')).not.toHaveAttribute('data-suspended', 'true');
    await expect(cameraTileOf(alice.page, 'Bob')).toHaveAttribute('data-suspended', 'true');
    await Promise.all([
      expectReceiving(alice.page, 'Dan', 'camera'),
      expectReceiving(alice.page, 'Carol', 'camera'),
      expectNotReceiving(alice.page, 'Bob', 'camera'),
    ]);
    await screenshots.save(alice.page, 'last-n-after-new-speaker');
  });

  await test.step('Alice pins Bob: his video comes back on top of the two speakers', async () => {
    await cameraTileOf(alice.page, 'Bob').hover();
    await alice.page.getByRole('button', { name: 'Pin Bob' }).click();
    await expect(cameraTileOf(alice.page, 'Bob')).not.toHaveAttribute('data-suspended', 'true');
    await expectReceiving(alice.page, 'Bob', 'camera');
  });
});
