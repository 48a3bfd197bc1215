/**
 * Join latency: how long after a click on "Join now" the joiner decodes the first frame of
 * someone else, with others already in the call. Everything runs on loopback: a production server
 * (`tsx server.ts`, the built app) and headless Chromium with fake camera and microphone.
 *
 * The figure is taken inside the joining page, on the page's own clock: performance.now() in a
 * capture-phase click listener on the button, and performance.now() when getStats() of one of
 * the page's RTCPeerConnections first shows an `inbound-rtp` video with framesDecoded > 0
 * (polled every few ms from the click on; the poll interval bounds the error).
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { randomBytes } from 'node:crypto';
import { BASE_ARGS, CHROMIUM_PATH } from '@/e2e/fixtures/browsers';
import { startAppServer } from '@/e2e/fixtures/appServer';
import { installRtcCapture } from '@/e2e/fixtures/rtcCapture';

export interface JoinLatencyOptions {
  joins: number;
  /** People in the call before each measured join. */
  others: number;
  /** How long the measured joiner stays on the pre-join screen before clicking, ms. */
  preJoinWaitMs: number;
}

export interface JoinLatencyResult {
  joins: number;
  others: number;
  preJoinWaitMs: number;
  /** Click → first remote video frame decoded, ms, in join order. */
  samplesMs: number[];
  medianMs: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
}

const POLL_MS = 4;
const FRAME_TIMEOUT_MS = 20_000;

declare global {
  interface Window {
    __joinProbe?: { clickAt: number | null; frameAt: number | null };
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(Math.max(rank, 0), sorted.length - 1)] ?? Number.NaN;
}

/** Arms the probe in the page: the click starts a getStats poll that stops at the first decoded frame. */
function armProbe(pollMs: number): void {
  const probe: { clickAt: number | null; frameAt: number | null } = { clickAt: null, frameAt: null };
  window.__joinProbe = probe;
  const decoded = async (): Promise<boolean> => {
    const capture = window.__rtcCapture;
    if (!capture) return false;
    const reports = await capture.reports();
    return reports.some((report) => {
      let found = false;
      report.forEach((s: RTCStats) => {
        const r = s as RTCInboundRtpStreamStats & { mid?: string };
        if (
          r.type === 'inbound-rtp' &&
          r.kind === 'video' &&
          r.mid !== 'probator' &&
          (r.framesDecoded ?? 0) > 0
        )
          found = true;
      });
      return found;
    });
  };
  const poll = async () => {
    while (probe.frameAt === null) {
      if (await decoded()) {
        probe.frameAt = performance.now();
        return;
      }
      await new Promise((r) => setTimeout(r, pollMs));
    }
  };
  document.addEventListener(
    'click',
    (e) => {
      const target = e.target instanceof Element ? e.target.closest('button') : null;
      if (probe.clickAt !== null || target?.textContent?.trim() !== 'Join now') return;
      probe.clickAt = performance.now();
      void poll();
    },
    { capture: true },
  );
}

async function openMeeting(browser: Browser, url: string, name: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    permissions: ['camera', 'microphone'],
  });
  // tsx compiles with esbuild's keepNames, whose `__name` helper page-side functions then call.
  await context.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
  await context.addInitScript(installRtcCapture, {});
  const page = await context.newPage();
  await page.goto(url);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join now' }).waitFor();
  return page;
}

async function waitJoined(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Leave call' }).waitFor({ timeout: 30_000 });
}

async function waitEnabled(page: Page): Promise<void> {
  const button = page.getByRole('button', { name: 'Join now' });
  const deadline = Date.now() + 15_000;
  while (!(await button.isEnabled()) && Date.now() < deadline) await page.waitForTimeout(50);
}

export async function runJoinLatency(opts: JoinLatencyOptions): Promise<JoinLatencyResult> {
  const server = await startAppServer({ MEDIA_WORKERS: '1' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', ...BASE_ARGS],
  });
  const samplesMs: number[] = [];
  try {
    const meetingUrl = `${server.url}/m/bench-${randomBytes(4).toString('hex')}`;
    for (let i = 0; i < opts.others; i++) {
      const page = await openMeeting(browser, meetingUrl, `Other ${i + 1}`);
      await waitEnabled(page);
      await page.getByRole('button', { name: 'Join now' }).click();
      await waitJoined(page);
    }
    for (let i = 0; i < opts.joins; i++) {
      const page = await openMeeting(browser, meetingUrl, `Joiner ${i + 1}`);
      await waitEnabled(page);
      await page.waitForTimeout(opts.preJoinWaitMs);
      await page.evaluate(armProbe, POLL_MS);
      await page.getByRole('button', { name: 'Join now' }).click();
      await page.waitForFunction(() => window.__joinProbe?.frameAt != null, null, {
        timeout: FRAME_TIMEOUT_MS,
        polling: 50,
      });
      const probe = await page.evaluate(() => window.__joinProbe);
      if (!probe || probe.clickAt === null || probe.frameAt === null)
        throw new Error('the probe saw no click');
      const ms = Math.round(probe.frameAt - probe.clickAt);
      samplesMs.push(ms);
      console.log(`  join ${i + 1}: ${ms} ms`);
      await waitJoined(page);
      await page.getByRole('button', { name: 'Leave call' }).click();
      await page.context().close();
    }
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
  }
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return {
    joins: opts.joins,
    others: opts.others,
    preJoinWaitMs: opts.preJoinWaitMs,
    samplesMs,
    medianMs: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    minMs: sorted[0] ?? Number.NaN,
    maxMs: sorted.at(-1) ?? Number.NaN,
  };
}
