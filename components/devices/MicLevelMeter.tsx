'use client';

import { useTranslations } from 'next-intl';
import { useAudioLevel } from '@/hooks/useAudioLevel';

export interface MicLevelMeterProps {
  /** The microphone track to measure; null shows an empty meter. */
  track: MediaStreamTrack | null;
  /** Accessible name of the meter. */
  label?: string;
  className?: string;
}

/** A thin bar showing how loud the microphone is right now. */
export function MicLevelMeter({ track, label, className }: MicLevelMeterProps) {
  const t = useTranslations('devices');
  const level = useAudioLevel(track);
  const percent = Math.round(level * 100);
  return (
    <div
      role="meter"
      aria-label={label ?? t('micLevel')}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={track ? `${percent}%` : t('noMicrophoneValue')}
      className={`h-1.5 overflow-hidden rounded-full bg-neutral-800 ${className ?? 'w-full'}`}
    >
      <div
        className="h-full w-full origin-left rounded-full bg-emerald-500 transition-transform duration-75 ease-linear"
        style={{ transform: `scaleX(${level})` }}
      />
    </div>
  );
}
