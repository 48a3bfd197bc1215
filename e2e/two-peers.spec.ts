/**
 * Two browsers join the same meeting through the SFU and must receive each other's camera
 * (VP8 frames decoded) and microphone (Opus packets with audio energy); when one leaves, the
 * other's tile for it disappears.
 */
import {
  cameraTileOf,
  expectInCall,
  expectRemoteVideoPlaying,
  join,
  leave,
  randomMeetingId,
  remoteAudio,
  remoteTiles,
} from './fixtures/call';
import {
  expectAudioEnergy,
  expectMediaFlowing,
  outboundSummary,
  recordMetric,
  waitForFirstDecodedFrame,
} from './fixtures/media';
import { expect, test } from './fixtures/test';

test('two peers send and receive audio and video', async ({ participants, screenshots }, testInfo) => {
  const meetingId = randomMeetingId();
  const a = await participants.open(meetingId, { label: 'A' });
  const b = await participants.open(meetingId, { label: 'B' });

  await test.step('A joins, then B joins', async () => {
    await join(a.page, 'Alice');
    const bJoinClicked = Date.now();
    await join(b.page, 'Bob');
    recordMetric(testInfo, 'B join (click to "joined")', `${Date.now() - bJoinClicked} ms`);

    const [aFirst, bFirst] = await Promise.all([
      waitForFirstDecodedFrame(a.page),
      waitForFirstDecodedFrame(b.page),
    ]);
    recordMetric(
      testInfo,
      'time to first decoded frame at A (from B join click)',
      `${aFirst - bJoinClicked} ms`,
    );
    recordMetric(
      testInfo,
      'time to first decoded frame at B (from B join click)',
      `${bFirst - bJoinClicked} ms`,
    );
  });

  await test.step('each sees exactly one remote video and hears one remote audio', async () => {
    for (const { page } of [a, b]) {
      await expect(remoteTiles(page)).toHaveCount(1);
      await expect(remoteTiles(page)).toHaveAttribute('data-video', 'on');
      await expect(remoteAudio(page)).toHaveCount(1);
    }
    await expect(remoteTiles(a.page)).toContainText('Bob');
    await expect(remoteTiles(b.page)).toContainText('Alice');
    // The SFU reports how well each received video arrives (0 … 10): a clean loopback call scores high.
    for (const { page } of [a, b]) {
      await expect
        .poll(async () => Number(await remoteTiles(page).getAttribute('data-video-score')))
        .toBeGreaterThanOrEqual(7);
      await expect(remoteTiles(page)).toHaveAttribute('data-connection', 'ok');
    }
    await expectRemoteVideoPlaying(a.page);
    await expectRemoteVideoPlaying(b.page);
  });

  await test.step('video frames and audio packets keep flowing both ways', async () => {
    for (const [label, page] of [
      ['A', a.page],
      ['B', b.page],
    ] as const) {
      const rates = await expectMediaFlowing(page, label);
      const energy = await expectAudioEnergy(page, label);
      const { last } = rates;
      recordMetric(
        testInfo,
        `${label} receives`,
        `${rates.framesDecodedPerSecond.toFixed(1)} frames decoded/s, ` +
          `${rates.audioPacketsPerSecond.toFixed(1)} audio packets/s over ${Math.round(rates.windowMs)} ms; ` +
          `${last.videoFrameWidth}x${last.videoFrameHeight}, codecs ${last.codecs.join(', ')}, ` +
          `totalAudioEnergy ${energy.toFixed(3)}`,
      );
      expect(last.codecs).toContain('video/VP8');
      expect(last.videoStreams).toBe(1);
      expect(last.audioStreams).toBe(1);
      const sent = await outboundSummary(page);
      recordMetric(
        testInfo,
        `${label} sends`,
        sent
          ? `${sent.videoFramesEncoded} video frames encoded, ${sent.audioPacketsSent} audio packets, codecs ${sent.codecs.join(', ')}`
          : 'nothing',
      );
    }
    await screenshots.save(a.page, 'two-peers-a');
    await screenshots.save(b.page, 'two-peers-b');
  });

  await test.step('mute and camera-off reach the other side', async () => {
    const tileOfA = cameraTileOf(b.page, 'Alice');
    const mic = a.page.getByRole('button', { name: 'Microphone', exact: true });
    const cam = a.page.getByRole('button', { name: 'Camera', exact: true });
    await mic.click();
    await expect(mic).toHaveAttribute('aria-pressed', 'false');
    await expect(tileOfA).toHaveAttribute('data-mic', 'muted');
    await cam.click();
    await expect(cam).toHaveAttribute('aria-pressed', 'false');
    await expect(tileOfA).toHaveAttribute('data-video', 'off');
    await screenshots.save(a.page, 'two-peers-a-muted');
    await screenshots.save(b.page, 'two-peers-b-sees-a-muted');

    await mic.click();
    await cam.click();
    await expect(tileOfA).toHaveAttribute('data-mic', 'on');
    await expect(tileOfA).toHaveAttribute('data-video', 'on');
    await expectMediaFlowing(b.page, 'B after A resumed');
  });

  await test.step('A leaves: B loses A', async () => {
    await leave(a.page);
    await expect(remoteTiles(b.page)).toHaveCount(0);
    await expect(remoteAudio(b.page)).toHaveCount(0);
    await expectInCall(b.page);
    await screenshots.save(b.page, 'two-peers-b-after-a-left');
  });

  expect(a.errors, 'browser errors at A').toEqual([]);
  expect(b.errors, 'browser errors at B').toEqual([]);
});
