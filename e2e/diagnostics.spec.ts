/**
 * The connection test page (/diagnostics) in a real Chromium with fake camera and microphone:
 * against the test server (no TURN) every direct path works and TURN is "not configured"; against
 * a server whose TURN points at a port nothing listens on, TURN fails while UDP and TCP work; and
 * against a real coturn, the TURN path works through a relay candidate.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures/test';
import { startAppServer, type AppServer } from './fixtures/appServer';
import { CoturnUnavailableError, startCoturn, type ThrowawayCoturn } from '@/tests/support/coturn';
import { freeRtcBasePort } from '@/tests/support/ports';

const TEST_TIMEOUT_MS = 150_000;
const RUN_TIMEOUT_MS = 75_000;

function check(page: Page, label: string): Locator {
  return page.getByRole('listitem', { name: label, exact: true });
}

async function expectStates(page: Page, states: Record<string, string>): Promise<void> {
  for (const [label, state] of Object.entries(states)) {
    await expect(check(page, label).getByTestId('check-state'), `${label} check`).toHaveText(state);
  }
}

/** Opens `url` (unless the page is already on the test) and waits for the verdict. */
async function runToVerdict(page: Page, url?: string): Promise<Locator> {
  if (url) await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Connection test', level: 1 })).toBeVisible();
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toBeVisible({ timeout: RUN_TIMEOUT_MS });
  await expect(page.getByRole('status').first()).toHaveText('Test finished.');
  return verdict;
}

test.describe('connection test page', () => {
  test.setTimeout(TEST_TIMEOUT_MS);

  test('with the server up, the camera, microphone, signaling, UDP and TCP work; TURN is not configured', async ({
    participants,
    screenshots,
  }) => {
    const { page, errors } = await participants.add({
      label: 'tester',
      contextOptions: { permissions: ['clipboard-read', 'clipboard-write'] },
    });
    await page.goto('/diagnostics');
    // While a path is tested, the video comes back from the server and plays.
    const loopback = page.getByTestId('loopback-video');
    await expect(loopback).toBeVisible({ timeout: 30_000 });
    await expect
      .poll(() => loopback.evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await expect(page.getByRole('status').first()).toHaveText(/Testing media over/);
    await screenshots.save(page, 'diagnostics-running');
    const verdict = await runToVerdict(page);
    await expectStates(page, {
      Camera: 'works',
      Microphone: 'works',
      Signaling: 'works',
      UDP: 'works',
      TCP: 'works',
      TURN: 'not configured',
    });
    await expect(verdict).toContainText('Direct connections work over UDP and TCP');
    await expect(verdict).toContainText('No TURN relay is configured');
    // Figures of the round trips: bitrate, loss and RTT of each path, the ping's median.
    for (const label of ['UDP', 'TCP'])
      await expect(check(page, label)).toContainText(/\d+ kbps · [\d.]+ % loss/);
    await expect(check(page, 'Signaling')).toContainText(/\d+ ms median round trip/);
    await screenshots.save(page, 'diagnostics-all-direct-paths-work', { fullPage: true });

    await page.getByRole('button', { name: 'Copy report' }).click();
    await expect(page.getByRole('button', { name: 'Report copied' })).toBeVisible();
    const report = await page.evaluate(() => navigator.clipboard.readText());
    expect(report).toContain('Idea Communicator connection test');
    expect(report).toMatch(/UDP: works \(\d+ kbps/);
    expect(report).toContain('TURN: not configured');
    expect(report).toContain('Server: http://127.0.0.1:');
    expect(report).toMatch(/UDP: works[\s\S]*path: (host|prflx|srflx)\/udp; server received over udp/);
    expect(report).toMatch(/TCP: works[\s\S]*path: (host|prflx|srflx)\/tcp; server received over tcp/);

    // Run again starts from scratch and reaches the same verdict.
    await page.getByRole('button', { name: 'Run again' }).click();
    await expect(page.getByTestId('verdict')).toBeHidden();
    await expect(verdict).toBeVisible({ timeout: RUN_TIMEOUT_MS });
    await expectStates(page, { UDP: 'works', TCP: 'works', TURN: 'not configured' });
    expect(errors).toEqual([]);
  });

  test('the pre-join screen links to the connection test', async ({ participants }) => {
    const { page } = await participants.add();
    await page.goto('/dev/prejoin');
    await expect(page.getByRole('link', { name: 'Test your connection' })).toHaveAttribute(
      'href',
      '/diagnostics',
    );
  });

  test.describe('with TURN configured', () => {
    let server: AppServer | undefined;
    let coturn: ThrowawayCoturn | undefined;
    test.afterEach(async () => {
      await server?.stop();
      await coturn?.stop();
      server = coturn = undefined;
    });

    test('TURN pointing at a port nothing listens on: TURN fails, UDP and TCP work', async ({
      participants,
      screenshots,
    }) => {
      const deadPort = await freeRtcBasePort(1);
      server = await startAppServer({
        TURN_URLS: `turn:127.0.0.1:${deadPort}`,
        TURN_SECRET: 'a-turn-secret-of-enough-length',
      });
      const { page } = await participants.add({ label: 'tester' });
      const verdict = await runToVerdict(page, `${server.url}/diagnostics`);
      await expectStates(page, {
        Camera: 'works',
        Microphone: 'works',
        Signaling: 'works',
        UDP: 'works',
        TCP: 'works',
        TURN: 'fails',
      });
      await expect(check(page, 'TURN')).toContainText('no media came back');
      await expect(check(page, 'TURN')).toContainText(`the TURN server gave no relay address`);
      await expect(check(page, 'TURN')).toContainText(`turn:127.0.0.1:${deadPort}`);
      await expect(verdict).toContainText('Direct connections work over UDP and TCP');
      await expect(verdict).toContainText('TURN fails');
      await expect(verdict).toContainText('TURN_URLS, TURN_SECRET');
      await screenshots.save(page, 'diagnostics-turn-misconfigured', { fullPage: true });
    });

    test('TURN pointing at a real coturn: all paths work, the TURN path through a relay', async ({
      participants,
      screenshots,
    }) => {
      try {
        coturn = await startCoturn();
      } catch (err) {
        test.skip(err instanceof CoturnUnavailableError, 'coturn is not installed');
        throw err;
      }
      server = await startAppServer({ TURN_URLS: coturn.urls.join(','), TURN_SECRET: coturn.secret });
      const { page } = await participants.add({
        label: 'tester',
        contextOptions: { permissions: ['clipboard-read', 'clipboard-write'] },
      });
      const verdict = await runToVerdict(page, `${server.url}/diagnostics`);
      await expectStates(page, { UDP: 'works', TCP: 'works', TURN: 'works' });
      await expect(check(page, 'TURN')).toContainText('relayed over');
      await expect(verdict).toHaveText(/^All connection paths work\./);
      await screenshots.save(page, 'diagnostics-turn-works', { fullPage: true });

      await page.getByRole('button', { name: 'Copy report' }).click();
      const report = await page.evaluate(() => navigator.clipboard.readText());
      expect(report).toMatch(/TURN: works[\s\S]*path: relay\/udp; server received over udp/);
    });
  });
});
