/**
 * Asks the browser for a screen, window or tab, with its audio where the browser offers it
 * (Chromium: tab audio, and system audio on some platforms). Text-heavy content is hinted as
 * "detail" so the encoder keeps it sharp rather than smooth.
 */
export async function openScreen(): Promise<MediaStream> {
  if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getDisplayMedia) {
    throw new DOMException('screen sharing is not supported in this browser', 'NotSupportedError');
  }
  const stream = await navigator.mediaDevices.getDisplayMedia({
    video: { frameRate: { ideal: 15, max: 30 } },
    audio: true,
  });
  for (const track of stream.getVideoTracks()) track.contentHint = 'detail';
  return stream;
}
