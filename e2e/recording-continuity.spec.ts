/**
 * A recording keeps going through what happens to participants in a real meeting: the guest
 * switches camera mid-recording (the same producer now carries another device) and then reloads
 * the page (a reconnect with new transports and producers). The file the host downloads is one
 * playable MP4 of the recorded length whose picture never freezes: every second differs from the
 * one before, across the switch and the reconnect.
 */
import type { Page } from '@playwright/test';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { decodeErrors, frameHash, meanVolumeDb, probeFile } from '@/tests/support/mediaChecks';
import { hostNewMeeting, joinAdmitted } from './fixtures/accounts';
import { expectInCall } from './fixtures/call';
import { expect, test } from './fixtures/test';

/** Label of the camera track in the viewer's own tile. */
function selfCameraLabel(page: Page): Promise<string> {
  return page
    .locator('[data-testid="participant-tile"][data-self]:not([data-screen]) video')
    .evaluate(
      (el) => ((el as HTMLVideoElement).srcObject as MediaStream | null)?.getVideoTracks()[0]?.label ?? '',
    );
}

/** The host's newest recording, downloaded from the dashboard with the host's session. */
async function downloadNewest(host: Page, dir: string): Promise<string> {
  await host.goto('/dashboard');
  const links = host.getByRole('link', { name: 'Download recording' });
  await expect(async () => {
    await host.reload();
    await expect(links).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 90_000 });
  const res = await host.request.get((await links.first().getAttribute('href'))!);
  expect(res.status()).toBe(200);
  const file = path.join(dir, 'recording.mp4');
  await fs.writeFile(file, await res.body());
  return file;
}

test('a recording survives a device switch and a reconnect, without a frozen second', async ({
  participants,
}) => {
  test.setTimeout(240_000);
  const host = await participants.add({ label: 'host' });
  const meetingId = await hostNewMeeting(host.page, 'Hana Host');
  // Chromium's fake_device_1 is a depth camera WebRTC cannot encode: the switch goes to device 2.
  const threeCameras = await participants.launch([
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream=device-count=3',
  ]);
  const guest = await participants.open(meetingId, { browser: threeCameras, label: 'guest' });
  await joinAdmitted(host.page, guest.page, 'Gus Guest');

  await host.page.getByRole('button', { name: 'Start recording' }).click();
  await expect(host.page.getByRole('button', { name: 'Stop recording' })).toBeVisible();
  const startedAt = Date.now();
  await expect(guest.page.getByTestId('recording-indicator')).toContainText('Recording');
  await guest.page.waitForTimeout(4_000);

  await test.step('the guest switches camera mid-recording', async () => {
    await guest.page.getByRole('button', { name: 'Settings' }).click();
    await guest.page.getByRole('combobox', { name: 'Camera' }).selectOption({ label: 'fake_device_2' });
    await expect.poll(() => selfCameraLabel(guest.page)).toBe('fake_device_2');
    await guest.page.keyboard.press('Escape');
    await guest.page.waitForTimeout(4_000);
  });

  await test.step('the guest reloads the page and comes back into the recorded meeting', async () => {
    await guest.page.reload();
    await expect(guest.page.getByTestId('recording-indicator')).toContainText('Recording');
    await guest.page.getByLabel('Your name').fill('Gus Guest');
    await guest.page.getByRole('button', { name: 'Join now' }).click();
    // An admitted guest who comes back is let in again without waiting for the host.
    await expectInCall(guest.page);
    await expect(guest.page.getByTestId('recording-indicator')).toContainText('Recording');
    await guest.page.waitForTimeout(5_000);
  });

  await host.page.getByRole('button', { name: 'Stop recording' }).click();
  const stoppedAfterS = (Date.now() - startedAt) / 1000;
  await expect(guest.page.getByText('Hana Host stopped recording.')).toBeVisible();

  const file = await downloadNewest(host.page, await fs.mkdtemp(path.join(os.tmpdir(), 'ic-e2e-rec-')));
  const info = probeFile(file);
  console.log(`recording: ${info.durationS.toFixed(2)} s of ${stoppedAfterS.toFixed(2)} s`);
  expect(info.streams.map((s) => `${s.codec_type}:${s.codec_name}`).sort()).toEqual([
    'audio:aac',
    'video:h264',
  ]);
  expect(decodeErrors(file)).toBe('');
  // The reconnect costs at most the few seconds a segment takes to restart with the new streams.
  expect(info.durationS).toBeGreaterThan(stoppedAfterS - 5);
  expect(info.durationS).toBeLessThan(stoppedAfterS + 3);
  // Never frozen: each second's picture differs from the previous one, end to end.
  const hashes: string[] = [];
  for (let t = 0.5; t < info.durationS - 0.5; t += 1) hashes.push(frameHash(file, t));
  const frozen = hashes.flatMap((h, i) => (i > 0 && h === hashes[i - 1] ? [i + 0.5] : []));
  expect(frozen, 'seconds whose picture equals the one before').toEqual([]);
  expect(meanVolumeDb(file)).toBeGreaterThan(-60);
  for (const p of participants.all) expect(p.errors.filter((e) => !/40[34]/.test(e))).toEqual([]);
});
