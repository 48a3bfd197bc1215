/**
 * What the browser client needs to run in Node: mediasoup-client's FakeHandler (a Device that
 * speaks the real signaling but opens no RTCPeerConnection) and minimal stand-ins for local
 * MediaStreamTracks, which Node does not have. The server the client talks to is always real.
 */
import { FakeHandler } from 'mediasoup-client/handlers/FakeHandler';
import * as fakeParameters from 'mediasoup-client/fakeParameters';
import type { types as ms } from 'mediasoup-client';

export function fakeHandlerFactory(): ms.HandlerFactory {
  return FakeHandler.createFactory(fakeParameters);
}

let nextTrackId = 1;

/** A live local track: only what mediasoup-client and the Publisher touch. */
export function standInTrack(kind: 'audio' | 'video'): MediaStreamTrack {
  const track = {
    id: `stand-in-${kind}-${nextTrackId++}`,
    kind,
    enabled: true,
    readyState: 'live' as MediaStreamTrackState,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    stop: () => {
      track.readyState = 'ended';
    },
  };
  return track as unknown as MediaStreamTrack;
}

/** A stream of stand-in tracks, as `CallClient.join()` reads it. */
export function standInStream(tracks: MediaStreamTrack[]): MediaStream {
  const stream = {
    getAudioTracks: () => tracks.filter((t) => t.kind === 'audio'),
    getVideoTracks: () => tracks.filter((t) => t.kind === 'video'),
    getTracks: () => [...tracks],
  };
  return stream as unknown as MediaStream;
}
