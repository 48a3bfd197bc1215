/**
 * A moving test picture (canvas.captureStream) for the media paths when the camera cannot be
 * used: the paths are then still tested. stop() ends the track and the animation.
 */
export interface TestPattern {
  track: MediaStreamTrack;
  stop(): void;
}

export function startTestPattern(width = 640, height = 360, fps = 15): TestPattern {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  let frame = 0;
  const draw = () => {
    if (!ctx) return;
    ctx.fillStyle = '#0f172a';
    ctx.fillRect(0, 0, width, height);
    ctx.fillStyle = '#0ea5e9';
    const x = (frame * 8) % (width + 80);
    ctx.fillRect(x - 80, height / 2 - 40, 80, 80);
    ctx.fillStyle = '#e5e5e5';
    ctx.font = '24px sans-serif';
    ctx.fillText(`connection test ${frame}`, 20, 40);
    frame++;
  };
  draw();
  const timer = setInterval(draw, 1000 / fps);
  const track = canvas.captureStream(fps).getVideoTracks()[0];
  if (!track) {
    clearInterval(timer);
    throw new Error('this browser cannot make a test picture');
  }
  return {
    track,
    stop() {
      clearInterval(timer);
      track.stop();
    },
  };
}
