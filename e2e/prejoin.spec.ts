/**
 * The pre-join screen against a real Chromium: its fake camera and microphone (the fake mic beeps),
 * a browser that denies camera/microphone access, and a browser without any devices. Runs on the
 * development page /dev/prejoin, which renders only <PreJoin> and shows what it hands over on Join.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/test';

const PAGE = '/dev/prejoin';
const PREFS_KEY = 'idea-communicator:prefs:v1';

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  return errors;
}

interface ChoiceSummary {
  displayName: string;
  micOn: boolean;
  cameraOn: boolean;
  tracks: { kind: string; enabled: boolean }[];
  devices: { audioInput: string | null; videoInput: string | null; audioOutput: string | null };
}

async function joinChoice(page: Page): Promise<ChoiceSummary> {
  const text = await page.getByTestId('join-choice').textContent();
  return JSON.parse(text ?? 'null') as ChoiceSummary;
}

/** readyState of each track handed over to the page (PreJoin is unmounted by then). */
function handedOverTrackStates(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__prejoinChoice?.stream.getTracks().map((t) => t.readyState) ?? []);
}

async function expectPreviewPlaying(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        page
          .getByTestId('preview-video')
          .evaluate((el) => el instanceof HTMLVideoElement && el.videoWidth > 0 && !el.paused)
          .catch(() => false),
      { message: 'the camera preview shows no picture', timeout: 15_000 },
    )
    .toBe(true);
}

async function expectMicLevelMoves(page: Page): Promise<number> {
  const meter = page.getByRole('meter', { name: 'Microphone level' });
  let highest = 0;
  await expect
    .poll(
      async () => {
        highest = Math.max(highest, Number(await meter.getAttribute('aria-valuenow')));
        return highest;
      },
      { message: 'the microphone meter stays at 0', timeout: 10_000, intervals: [50] },
    )
    .toBeGreaterThan(0);
  return highest;
}

test('preview plays, mic meter moves, name is remembered, camera off stops it, Join hands over the choice', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto(PAGE);

  await test.step('camera preview and microphone level', async () => {
    await expectPreviewPlaying(page);
    await expectMicLevelMoves(page);
    await expect(page.getByRole('button', { name: 'Microphone' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('button', { name: 'Camera' })).toHaveAttribute('aria-pressed', 'true');
    // Labels are readable once access was granted, so the pickers name the fake devices.
    await expect(page.getByRole('combobox', { name: 'Camera' })).not.toHaveValue('');
    await expect(page.getByRole('combobox', { name: 'Microphone' })).toContainText(/\w/);
    await expect(page.getByTestId('media-guidance')).toHaveCount(0);
  });

  await test.step('Join needs a name; the name is remembered across a reload', async () => {
    const join = page.getByRole('button', { name: 'Join now' });
    await expect(join).toBeDisabled();
    await page.getByLabel('Your name').fill('Ada Lovelace');
    await expect(join).toBeEnabled();
    await page.reload();
    await expect(page.getByLabel('Your name')).toHaveValue('Ada Lovelace');
    await expectPreviewPlaying(page);
  });

  await test.step('camera off stops the camera; mic off keeps the track but mutes it', async () => {
    await page.getByTestId('preview-video').evaluate((el) => {
      const track = ((el as HTMLVideoElement).srcObject as MediaStream).getVideoTracks()[0];
      (window as unknown as { __previewTrack?: MediaStreamTrack }).__previewTrack = track;
    });
    await page.getByRole('button', { name: 'Camera' }).click();
    await expect(page.getByRole('button', { name: 'Camera' })).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByTestId('preview-video')).toHaveCount(0);
    await expect(page.getByTestId('preview-off')).toContainText('Camera is off');
    await expect(page.getByTestId('preview-off')).toContainText('AL');
    expect(
      await page.evaluate(
        () => (window as unknown as { __previewTrack?: MediaStreamTrack }).__previewTrack?.readyState,
      ),
    ).toBe('ended');

    await page.getByRole('button', { name: 'Microphone' }).click();
    await expect(page.getByRole('button', { name: 'Microphone' })).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByRole('meter', { name: 'Microphone level' })).toHaveAttribute('aria-valuenow', '0');
  });

  await test.step('Join hands over a muted audio track and no video', async () => {
    await page.getByRole('button', { name: 'Join now' }).click();
    const choice = await joinChoice(page);
    expect(choice).toMatchObject({
      displayName: 'Ada Lovelace',
      micOn: false,
      cameraOn: false,
      tracks: [{ kind: 'audio', enabled: false }],
    });
    expect(choice.devices.audioInput).toBeTruthy();
    // PreJoin is gone, but the stream now belongs to the page and keeps running.
    expect(await handedOverTrackStates(page)).toEqual(['live']);
  });

  await test.step('the on/off choices are remembered; both on hands over both tracks', async () => {
    await page.getByRole('button', { name: 'Back' }).click();
    await expect(page.getByRole('button', { name: 'Camera' })).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByRole('button', { name: 'Microphone' })).toHaveAttribute('aria-pressed', 'false');
    await page.getByRole('button', { name: 'Camera' }).click();
    await page.getByRole('button', { name: 'Microphone' }).click();
    await expectPreviewPlaying(page);
    await expectMicLevelMoves(page);
    await page.getByRole('button', { name: 'Join now' }).click();
    const choice = await joinChoice(page);
    expect(choice).toMatchObject({ displayName: 'Ada Lovelace', micOn: true, cameraOn: true });
    expect(choice.tracks.map((t) => t.kind).sort()).toEqual(['audio', 'video']);
    expect(choice.tracks.every((t) => t.enabled)).toBe(true);
    expect(choice.devices.videoInput).toBeTruthy();
    expect(await handedOverTrackStates(page)).toEqual(['live', 'live']);
  });

  expect(errors, 'browser errors').toEqual([]);
});

test('a remembered camera that is gone falls back to the default one', async ({ page }) => {
  const errors = collectErrors(page);
  await page.addInitScript(([key, value]) => window.localStorage.setItem(key, value), [
    PREFS_KEY,
    JSON.stringify({ displayName: 'Bo', videoInput: 'unplugged-camera-id' }),
  ] as const);
  await page.goto(PAGE);
  await expectPreviewPlaying(page);
  await expect(page.getByRole('status').filter({ hasText: 'saved camera' })).toContainText(
    'Your saved camera is not connected, so the default one is used.',
  );
  await expect(page.getByTestId('media-guidance')).toHaveCount(0);
  expect(errors, 'browser errors').toEqual([]);
});

test('blocked camera and microphone: the guidance says how to allow them, joining still works', async ({
  baseURL,
  participants,
  screenshots,
}) => {
  // No --use-fake-ui-for-media-stream and no granted permissions: the browser itself refuses.
  const browser = await participants.launch([
    '--use-fake-device-for-media-stream',
    '--deny-permission-prompts',
  ]);
  // Explicitly none: Playwright would otherwise apply the config's permissions to this context too.
  const context = await participants.context({
    browser,
    baseURL,
    permissions: [],
    viewport: { width: 390, height: 844 },
  });
  const page = await context.newPage();
  await page.goto(PAGE);

  // (Next.js keeps an empty role="alert" route announcer on every page, hence the test id.)
  const alert = page.getByTestId('media-guidance');
  await expect(alert).toHaveAttribute('role', 'alert');
  await expect(alert).toContainText('Camera and microphone access is blocked');
  await expect(alert).toContainText(
    'Click the camera icon in the address bar (or the site settings icon left of the address) and allow camera and microphone, then press Try again.',
  );
  await expect(alert.getByRole('button', { name: 'Try again' })).toBeEnabled();
  await expect(page.getByTestId('preview-off')).toContainText('Camera access is blocked');
  // Unavailable devices show as off.
  await expect(page.getByRole('button', { name: 'Camera' })).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByRole('button', { name: 'Microphone' })).toHaveAttribute('aria-pressed', 'false');

  // Try again asks once more and is refused once more: the guidance stays.
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(alert).toContainText('allow camera and microphone');

  await expect(page.getByTestId('receive-only-notice')).toBeVisible();
  await page.getByLabel('Your name').fill('Blocked Bea');
  await screenshots.save(page, 'prejoin-blocked-phone', { fullPage: true });
  await page.getByRole('button', { name: 'Join now' }).click();
  expect(await joinChoice(page)).toMatchObject({ micOn: false, cameraOn: false, tracks: [] });
});

test('no camera or microphone at all: joining receive-only', async ({ baseURL, participants }) => {
  // Without the fake-device flag, Chromium sees this machine's real devices; access is granted.
  const browser = await participants.launch(['--use-fake-ui-for-media-stream']);
  const context = await participants.context({ browser, baseURL, permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  await page.goto(PAGE);
  const inputs = await page.evaluate(
    async () =>
      (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind !== 'audiooutput').length,
  );
  test.skip(inputs > 0, `this machine has ${inputs} real camera/microphone device(s)`);

  // (Next.js keeps an empty role="alert" route announcer on every page, hence the test id.)
  const alert = page.getByTestId('media-guidance');
  await expect(alert).toHaveAttribute('role', 'alert');
  await expect(alert).toContainText('No camera or microphone found');
  await expect(alert).toContainText('join without them');
  await expect(page.getByTestId('receive-only-notice')).toContainText('others won’t see or hear you');
  await expect(page.getByRole('combobox', { name: 'Camera' })).toBeDisabled();
  await expect(page.getByRole('combobox', { name: 'Camera' })).toHaveText('No camera available');

  await page.getByLabel('Your name').fill('Listener');
  await page.getByRole('button', { name: 'Join now' }).click();
  expect(await joinChoice(page)).toMatchObject({ displayName: 'Listener', tracks: [] });
});

test('screenshots at desktop and phone size', async ({ page, screenshots }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(PAGE);
  await page.getByLabel('Your name').fill('Ada Lovelace');
  await expectPreviewPlaying(page);
  await expectMicLevelMoves(page);
  await screenshots.save(page, 'prejoin-desktop', { fullPage: true });

  await page.setViewportSize({ width: 390, height: 844 });
  await expectPreviewPlaying(page);
  // Nothing may stick out sideways on a phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshots.save(page, 'prejoin-phone', { fullPage: true });
});

test('Copy link puts the meeting link on the clipboard', async ({ page, baseURL }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(PAGE);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('button', { name: 'Link copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}/m/dev-check`);
  await expect(page.getByRole('button', { name: 'Copy link' })).toBeVisible({ timeout: 5_000 });
});
