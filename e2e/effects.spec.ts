/**
 * Background blur and noise suppression, end to end. Alice's camera is a generated test picture
 * full of sharp edges (ffmpeg's testsrc2); Bob draws the video he receives from her into a canvas
 * and measures how sharp it is. Blur on mid-call must make what Bob receives much softer, through
 * the same producer (same consumer and SSRC on Bob's side, same sender on Alice's), with the video
 * still decoding. Noise suppression on and off must keep Alice's audio arriving on the same
 * consumer. The pre-join preview shows the blur too.
 */
import { execFileSync } from 'node:child_process';
import type { Locator, Page } from '@playwright/test';
import { cameraTileOf, expectInCall, join, randomMeetingId } from './fixtures/call';
import { expectReceiving, outboundSsrcs, sendersOf, streamFrom } from './fixtures/perTrack';
import { expect, test } from './fixtures/test';

/** A 640×360 test picture with sharp edges everywhere, looped by Chromium's fake camera. */
function testPicture(file: string): string {
  execFileSync('ffmpeg', [
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=640x360:rate=15',
    '-t',
    '4',
    '-pix_fmt',
    'yuv420p',
    file,
  ]);
  return file;
}

/**
 * Mean squared difference between horizontally neighbouring pixels' luma in the middle 80 % of
 * the picture a `<video>` shows (null until it has a picture): high for sharp edges, low for
 * blurred ones (squared, because blurring a step spreads it out without shrinking its height).
 */
function sharpness(video: Locator): Promise<number | null> {
  return video.evaluate((el) => {
    const v = el as HTMLVideoElement;
    if (v.videoWidth === 0 || v.readyState < 2) return null;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) return null;
    ctx.drawImage(v, 0, 0);
    const x0 = Math.round(canvas.width * 0.1);
    const y0 = Math.round(canvas.height * 0.1);
    const w = Math.round(canvas.width * 0.8);
    const h = Math.round(canvas.height * 0.8);
    const { data } = ctx.getImageData(x0, y0, w, h);
    const luma = (i: number) => 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
    let sum = 0;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x + 1 < w; x++) {
        const i = (y * w + x) * 4;
        sum += (luma(i + 4) - luma(i)) ** 2;
      }
    }
    return sum / (h * (w - 1));
  });
}

/** Median of a few samples (frames differ; one odd frame must not decide). */
async function settledSharpness(video: Locator, page: Page): Promise<number | null> {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const s = await sharpness(video);
    if (s !== null) samples.push(s);
    await page.waitForTimeout(200);
  }
  samples.sort((a, b) => a - b);
  return samples.length ? samples[Math.floor(samples.length / 2)]! : null;
}

async function setSwitch(page: Page, name: string, on: boolean): Promise<void> {
  const toggle = page.getByRole('switch', { name });
  await toggle.setChecked(on);
  // Starting segmentation (a 6 MB wasm, shaders on a software GPU) takes a while on a busy machine.
  await expect(toggle).toHaveAttribute('aria-busy', 'false', { timeout: 90_000 });
  await expect(toggle).toBeChecked({ checked: on });
}

/** MediaPipe's own log lines (glog, "I0000 …" / "W0000 …") are not errors of the app. */
function appErrors(errors: string[]): string[] {
  return errors.filter((e) => !/^console: [IWE]\d{4} /.test(e));
}

test('blur and noise suppression switch on and off mid-call on the same producers', async ({
  participants,
}, testInfo) => {
  test.setTimeout(300_000);
  const camera = testPicture(testInfo.outputPath('testsrc2.y4m'));
  const sharpCamera = await participants.launch([
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${camera}`,
  ]);
  const meetingId = randomMeetingId('effects');
  const a = await participants.open(meetingId, { browser: sharpCamera, label: 'Alice' });
  const b = await participants.open(meetingId, { label: 'Bob' });
  await join(a.page, 'Alice');
  await join(b.page, 'Bob');
  await expectReceiving(b.page, 'Alice', 'camera');
  await expectReceiving(b.page, 'Alice', 'microphone');

  const aliceVideo = cameraTileOf(b.page, 'Alice').locator('video');
  await expect.poll(() => sharpness(aliceVideo), { timeout: 20_000 }).not.toBeNull();
  const raw = (await settledSharpness(aliceVideo, b.page))!;
  expect(raw, 'the test picture arrives sharp').toBeGreaterThan(50);

  const camBefore = await streamFrom(b.page, 'Alice', 'camera');
  const micBefore = await streamFrom(b.page, 'Alice', 'microphone');
  const sendersBefore = await sendersOf(a.page);
  const ssrcsBefore = await outboundSsrcs(a.page);

  // Main-thread tasks over 50 ms on Alice's page while the blur runs (reported, not asserted).
  await a.page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe(
      {
        type: 'longtask',
      },
    );
  });
  // Blur on: what Bob receives becomes soft, through the same producer.
  await a.page.getByRole('button', { name: 'Settings' }).click();
  await setSwitch(a.page, 'Blur background', true);
  await expect
    .poll(() => settledSharpness(aliceVideo, b.page), {
      message: 'Bob should receive a blurred picture',
      timeout: 60_000,
      intervals: [1_000],
    })
    .toBeLessThan(raw * 0.5);
  await expectReceiving(b.page, 'Alice', 'camera');
  const camBlurred = await streamFrom(b.page, 'Alice', 'camera');
  expect({ consumerId: camBlurred?.consumerId, ssrc: camBlurred?.ssrc }).toEqual({
    consumerId: camBefore?.consumerId,
    ssrc: camBefore?.ssrc,
  });
  expect((await sendersOf(a.page)).map(({ senderId, kind, mid }) => ({ senderId, kind, mid }))).toEqual(
    sendersBefore.map(({ senderId, kind, mid }) => ({ senderId, kind, mid })),
  );
  expect(await outboundSsrcs(a.page)).toEqual(ssrcsBefore);

  // The statistics panel shows what the blur costs on this machine.
  await a.page.getByRole('button', { name: 'Connection statistics' }).click();
  await expect(a.page.getByTestId('blur-stats')).toContainText('ms per frame', { timeout: 15_000 });
  const blurCost = await a.page.getByTestId('blur-stats').textContent();
  await testInfo.attach('blur-cost', { body: blurCost ?? '', contentType: 'text/plain' });
  const longTasks = await a.page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  console.log(
    `background blur cost: ${blurCost}; main-thread long tasks since blur on: ${longTasks.length}` +
      (longTasks.length ? `, longest ${Math.round(Math.max(...longTasks))} ms` : ''),
  );
  await a.page.keyboard.press('Escape');

  // Noise suppression on, then off: Alice's audio keeps arriving on the same consumer, and her
  // microphone sender carries the processed track while it is on.
  const rawMicLabel = sendersBefore.find((s) => s.kind === 'audio')?.trackLabel;
  for (const on of [true, false]) {
    const energyBefore = (await streamFrom(b.page, 'Alice', 'microphone'))?.totalAudioEnergy ?? 0;
    await setSwitch(a.page, 'Noise suppression', on);
    const micLabel = (await sendersOf(a.page)).find((s) => s.kind === 'audio')?.trackLabel;
    if (on) expect(micLabel).not.toBe(rawMicLabel);
    else expect(micLabel).toBe(rawMicLabel);
    await expectReceiving(b.page, 'Alice', 'microphone');
    await expect
      .poll(async () => (await streamFrom(b.page, 'Alice', 'microphone'))?.totalAudioEnergy ?? 0, {
        message: `audio energy should keep rising with noise suppression ${on ? 'on' : 'off'}`,
        timeout: 15_000,
      })
      .toBeGreaterThan(energyBefore);
    if (on) {
      // What both effects cost on this machine, from the processors' own timing.
      await a.page.getByRole('button', { name: 'Connection statistics' }).click();
      await expect(a.page.getByTestId('noise-stats')).toContainText('ms per frame', { timeout: 15_000 });
      const costs = `${await a.page.getByTestId('blur-stats').textContent()} | noise suppression: ${await a.page.getByTestId('noise-stats').textContent()}`;
      await testInfo.attach('effects-cost', { body: costs, contentType: 'text/plain' });
      console.log(`effects cost: blur: ${costs}`);
      await a.page.keyboard.press('Escape');
    }
    const mic = await streamFrom(b.page, 'Alice', 'microphone');
    expect({ consumerId: mic?.consumerId, ssrc: mic?.ssrc }).toEqual({
      consumerId: micBefore?.consumerId,
      ssrc: micBefore?.ssrc,
    });
  }
  expect(await outboundSsrcs(a.page)).toEqual(ssrcsBefore);

  // Blur off again: the sharp picture is back, still the same stream.
  await setSwitch(a.page, 'Blur background', false);
  await expect
    .poll(() => settledSharpness(aliceVideo, b.page), { timeout: 30_000, intervals: [1_000] })
    .toBeGreaterThan(raw * 0.7);
  expect((await streamFrom(b.page, 'Alice', 'camera'))?.consumerId).toBe(camBefore?.consumerId);
  await expectInCall(a.page);
  expect(appErrors(a.errors)).toEqual([]);
  expect(appErrors(b.errors)).toEqual([]);
});

test('the pre-join preview shows the blur and remembers it', async ({
  participants,
  screenshots,
}, testInfo) => {
  test.setTimeout(180_000);
  const camera = testPicture(testInfo.outputPath('testsrc2.y4m'));
  const sharpCamera = await participants.launch([
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${camera}`,
  ]);
  const p = await participants.open(randomMeetingId('effects-prejoin'), {
    browser: sharpCamera,
    label: 'Carol',
  });
  const preview = p.page.getByTestId('preview-video');
  await expect.poll(() => sharpness(preview), { timeout: 20_000 }).not.toBeNull();
  const raw = (await settledSharpness(preview, p.page))!;

  await setSwitch(p.page, 'Blur background', true);
  await expect
    .poll(() => settledSharpness(preview, p.page), { timeout: 30_000, intervals: [1_000] })
    .toBeLessThan(raw * 0.5);
  await p.page.getByLabel('Your name').fill('Carol');
  await screenshots.save(p.page, 'prejoin-blur-on');

  // Remembered: a fresh visit starts with blur on.
  await p.page.reload();
  await expect(p.page.getByRole('switch', { name: 'Blur background' })).toBeChecked();
  expect(appErrors(p.errors)).toEqual([]);
});
