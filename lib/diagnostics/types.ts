/** What the connection test checks and what it found, in the shape the page and the report use. */
import type { DiagnosticsKey, DiagnosticsWords } from './words';

export type CheckId = 'camera' | 'microphone' | 'signaling' | 'udp' | 'tcp' | 'turn';
export const CHECK_IDS: readonly CheckId[] = ['camera', 'microphone', 'signaling', 'udp', 'tcp', 'turn'];

const CHECK_LABELS: Record<CheckId, DiagnosticsKey> = {
  camera: 'checkCamera',
  microphone: 'checkMicrophone',
  signaling: 'checkSignaling',
  udp: 'checkUdp',
  tcp: 'checkTcp',
  turn: 'checkTurn',
};

/** A finished check "works", "fails" or is "not configured"; before that it is waiting or running. */
export type CheckState = 'waiting' | 'running' | 'works' | 'fails' | 'not configured';

/** Figures of a media round trip through the server (null: not measured). */
export interface PathFigures {
  /** Received bitrate of the looped-back video. */
  bitrateKbps: number | null;
  lossPercent: number | null;
  rttMs: number | null;
  jitterMs: number | null;
  /** How the browser reached the server: "host"/"relay"… and "udp"/"tcp". */
  candidateType: string | null;
  protocol: string | null;
  /** The transport protocol the server saw the media arrive on. */
  serverProtocol: 'udp' | 'tcp' | null;
  /** Time from the start of the path test to the first decoded frame. */
  firstFrameMs: number | null;
}

export interface CheckResult {
  id: CheckId;
  label: string;
  state: CheckState;
  /** Short figures or outcome, e.g. "640×360" or "1234 kbps · 0 % loss · 2 ms RTT" (reader's language). */
  summary: string;
  /** Why it failed, or what the figures mean, in plain words. */
  detail?: string;
  figures?: PathFigures;
}

export interface DiagnosticsReport {
  results: CheckResult[];
  verdict: string;
  serverUrl: string;
  userAgent: string;
  startedAt: Date;
  finishedAt: Date;
  /** UDP/TCP port of the media server, as offered to this browser. */
  mediaPorts: { udp: number | null; tcp: number | null };
}

export function initialResults({ t }: Pick<DiagnosticsWords, 't'>): CheckResult[] {
  return CHECK_IDS.map((id) => ({ id, label: t(CHECK_LABELS[id]), state: 'waiting', summary: '' }));
}
