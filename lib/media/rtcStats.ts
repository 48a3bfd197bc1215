/**
 * Turns WebRTC statistics (an RTCStatsReport, as `RTCPeerConnection.getStats()` returns it) into
 * one row per media stream that people can read: bitrate, loss, round-trip time, jitter, codec,
 * resolution, frame rate, freezes and the kind of network path (ICE candidate types) in use.
 * Rates and "in the last window" counts need two successive reports of the same connection.
 *
 * Pure: no browser API is called, so it runs (and is tested) anywhere.
 */

/** The maplike part of RTCStatsReport this module reads. */
export type StatsReportLike = ReadonlyMap<string, unknown>;

export type CandidateType = 'host' | 'srflx' | 'prflx' | 'relay';

/** Who a stream belongs to, when the caller knows it (keyed by MediaStreamTrack id). */
export interface TrackLabel {
  /** Remote person's peer id; absent for our own tracks. */
  peerId?: string;
  /** camera, microphone or screen. */
  source?: string;
  /** Receiving side: the mediasoup consumer of this track. */
  consumerId?: string;
}

/** The selected ICE candidate pair of a transport: how its packets travel. */
export interface PathSummary {
  localCandidateType: CandidateType | null;
  remoteCandidateType: CandidateType | null;
  /** udp or tcp (of the local candidate). */
  protocol: string | null;
  /** Round-trip time measured by ICE on this path, in ms. */
  rttMs: number | null;
}

export interface StreamStats {
  /** Stats id of the RTP stream (stable between reports of one connection). */
  id: string;
  direction: 'send' | 'recv';
  kind: 'audio' | 'video';
  trackId: string | null;
  peerId: string | null;
  source: string | null;
  consumerId: string | null;
  /** Needs a previous report; null on the first. */
  bitrateKbps: number | null;
  /** Share of packets lost (0 … 100): in the last window with a previous report, else since start. */
  packetsLostPct: number | null;
  rttMs: number | null;
  jitterMs: number | null;
  /** Codec name without its media type: "VP8", "opus". */
  codec: string | null;
  width: number | null;
  height: number | null;
  fps: number | null;
  /** Received video only: freezes in the last window (with a previous report), else since start. */
  freezes: number | null;
  localCandidateType: CandidateType | null;
  remoteCandidateType: CandidateType | null;
}

type Entry = Record<string, unknown> & { id: string; type: string };

function isEntry(value: unknown): value is Entry {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { id?: unknown }).id === 'string' &&
    typeof (value as { type?: unknown }).type === 'string'
  );
}

function num(e: Entry | undefined, key: string): number | null {
  const v = e?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function str(e: Entry | undefined, key: string): string | null {
  const v = e?.[key];
  return typeof v === 'string' && v !== '' ? v : null;
}

function entries(report: StatsReportLike): Entry[] {
  const out: Entry[] = [];
  report.forEach((value) => {
    if (isEntry(value)) out.push(value);
  });
  return out;
}

function get(report: StatsReportLike, id: string | null): Entry | undefined {
  if (id === null) return undefined;
  const value = report.get(id);
  return isEntry(value) ? value : undefined;
}

const CANDIDATE_TYPES: ReadonlySet<string> = new Set(['host', 'srflx', 'prflx', 'relay']);

function candidateType(e: Entry | undefined): CandidateType | null {
  const t = str(e, 'candidateType');
  return t !== null && CANDIDATE_TYPES.has(t) ? (t as CandidateType) : null;
}

/**
 * The candidate pair packets use: the transport's `selectedCandidatePairId` (Chromium), else a
 * pair flagged `selected` (Firefox), else the nominated succeeded one.
 */
function selectedPair(report: StatsReportLike, transportId: string | null): Entry | undefined {
  const all = entries(report);
  const transport =
    get(report, transportId) ?? all.find((e) => e.type === 'transport' && str(e, 'selectedCandidatePairId'));
  const byTransport = get(report, str(transport, 'selectedCandidatePairId'));
  if (byTransport) return byTransport;
  const pairs = all.filter((e) => e.type === 'candidate-pair');
  return (
    pairs.find((p) => p.selected === true) ??
    pairs.find((p) => p.nominated === true && p.state === 'succeeded')
  );
}

/** The network path of a connection (from its only, or first, transport). */
export function summarizePath(
  report: StatsReportLike,
  transportId: string | null = null,
): PathSummary | null {
  const pair = selectedPair(report, transportId);
  if (!pair) return null;
  const local = get(report, str(pair, 'localCandidateId'));
  const remote = get(report, str(pair, 'remoteCandidateId'));
  const rtt = num(pair, 'currentRoundTripTime');
  return {
    localCandidateType: candidateType(local),
    remoteCandidateType: candidateType(remote),
    protocol: str(local, 'protocol'),
    rttMs: rtt === null ? null : rtt * 1000,
  };
}

function codecName(report: StatsReportLike, codecId: string | null): string | null {
  const mime = str(get(report, codecId), 'mimeType');
  if (mime === null) return null;
  const slash = mime.indexOf('/');
  return slash >= 0 ? mime.slice(slash + 1) : mime;
}

function delta(now: number | null, before: number | null): number | null {
  if (now === null) return null;
  if (before === null) return now;
  return now >= before ? now - before : now; // counters restart when a stream is recreated
}

/** kbit/s from two byte counters and their timestamps (ms). */
function kbps(
  bytesNow: number | null,
  tsNow: number | null,
  bytesBefore: number | null,
  tsBefore: number | null,
): number | null {
  if (bytesNow === null || tsNow === null || bytesBefore === null || tsBefore === null) return null;
  const ms = tsNow - tsBefore;
  if (ms <= 0 || bytesNow < bytesBefore) return null;
  return ((bytesNow - bytesBefore) * 8) / ms;
}

function lossPct(lost: number | null, delivered: number | null): number | null {
  if (lost === null || delivered === null) return null;
  const total = Math.max(lost, 0) + delivered;
  return total > 0 ? (Math.max(lost, 0) / total) * 100 : 0;
}

function secondsToMs(v: number | null): number | null {
  return v === null ? null : v * 1000;
}

function labelled(label: TrackLabel | undefined) {
  return {
    peerId: label?.peerId ?? null,
    source: label?.source ?? null,
    consumerId: label?.consumerId ?? null,
  };
}

function kindOf(e: Entry): 'audio' | 'video' | null {
  const k = str(e, 'kind') ?? str(e, 'mediaType');
  return k === 'audio' || k === 'video' ? k : null;
}

function inboundRow(
  e: Entry,
  kind: 'audio' | 'video',
  report: StatsReportLike,
  previous: StatsReportLike | null,
  labels: ReadonlyMap<string, TrackLabel>,
): StreamStats {
  const before = previous ? get(previous, e.id) : undefined;
  const received = num(e, 'packetsReceived');
  const lost = num(e, 'packetsLost');
  const path = summarizePath(report, str(e, 'transportId'));
  const trackId = str(e, 'trackIdentifier');
  const freezes = kind === 'video' ? delta(num(e, 'freezeCount'), num(before, 'freezeCount')) : null;
  return {
    id: e.id,
    direction: 'recv',
    kind,
    trackId,
    ...labelled(trackId === null ? undefined : labels.get(trackId)),
    bitrateKbps: kbps(
      num(e, 'bytesReceived'),
      num(e, 'timestamp'),
      num(before, 'bytesReceived'),
      num(before, 'timestamp'),
    ),
    packetsLostPct: lossPct(
      delta(lost, num(before, 'packetsLost')),
      delta(received, num(before, 'packetsReceived')),
    ),
    // A receiver learns the round trip from ICE (RTCP sender reports seldom carry it).
    rttMs: secondsToMs(num(get(report, str(e, 'remoteId')), 'roundTripTime')) ?? path?.rttMs ?? null,
    jitterMs: secondsToMs(num(e, 'jitter')),
    codec: codecName(report, str(e, 'codecId')),
    width: num(e, 'frameWidth'),
    height: num(e, 'frameHeight'),
    fps: num(e, 'framesPerSecond'),
    freezes,
    localCandidateType: path?.localCandidateType ?? null,
    remoteCandidateType: path?.remoteCandidateType ?? null,
  };
}

/** The receiver's view of one outbound stream (remote-inbound-rtp): loss, RTT, jitter. */
function remoteInboundOf(report: StatsReportLike, e: Entry, all: Entry[]): Entry | undefined {
  const ssrc = num(e, 'ssrc');
  return (
    get(report, str(e, 'remoteId')) ??
    all.find(
      (r) => r.type === 'remote-inbound-rtp' && (r.localId === e.id || (ssrc !== null && r.ssrc === ssrc)),
    )
  );
}

/**
 * One row per sent track: the RTP streams of one media source (several with simulcast) are added
 * up; resolution and frame rate are those of the largest layer being sent.
 */
function outboundRows(
  report: StatsReportLike,
  previous: StatsReportLike | null,
  labels: ReadonlyMap<string, TrackLabel>,
): StreamStats[] {
  const all = entries(report);
  const groups = new Map<string, Entry[]>();
  for (const e of all) {
    if (e.type !== 'outbound-rtp') continue;
    const key = str(e, 'mediaSourceId') ?? e.id;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const rows: StreamStats[] = [];
  for (const [key, streams] of groups) {
    const first = streams[0];
    const kind = first ? kindOf(first) : null;
    if (!first || !kind) continue;
    const source = get(report, str(first, 'mediaSourceId'));
    const trackId = str(source, 'trackIdentifier');
    const path = summarizePath(report, str(first, 'transportId'));
    let bits: number | null = null;
    let lost = 0;
    let sent = 0;
    let lossKnown = false;
    const rtts: number[] = [];
    const jitters: number[] = [];
    let top: Entry | undefined;
    for (const e of streams) {
      const before = previous ? get(previous, e.id) : undefined;
      const rate = kbps(
        num(e, 'bytesSent'),
        num(e, 'timestamp'),
        num(before, 'bytesSent'),
        num(before, 'timestamp'),
      );
      if (rate !== null) bits = (bits ?? 0) + rate;
      const remote = remoteInboundOf(report, e, all);
      const remoteBefore = previous && remote ? get(previous, remote.id) : undefined;
      const l = delta(num(remote, 'packetsLost'), num(remoteBefore, 'packetsLost'));
      const s = delta(num(e, 'packetsSent'), num(before, 'packetsSent'));
      if (l !== null && s !== null) {
        lossKnown = true;
        lost += Math.max(l, 0);
        sent += s;
      }
      const rtt = num(remote, 'roundTripTime');
      if (rtt !== null) rtts.push(rtt * 1000);
      const jitter = num(remote, 'jitter');
      if (jitter !== null) jitters.push(jitter * 1000);
      if ((num(e, 'frameWidth') ?? -1) > (num(top, 'frameWidth') ?? -1)) top = e;
    }
    rows.push({
      id: key,
      direction: 'send',
      kind,
      trackId,
      ...labelled(trackId === null ? undefined : labels.get(trackId)),
      bitrateKbps: bits,
      packetsLostPct: lossKnown ? (sent > 0 ? (Math.min(lost, sent) / sent) * 100 : 0) : null,
      rttMs: rtts.length > 0 ? Math.max(...rtts) : (path?.rttMs ?? null),
      jitterMs: jitters.length > 0 ? Math.max(...jitters) : null,
      codec: codecName(report, str(first, 'codecId')),
      width: num(top, 'frameWidth'),
      height: num(top, 'frameHeight'),
      fps: num(top, 'framesPerSecond'),
      freezes: null,
      localCandidateType: path?.localCandidateType ?? null,
      remoteCandidateType: path?.remoteCandidateType ?? null,
    });
  }
  return rows;
}

/**
 * Every audio/video stream of one connection's report: sent ones (outbound-rtp) and received ones
 * (inbound-rtp). Pass the connection's previous report for bitrates and per-window loss/freezes,
 * and `labels` (track id → owner) to say whose stream each row is.
 */
/**
 * mediasoup-client receives bandwidth probes (padding only, no picture) on a stream of its own,
 * with this MID: not a stream anyone sends, so it gets no row.
 */
export const PROBATOR_MID = 'probator';

export function summarizeStats(
  report: StatsReportLike,
  previous: StatsReportLike | null = null,
  labels: ReadonlyMap<string, TrackLabel> = new Map(),
): StreamStats[] {
  const recv: StreamStats[] = [];
  for (const e of entries(report)) {
    const kind = kindOf(e);
    if (e.type === 'inbound-rtp' && kind && e.mid !== PROBATOR_MID)
      recv.push(inboundRow(e, kind, report, previous, labels));
  }
  const order = (r: StreamStats) => (r.kind === 'video' ? 0 : 1);
  const send = outboundRows(report, previous, labels);
  return [...send, ...recv].sort((a, b) =>
    a.direction === b.direction ? order(a) - order(b) : a.direction === 'send' ? -1 : 1,
  );
}
