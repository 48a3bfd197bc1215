/**
 * P1 and P2: what forwarding costs through the app compared with a bare mediasoup worker, and how
 * many receivers a worker core carries. Both paths get the same synthetic camera (~1 Mbps VP8)
 * and microphone (Opus) from the in-process RTP source and are measured the same way
 * (lib/measureStep.ts). At each step both run at the same time, each on its own worker, so
 * whatever else loads the machine in that window weighs on both alike (two workers on two cores).
 * - Bare: receivers are PlainTransports with SRTP to a UDP sink (bareBaseline.ts).
 * - App: receivers are WebRTC viewers in child processes that join through the real signaling
 *   (SubscriberFleet), each with its own WebRtcTransport on the app's WebRtcServer.
 * Steps go up until loss reaches 0.5 % or the worker saturates (and at least to the P1 point).
 */
import { consumersPerCore, limitOf, overCapacity, round2, type Step } from './lib/benchMath';
import { startAppMeeting } from './lib/appMeeting';
import { measureStep, type StepResult, type StepTiming } from './lib/measureStep';
import { cameraStream, createRtpSource } from './lib/rtpSource';
import { SubscriberFleet } from './lib/SubscriberFleet';
import { createBareRig, type BareRig } from './bareBaseline';
import { printTable } from './lib/results';

export interface ForwardingResult {
  p1: {
    /** App µs per forwarded packet ÷ bare, at the same receiver count (goal ≤ 1.10). */
    ratio: number | null;
    atConsumers: number;
    appMicrosPerPacket: number;
    bareMicrosPerPacket: number;
  };
  p2: {
    appConsumersPerCore: number | null;
    bareConsumersPerCore: number | null;
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
const VIEWER_PROCESSES = 2;

const byCpu = (steps: StepResult[]): number | null => {
  const usable = steps.filter((s) => s.workerShare >= 0.05);
  const last = usable.at(-1);
  return last ? Math.round(last.consumers / last.workerShare) : null;
};

export async function runForwarding(opts: ForwardingOptions): Promise<ForwardingResult> {
  const app = await startAppMeeting({
    workers: 1,
    publishers: [{ video: [cameraStream(VIDEO_SSRC)], audioSsrc: AUDIO_SSRC }],
  });
  const fleet = new SubscriberFleet(VIEWER_PROCESSES);
  const rtp = await createRtpSource(app.targets);
  const appSteps: StepResult[] = [];
  const bareSteps: StepResult[] = [];
  let appDone = false;
  let bareDone = false;
  try {
    let viewers = 0;
    for (const target of opts.steps) {
      const bare: BareRig | null = bareDone ? null : await createBareRig(target);
      try {
        if (!appDone) {
          const joined = await fleet.add(app.srv.url, await app.tickets(target - viewers));
          viewers = joined.viewers;
          if (joined.connected < joined.viewers)
            console.log(`  app: only ${joined.connected} of ${joined.viewers} viewers connected`);
        }
        const [b, a]: Array<StepResult | null> = await Promise.all([
          bare && measureStep([bare.workerPid], bare.rtp, bare.forwarded, opts.timing, target),
          appDone ? null : measureStep(app.workerPids(), rtp, app.forwarded(), opts.timing, viewers),
        ]);
        // Stop stepping once over capacity, but not before the P1 comparison point.
        if (b) {
          bareSteps.push(b);
          console.log(`  bare ${target} receivers: ${stepLine(b)}`);
          bareDone = overCapacity(b) && target >= opts.ratioAt;
        }
        if (a) {
          appSteps.push(a);
          console.log(`  app  ${target} receivers: ${stepLine(a)}`);
          appDone = overCapacity(a) && target >= opts.ratioAt;
        }
      } finally {
        await bare?.close();
      }
      if (appDone && bareDone) break;
    }
  } finally {
    await rtp.close();
    await fleet.close();
    await app.close();
  }
  const toStep = (s: StepResult): Step => s;
  const appCap = consumersPerCore(appSteps.map(toStep));
  const bareCap = consumersPerCore(bareSteps.map(toStep));
  const appAt = appSteps.find((s) => s.consumers === opts.ratioAt);
  const bareAt = bareSteps.find((s) => s.consumers === opts.ratioAt);
  const ratio =
    appAt && bareAt && bareAt.microsPerPacket > 0
      ? round2(appAt.microsPerPacket / bareAt.microsPerPacket)
      : null;
  return {
    p1: {
      ratio,
      atConsumers: opts.ratioAt,
      appMicrosPerPacket: appAt?.microsPerPacket ?? 0,
      bareMicrosPerPacket: bareAt?.microsPerPacket ?? 0,
    },
    p2: {
      appConsumersPerCore: appCap?.perCore ?? null,
      bareConsumersPerCore: bareCap?.perCore ?? null,
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
  };
}

export function printForwarding(r: ForwardingResult): void {
  printTable('forwarding (P1, P2)', [
    [
      `P1 µs/packet app ÷ bare at ${r.p1.atConsumers} receivers (goal ≤ 1.10)`,
      `${r.p1.ratio ?? 'n/a'} (${r.p1.appMicrosPerPacket} ÷ ${r.p1.bareMicrosPerPacket})`,
    ],
    ['P2 receivers per core, app', r.p2.appConsumersPerCore ?? 'n/a (no step under 0.5 % loss)'],
    ['P2 receivers per core, bare', r.p2.bareConsumersPerCore ?? 'n/a (no step under 0.5 % loss)'],
    ['P2 app ÷ bare (goal ≥ 0.9)', r.p2.appShareOfBare ?? 'n/a'],
    [
      'P2 by CPU only, app / bare',
      `${r.p2.appConsumersPerCoreByCpu ?? 'n/a'} / ${r.p2.bareConsumersPerCoreByCpu ?? 'n/a'}`,
    ],
    ...r.bareSteps.map((s): [string, string] => [`  bare ${s.consumers}`, stepLine(s)]),
    ...r.appSteps.map((s): [string, string] => [`  app  ${s.consumers}`, stepLine(s)]),
  ]);
}

function stepLine(s: StepResult): string {
  return `${Math.round(s.workerShare * 100)} % core, ${s.forwardedPerS} pkt/s, ${s.microsPerPacket} µs/pkt, loss ${s.lossPercent} %, waited ${Math.round(s.workerWaitShare * 100)} %`;
}
