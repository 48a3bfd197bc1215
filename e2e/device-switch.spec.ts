/**
 * Switching camera and microphone in the middle of a call: the published tracks are replaced in
 * place (same producers, same consumers at the other side) and the other person keeps receiving.
 */
import { expect, test, type Page } from '@playwright/test';
import { launchChromium } from './fixtures/browsers';
import { join, openMeeting, randomMeetingId } from './fixtures/call';
import { expectReceiving } from './fixtures/media';

function producers(page: Page) {
  return page.evaluate(() =>
    Object.fromEntries((window.__callClient?.publications ?? []).map((p) => [p.source, p.producerId])),
  );
}

function consumersFrom(page: Page, peerName: string) {
  return page.evaluate((name) => {
    const c = window.__callClient;
    const peer = c?.remotePeers.find((p) => p.userId === name);
    return (c?.remoteTracks ?? []).filter((t) => t.peerId === peer?.peerId).map((t) => t.consumerId);
  }, peerName);
}

/** Label of the camera track shown in the viewer's own tile. */
function selfCameraLabel(page: Page) {
  return page
    .locator('[data-testid="participant-tile"][data-self]:not([data-screen]) video')
    .evaluate(
      (el) => ((el as HTMLVideoElement).srcObject as MediaStream | null)?.getVideoTracks()[0]?.label ?? '',
    );
}

test('camera and microphone can be switched mid-call without a rejoin', async ({ browser }) => {
  test.setTimeout(120_000);
  // Alice's browser has several fake cameras and microphones. Chromium's fake_device_1 is a
  // 16-bit depth camera that WebRTC cannot encode, so the switch goes to fake_device_2.
  const twoDevices = await launchChromium([
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream=device-count=3',
  ]);
  const meetingId = randomMeetingId('switch');
  const a = await openMeeting(twoDevices, meetingId);
  const b = await openMeeting(browser, meetingId);
  try {
    await join(a.page, 'Alice');
    await join(b.page, 'Bob');
    await expectReceiving(b.page, 'Alice', 'camera');
    await expectReceiving(b.page, 'Alice', 'microphone');
    const publishedBefore = await producers(a.page);
    const consumedBefore = await consumersFrom(b.page, 'Alice');
    expect(Object.keys(publishedBefore).sort()).toEqual(['camera', 'microphone']);
    expect(await selfCameraLabel(a.page)).toBe('fake_device_0');

    await a.page.getByRole('button', { name: 'Settings' }).click();
    const camera = a.page.getByRole('combobox', { name: 'Camera' });
    await camera.selectOption({ label: 'fake_device_2' });
    await expect.poll(() => selfCameraLabel(a.page)).toBe('fake_device_2');
    const microphone = a.page.getByRole('combobox', { name: 'Microphone' });
    await microphone.selectOption({ label: 'Fake Audio Input 2' });
    await expect(microphone).toHaveValue(/.+/);

    // Same producers, same consumers: the tracks were replaced in place.
    expect(await producers(a.page)).toEqual(publishedBefore);
    expect(await consumersFrom(b.page, 'Alice')).toEqual(consumedBefore);
    await expectReceiving(b.page, 'Alice', 'camera');
    await expectReceiving(b.page, 'Alice', 'microphone');
    await expect(a.page.getByTestId('call-status')).toHaveAttribute('data-state', 'joined');
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  } finally {
    await a.context.close();
    await b.context.close();
    await twoDevices.close();
  }
});
