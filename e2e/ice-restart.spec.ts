/**
 * The media path breaks and heals: one browser runs in a network namespace joined to this machine
 * by a veth link (as a laptop on Wi-Fi), the test takes the link down for 5 s and up again. No
 * click: the browser must restart ICE by itself and video must come back both ways. Prints how
 * long after the link came back each side decoded video again. Needs root (network namespaces).
 */
import { cameraTileOf, expectInCall, join, randomMeetingId, remoteTiles } from './fixtures/call';
import { DecodeMonitor } from './fixtures/DecodeMonitor';
import { expectMediaFlowing, recordMetric, waitForFirstDecodedFrame } from './fixtures/media';
import { expect, serverPorts, test } from './fixtures/networkTest';
import { recordClientRequests, recordServerEvents } from './fixtures/signaling';

const SLOT = 4;
const DOWN_MS = 10_000;
const FAKE_MEDIA = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];

test('after the media link is down for 5 s, ICE restarts by itself and video comes back', async ({
  namespaces,
  servers,
  participants,
}, testInfo) => {
  const ns = namespaces.create(serverPorts(SLOT).port % 256);
  // Reached from the namespace at its host address, from this machine at 127.0.0.1; the media
  // worker announces the host address, which both can reach.
  const server = await servers.start(SLOT, { listenIp: '0.0.0.0', announcedIp: ns.hostAddress });
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
  const transportsByB = recordClientRequests(b.page, 'createTransport');
  const peerLeftAtA = recordServerEvents(a.page, 'peerLeft');

  await join(a.page, 'Alice');
  await join(b.page, 'Bob');
  await Promise.all([waitForFirstDecodedFrame(a.page), waitForFirstDecodedFrame(b.page)]);
  await expectMediaFlowing(a.page, 'A');
  await expectMediaFlowing(b.page, 'B');
  const transportsBefore = transportsByB.length;
  const ufrags = () => b.page.evaluate(() => window.__rtcCapture?.localUfrags() ?? []);
  const ufragsBefore = await ufrags();
  const monitors = [new DecodeMonitor(a.page, 'A').start(), new DecodeMonitor(b.page, 'B').start()];

  ns.setLink(false);
  const downAt = Date.now();
  await new Promise((r) => setTimeout(r, DOWN_MS));
  ns.setLink(true);
  const upAt = Date.now();

  await test.step('video decodes again on both sides, without a click', async () => {
    const backAt = await Promise.all(
      monitors.map(async (m) => {
        await expect
          .poll(() => m.decodedBetween(upAt, Date.now()), {
            message: `${m.label} decodes no video after the link came back`,
            timeout: 45_000,
            intervals: [200],
          })
          .toBeGreaterThan(0);
        const up = m.samples.find((s) => s.at >= upAt);
        return m.samples.find((s) => up && s.framesDecoded > up.framesDecoded)?.at ?? Date.now();
      }),
    );
    for (const m of monitors) await m.stop();
    monitors.forEach((m, i) => {
      const at = backAt[i] ?? 0;
      recordMetric(testInfo, `${m.label}: link up to video decoding again`, `${at - upAt} ms`);
      recordMetric(testInfo, `${m.label}: longest decode gap`, `${m.longestGapMs(downAt - 1_000)} ms`);
    });
  });

  await test.step('B restarted ICE; the call is the same call', async () => {
    const ufragsAfter = await ufrags();
    const restarted = ufragsBefore.filter((u, i) => u !== null && ufragsAfter[i] !== u).length;
    const iceStates = await b.page.evaluate(() => window.__rtcCapture?.iceStates ?? []);
    recordMetric(
      testInfo,
      'B: ICE states after the link went down',
      iceStates
        .filter((s) => s.at >= downAt - 60_000)
        .map((s) => `pc${s.pc} ${s.state} +${s.at - downAt} ms`)
        .join(', '),
    );
    recordMetric(testInfo, 'B: connections whose ICE credentials changed (restarted)', String(restarted));
    recordMetric(testInfo, 'B: restartIce requests', String(restartsByB.length));
    recordMetric(
      testInfo,
      'B: transports created after the cut',
      String(transportsByB.length - transportsBefore),
    );
    expect(restartsByB.length, 'B never asked the server to restart ICE').toBeGreaterThan(0);
    await expectMediaFlowing(a.page, 'A after the cut');
    await expectMediaFlowing(b.page, 'B after the cut');
    for (const page of [a.page, b.page]) {
      await expectInCall(page);
      await expect(remoteTiles(page)).toHaveCount(1);
    }
    await expect(cameraTileOf(a.page, 'Bob')).toHaveCount(1);
    expect(peerLeftAtA).toEqual([]);
  });
});
