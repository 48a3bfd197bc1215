/**
 * P1 and P2: what forwarding costs through the app compared with a bare mediasoup worker, and how
 * many receivers a worker core carries. Every path gets the same synthetic camera (~1 Mbps VP8)
 * and microphone (Opus) from the in-process RTP source and is measured the same way
 * (lib/measureStep.ts). At each step all three run at the same time, each on its own worker, so
 * whatever else loads the machine in that window weighs on all alike.
 * - App: receivers are WebRTC viewers in child processes that join through the real signaling
 *   (SubscriberFleet), each with its own WebRtcTransport on the app's WebRtcServer.
 * - Bare WebRTC (the baseline of P1 and P2, "same load"): the same kind of viewers, in their own
 *   processes, on a bare worker with the same transport options (bareWebrtc.ts).
 * - Bare plain (the physical reference of the shared capacity notes): PlainTransports with SRTP
 *   to a UDP sink, no RTCP coming back and no congestion control (bareBaseline.ts). What WebRTC
 *   receivers cost over it is reported too, so the two comparisons are not mixed up.
 * Steps go up until loss reaches 0.5 % or the worker saturates (and at least to the P1 point).
 */
import { consumersPerCore, limitOf, overCapacity, round2, type Step } from './lib/benchMath';
import { startAppMeeting } from './lib/appMeeting';
import { measureStep, type StepResult, type StepTiming } from './lib/measureStep';
import { cameraStream, createRtpSource } from './lib/rtpSource';
import { SubscriberFleet } from './lib/SubscriberFleet';
import { createBareRig, type BareRig } from './bareBaseline';
import { createBareWebrtcRig } from './bareWebrtc';
import { BENCH_RTC_BASE_PORT } from './lib/appMeeting';
import { printTable } from './lib/results';

export interface ForwardingResult {
  p1: {
    /** App µs per forwarded packet ÷ bare (same WebRTC receivers), same receiver count (goal ≤ 1.10). */
    ratio: number | null;
    atConsumers: number;
    appMicrosPerPacket: number;
    bareMicrosPerPacket: number;
    /** App ÷ the plain-transport reference: includes what WebRTC receivers themselves cost. */
    ratioVsPlain: number | null;
    barePlainMicrosPerPacket: number;
  };
  p2: {
    appConsumersPerCore: number | null;
    /** Bare worker, same WebRTC receivers. */
    bareConsumersPerCore: number | null;
    /** Bare worker, plain SRTP receivers (the physical reference). */
    barePlainConsumersPerCore: number | null;
    /** app ÷ bare (goal ≥ 0.9). */
    appShareOfBare: number | null;
    /** Consumers per core from CPU alone (largest step, loss ignored): what the worker would carry on an idle machine. */
    appConsumersPerCoreByCpu: number | null;
    bareConsumersPerCoreByCpu: number | null;
    /** Why each path's stepping stopped (see limitOf). */
    appLimitedBy: string;
    bareLimitedBy: string;
    method: string;
  };
  appSteps: StepResult[];
  bareSteps: StepResult[];
  barePlainSteps: StepResult[];
}

export interface ForwardingOptions {
  steps: number[];
  timing: StepTiming;
  /** The receiver count at which P1 compares the two paths (one of `steps`). */
  ratioAt: number;
}

export const FORWARDING_FULL: ForwardingOptions = {
  steps: [50, 100, 200, 300, 400],
  timing: { warmupMs: 3_000, windowMs: 8_000 },
  ratioAt: 100,
};
export const FORWARDING_QUICK: ForwardingOptions = {
  steps: [25, 50, 100],
  timing: { warmupMs: 2_000, windowMs: 5_000 },
  ratioAt: 50,
};

const VIDEO_SSRC = 3_333_000;
const AUDIO_SSRC = 4_444_000;
const VIEWER_PROCESSES = 1;
/** The app's default (lib/config.ts), so both WebRTC paths start their estimation alike. */
const INITIAL_OUTGOING_BITRATE = 1_000_000;

const byCpu = (steps: StepResult[]): number | null => {
  // Loss is ignored up to 5 %; beyond that the worker was not doing the step's work.
  const usable = steps.filter((s) => s.workerShare >= 0.05 && s.lossPercent < 5);
  const last = usable.at(-1);
  return last ? Math.round(last.consumers / last.workerShare) : null;
};

export async function runForwarding(opts: ForwardingOptions): Promise<ForwardingResult> {
  const app = await startAppMeeting({
    workers: 1,
    publishers: [{ video: [cameraStream(VIDEO_SSRC)], audioSsrc: AUDIO_SSRC }],
  });
  const fleet = new SubscriberFleet(VIEWER_PROCESSES);
  const bareFleet = new SubscriberFleet(VIEWER_PROCESSES);
  const rtp = await createRtpSource(app.targets);
  const bare = await createBareWebrtcRig({
    rtcPort: BENCH_RTC_BASE_PORT + 50,
    initialAvailableOutgoingBitrate: INITIAL_OUTGOING_BITRATE,
  });
  const appSteps: StepResult[] = [];
  const bareSteps: StepResult[] = [];
  const barePlainSteps: StepResult[] = [];
  const done = { app: false, bare: false, plain: false };
  try {
    let viewers = 0;
    let bareViewers = 0;
    for (const target of opts.steps) {
      const plain: BareRig | null = done.plain ? null : await createBareRig(target);
      try {
        const [joined, bareJoined] = await Promise.all([
          done.app ? null : fleet.add(app.srv.url, await app.tickets(target - viewers)),
          done.bare ? null : bareFleet.add(bare.url, bare.tickets(target - bareViewers)),
        ]);
        if (joined) viewers = reportJoined('app', joined);
        if (bareJoined) bareViewers = reportJoined('bare webrtc', bareJoined);
        const [p, b, a] = await Promise.all([
          plain && measureStep([plain.workerPid], plain.rtp, plain.forwarded, opts.timing, target),
          done.bare
            ? null
            : measureStep([bare.workerPid], bare.rtp, bare.forwarded, opts.timing, bareViewers),
          done.app ? null : measureStep(app.workerPids(), rtp, app.forwarded(), opts.timing, viewers),
        ]);
        // Stop stepping a path once over capacity, but not before the P1 comparison point.
        const record = (
          key: keyof typeof done,
          label: string,
          list: StepResult[],
          step: StepResult | null,
        ) => {
          if (!step) return;
          list.push(step);
          console.log(`  ${label} ${target} receivers: ${stepLine(step)}`);
          done[key] = overCapacity(step) && target >= opts.ratioAt;
        };
        record('plain', 'bare plain ', barePlainSteps, p);
        record('bare', 'bare webrtc', bareSteps, b);
        record('app', 'app        ', appSteps, a);
      } finally {
        await plain?.close();
      }
      if (done.app && done.bare && done.plain) break;
    }
  } finally {
    await rtp.close();
    await Promise.all([fleet.close(), bareFleet.close()]);
    await bare.close();
    await app.close();
  }
  const toStep = (s: StepResult): Step => s;
  const appCap = consumersPerCore(appSteps.map(toStep));
  const bareCap = consumersPerCore(bareSteps.map(toStep));
  const plainCap = consumersPerCore(barePlainSteps.map(toStep));
  const at = (steps: StepResult[]) => steps.find((s) => s.consumers === opts.ratioAt);
  const appAt = at(appSteps);
  const ratioTo = (base: StepResult | undefined) =>
    appAt && base && base.microsPerPacket > 0 ? round2(appAt.microsPerPacket / base.microsPerPacket) : null;
  return {
    p1: {
      ratio: ratioTo(at(bareSteps)),
      atConsumers: opts.ratioAt,
      appMicrosPerPacket: appAt?.microsPerPacket ?? 0,
      bareMicrosPerPacket: at(bareSteps)?.microsPerPacket ?? 0,
      ratioVsPlain: ratioTo(at(barePlainSteps)),
      barePlainMicrosPerPacket: at(barePlainSteps)?.microsPerPacket ?? 0,
    },
    p2: {
      appConsumersPerCore: appCap?.perCore ?? null,
      bareConsumersPerCore: bareCap?.perCore ?? null,
      barePlainConsumersPerCore: plainCap?.perCore ?? null,
      appShareOfBare: appCap && bareCap ? round2(appCap.perCore / bareCap.perCore) : null,
      appConsumersPerCoreByCpu: byCpu(appSteps),
      bareConsumersPerCoreByCpu: byCpu(bareSteps),
      appLimitedBy: appSteps.length ? limitOf(appSteps.at(-1)!) : 'not measured',
      bareLimitedBy: bareSteps.length ? limitOf(bareSteps.at(-1)!) : 'not measured',
      method:
        'receivers (video + audio consumer each) of the largest step with loss < 0.5 % and worker < 90 % of a core, ' +
        'divided by that step’s worker CPU share (linear: the work is per packet); null when no step qualified',
    },
    appSteps,
    bareSteps,
    barePlainSteps,
  };
}

function reportJoined(label: string, joined: { viewers: number; connected: number }): number {
  if (joined.connected < joined.viewers)
    console.log(`  ${label}: only ${joined.connected} of ${joined.viewers} viewers connected`);
  return joined.viewers;
}

export function printForwarding(r: ForwardingResult): void {
  printTable('forwarding (P1, P2)', [
    [
      `P1 µs/packet app ÷ bare, same WebRTC receivers, at ${r.p1.atConsumers} (goal ≤ 1.10)`,
      `${r.p1.ratio ?? 'n/a'} (${r.p1.appMicrosPerPacket} ÷ ${r.p1.bareMicrosPerPacket})`,
    ],
    [
      '   app ÷ bare plain SRTP receivers (reference)',
      `${r.p1.ratioVsPlain ?? 'n/a'} (${r.p1.appMicrosPerPacket} ÷ ${r.p1.barePlainMicrosPerPacket})`,
    ],
    ['P2 receivers per core, app', r.p2.appConsumersPerCore ?? 'n/a (no step under 0.5 % loss)'],
    ['P2 receivers per core, bare WebRTC', r.p2.bareConsumersPerCore ?? 'n/a (no step under 0.5 % loss)'],
    ['P2 receivers per core, bare plain', r.p2.barePlainConsumersPerCore ?? 'n/a (no step under 0.5 % loss)'],
    ['P2 app ÷ bare (goal ≥ 0.9)', r.p2.appShareOfBare ?? 'n/a'],
    [
      'P2 by CPU only, app / bare',
      `${r.p2.appConsumersPerCoreByCpu ?? 'n/a'} / ${r.p2.bareConsumersPerCoreByCpu ?? 'n/a'}`,
    ],
    ...r.barePlainSteps.map((s): [string, string] => [`  bare plain  ${s.consumers}`, stepLine(s)]),
    ...r.bareSteps.map((s): [string, string] => [`  bare webrtc ${s.consumers}`, stepLine(s)]),
    ...r.appSteps.map((s): [string, string] => [`  app         ${s.consumers}`, stepLine(s)]),
  ]);
}

function stepLine(s: StepResult): string {
  return `${Math.round(s.workerShare * 100)} % core, ${s.forwardedPerS} pkt/s, ${s.microsPerPacket} µs/pkt, loss ${s.lossPercent} %, waited ${Math.round(s.workerWaitShare * 100)} %`;
}
