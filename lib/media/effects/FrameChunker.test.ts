import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameChunker } from './FrameChunker';

/** Feeds `blocks` through a chunker and returns everything it put out, plus the frames it saw. */
function run(frameSize: number, blocks: Float32Array[], processFrame?: (f: Float32Array) => void) {
  const chunker = new FrameChunker(frameSize);
  const out: number[] = [];
  const frames: number[][] = [];
  for (const block of blocks) {
    const output = new Float32Array(block.length).fill(Number.NaN);
    chunker.process(block, output, (frame) => {
      expect(frame.length).toBe(frameSize);
      frames.push([...frame]);
      processFrame?.(frame);
    });
    out.push(...output);
  }
  return { out, frames, chunker };
}

function ramp(start: number, length: number): Float32Array {
  return Float32Array.from({ length }, (_, i) => start + i);
}

describe('FrameChunker', () => {
  it('turns 128-sample render quanta into 480-sample frames, delayed by one frame', () => {
    const blocks = Array.from({ length: 15 }, (_, i) => ramp(1 + i * 128, 128)); // 1920 samples = 4 frames
    const { out, frames, chunker } = run(480, blocks);
    expect(frames.map((f) => [f[0], f.at(-1)])).toEqual([
      [1, 480],
      [481, 960],
      [961, 1440],
      [1441, 1920],
    ]);
    expect(out.slice(0, 480).every((s) => s === 0)).toBe(true);
    expect(out.slice(480)).toEqual([...ramp(1, 1920 - 480)]);
    expect(chunker.pending).toBe(480);
  });

  it('outputs what the frame processor wrote', () => {
    const blocks = Array.from({ length: 8 }, (_, i) => ramp(1 + i * 128, 128));
    const { out } = run(480, blocks, (frame) => frame.forEach((s, i) => (frame[i] = -s)));
    expect(out.slice(480, 960)).toEqual([...ramp(1, 480)].map((s) => -s));
  });

  it('never runs dry and keeps the order for any sequence of block sizes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 600 }),
        fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 20 }),
        (frameSize, sizes) => {
          let next = 1;
          const blocks = sizes.map((n) => {
            const block = ramp(next, n);
            next += n;
            return block;
          });
          const { out, chunker } = run(frameSize, blocks);
          const expected = [...new Array<number>(frameSize).fill(0), ...ramp(1, next - 1)].slice(
            0,
            out.length,
          );
          expect(out).toEqual(expected);
          expect(chunker.pending).toBe(frameSize + (next - 1) - out.length - ((next - 1) % frameSize));
        },
      ),
    );
  });

  it('refuses a frame size that is not a positive integer', () => {
    expect(() => new FrameChunker(0)).toThrow(RangeError);
    expect(() => new FrameChunker(1.5)).toThrow(RangeError);
  });
});
