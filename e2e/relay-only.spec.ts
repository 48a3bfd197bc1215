/**
 * Media through TURN only, as behind a firewall that lets nothing but a relay through: a real
 * coturn on 127.0.0.1, the app handing out TURN REST credentials signed with coturn's secret, and
 * both browsers forced to `iceTransportPolicy: 'relay'` by the test. Audio and video must flow
 * both ways over a relay candidate pair. A server that signs credentials with the wrong secret
 * (forged, as far as coturn is concerned) must get no relay at all.
 */
import { randomBytes } from 'node:crypto';
import { join, randomMeetingId } from './fixtures/call';
import {
  expectAudioEnergy,
  expectMediaFlowing,
  iceSummaries,
  recordMetric,
  waitForFirstDecodedFrame,
} from './fixtures/media';
import { expect, test } from './fixtures/networkTest';

test('relay-only browsers exchange audio and video through coturn; forged credentials get no relay', async ({
  coturn,
  servers,
  participants,
}, testInfo) => {
  const turn = await coturn.start();
  const turnEnv = { TURN_URLS: turn.urls.join(','), TURN_TTL_S: '600' };
  const server = await servers.start(2, { env: { ...turnEnv, TURN_SECRET: turn.secret } });
  const relayOnly = { rtc: { forceRelay: true }, contextOptions: { baseURL: server.url } };
  const meetingId = randomMeetingId('relay');
  const a = await participants.open(meetingId, { label: 'A (relay only)', ...relayOnly });
  const b = await participants.open(meetingId, { label: 'B (relay only)', ...relayOnly });

  await test.step('both join; video and audio flow both ways', async () => {
    await join(a.page, 'Alice');
    await join(b.page, 'Bob');
    await Promise.all([waitForFirstDecodedFrame(a.page), waitForFirstDecodedFrame(b.page)]);
    for (const [p, label] of [
      [a, 'A'],
      [b, 'B'],
    ] as const) {
      const rates = await expectMediaFlowing(p.page, label, 3_000);
      await expectAudioEnergy(p.page, label);
      recordMetric(
        testInfo,
        `${label}: decoded over the relay`,
        `${rates.framesDecodedPerSecond.toFixed(1)} fps`,
      );
    }
  });

  await test.step('every connected transport uses a relay candidate pair', async () => {
    for (const [p, label] of [
      [a, 'A'],
      [b, 'B'],
    ] as const) {
      const ice = await iceSummaries(p.page);
      const selected = ice.filter((s) => s.selectedLocalType !== null);
      recordMetric(
        testInfo,
        `${label}: selected local candidate types`,
        selected.map((s) => `${s.selectedLocalType}->${s.selectedRemoteType}`).join(', '),
      );
      // A send and a receive transport.
      expect(selected.length).toBeGreaterThanOrEqual(2);
      for (const s of selected) expect(s.selectedLocalType).toBe('relay');
    }
  });

  await test.step('credentials signed with another secret are refused: no relay candidate', async () => {
    const forged = await servers.start(3, {
      env: { ...turnEnv, TURN_SECRET: randomBytes(24).toString('hex') },
    });
    const c = await participants.open(randomMeetingId('forged'), {
      label: 'C (forged credentials)',
      rtc: { forceRelay: true },
      contextOptions: { baseURL: forged.url },
    });
    await join(c.page, 'Carol');
    // C sends its camera and microphone, so its send transport asks coturn for a relay.
    await expect
      .poll(
        async () => {
          const ice = await iceSummaries(c.page);
          const errors = await c.page.evaluate(() => window.__rtcCapture?.candidateErrors ?? []);
          const gathered = ice.some((s) => s.iceGatheringState === 'complete');
          return gathered && ice.every((s) => s.iceGatheringState !== 'gathering') ? errors : [];
        },
        { message: 'C never finished asking coturn for a relay' },
      )
      .not.toEqual([]);
    const ice = await iceSummaries(c.page);
    const errors = await c.page.evaluate(() => window.__rtcCapture?.candidateErrors ?? []);
    recordMetric(
      testInfo,
      'C (forged): TURN errors',
      errors.map((e) => `${e.errorCode} ${e.errorText} (${e.url})`).join('; '),
    );
    // coturn answered every allocation with 401 Unauthorized.
    expect(new Set(errors.map((e) => e.errorCode))).toEqual(new Set([401]));
    expect(new Set(errors.map((e) => e.url))).toEqual(new Set(turn.urls));
    for (const s of ice) {
      expect(s.localCandidates.relay ?? 0, 'coturn gave a relay to forged credentials').toBe(0);
      expect(s.selectedLocalType).toBeNull();
      expect(['new', 'checking', 'disconnected', 'failed']).toContain(s.iceConnectionState);
    }
  });
});
