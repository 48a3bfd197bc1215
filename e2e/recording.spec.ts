/**
 * Recording a hosted meeting, as people do it: the host starts recording from the call; the guest
 * (and someone on the pre-join screen) sees "Recording"; a third person joins and leaves while it
 * runs; the host stops after ~15 s; the dashboard lists the recording with a player; the file
 * downloads with the host's session and is refused without it; ffprobe finds one H.264 and one
 * AAC stream of the right length, a picture that changes and sound that is not silent.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { decodeErrors, frameHash, meanVolumeDb, probeFile } from '@/tests/support/mediaChecks';
import { hostNewMeeting, joinAdmitted, signUp } from './fixtures/accounts';
import { leave } from './fixtures/call';
import { expect, test } from './fixtures/test';

test('the host records a meeting; everyone sees it; the owner alone downloads a playable file', async ({
  participants,
  screenshots,
}) => {
  test.setTimeout(240_000);
  const host = await participants.add({ label: 'host' });
  const meetingId = await hostNewMeeting(host.page, 'Hana Host');
  const guest = await participants.open(meetingId, { label: 'guest' });
  await joinAdmitted(host.page, guest.page, 'Gus Guest');

  await test.step('guests have no recording button; the server refuses them anyway', async () => {
    await expect(guest.page.getByRole('button', { name: 'Start recording' })).toHaveCount(0);
    await expect(guest.page.getByTestId('recording-indicator')).toHaveCount(0);
  });

  const stopped: number[] = [];
  await test.step('the host starts recording; the guest sees and is told', async () => {
    await host.page.getByRole('button', { name: 'Start recording' }).click();
    // The server answers once the first frames are written: the recording starts here.
    await expect(host.page.getByRole('button', { name: 'Stop recording' })).toBeVisible();
    const startedAt = Date.now();
    await expect(guest.page.getByTestId('recording-indicator')).toContainText('Recording');
    await expect(guest.page.getByText('Hana Host started recording this meeting.')).toBeVisible();
    await screenshots.save(guest.page, 'recording-guest-view');
    await host.page.waitForTimeout(Math.max(0, 15_000 - (Date.now() - startedAt)));
    await host.page.getByRole('button', { name: 'Stop recording' }).click();
    stopped.push((Date.now() - startedAt) / 1000);
    await expect(guest.page.getByTestId('recording-indicator')).toHaveCount(0);
    await expect(guest.page.getByText('Hana Host stopped recording.')).toBeVisible();
  });

  await test.step('a second recording while someone joins (seeing it before joining) and leaves', async () => {
    await host.page.getByRole('button', { name: 'Start recording' }).click();
    await expect(host.page.getByRole('button', { name: 'Stop recording' })).toBeVisible();
    const startedAt = Date.now();
    const late = await participants.open(meetingId, { label: 'late' });
    await expect(late.page.getByTestId('recording-indicator')).toContainText('Recording');
    await screenshots.save(late.page, 'recording-prejoin');
    await joinAdmitted(host.page, late.page, 'Lou Late');
    await expect(late.page.getByTestId('recording-indicator')).toContainText('Recording');
    await late.page.waitForTimeout(4_000);
    await leave(late.page);
    await host.page.waitForTimeout(4_000);
    await host.page.getByRole('button', { name: 'Stop recording' }).click();
    stopped.push((Date.now() - startedAt) / 1000);
  });

  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ic-e2e-rec-'));
  const files: string[] = [];
  await test.step('the dashboard lists both with a player and a download link, for the owner only', async () => {
    await host.page.goto('/dashboard');
    const links = host.page.getByRole('link', { name: 'Download recording' });
    await expect(async () => {
      await host.page.reload();
      await expect(links).toHaveCount(2, { timeout: 1_000 });
    }).toPass({ timeout: 90_000 });
    await expect(host.page.getByTestId('recording-item').locator('video[controls]')).toHaveCount(2);
    await expect(host.page.getByTestId('recording-duration').first()).toHaveText(/\d+ s/);
    await screenshots.save(host.page, 'recording-dashboard', { fullPage: true });

    // Newest first: the second recording, then the first.
    for (const [i, link] of (await links.all()).reverse().entries()) {
      const href = (await link.getAttribute('href'))!;
      const owned = await host.page.request.get(href);
      expect(owned.status()).toBe(200);
      expect(owned.headers()['content-type']).toBe('video/mp4');
      expect(owned.headers()['content-disposition']).toMatch(/attachment/);
      files.push(path.join(dir, `recording-${i + 1}.mp4`));
      await fs.writeFile(files[i]!, await owned.body());
    }
    const href = (await links.first().getAttribute('href'))!;
    const partial = await host.page.request.get(href, { headers: { range: 'bytes=0-99' } });
    expect(partial.status()).toBe(206);
    expect((await partial.body()).length).toBe(100);
    expect((await guest.page.request.get(href)).status()).toBe(403);
    const stranger = await participants.add({ label: 'stranger' });
    await signUp(stranger.page, 'Someone Else');
    expect((await stranger.page.request.get(href)).status()).toBe(404);
  });

  await test.step('each file: one H.264 and one AAC stream, the right length, moving, audible', async () => {
    for (const [i, file] of files.entries()) {
      const info = probeFile(file);
      console.log(`recording ${i + 1}: ${info.durationS.toFixed(2)} s of ${stopped[i]!.toFixed(2)} s`);
      expect(info.streams.map((s) => `${s.codec_type}:${s.codec_name}`).sort()).toEqual([
        'audio:aac',
        'video:h264',
      ]);
      expect(decodeErrors(file)).toBe('');
      expect(frameHash(file, 2)).not.toBe(frameHash(file, 9));
      expect(meanVolumeDb(file)).toBeGreaterThan(-60);
    }
    // The first recording is one picture (segments change only with the speaker): ± 2 s. The
    // second loses the restart time after a departure (ffmpeg waits for the stream that left).
    expect(Math.abs(probeFile(files[0]!).durationS - stopped[0]!)).toBeLessThan(2);
    expect(probeFile(files[1]!).durationS).toBeGreaterThan(stopped[1]! - 5);
    expect(probeFile(files[1]!).durationS).toBeLessThan(stopped[1]! + 2);
    const still = path.join('test-results', 'screenshots', 'recording-frame.png');
    execFileSync('ffmpeg', ['-v', 'error', '-ss', '8', '-i', files[0]!, '-frames:v', '1', '-y', still]);
  });

  for (const p of participants.all) expect(p.errors.filter((e) => !/40[34]/.test(e))).toEqual([]);
});
