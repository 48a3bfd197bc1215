/**
 * Switching camera and microphone in the middle of a call: the published tracks are replaced in
 * place and the other person keeps receiving. Proven from WebRTC itself: the same RTCRtpSenders
 * with the same outbound SSRCs now carry the new devices' tracks, and the other side keeps
 * decoding the same inbound streams (same consumers, same SSRCs) without a renegotiated receiver.
 */
import type { Page } from '@playwright/test';
import { expectInCall, join, randomMeetingId } from './fixtures/call';
import { expectReceiving, inboundByTrack, outboundSsrcs, peerIdOf, sendersOf } from './fixtures/perTrack';
import { expect, test } from './fixtures/test';

/** Label of the camera track shown in the viewer's own tile. */
function selfCameraLabel(page: Page) {
  return page
    .locator('[data-testid="participant-tile"][data-self]:not([data-screen]) video')
    .evaluate(
      (el) => ((el as HTMLVideoElement).srcObject as MediaStream | null)?.getVideoTracks()[0]?.label ?? '',
    );
}

/** What `viewer` receives from the person called `name`: consumer id and SSRC per source. */
async function streamsFrom(viewer: Page, name: string) {
  const peerId = await peerIdOf(viewer, name);
  expect(peerId, `${name} has a tile`).toBeTruthy();
  const streams = (await inboundByTrack(viewer)).filter((s) => s.peerId === peerId);
  return Object.fromEntries(
    streams.map((s) => [s.source, { consumerId: s.consumerId, ssrc: s.ssrc }] as const),
  );
}

test('camera and microphone can be switched mid-call without a rejoin', async ({ participants }) => {
  test.setTimeout(120_000);
  // Alice's browser has several fake cameras and microphones. Chromium's fake_device_1 is a
  // 16-bit depth camera that WebRTC cannot encode, so the switch goes to fake_device_2.
  const twoDevices = await participants.launch([
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream=device-count=3',
  ]);
  const meetingId = randomMeetingId('switch');
  const a = await participants.open(meetingId, { browser: twoDevices, label: 'Alice' });
  const b = await participants.open(meetingId, { label: 'Bob' });
  await join(a.page, 'Alice');
  await join(b.page, 'Bob');
  await expectReceiving(b.page, 'Alice', 'camera');
  await expectReceiving(b.page, 'Alice', 'microphone');

  const sendersBefore = await sendersOf(a.page);
  expect(sendersBefore.map((s) => s.kind).sort()).toEqual(['audio', 'video']);
  const cameraSender = sendersBefore.find((s) => s.kind === 'video')!;
  const micSender = sendersBefore.find((s) => s.kind === 'audio')!;
  expect(cameraSender.trackLabel).toBe('fake_device_0');
  const micLabelBefore = micSender.trackLabel;
  const ssrcsBefore = await outboundSsrcs(a.page);
  expect(Object.keys(ssrcsBefore).sort()).toEqual([cameraSender.mid, micSender.mid].sort());
  const receivedBefore = await streamsFrom(b.page, 'Alice');
  expect(Object.keys(receivedBefore).sort()).toEqual(['camera', 'microphone']);
  expect(await selfCameraLabel(a.page)).toBe('fake_device_0');

  await a.page.getByRole('button', { name: 'Settings' }).click();
  const camera = a.page.getByRole('combobox', { name: 'Camera' });
  await camera.selectOption({ label: 'fake_device_2' });
  await expect.poll(() => selfCameraLabel(a.page)).toBe('fake_device_2');
  const microphone = a.page.getByRole('combobox', { name: 'Microphone' });
  await microphone.selectOption({ label: 'Fake Audio Input 2' });
  await expect(microphone).toHaveValue(/.+/);

  // The same senders (same objects, same transceivers) now carry the new devices' tracks.
  await expect
    .poll(async () => {
      const now = await sendersOf(a.page);
      return now.map((s) => ({
        ...s,
        trackLabel: s.kind === 'audio' ? s.trackLabel !== micLabelBefore : s.trackLabel,
      }));
    })
    .toEqual(sendersBefore.map((s) => ({ ...s, trackLabel: s.kind === 'audio' ? true : 'fake_device_2' })));
  // The same outbound RTP streams: no new producer was created.
  expect(await outboundSsrcs(a.page)).toEqual(ssrcsBefore);
  // Bob receives the same streams (same consumers, same SSRCs), and they keep advancing.
  expect(await streamsFrom(b.page, 'Alice')).toEqual(receivedBefore);
  await expectReceiving(b.page, 'Alice', 'camera');
  await expectReceiving(b.page, 'Alice', 'microphone');
  expect(await streamsFrom(b.page, 'Alice')).toEqual(receivedBefore);
  await expectInCall(a.page);
  expect(a.errors).toEqual([]);
  expect(b.errors).toEqual([]);
});
