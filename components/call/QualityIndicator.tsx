'use client';

import { useTranslations } from 'next-intl';
import { INDICATOR_DEMAND, useConnectionStats } from '@/hooks/useConnectionStats';
import { qualityOf, type Quality, type QualityLevel } from '@/lib/media/connectionQuality';
import type { StreamStats } from '@/lib/media/rtcStats';
import { useCallStore } from '@/lib/store/callStore';
import { useCallController } from './CallContext';

/** Lowest server score among the person's flowing tracks (paused ones send nothing to score). */
function useLowestScore(peerId: string): number | null {
  return useCallStore((s) => {
    const p = s.participants[peerId];
    if (!p) return null;
    const scores = Object.values(p.media)
      .filter((m) => !m.paused && m.score !== null)
      .map((m) => m.score as number);
    return scores.length > 0 ? Math.min(...scores) : null;
  });
}

function max(values: Array<number | null>): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length > 0 ? Math.max(...known) : null;
}

/** The quality of what we receive from one person: their score plus our measurements. */
export function peerQuality(score: number | null, rows: StreamStats[], peerId: string): Quality {
  const mine = rows.filter((r) => r.direction === 'recv' && r.peerId === peerId);
  const freezes = mine.map((r) => r.freezes).filter((f): f is number => f !== null);
  return qualityOf({
    score,
    lossPct: max(mine.map((r) => r.packetsLostPct)),
    rttMs: max(mine.map((r) => r.rttMs)),
    freezes: freezes.length > 0 ? freezes.reduce((a, b) => a + b, 0) : null,
  });
}

const COLOR: Record<QualityLevel, string> = {
  good: 'text-emerald-400',
  fair: 'text-amber-400',
  poor: 'text-red-500',
};
const BARS: Record<QualityLevel, number> = { good: 3, fair: 2, poor: 1 };

/** Three signal bars, lit according to the level. */
function SignalBars({ level }: { level: QualityLevel }) {
  return (
    <svg viewBox="0 0 12 12" aria-hidden="true" className={`h-3.5 w-3.5 ${COLOR[level]}`}>
      {[0, 1, 2].map((i) => (
        <rect
          key={i}
          x={1 + i * 4}
          y={8 - i * 3}
          width="2.5"
          height={3 + i * 3}
          rx="0.5"
          fill="currentColor"
          opacity={i < BARS[level] ? 1 : 0.3}
        />
      ))}
    </svg>
  );
}

/** Connection quality of one remote person, on their tile. The tooltip gives the measurements. */
export function QualityIndicator({ peerId }: { peerId: string }) {
  const t = useTranslations('call');
  const controller = useCallController();
  const stats = useConnectionStats(controller.client, INDICATOR_DEMAND);
  const score = useLowestScore(peerId);
  const { level, reason } = peerQuality(score, stats.rows, peerId);
  return (
    <span
      role="img"
      aria-label={t('connectionLevel', { level })}
      title={reason}
      data-testid="connection-quality"
      data-level={level}
      className="absolute right-11 top-2 rounded-full bg-black/60 p-1.5"
    >
      <SignalBars level={level} />
    </span>
  );
}
