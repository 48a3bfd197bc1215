/**
 * Re-blocks audio between the AudioWorklet's render quantum (128 samples) and a processor that
 * works on fixed frames (RNNoise: 480 samples, 10 ms at 48 kHz). Input samples gather into a
 * frame; each full frame is processed in place and queued for output; output blocks are taken
 * from that queue. The queue starts with one frame of silence, so it never runs dry whatever the
 * block size: the output is the processed input delayed by exactly `frameSize` samples.
 *
 * Hand-written because it must be self-contained: the AudioWorklet loads this class from its
 * source text (see noiseWorklet.ts), so it may not refer to anything outside itself.
 */
export class FrameChunker {
  readonly frameSize: number;
  private readonly frame: Float32Array;
  private filled: number;
  private queue: Float32Array;
  private readAt: number;
  private queued: number;

  constructor(frameSize: number) {
    if (!Number.isInteger(frameSize) || frameSize <= 0)
      throw new RangeError('frameSize must be a positive integer');
    this.frameSize = frameSize;
    this.frame = new Float32Array(frameSize);
    this.filled = 0;
    this.queue = new Float32Array(frameSize * 4);
    this.readAt = 0;
    this.queued = frameSize; // the initial silence
  }

  /** Samples waiting in the output queue (for tests and diagnostics). */
  get pending(): number {
    return this.queued;
  }

  /**
   * Takes `input` (any length), fills `output` (any length) and calls `processFrame` for each
   * frame completed by this input. `processFrame` may change the frame in place.
   */
  process(input: Float32Array, output: Float32Array, processFrame: (frame: Float32Array) => void): void {
    let offset = 0;
    while (offset < input.length) {
      const n = Math.min(this.frameSize - this.filled, input.length - offset);
      this.frame.set(input.subarray(offset, offset + n), this.filled);
      this.filled += n;
      offset += n;
      if (this.filled === this.frameSize) {
        processFrame(this.frame);
        this.enqueue(this.frame);
        this.filled = 0;
      }
    }
    this.dequeue(output);
  }

  private enqueue(samples: Float32Array): void {
    if (this.queued + samples.length > this.queue.length) {
      const bigger = new Float32Array((this.queued + samples.length) * 2);
      for (let i = 0; i < this.queued; i++)
        bigger[i] = this.queue[(this.readAt + i) % this.queue.length] ?? 0;
      this.queue = bigger;
      this.readAt = 0;
    }
    const size = this.queue.length;
    let writeAt = (this.readAt + this.queued) % size;
    for (let i = 0; i < samples.length; i++) {
      this.queue[writeAt] = samples[i] ?? 0;
      writeAt = writeAt + 1 === size ? 0 : writeAt + 1;
    }
    this.queued += samples.length;
  }

  private dequeue(output: Float32Array): void {
    const size = this.queue.length;
    const n = Math.min(output.length, this.queued);
    for (let i = 0; i < n; i++) {
      output[i] = this.queue[this.readAt] ?? 0;
      this.readAt = this.readAt + 1 === size ? 0 : this.readAt + 1;
    }
    output.fill(0, n); // cannot happen with the initial silence, but never leave stale samples
    this.queued -= n;
  }
}
