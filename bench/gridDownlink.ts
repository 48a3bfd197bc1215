/**
 * P7: what one viewer downloads in a 6-person call. Six participants in headless Chromium (fake
 * camera and microphone; one browser, a context each, which saves five browser and GPU processes
 * on a 2-core machine while every participant keeps its own renderer and WebRTC stack) open the
 * real meeting page at 1280×800 on server.ts (production build) and join;
 * once everyone sees everyone, one viewer's inbound video bytes are read from WebRTC stats over a
 * window. An init script keeps every RTCPeerConnection the page creates so its stats can be
 * read; nothing of it ships with the app.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { AppProcess } from './lib/AppProcess';
import { BENCH_HTTP_PORT, BENCH_RTC_BASE_PORT } from './lib/appMeeting';
import { kbps, round2 } from './lib/benchMath';
import { printTable } from './lib/results';

export interface GridResult {
  p7: { downlinkKbps: number };
  participants: number;
  windowS: number;
  /** Remote videos the measured viewer received. */
  inboundVideos: number;
  /** Decoded frame heights of those videos at the end (which layer arrived). */
  frameHeights: number[];
}

export interface GridOptions {
  participants: number;
  windowMs: number;
}

export const GRID_FULL: GridOptions = { participants: 6, windowMs: 15_000 };
export const GRID_QUICK: GridOptions = { participants: 6, windowMs: 8_000 };

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
];
/** For all participants to join, and then for the viewer to see everyone (a loaded machine is slow at both). */
const JOIN_BUDGET_MS = 180_000;

declare global {
  interface Window {
    __benchPcs?: RTCPeerConnection[];
  }
}

function keepPeerConnections(): void {
  const Original = window.RTCPeerConnection;
  const kept: RTCPeerConnection[] = [];
  window.__benchPcs = kept;
  window.RTCPeerConnection = class extends Original {
    constructor(config?: RTCConfiguration) {
      super(config);
      kept.push(this);
    }
  };
}

/** One inbound video stream of the viewer: its stats id (per connection), bytes, stats time, frame height. */
interface InboundVideo {
  key: string;
  bytes: number;
  timestampMs: number;
  height: number;
}

function inboundVideo(page: Page): Promise<InboundVideo[]> {
  return page.evaluate(async () => {
    const out: InboundVideo[] = [];
    const pcs = window.__benchPcs ?? [];
    for (const [i, pc] of pcs.entries()) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach(
        (s: {
          id: string;
          type: string;
          kind?: string;
          bytesReceived?: number;
          frameHeight?: number;
          timestamp: number;
        }) => {
          if (s.type !== 'inbound-rtp' || s.kind !== 'video') return;
          out.push({
            key: `${i}:${s.id}`,
            bytes: s.bytesReceived ?? 0,
            timestampMs: s.timestamp,
            height: s.frameHeight ?? 0,
          });
        },
      );
    }
    return out;
  });
}

/**
 * Downlink between two snapshots: each stream present in both counts its own byte delta over its
 * own stats interval (streams that came or went in between, e.g. a re-created consumer, are left
 * out rather than counted as negative).
 */
function downlinkKbps(a: InboundVideo[], b: InboundVideo[]): number {
  const before = new Map(a.map((s) => [s.key, s]));
  let total = 0;
  for (const s of b) {
    const p = before.get(s.key);
    if (p) total += kbps(p.bytes, s.bytes, s.timestampMs - p.timestampMs);
  }
  return total;
}

export async function runGrid(opts: GridOptions): Promise<GridResult> {
  const app = await AppProcess.start({
    port: BENCH_HTTP_PORT + 2,
    rtcBasePort: BENCH_RTC_BASE_PORT + 20,
    env: { MEDIA_WORKERS: '2' },
  });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    const meetingId = `grid-${Date.now().toString(36)}`;
    const pages: Page[] = [];
    const joinDeadline = Date.now() + JOIN_BUDGET_MS;
    for (let i = 0; i < opts.participants; i++) {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 800 },
        permissions: ['camera', 'microphone'],
      });
      await context.addInitScript(keepPeerConnections);
      const page = await context.newPage();
      await page.goto(`${app.url}/m/${meetingId}`, { timeout: Math.max(1_000, joinDeadline - Date.now()) });
      await page.getByLabel('Your name').fill(`Person ${i + 1}`);
      await page.getByRole('button', { name: 'Join now' }).click();
      await page
        .getByTestId('call-status')
        .and(page.locator('[data-state="joined"]'))
        .waitFor({ state: 'attached', timeout: Math.max(1_000, joinDeadline - Date.now()) });
      pages.push(page);
    }
    const viewer = pages[0]!;
    const others = opts.participants - 1;
    // Everyone sees everyone: the viewer receives a video per other participant with frames.
    const deadline = Date.now() + JOIN_BUDGET_MS;
    const decoding = async () => (await inboundVideo(viewer)).filter((s) => s.height > 0).length;
    while ((await decoding()) < others && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    const a = await inboundVideo(viewer);
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, opts.windowMs));
    const b = await inboundVideo(viewer);
    if (process.env.BENCH_DEBUG) console.log(JSON.stringify({ a, b }));
    const ms = performance.now() - t0;
    return {
      p7: { downlinkKbps: round2(downlinkKbps(a, b)) },
      participants: opts.participants,
      windowS: round2(ms / 1000),
      inboundVideos: b.length,
      frameHeights: b.map((s) => s.height),
    };
  } finally {
    await browser?.close().catch(() => undefined);
    await app.stop();
  }
}

export function printGrid(r: GridResult): void {
  printTable('grid downlink (P7)', [
    [
      `one viewer's video downlink, ${r.participants}-person grid at 1280×800 (goal ≤ 2500)`,
      `${r.p7.downlinkKbps} kbit/s`,
    ],
    ['remote videos received', r.inboundVideos],
    ['their decoded frame heights', r.frameHeights.join(', ') || 'none'],
    ['window', `${r.windowS} s`],
  ]);
}
