import { describe, expect, it } from 'vitest';
import {
  acquireLocalMedia,
  audioConstraints,
  stopTracks,
  videoConstraints,
  type UserMediaSource,
} from './localMedia';

/** A stand-in for a MediaStreamTrack: only what acquireLocalMedia and stopTracks touch. */
class FakeTrack {
  stopped = false;
  constructor(
    readonly kind: 'audio' | 'video',
    readonly deviceId: string,
  ) {}
  stop() {
    this.stopped = true;
  }
}

class FakeStream {
  constructor(readonly tracks: FakeTrack[]) {}
  getTracks() {
    return this.tracks;
  }
  getAudioTracks() {
    return this.tracks.filter((t) => t.kind === 'audio');
  }
  getVideoTracks() {
    return this.tracks.filter((t) => t.kind === 'video');
  }
}

interface FakeDevices {
  audio: string[];
  video: string[];
  /** Error name thrown when that kind is requested (e.g. NotReadableError = busy). */
  fail?: Partial<Record<'audio' | 'video', string>>;
}

function fakeSource(devices: FakeDevices) {
  const calls: MediaStreamConstraints[] = [];
  const source: UserMediaSource = {
    getUserMedia: async (constraints?: MediaStreamConstraints) => {
      calls.push(constraints ?? {});
      const tracks: FakeTrack[] = [];
      for (const kind of ['audio', 'video'] as const) {
        const c = constraints?.[kind];
        if (!c) continue;
        const failure = devices.fail?.[kind];
        if (failure) throw new DOMException('failed', failure);
        if (devices[kind].length === 0) throw new DOMException('Requested device not found', 'NotFoundError');
        const wanted = typeof c === 'object' ? c.deviceId : undefined;
        const exact = typeof wanted === 'object' && !Array.isArray(wanted) ? wanted.exact : undefined;
        if (typeof exact === 'string' && !devices[kind].includes(exact)) {
          throw new DOMException('', 'OverconstrainedError');
        }
        tracks.push(new FakeTrack(kind, typeof exact === 'string' ? exact : devices[kind][0]!));
      }
      return new FakeStream(tracks) as unknown as MediaStream;
    },
  };
  return { source, calls };
}

function fake(track: MediaStreamTrack | null): FakeTrack | null {
  return track as unknown as FakeTrack | null;
}

describe('constraints', () => {
  it('asks for the exact chosen device, HD video and voice processing', () => {
    expect(audioConstraints('mic-2')).toEqual({
      deviceId: { exact: 'mic-2' },
      echoCancellation: true,
      noiseSuppression: true,
      autoGainControl: true,
    });
    expect(videoConstraints(null)).toEqual({
      width: { ideal: 1280 },
      height: { ideal: 720 },
      frameRate: { ideal: 30 },
    });
  });
});

describe('acquireLocalMedia', () => {
  it('opens both devices with a single request when everything works', async () => {
    const { source, calls } = fakeSource({ audio: ['mic-1'], video: ['cam-1'] });
    const result = await acquireLocalMedia({ audio: true, video: { deviceId: 'cam-1' } }, source);
    expect(calls).toHaveLength(1);
    expect(fake(result.audioTrack)?.deviceId).toBe('mic-1');
    expect(fake(result.videoTrack)?.deviceId).toBe('cam-1');
    expect(result.audioError).toBeNull();
    expect(result.videoError).toBeNull();
    expect(result.fellBack).toEqual([]);
  });

  it('keeps the microphone when the camera is busy', async () => {
    const { source } = fakeSource({
      audio: ['mic-1'],
      video: ['cam-1'],
      fail: { video: 'NotReadableError' },
    });
    const result = await acquireLocalMedia({ audio: true, video: true }, source);
    expect(fake(result.audioTrack)?.deviceId).toBe('mic-1');
    expect(result.videoTrack).toBeNull();
    expect(result.videoError?.code).toBe('busy');
    expect(result.videoError?.target).toBe('camera');
    expect(result.audioError).toBeNull();
  });

  it('keeps the camera when there is no microphone', async () => {
    const { source } = fakeSource({ audio: [], video: ['cam-1'] });
    const result = await acquireLocalMedia({ audio: true, video: true }, source);
    expect(result.audioTrack).toBeNull();
    expect(result.audioError?.code).toBe('not-found');
    expect(fake(result.videoTrack)?.deviceId).toBe('cam-1');
  });

  it('falls back to the default device when the remembered one is gone, and says so', async () => {
    const { source } = fakeSource({ audio: ['mic-1'], video: ['cam-1'] });
    const result = await acquireLocalMedia(
      { audio: { deviceId: 'unplugged-mic' }, video: { deviceId: 'cam-1' } },
      source,
    );
    expect(fake(result.audioTrack)?.deviceId).toBe('mic-1');
    expect(fake(result.videoTrack)?.deviceId).toBe('cam-1');
    expect(result.fellBack).toEqual(['audio']);
  });

  it('does not retry a refusal as a device problem', async () => {
    const { source, calls } = fakeSource({
      audio: ['mic-1'],
      video: ['cam-1'],
      fail: { audio: 'NotAllowedError', video: 'NotAllowedError' },
    });
    const result = await acquireLocalMedia({ audio: { deviceId: 'mic-1' }, video: true }, source);
    expect(result.audioError?.code).toBe('denied');
    expect(result.videoError?.code).toBe('denied');
    expect(result.fellBack).toEqual([]);
    expect(calls).toHaveLength(3); // both, then each alone: no default-device retries
  });

  it('only asks for the requested kind', async () => {
    const { source, calls } = fakeSource({ audio: ['mic-1'], video: ['cam-1'] });
    const result = await acquireLocalMedia({ audio: true, video: false }, source);
    expect(calls).toEqual([{ audio: audioConstraints(null) }]);
    expect(result.videoTrack).toBeNull();
    expect(result.videoError).toBeNull();
  });

  it('explains that media needs a secure page when mediaDevices is missing', async () => {
    const result = await acquireLocalMedia({ audio: true, video: true }, null);
    expect(result.audioError?.code).toBe('insecure');
    expect(result.videoError?.code).toBe('insecure');
  });
});

describe('stopTracks', () => {
  it('stops tracks and the tracks of streams, skipping nulls', () => {
    const a = new FakeTrack('audio', 'a');
    const v = new FakeTrack('video', 'v');
    const s = new FakeTrack('video', 's');
    stopTracks([a as unknown as MediaStreamTrack, null, new FakeStream([v]) as unknown as MediaStream]);
    stopTracks(new FakeStream([s]) as unknown as MediaStream);
    stopTracks(null);
    expect([a.stopped, v.stopped, s.stopped]).toEqual([true, true, true]);
  });
});
