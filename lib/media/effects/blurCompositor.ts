/**
 * Draws one output frame: the person (where the mask says so) sharp, over a strongly blurred copy
 * of the frame. The blur is made cheaply by shrinking the frame, blurring the small copy and
 * stretching it back. Before the first mask everything is blurred, so nothing of the room shows.
 */
const SHRINK = 8;
const SMALL_BLUR_PX = 3;

type Context2D = OffscreenCanvasRenderingContext2D;

function context(canvas: OffscreenCanvas): Context2D {
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas context');
  return ctx;
}

export class BlurCompositor {
  readonly canvas = new OffscreenCanvas(1, 1);
  private readonly ctx = context(this.canvas);
  private readonly small = new OffscreenCanvas(1, 1);
  private readonly smallCtx = context(this.small);
  /** The latest person mask (alpha = person), kept in our own canvas. */
  private readonly mask = new OffscreenCanvas(1, 1);
  private readonly maskCtx = context(this.mask);
  private hasMask = false;

  setMask(source: CanvasImageSource, width: number, height: number): void {
    if (this.mask.width !== width || this.mask.height !== height) {
      this.mask.width = width;
      this.mask.height = height;
    }
    this.maskCtx.globalCompositeOperation = 'copy';
    this.maskCtx.drawImage(source, 0, 0, width, height);
    this.hasMask = true;
  }

  draw(frame: VideoFrame): void {
    const width = frame.displayWidth;
    const height = frame.displayHeight;
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
      this.small.width = Math.max(1, Math.round(width / SHRINK));
      this.small.height = Math.max(1, Math.round(height / SHRINK));
    }
    const { ctx, smallCtx } = this;
    smallCtx.filter = `blur(${SMALL_BLUR_PX}px)`;
    smallCtx.drawImage(frame, 0, 0, this.small.width, this.small.height);
    ctx.imageSmoothingEnabled = true;
    if (!this.hasMask) {
      ctx.globalCompositeOperation = 'copy';
      ctx.drawImage(this.small, 0, 0, width, height);
      return;
    }
    ctx.globalCompositeOperation = 'copy';
    ctx.drawImage(this.mask, 0, 0, width, height);
    ctx.globalCompositeOperation = 'source-in';
    ctx.drawImage(frame, 0, 0, width, height);
    ctx.globalCompositeOperation = 'destination-over';
    ctx.drawImage(this.small, 0, 0, width, height);
  }
}
