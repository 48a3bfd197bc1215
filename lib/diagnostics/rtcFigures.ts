/**
 * Bitrate, loss, jitter and round-trip time from two WebRTC stats snapshots (getStats() taken a
 * few seconds apart), and which candidate pair carried the media. Pure: works on plain entries
 * (`[...report.values()]`), so it is tested without a browser.
 */
import type { DiagnosticsWords } from './words';

export type StatsEntry = Record<string, unknown> & { type: string; id: string; timestamp?: number };

export interface Snapshot {
  /** Stats of the receiving side (the consumer). */
  recv: StatsEntry[];
  /** Stats of the sending side (the producer). */
  send: StatsEntry[];
}

export interface MeasuredFigures {
  bitrateKbps: number | null;
  lossPercent: number | null;
  rttMs: number | null;
  jitterMs: number | null;
}

export interface SelectedPath {
  candidateType: string | null;
  protocol: string | null;
}

function num(entry: StatsEntry | undefined, key: string): number | null {
  const v = entry?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function str(entry: StatsEntry | undefined, key: string): string | null {
  const v = entry?.[key];
  return typeof v === 'string' ? v : null;
}

export function inboundVideo(entries: StatsEntry[]): StatsEntry | undefined {
  return entries.find((e) => e.type === 'inbound-rtp' && (e.kind ?? e.mediaType) === 'video');
}

/** Frames the receiver has decoded so far. */
export function framesDecoded(entries: StatsEntry[]): number {
  return num(inboundVideo(entries), 'framesDecoded') ?? 0;
}

function selectedPair(entries: StatsEntry[]): StatsEntry | undefined {
  const transport = entries.find((e) => e.type === 'transport');
  const id = str(transport, 'selectedCandidatePairId');
  if (id) return entries.find((e) => e.id === id);
  return entries.find((e) => e.type === 'candidate-pair' && (e.selected === true || e.nominated === true));
}

/** The local candidate of the selected pair: its type (host, srflx, relay) and protocol. */
export function selectedPath(entries: StatsEntry[]): SelectedPath {
  const pair = selectedPair(entries);
  const localId = str(pair, 'localCandidateId');
  const local = localId ? entries.find((e) => e.id === localId) : undefined;
  const remoteId = str(pair, 'remoteCandidateId');
  const remote = remoteId ? entries.find((e) => e.id === remoteId) : undefined;
  return {
    candidateType: str(local, 'candidateType'),
    // A relayed pair runs over the relay's protocol to the TURN server, and over UDP beyond it.
    protocol: str(remote, 'protocol') ?? str(local, 'protocol'),
  };
}

/** Round-trip time (ms): the RTCP receiver reports' measure, else the ICE pair's. */
export function roundTripMs(send: StatsEntry[], recv: StatsEntry[]): number | null {
  const remoteInbound = send.find((e) => e.type === 'remote-inbound-rtp' && num(e, 'roundTripTime') !== null);
  const rtt =
    num(remoteInbound, 'roundTripTime') ??
    num(selectedPair(send), 'currentRoundTripTime') ??
    num(selectedPair(recv), 'currentRoundTripTime');
  return rtt === null ? null : rtt * 1000;
}

/** Figures over the interval between `before` and `after`. */
export function measure(before: Snapshot, after: Snapshot): MeasuredFigures {
  const a = inboundVideo(before.recv);
  const b = inboundVideo(after.recv);
  const t0 = num(a, 'timestamp');
  const t1 = num(b, 'timestamp');
  const bytes0 = num(a, 'bytesReceived');
  const bytes1 = num(b, 'bytesReceived');
  let bitrateKbps: number | null = null;
  if (t0 !== null && t1 !== null && t1 > t0 && bytes0 !== null && bytes1 !== null) {
    bitrateKbps = ((bytes1 - bytes0) * 8) / (t1 - t0);
  }
  const lost = delta(num(a, 'packetsLost'), num(b, 'packetsLost'));
  const received = delta(num(a, 'packetsReceived'), num(b, 'packetsReceived'));
  let lossPercent: number | null = null;
  if (lost !== null && received !== null && lost + received > 0) {
    lossPercent = (Math.max(0, lost) / (Math.max(0, lost) + received)) * 100;
  }
  const jitter = num(b, 'jitter');
  return {
    bitrateKbps,
    lossPercent,
    rttMs: roundTripMs(after.send, after.recv),
    jitterMs: jitter === null ? null : jitter * 1000,
  };
}

function delta(from: number | null, to: number | null): number | null {
  return from === null || to === null ? null : to - from;
}

/**
 * "1234 kbps · 0.0 % loss · 3 ms RTT · 1 ms jitter", leaving out what was not measured. The
 * figures go in as text: the same digits in every language.
 */
export function formatFigures(f: MeasuredFigures, { t }: Pick<DiagnosticsWords, 't'>): string {
  const parts: string[] = [];
  if (f.bitrateKbps !== null) parts.push(t('figBitrate', { kbps: String(Math.round(f.bitrateKbps)) }));
  if (f.lossPercent !== null) parts.push(t('figLoss', { loss: f.lossPercent.toFixed(1) }));
  if (f.rttMs !== null) parts.push(t('figRtt', { ms: String(Math.round(f.rttMs)) }));
  if (f.jitterMs !== null) parts.push(t('figJitter', { ms: String(Math.round(f.jitterMs)) }));
  return parts.join(' · ');
}

/** The middle value (mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
