'use client';

import { useFormatter, useTranslations } from 'next-intl';
import type { EffectStats as Figures } from '@/lib/call/LocalEffects';
import type { ProcessingStats } from '@/lib/media/effects/TrackProcessor';

const ONE_DECIMAL = { minimumFractionDigits: 1, maximumFractionDigits: 1 } as const;

function useDescribe(): (s: ProcessingStats | null) => string {
  const t = useTranslations('call');
  const format = useFormatter();
  return (s) => {
    if (!s) return t('effectMeasuring');
    const parts = [
      t('effectMsPerFrame', { ms: format.number(s.msPerFrame, ONE_DECIMAL) }),
      t('effectFps', { fps: Math.round(s.fps) }),
    ];
    if (s.maskMs !== undefined && s.maskFps !== undefined) {
      parts.push(
        t('effectSegmentation', { ms: Math.round(s.maskMs), masks: format.number(s.maskFps, ONE_DECIMAL) }),
      );
    }
    return parts.join(', ');
  };
}

/**
 * The cost of the media effects on this computer, from the processors' own timing: time spent
 * per video frame / 10 ms audio frame, and how many frames per second come out.
 */
export function EffectStats({
  figures,
  blurOn,
  noiseOn,
}: {
  figures: Figures;
  blurOn: boolean;
  noiseOn: boolean;
}) {
  const t = useTranslations('call');
  const describe = useDescribe();
  if (!blurOn && !noiseOn) return null;
  return (
    <>
      {blurOn && (
        <>
          <dt>{t('effectBlur')}</dt>
          <dd data-testid="blur-stats">{describe(figures.backgroundBlur)}</dd>
        </>
      )}
      {noiseOn && (
        <>
          <dt>{t('effectNoise')}</dt>
          <dd data-testid="noise-stats">{describe(figures.noiseSuppression)}</dd>
        </>
      )}
    </>
  );
}
