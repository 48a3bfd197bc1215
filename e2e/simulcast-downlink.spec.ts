/**
 * A viewer with a poor downlink: Dan's browser runs in a network namespace whose link from this
 * machine is capped at 300 kbit/s (tc tbf on the host end of the veth). He and Alice both pin
 * Bob, asking for 720p; the server's bandwidth estimation keeps Dan on a lower layer, and his
 * picture keeps moving (no stall over 1 s), while Alice keeps 720p. Needs root (namespaces, tc).
 */
import type { Page } from '@playwright/test';
import { cameraTileOf, join, randomMeetingId } from './fixtures/call';
import { DecodeMonitor } from './fixtures/DecodeMonitor';
import { MIDDLE_LAYER_MAX_HEIGHT, heightFrom } from './fixtures/layers';
import { recordMetric } from './fixtures/media';
import { peerIdOf } from './fixtures/perTrack';
import { expect, serverPorts, test } from './fixtures/networkTest';

const SLOT = 6;
const FAKE_MEDIA = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];
const OBSERVE_MS = 8_000;

async function pin(page: Page, name: string): Promise<void> {
  await cameraTileOf(page, name).hover();
  await page.getByRole('button', { name: `Pin ${name}` }).click();
}

// Known failing: at 300 kbit/s the capped viewer stalls for seconds (4 frames in 8 s measured)
// instead of settling on the lowest layer; not yet understood (estimation, keyframes on the layer
// switch, or a cap below two thumbnails plus audio). Kept visible here until it passes.
test.fixme('a capped downlink gets a lower layer and keeps decoding; others keep 720p', async ({
  namespaces,
  servers,
  participants,
}, testInfo) => {
  test.setTimeout(180_000);
  const ns = namespaces.create(serverPorts(SLOT).port % 256);
  // Host browsers and the namespace browser all reach the media worker at the host end's address.
  const server = await servers.start(SLOT, { listenIp: '0.0.0.0', announcedIp: ns.hostAddress });
  const insideUrl = `http://${ns.hostAddress}:${server.port}`;
  const insideBrowser = await participants.launch(
    [...FAKE_MEDIA, `--unsafely-treat-insecure-origin-as-secure=${insideUrl}`],
    { executablePath: ns.chromiumWrapper() },
  );
  const meetingId = randomMeetingId('downlink');
  const alice = await participants.open(meetingId, {
    label: 'Alice',
    contextOptions: { baseURL: server.url },
  });
  const bob = await participants.open(meetingId, { label: 'Bob', contextOptions: { baseURL: server.url } });
  const dan = await participants.open(meetingId, {
    label: 'Dan (capped downlink)',
    browser: insideBrowser,
    contextOptions: { baseURL: insideUrl },
  });
  await join(alice.page, 'Alice');
  await join(bob.page, 'Bob');
  await join(dan.page, 'Dan');
  // Alice only watches: the capped link carries Bob's video and the voices.
  const camera = alice.page.getByRole('button', { name: 'Camera', exact: true });
  await camera.click();
  await expect(camera).toHaveAttribute('aria-pressed', 'false');

  await expect(cameraTileOf(alice.page, 'Bob')).toBeVisible();
  await expect(cameraTileOf(dan.page, 'Bob')).toBeVisible();
  const bobAtAlice = await peerIdOf(alice.page, 'Bob');
  const bobAtDan = await peerIdOf(dan.page, 'Bob');
  if (!bobAtAlice || !bobAtDan) throw new Error('Bob has no tile');
  await pin(alice.page, 'Bob');
  await pin(dan.page, 'Bob');
  for (const [page, name] of [
    [alice.page, 'Alice'],
    [dan.page, 'Dan'],
  ] as const) {
    await expect
      .poll(() => heightFrom(page, bobAtAlice), {
        message: `${name} should get Bob at 720p first`,
        timeout: 45_000,
      })
      .toBe(720);
  }

  const monitor = new DecodeMonitor(dan.page, 'Dan').start();
  try {
    ns.limitDownlink('300kbit');
    const capped = Date.now();
    // The switch: Dan decodes Bob at a lower layer, and the picture moves (frames in the last 1.5 s).
    await expect
      .poll(
        async () => {
          const height = await heightFrom(dan.page, bobAtDan);
          const recent = monitor.decodedBetween(Date.now() - 1_500, Date.now());
          return height > 0 && height <= MIDDLE_LAYER_MAX_HEIGHT && recent >= 5;
        },
        {
          message: "Dan's capped downlink should get a lower layer of Bob, decoding",
          timeout: 60_000,
          intervals: [500],
        },
      )
      .toBe(true);
    recordMetric(testInfo, 'capped viewer: time to a moving lower layer (ms)', String(Date.now() - capped));
    const settled = Date.now();
    await expect
      .poll(() => Date.now() - settled, { timeout: OBSERVE_MS + 5_000 })
      .toBeGreaterThan(OBSERVE_MS);
    await monitor.stop();
    const gap = monitor.longestGapMs(settled, settled + OBSERVE_MS);
    const decoded = monitor.decodedBetween(settled, settled + OBSERVE_MS);
    recordMetric(testInfo, 'capped viewer: longest stall after the switch (ms)', String(gap));
    recordMetric(testInfo, 'capped viewer: frames decoded in 8 s', String(decoded));
    recordMetric(testInfo, 'capped viewer: layer height', String(await heightFrom(dan.page, bobAtDan)));
    expect(decoded, 'Dan keeps decoding Bob').toBeGreaterThan(0);
    expect(gap, 'no stall over 1 s at the lower layer').toBeLessThanOrEqual(1_000);
    expect(await heightFrom(alice.page, bobAtAlice), 'Alice keeps the top layer').toBeGreaterThan(
      MIDDLE_LAYER_MAX_HEIGHT,
    );
  } finally {
    await monitor.stop();
    ns.limitDownlink(null);
  }
});
