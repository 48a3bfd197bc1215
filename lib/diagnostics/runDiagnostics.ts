/**
 * Runs the whole connection test: camera, microphone, signaling round trip, then a loop back of
 * a test video through the server over UDP only, TCP only and a TURN relay only, one after the
 * other so they do not disturb each other's figures. Reports every change through `onUpdate`
 * and ends with a plain-language verdict. Everything it opened is closed when it returns.
 */
import { Device } from 'mediasoup-client';
import { toClientRtpCapabilities } from '@/lib/client/wire';
import type { PathProtocol } from '@/lib/signaling/diagnostics/protocol';
import { checkCamera, checkMicrophone } from './deviceChecks';
import { DiagnosticsConnection } from './DiagnosticsConnection';
import { probePath } from './probePath';
import { formatFigures, median } from './rtcFigures';
import { startTestPattern } from './testPattern';
import { initialResults, type CheckId, type CheckResult, type DiagnosticsReport } from './types';
import { verdict } from './verdict';
import type { DiagnosticsWords } from './words';

export interface RunOptions {
  /** The server; same origin when omitted. */
  url?: string;
  /** The test's words in the reader's language. */
  words: DiagnosticsWords;
  onUpdate: (results: CheckResult[], step: string) => void;
  onLoopback?: (track: MediaStreamTrack | null) => void;
  /** A path that shows no decoded video within this long fails (ms). */
  pathTimeoutMs?: number;
  /** How long each working path is measured (ms). */
  measureMs?: number;
  /** Stops the test at the next step (everything opened is closed). */
  signal?: AbortSignal;
}

const PINGS = 5;
const PATHS: ReadonlyArray<{ id: CheckId; protocol: PathProtocol; relay: boolean }> = [
  { id: 'udp', protocol: 'udp', relay: false },
  { id: 'tcp', protocol: 'tcp', relay: false },
  { id: 'turn', protocol: 'any', relay: true },
];

export async function runDiagnostics(opts: RunOptions): Promise<DiagnosticsReport> {
  const startedAt = new Date();
  const { words } = opts;
  const { t } = words;
  let results = initialResults(words);
  const mediaPorts: DiagnosticsReport['mediaPorts'] = { udp: null, tcp: null };
  const set = (id: CheckId, change: Partial<CheckResult>, step: string) => {
    opts.signal?.throwIfAborted();
    results = results.map((r) => (r.id === id ? { ...r, ...change } : r));
    opts.onUpdate(results, step);
  };
  const stops: Array<() => void> = [];
  let conn: DiagnosticsConnection | null = null;

  try {
    set('camera', { state: 'running' }, t('stepCamera'));
    const camera = await checkCamera(words);
    set(
      'camera',
      { state: camera.works ? 'works' : 'fails', summary: camera.summary, detail: camera.detail },
      '',
    );
    if (camera.works) stops.push(() => camera.track.stop());

    set('microphone', { state: 'running' }, t('stepMicrophone'));
    const mic = await checkMicrophone(words);
    set('microphone', { state: mic.works ? 'works' : 'fails', summary: mic.summary, detail: mic.detail }, '');
    if (mic.works) stops.push(() => mic.track.stop());

    set('signaling', { state: 'running' }, t('stepServer'));
    let lost: string | null = null;
    try {
      conn = await DiagnosticsConnection.open(opts.url);
      conn.onLost((reason) => (lost = reason));
      const times: number[] = [];
      for (let i = 0; i < PINGS; i++) {
        const t0 = performance.now();
        await conn.request('ping');
        times.push(performance.now() - t0);
      }
      const start = await conn.request('start');
      const ms = median(times) ?? 0;
      set(
        'signaling',
        {
          state: 'works',
          summary: t('signalingFigures', { ms: String(Math.max(1, Math.round(ms))), pings: String(PINGS) }),
        },
        '',
      );

      const device = new Device();
      await device.load({ routerRtpCapabilities: toClientRtpCapabilities(start.routerRtpCapabilities) });
      let video: MediaStreamTrack;
      if (camera.works) video = camera.track;
      else {
        const pattern = startTestPattern();
        stops.push(() => pattern.stop());
        video = pattern.track;
      }

      for (const path of PATHS) {
        if (path.relay && start.iceServers.length === 0) {
          set(path.id, { state: 'not configured', summary: t('turnNotConfigured') }, '');
          continue;
        }
        if (lost) {
          set(path.id, { state: 'fails', summary: t('notTested'), detail: lost }, '');
          continue;
        }
        set(path.id, { state: 'running' }, t('stepPath', { path: path.id }));
        const outcome = await probePath(conn, device, {
          protocol: path.protocol,
          relay: path.relay,
          iceServers: path.relay ? start.iceServers : [],
          track: video,
          timeoutMs: opts.pathTimeoutMs ?? 8_000,
          measureMs: opts.measureMs ?? 3_000,
          onLoopback: opts.onLoopback,
        });
        mediaPorts.udp ??= outcome.candidatePorts.udp;
        mediaPorts.tcp ??= outcome.candidatePorts.tcp;
        if (outcome.works) {
          const f = outcome.figures;
          const via = path.relay ? t('relayedOver', { protocol: f.protocol ?? 'udp' }) : undefined;
          set(path.id, { state: 'works', summary: formatFigures(f, words), figures: f, detail: via }, '');
        } else {
          set(path.id, { state: 'fails', summary: t('noMediaBack'), detail: outcome.reason }, '');
        }
      }
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      for (const r of results) {
        if (r.state === 'running') set(r.id, { state: 'fails', summary: t('failed'), detail: message }, '');
        else if (r.state === 'waiting') {
          set(r.id, { state: 'fails', summary: t('notTested'), detail: t('serverUnreachable') }, '');
        }
      }
    }
  } finally {
    conn?.close();
    for (const stop of stops) stop();
    opts.onLoopback?.(null);
  }

  const report: DiagnosticsReport = {
    results,
    verdict: verdict({ results, mediaPorts }, words),
    serverUrl: opts.url ?? window.location.origin,
    userAgent: navigator.userAgent,
    startedAt,
    finishedAt: new Date(),
    mediaPorts,
  };
  opts.onUpdate(results, '');
  return report;
}
