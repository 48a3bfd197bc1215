/**
 * Media through TURN only, as behind a firewall that lets nothing but a relay through: a real
 * coturn on 127.0.0.1, the app handing out TURN REST credentials signed with coturn's secret, and
 * both browsers forced to `iceTransportPolicy: 'relay'` by the test. Audio and video must flow
 * both ways over a relay candidate pair. The app also lists a second coturn whose secret is not
 * the app's: to it the credentials are forged, and it must refuse every allocation (401).
 */
import { join, randomMeetingId } from './fixtures/call';
import {
  expectAudioEnergy,
  expectMediaFlowing,
  iceSummaries,
  recordMetric,
  waitForFirstDecodedFrame,
} from './fixtures/media';
import { expect, test } from './fixtures/networkTest';

test('relay-only browsers exchange audio and video through coturn; forged credentials are refused', async ({
  coturn,
  servers,
  participants,
}, testInfo) => {
  const turn = await coturn.start();
  const foreign = await coturn.start();
  const server = await servers.start(2, {
    env: {
      TURN_URLS: [...turn.urls, ...foreign.urls].join(','),
      TURN_SECRET: turn.secret,
      TURN_TTL_S: '600',
    },
  });
  const relayOnly = { rtc: { forceRelay: true }, contextOptions: { baseURL: server.url } };
  const meetingId = randomMeetingId('relay');
  const a = await participants.open(meetingId, { label: 'A (relay only)', ...relayOnly });
  const b = await participants.open(meetingId, { label: 'B (relay only)', ...relayOnly });
  const both = [
    { page: a.page, label: 'A' },
    { page: b.page, label: 'B' },
  ];

  await test.step('both join; video and audio flow both ways', async () => {
    await join(a.page, 'Alice');
    await join(b.page, 'Bob');
    await Promise.all([waitForFirstDecodedFrame(a.page), waitForFirstDecodedFrame(b.page)]);
    for (const { page, label } of both) {
      const rates = await expectMediaFlowing(page, label, 3_000);
      await expectAudioEnergy(page, label);
      recordMetric(
        testInfo,
        `${label}: decoded over the relay`,
        `${rates.framesDecodedPerSecond.toFixed(1)} fps`,
      );
    }
  });

  await test.step('every connected transport uses a relay candidate pair of the right coturn', async () => {
    for (const { page, label } of both) {
      const ice = await iceSummaries(page);
      const selected = ice.filter((s) => s.selectedLocalType !== null);
      recordMetric(
        testInfo,
        `${label}: selected candidate pairs (local->remote)`,
        selected.map((s) => `${s.selectedLocalType}->${s.selectedRemoteType}`).join(', '),
      );
      // A send and a receive transport.
      expect(selected.length).toBeGreaterThanOrEqual(2);
      for (const s of selected) expect(s.selectedLocalType).toBe('relay');
      const relayUrls = new Set(ice.flatMap((s) => s.relayUrls));
      recordMetric(testInfo, `${label}: relay candidates from`, [...relayUrls].join(', '));
      for (const url of relayUrls) expect(foreign.urls, 'the foreign coturn gave a relay').not.toContain(url);
    }
  });

  await test.step('the coturn with another secret refused the credentials (401); the right one never did', async () => {
    for (const { page, label } of both) {
      const errors = await page.evaluate(() => window.__rtcCapture?.candidateErrors ?? []);
      recordMetric(
        testInfo,
        `${label}: TURN errors`,
        errors.map((e) => `${e.errorCode} ${e.errorText} (${e.url})`).join('; '),
      );
      expect(errors.length, 'the foreign coturn did not refuse anything').toBeGreaterThan(0);
      for (const e of errors) {
        expect(e.errorCode).toBe(401);
        expect(foreign.urls, 'a TURN server with the right secret refused').toContain(e.url);
      }
    }
  });
});
