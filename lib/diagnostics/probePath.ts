/**
 * One media path through the server, end to end: a send and a receive transport that offer only
 * the path's candidates (UDP, TCP, or a TURN relay when `relay` is set), the test video published
 * and consumed back. The path works when the looped-back video decodes within `timeoutMs`; then
 * bitrate, loss, jitter and round-trip time are measured over `measureMs`.
 */
import type { types } from 'mediasoup-client';
import type { TurnIceServer } from '@/lib/auth/turnCredentials';
import type { PathProtocol } from '@/lib/signaling/diagnostics/protocol';
import {
  toClientRtpParameters,
  toTransportOptions,
  toWireRtpCapabilities,
  toWireRtpParameters,
} from '@/lib/client/wire';
import type { DiagnosticsConnection } from './DiagnosticsConnection';
import { framesDecoded, measure, selectedPath, type Snapshot, type StatsEntry } from './rtcFigures';
import type { PathFigures } from './types';

export interface PathOptions {
  protocol: PathProtocol;
  /** Only relayed candidates (iceTransportPolicy "relay") through `iceServers`. */
  relay: boolean;
  iceServers: TurnIceServer[];
  track: MediaStreamTrack;
  timeoutMs: number;
  measureMs: number;
  /** Shown while the path runs: the video as it comes back from the server. */
  onLoopback?: (track: MediaStreamTrack | null) => void;
}

export type PathOutcome =
  | { works: true; figures: PathFigures; candidatePorts: { udp: number | null; tcp: number | null } }
  | { works: false; reason: string; candidatePorts: { udp: number | null; tcp: number | null } };

const POLL_MS = 200;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function entries(getStats: () => Promise<RTCStatsReport>): Promise<StatsEntry[]> {
  const report = await getStats();
  return [...report.values()] as StatsEntry[];
}

export async function probePath(
  conn: DiagnosticsConnection,
  device: types.Device,
  opts: PathOptions,
): Promise<PathOutcome> {
  const began = performance.now();
  const cleanup: Array<() => unknown> = [];
  const candidatePorts: { udp: number | null; tcp: number | null } = { udp: null, tcp: null };
  const iceErrors: string[] = [];
  let failedState: string | null = null;
  const transportOptions = {
    iceServers: opts.iceServers,
    iceTransportPolicy: (opts.relay ? 'relay' : 'all') as RTCIceTransportPolicy,
  };

  const watch = (transport: types.Transport, serverId: string) => {
    transport.on('connect', ({ dtlsParameters }, done, fail) => {
      conn.request('connectTransport', { transportId: serverId, dtlsParameters }).then(() => done(), fail);
    });
    transport.on('connectionstatechange', (state) => {
      if (state === 'failed') failedState = `the ${transport.direction} connection failed`;
    });
    transport.on('icecandidateerror', (e) => {
      if (iceErrors.length < 3) iceErrors.push(`${e.url || 'ICE'}: ${e.errorCode} ${e.errorText}`.trim());
    });
    cleanup.push(
      () => transport.close(),
      () => conn.request('closeTransport', { transportId: serverId }).catch(() => undefined),
    );
  };

  try {
    const sendParams = await conn.request('createTransport', { direction: 'send', protocol: opts.protocol });
    for (const c of sendParams.iceCandidates) candidatePorts[c.protocol] ??= c.port;
    const send = device.createSendTransport({ ...toTransportOptions(sendParams), ...transportOptions });
    watch(send, sendParams.id);
    send.on('produce', ({ kind, rtpParameters }, done, fail) => {
      conn
        .request('produce', {
          transportId: sendParams.id,
          kind,
          rtpParameters: toWireRtpParameters(rtpParameters),
        })
        .then(({ producerId }) => done({ id: producerId }), fail);
    });

    const recvParams = await conn.request('createTransport', { direction: 'recv', protocol: opts.protocol });
    const recv = device.createRecvTransport({ ...toTransportOptions(recvParams), ...transportOptions });
    watch(recv, recvParams.id);

    const producer = await send.produce({
      track: opts.track,
      stopTracks: false,
      encodings: [{ maxBitrate: 600_000 }],
    });
    cleanup.push(() => producer.close());
    const params = await conn.request('consume', {
      transportId: recvParams.id,
      producerId: producer.id,
      rtpCapabilities: toWireRtpCapabilities(device.recvRtpCapabilities),
    });
    const consumer = await recv.consume({
      id: params.id,
      producerId: params.producerId,
      kind: params.kind,
      rtpParameters: toClientRtpParameters(params.rtpParameters),
    });
    cleanup.push(() => consumer.close());
    await conn.request('resume', { consumerId: params.id });
    opts.onLoopback?.(consumer.track);
    cleanup.push(() => opts.onLoopback?.(null));

    // Decoded frames prove the whole loop: out to the server, back, and through the decoder.
    while ((await entries(() => consumer.getStats()).then(framesDecoded)) === 0) {
      if (failedState) return { works: false, reason: explain(failedState, iceErrors), candidatePorts };
      if (performance.now() - began > opts.timeoutMs) {
        const states = `sending: ${send.connectionState}, receiving: ${recv.connectionState}`;
        const why =
          opts.relay && send.connectionState === 'new'
            ? `the TURN server gave no relay address within ${opts.timeoutMs / 1000} s (${opts.iceServers.flatMap((s) => s.urls).join(', ')})`
            : `no video came back within ${opts.timeoutMs / 1000} s (${states})`;
        return { works: false, reason: explain(why, iceErrors), candidatePorts };
      }
      await sleep(POLL_MS);
    }
    const firstFrameMs = performance.now() - began;

    const snapshot = async (): Promise<Snapshot> => ({
      recv: await entries(() => consumer.getStats()),
      send: await entries(() => producer.getStats()),
    });
    const before = await snapshot();
    await sleep(opts.measureMs);
    const after = await snapshot();
    const server = await conn.request('serverStats', { transportId: recvParams.id });
    return {
      works: true,
      candidatePorts,
      figures: {
        ...measure(before, after),
        ...selectedPath(after.recv),
        serverProtocol: server.protocol,
        firstFrameMs,
      },
    };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { works: false, reason: explain(message, iceErrors), candidatePorts };
  } finally {
    for (const step of cleanup.reverse()) {
      try {
        await step();
      } catch {
        // Closing what is already closed.
      }
    }
  }
}

function explain(reason: string, iceErrors: string[]): string {
  return iceErrors.length ? `${reason}; ${iceErrors.join('; ')}` : reason;
}
