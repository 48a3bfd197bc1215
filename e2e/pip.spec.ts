/**
 * Picture-in-picture: from the controls, the other person's video goes picture-in-picture (the
 * call's own Document Picture-in-Picture window where the browser has it, the video element
 * otherwise) and is seen decoding there: its frame count rises and it is the same track as the
 * speaker's tile. "Exit picture in picture" closes it.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/test';
import { cameraTileOf, join, randomMeetingId } from './fixtures/call';
import { expectReceiving } from './fixtures/perTrack';

interface PipView {
  kind: 'document' | 'video' | 'none';
  frames: number;
  trackId: string | null;
  width: number;
}

/** What is in picture-in-picture now: which kind, its decoded frame count and its track. */
function pipView(page: Page): Promise<PipView> {
  return page.evaluate(() => {
    const docPip = (window as { documentPictureInPicture?: { window: Window | null } })
      .documentPictureInPicture?.window;
    const video =
      (docPip?.document.querySelector('video') as HTMLVideoElement | null | undefined) ??
      (document.pictureInPictureElement as HTMLVideoElement | null);
    if (!video) return { kind: 'none' as const, frames: 0, trackId: null, width: 0 };
    // The window's video may hold a stream made in the opener's realm: no instanceof across windows.
    const stream = video.srcObject && 'getVideoTracks' in video.srcObject ? video.srcObject : null;
    return {
      kind: docPip ? ('document' as const) : ('video' as const),
      frames: video.getVideoPlaybackQuality().totalVideoFrames,
      trackId: stream?.getVideoTracks()[0]?.id ?? null,
      width: video.videoWidth,
    };
  });
}

test('picture in picture shows the speaker’s video, decoding', async ({ participants, screenshots }) => {
  test.setTimeout(240_000);
  const meetingId = randomMeetingId();
  const a = await participants.open(meetingId, { label: 'A' });
  const b = await participants.open(meetingId, { label: 'B' });
  await join(a.page, 'Ann Viewer');
  await join(b.page, 'Ben Speaker');
  await expectReceiving(a.page, 'Ben Speaker', 'camera');

  const support = await a.page.evaluate(() =>
    'documentPictureInPicture' in window ? 'document' : document.pictureInPictureEnabled ? 'video' : 'none',
  );
  test.info().annotations.push({ type: 'picture-in-picture', description: support });
  expect(support, 'this Chromium offers some picture-in-picture').not.toBe('none');

  const pipWindow = support === 'document' ? a.context.waitForEvent('page').catch(() => null) : null;
  // Generous: on a loaded machine opening a window takes a while.
  await a.page.getByRole('button', { name: 'Picture in picture', exact: true }).click({ timeout: 60_000 });
  await expect(a.page.getByRole('button', { name: 'Exit picture in picture' })).toBeVisible();

  const speakerTrack = await cameraTileOf(a.page, 'Ben Speaker')
    .locator('video')
    .evaluate((v) => ((v as HTMLVideoElement).srcObject as MediaStream).getVideoTracks()[0]!.id);
  await expect.poll(async () => (await pipView(a.page)).kind, { timeout: 60_000 }).toBe(support);
  await expect
    .poll(async () => (await pipView(a.page)).trackId, {
      message: 'picture-in-picture shows the speaker’s camera',
    })
    .toBe(speakerTrack);
  const first = await pipView(a.page);
  await expect
    .poll(async () => (await pipView(a.page)).frames, {
      message: 'frames advance in picture-in-picture',
      timeout: 60_000,
    })
    .toBeGreaterThan(first.frames + 10);
  expect((await pipView(a.page)).width).toBeGreaterThan(0);

  const win = await pipWindow;
  if (win) {
    await expect(win.getByRole('button', { name: 'Leave call' })).toBeVisible();
    // Headless Chromium may not paint a picture-in-picture window: the picture is best effort.
    await screenshots.save(win, 'pip-window').catch((err: unknown) => {
      test
        .info()
        .annotations.push({ type: 'pip-window screenshot', description: String(err).split('\n')[0]! });
    });
  }
  await screenshots.save(a.page, 'pip-opener');

  await a.page.getByRole('button', { name: 'Exit picture in picture' }).click();
  await expect(a.page.getByRole('button', { name: 'Picture in picture', exact: true })).toBeVisible();
  await expect.poll(async () => (await pipView(a.page)).kind).toBe('none');
});
