'use client';

import { useEffect, useState } from 'react';
import { levelFromSamples, RELEASE } from '@/lib/media/audioLevel';

/**
 * The current loudness of an audio track, 0..1 (rounded to 0.01), sampled every `intervalMs`.
 * 0 while `track` is null. Everything it opens (AudioContext, nodes, timer, listeners) is closed
 * when the track changes or the component unmounts; the track itself is left running.
 */
export function useAudioLevel(track: MediaStreamTrack | null, intervalMs = 60): number {
  const [reading, setReading] = useState<{ track: MediaStreamTrack | null; level: number }>({
    track: null,
    level: 0,
  });

  useEffect(() => {
    if (!track || typeof AudioContext === 'undefined') return;
    const context = new AudioContext();
    const source = context.createMediaStreamSource(new MediaStream([track]));
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);

    // Browsers may start an AudioContext suspended until the user interacts with the page.
    const resume = () => {
      if (context.state === 'suspended') context.resume().catch(() => undefined);
    };
    resume();
    window.addEventListener('pointerdown', resume, true);
    window.addEventListener('keydown', resume, true);

    let smoothed = 0;
    const timer = window.setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      const instant = track.enabled && track.readyState === 'live' ? levelFromSamples(samples) : 0;
      smoothed = instant >= smoothed ? instant : smoothed * RELEASE + instant * (1 - RELEASE);
      const level = Math.round(smoothed * 100) / 100;
      setReading((prev) => (prev.track === track && prev.level === level ? prev : { track, level }));
    }, intervalMs);

    return () => {
      window.clearInterval(timer);
      window.removeEventListener('pointerdown', resume, true);
      window.removeEventListener('keydown', resume, true);
      source.disconnect();
      context.close().catch(() => undefined);
    };
  }, [track, intervalMs]);

  return track !== null && reading.track === track ? reading.level : 0;
}
