/** Getting the camera and microphone, with a human explanation when the browser says no. */

export interface LocalMediaResult {
  stream: MediaStream | null;
  /** Why some or all devices are missing, written for the user; null when everything worked. */
  problem: string | null;
}

const VIDEO_CONSTRAINTS: MediaTrackConstraints = {
  width: { ideal: 1280 },
  height: { ideal: 720 },
  frameRate: { ideal: 30 },
};

function errorName(err: unknown): string {
  return err instanceof DOMException || err instanceof Error ? err.name : '';
}

export function describeMediaError(err: unknown): string {
  switch (errorName(err)) {
    case 'NotAllowedError':
    case 'SecurityError':
      return (
        'Camera and microphone access is blocked. To allow it, click the camera icon or the site ' +
        'settings icon in the address bar, allow camera and microphone, then leave and join again.'
      );
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No camera or microphone was found. Plug one in, then leave and join again.';
    case 'NotReadableError':
    case 'AbortError':
      return 'Your camera or microphone is busy (another app may be using it). Close that app, then leave and join again.';
    default:
      return `Camera and microphone are unavailable (${errorName(err) || String(err)}).`;
  }
}

async function tryGet(constraints: MediaStreamConstraints): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia(constraints);
}

/**
 * Asks for camera + microphone; if that fails for another reason than a refusal, falls back to
 * whichever of the two still works. Never throws: no stream means "join receive-only".
 */
export async function acquireLocalMedia(): Promise<LocalMediaResult> {
  if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
    return {
      stream: null,
      problem:
        'This browser cannot use a camera or microphone on this page. Open the meeting over HTTPS (or on localhost) to send video and audio.',
    };
  }
  try {
    return { stream: await tryGet({ audio: true, video: VIDEO_CONSTRAINTS }), problem: null };
  } catch (err) {
    const name = errorName(err);
    if (name === 'NotAllowedError' || name === 'SecurityError') {
      return { stream: null, problem: describeMediaError(err) };
    }
    for (const partial of [{ audio: true }, { video: VIDEO_CONSTRAINTS }] as const) {
      try {
        const stream = await tryGet(partial);
        const missing = 'audio' in partial ? 'camera' : 'microphone';
        return { stream, problem: `Your ${missing} is unavailable: ${describeMediaError(err)}` };
      } catch {
        // try the next fallback
      }
    }
    return { stream: null, problem: describeMediaError(err) };
  }
}

export function stopStream(stream: MediaStream | null): void {
  stream?.getTracks().forEach((track) => track.stop());
}
