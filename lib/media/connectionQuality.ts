/**
 * Connection quality as people understand it (good / fair / poor), from the signals that show up
 * as a blurry, frozen or choppy call. Each signal is optional; the worst one decides.
 *
 * Thresholds (the signal is "fair" past the first, "poor" past the second):
 * - score: the server's transmission score of the stream (0 … 10): below 8 fair, below 5 poor.
 *   Under 5 mediasoup sees heavy loss or retransmission on that hop.
 * - loss: packets lost in the last measurement window: over 1 % fair, over 5 % poor. Opus and VP8
 *   hide about 1 %; beyond 5 % words drop and pictures smear.
 * - RTT: round-trip time: over 200 ms fair (talking over each other starts), over 400 ms poor.
 * - freezes: video freezes in the last window: 1 or 2 fair, 3 or more poor.
 */

export type QualityLevel = 'good' | 'fair' | 'poor';

export interface QualitySignals {
  /** 0 … 10, null when unknown. */
  score?: number | null;
  /** 0 … 100 (%), null when unknown. */
  lossPct?: number | null;
  rttMs?: number | null;
  freezes?: number | null;
}

export interface Quality {
  level: QualityLevel;
  /** The measurements behind the level, e.g. "score 9/10, 0.1 % loss, 32 ms RTT". */
  reason: string;
}

export const QUALITY_THRESHOLDS = {
  score: { fair: 8, poor: 5 },
  lossPct: { fair: 1, poor: 5 },
  rttMs: { fair: 200, poor: 400 },
  freezes: { fair: 1, poor: 3 },
} as const;

const RANK: Record<QualityLevel, number> = { good: 0, fair: 1, poor: 2 };

function worse(a: QualityLevel, b: QualityLevel): QualityLevel {
  return RANK[b] > RANK[a] ? b : a;
}

function known(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** "0.1", "2", "12": one decimal below 10, none above. */
function short(v: number): string {
  return v < 10 ? String(Math.round(v * 10) / 10) : String(Math.round(v));
}

export function qualityOf(signals: QualitySignals): Quality {
  const { score, lossPct, rttMs, freezes } = signals;
  const t = QUALITY_THRESHOLDS;
  let level: QualityLevel = 'good';
  const parts: string[] = [];
  if (known(score)) {
    level = worse(level, score < t.score.poor ? 'poor' : score < t.score.fair ? 'fair' : 'good');
    parts.push(`score ${short(score)}/10`);
  }
  if (known(lossPct)) {
    level = worse(level, lossPct > t.lossPct.poor ? 'poor' : lossPct > t.lossPct.fair ? 'fair' : 'good');
    parts.push(`${short(lossPct)} % loss`);
  }
  if (known(rttMs)) {
    level = worse(level, rttMs > t.rttMs.poor ? 'poor' : rttMs > t.rttMs.fair ? 'fair' : 'good');
    parts.push(`${Math.round(rttMs)} ms RTT`);
  }
  if (known(freezes) && freezes > 0) {
    level = worse(level, freezes >= t.freezes.poor ? 'poor' : freezes >= t.freezes.fair ? 'fair' : 'good');
    parts.push(freezes === 1 ? '1 freeze' : `${freezes} freezes`);
  }
  return { level, reason: parts.length > 0 ? parts.join(', ') : 'no measurements yet' };
}
