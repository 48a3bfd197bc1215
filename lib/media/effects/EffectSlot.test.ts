import { describe, expect, it } from 'vitest';
import { EffectSlot } from './EffectSlot';
import type { TrackProcessor } from './TrackProcessor';

/** Stand-ins for MediaStreamTracks (the slot only passes them around and compares them). */
function track(label: string): MediaStreamTrack {
  return { label } as MediaStreamTrack;
}

/** An effect whose starts are resolved (or failed) by the test, one by one. */
function controllable() {
  const starts: Array<{
    raw: MediaStreamTrack;
    processor: TrackProcessor & { stopped: boolean };
    resolve: () => void;
    reject: (err: Error) => void;
  }> = [];
  const start = (raw: MediaStreamTrack) =>
    new Promise<TrackProcessor>((resolve, reject) => {
      const processor = {
        output: track(`processed ${raw.label}`),
        stopped: false,
        stats: () => null,
        stop() {
          processor.stopped = true;
        },
      };
      starts.push({ raw, processor, resolve: () => resolve(processor), reject });
    });
  return { start, starts };
}

describe('EffectSlot', () => {
  it('passes the raw track through while the effect is off', async () => {
    const { start, starts } = controllable();
    const slot = new EffectSlot(start);
    const raw = track('camera');
    expect(await slot.outputFor(raw, false)).toEqual({
      superseded: false,
      track: raw,
      processed: false,
      error: null,
    });
    expect(await slot.outputFor(null, true)).toEqual({
      superseded: false,
      track: null,
      processed: false,
      error: null,
    });
    expect(starts).toHaveLength(0);
  });

  it('gives the processed track, and stops the processor when switched off', async () => {
    const { start, starts } = controllable();
    const slot = new EffectSlot(start);
    const raw = track('camera');
    const pending = slot.outputFor(raw, true);
    starts[0]!.resolve();
    expect(await pending).toMatchObject({ track: starts[0]!.processor.output, processed: true });
    expect(slot.active).toBe(true);
    // Asking again for the same track reuses the running processor.
    expect(await slot.outputFor(raw, true)).toMatchObject({ track: starts[0]!.processor.output });
    expect(starts).toHaveLength(1);
    expect(await slot.outputFor(raw, false)).toMatchObject({ track: raw, processed: false });
    expect(starts[0]!.processor.stopped).toBe(true);
    expect(slot.active).toBe(false);
  });

  it('falls back to the raw track with the reason when the effect fails to start', async () => {
    const { start, starts } = controllable();
    const slot = new EffectSlot(start);
    const raw = track('camera');
    const pending = slot.outputFor(raw, true);
    starts[0]!.reject(new Error('no WebGL'));
    const outcome = await pending;
    expect(outcome).toMatchObject({ superseded: false, track: raw, processed: false });
    expect(outcome.superseded === false && outcome.error?.message).toBe('no WebGL');
  });

  it('only the latest request counts: an older start that finishes late is stopped', async () => {
    const { start, starts } = controllable();
    const slot = new EffectSlot(start);
    const first = slot.outputFor(track('old camera'), true);
    const second = slot.outputFor(track('new camera'), true);
    starts[1]!.resolve();
    starts[0]!.resolve();
    expect(await first).toEqual({ superseded: true });
    expect(await second).toMatchObject({ track: starts[1]!.processor.output, processed: true });
    expect(starts[0]!.processor.stopped).toBe(true);
    expect(starts[1]!.processor.stopped).toBe(false);
    slot.stop();
    expect(starts[1]!.processor.stopped).toBe(true);
  });

  it('replaces the processor when the raw track changes (device switch)', async () => {
    const { start, starts } = controllable();
    const slot = new EffectSlot(start);
    const a = slot.outputFor(track('camera 1'), true);
    starts[0]!.resolve();
    await a;
    const b = slot.outputFor(track('camera 2'), true);
    expect(starts[0]!.processor.stopped).toBe(false); // still sent until the new one is ready
    starts[1]!.resolve();
    expect(await b).toMatchObject({ track: starts[1]!.processor.output });
    expect(starts[0]!.processor.stopped).toBe(true);
  });
});
