/**
 * The media path breaks and heals. One browser runs in a network namespace joined to this machine
 * by a veth link (as a laptop on Wi-Fi). First the link goes down for 5 s and up again: video
 * must come back both ways by itself. Then only the media path is blocked, long enough for the
 * browser to report ICE disconnected while signaling stays up: the app must restart ICE on its own
 * (new ICE credentials on its connections) and video must come back. Prints how long after each
 * repair video decoded again. Needs root (network namespaces, tc).
 */
import type { Page } from '@playwright/test';
import { cameraTileOf, expectInCall, join, randomMeetingId, remoteTiles } from './fixtures/call';
import { DecodeMonitor } from './fixtures/DecodeMonitor';
import { expectMediaFlowing, recordMetric, waitForFirstDecodedFrame } from './fixtures/media';
import { expect, serverPorts, test } from './fixtures/networkTest';
import { recordClientRequests, recordServerEvents } from './fixtures/signaling';

const SLOT = 4;
const LINK_DOWN_MS = 5_000;
/** Chromium reports ICE disconnected after ~7.5 s without answers; the app restarts ICE 2 s later. */
const MEDIA_BLOCKED_MS = 13_000;
const FAKE_MEDIA = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];

/** Waits until each monitored page decodes a new frame after `since`; returns when it did. */
async function decodingAgain(monitors: DecodeMonitor[], since: number): Promise<number[]> {
  return Promise.all(
    monitors.map(async (m) => {
      await expect
        .poll(() => m.decodedBetween(since, Date.now()), {
          message: `${m.label} decodes no video after the network came back`,
          timeout: 45_000,
          intervals: [200],
        })
        .toBeGreaterThan(0);
      const after = m.samples.filter((s) => s.at >= since);
      const first = after[0];
      return after.find((s) => first && s.framesDecoded > first.framesDecoded)?.at ?? Date.now();
    }),
  );
}

function iceStatesSince(page: Page, since: number): Promise<string> {
  return page.evaluate(
    (since) =>
      (window.__rtcCapture?.iceStates ?? [])
        .filter((s) => s.at >= since)
        .map((s) => `pc${s.pc} ${s.state} +${s.at - since} ms`)
        .join(', ') || 'no change',
    since,
  );
}

test('media link down and media path blocked: video comes back, ICE restarted by the app', async ({
  namespaces,
  servers,
  participants,
}, testInfo) => {
  test.setTimeout(150_000);
  const ns = namespaces.create(serverPorts(SLOT).port % 256);
  // Reached from the namespace at its host address, from this machine at 127.0.0.1; the media
  // worker announces the namespace's media address, which both can reach.
  const server = await servers.start(SLOT, { listenIp: '0.0.0.0', announcedIp: ns.mediaAddress });
  const insideUrl = `http://${ns.hostAddress}:${server.port}`;
  // Camera and microphone need a secure page: http on a LAN address counts as one only this way.
  const insideBrowser = await participants.launch(
    [...FAKE_MEDIA, `--unsafely-treat-insecure-origin-as-secure=${insideUrl}`],
    { executablePath: ns.chromiumWrapper() },
  );
  const meetingId = randomMeetingId('ice');
  const a = await participants.open(meetingId, { label: 'A', contextOptions: { baseURL: server.url } });
  const b = await participants.open(meetingId, {
    label: 'B (in the namespace)',
    browser: insideBrowser,
    contextOptions: { baseURL: insideUrl },
  });
  const restartsByB = recordClientRequests(b.page, 'restartIce');
  const peerLeftAtA = recordServerEvents(a.page, 'peerLeft');
  const ufrags = () => b.page.evaluate(() => window.__rtcCapture?.localUfrags() ?? []);

  await join(a.page, 'Alice');
  await join(b.page, 'Bob');
  await Promise.all([waitForFirstDecodedFrame(a.page), waitForFirstDecodedFrame(b.page)]);
  await expectMediaFlowing(a.page, 'A');
  await expectMediaFlowing(b.page, 'B');
  const monitors = [new DecodeMonitor(a.page, 'A').start(), new DecodeMonitor(b.page, 'B').start()];

  await test.step(`link down for ${LINK_DOWN_MS} ms: video comes back both ways by itself`, async () => {
    const downAt = Date.now();
    ns.setLink(false);
    await new Promise((r) => setTimeout(r, LINK_DOWN_MS));
    ns.setLink(true);
    const upAt = Date.now();
    const backAt = await decodingAgain(monitors, upAt);
    monitors.forEach((m, i) =>
      recordMetric(testInfo, `link cut, ${m.label}: link up to video again`, `${(backAt[i] ?? 0) - upAt} ms`),
    );
    recordMetric(testInfo, 'link cut, B: ICE states', await iceStatesSince(b.page, downAt));
    recordMetric(testInfo, 'link cut, B: restartIce requests', String(restartsByB.length));
    for (const page of [a.page, b.page]) await expectInCall(page);
  });

  await test.step(`media path blocked for ${MEDIA_BLOCKED_MS} ms: B restarts ICE, video comes back`, async () => {
    const restartsBefore = restartsByB.length;
    const ufragsBefore = await ufrags();
    const blockedAt = Date.now();
    ns.blockMedia(true);
    try {
      await new Promise((r) => setTimeout(r, MEDIA_BLOCKED_MS));
    } finally {
      ns.blockMedia(false);
    }
    const unblockedAt = Date.now();
    const backAt = await decodingAgain(monitors, unblockedAt);
    monitors.forEach((m, i) =>
      recordMetric(
        testInfo,
        `media block, ${m.label}: unblocked to video again`,
        `${(backAt[i] ?? 0) - unblockedAt} ms`,
      ),
    );
    recordMetric(testInfo, 'media block, B: ICE states', await iceStatesSince(b.page, blockedAt));
    const ufragsAfter = await ufrags();
    const restarted = ufragsBefore.filter(
      (u, i) => u !== null && ufragsAfter[i] !== null && ufragsAfter[i] !== u,
    );
    recordMetric(
      testInfo,
      'media block, B: restartIce requests',
      String(restartsByB.length - restartsBefore),
    );
    recordMetric(testInfo, 'media block, B: connections with new ICE credentials', String(restarted.length));
    expect(restartsByB.length - restartsBefore, 'B never asked the server to restart ICE').toBeGreaterThan(0);
    expect(restarted.length, 'no connection of B got new ICE credentials').toBeGreaterThan(0);
  });

  await test.step('the call is the same call: media flowing, one tile each, nobody left', async () => {
    for (const m of monitors) await m.stop();
    await expectMediaFlowing(a.page, 'A at the end');
    await expectMediaFlowing(b.page, 'B at the end');
    for (const page of [a.page, b.page]) {
      await expectInCall(page);
      await expect(remoteTiles(page)).toHaveCount(1);
    }
    await expect(cameraTileOf(a.page, 'Bob')).toHaveCount(1);
    expect(peerLeftAtA).toEqual([]);
  });
});
