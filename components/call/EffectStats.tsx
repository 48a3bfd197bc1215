'use client';

import type { EffectStats as Figures } from '@/lib/call/LocalEffects';
import type { ProcessingStats } from '@/lib/media/effects/TrackProcessor';

function describe(s: ProcessingStats | null): string {
  if (!s) return 'measuring…';
  const parts = [`${s.msPerFrame.toFixed(1)} ms per frame`, `${Math.round(s.fps)} fps`];
  if (s.maskMs !== undefined && s.maskFps !== undefined) {
    parts.push(`segmentation ${Math.round(s.maskMs)} ms, ${s.maskFps.toFixed(1)} masks/s`);
  }
  return parts.join(', ');
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
  if (!blurOn && !noiseOn) return null;
  return (
    <>
      {blurOn && (
        <>
          <dt>Background blur</dt>
          <dd data-testid="blur-stats">{describe(figures.backgroundBlur)}</dd>
        </>
      )}
      {noiseOn && (
        <>
          <dt>Noise suppression</dt>
          <dd data-testid="noise-stats">{describe(figures.noiseSuppression)}</dd>
        </>
      )}
    </>
  );
}
