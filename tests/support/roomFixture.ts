/**
 * A small populated meeting for isolation and cleanup tests: an owner publishing video and
 * audio, a viewer receiving both (video resumed, audio left paused) and publishing a paused
 * microphone of its own, plus one spare, never-connected receive transport of the viewer.
 */
import { joinCall, openTransports, publish, subscribe, type Joined, type Transports } from './callFlow';
import type { TestClient } from './testClient';

export interface PopulatedRoom {
  callId: string;
  owner: Joined;
  viewer: Joined;
  ownerTransports: Transports;
  viewerTransports: Transports;
  /** A receive transport of the viewer that nobody has connected yet. */
  viewerSpare: string;
  ownerVideo: string;
  ownerAudio: string;
  /** The viewer's own microphone producer, paused by the viewer. */
  viewerAudioPaused: string;
  /** The viewer's consumer of ownerVideo (resumed). */
  viewerVideoConsumer: string;
  /** The viewer's consumer of ownerAudio (still paused: never resumed). */
  viewerAudioConsumerPaused: string;
}

export async function populateRoom(
  callId: string,
  ownerClient: TestClient,
  viewerClient: TestClient,
  ssrcBase: number,
): Promise<PopulatedRoom> {
  const owner = await joinCall(ownerClient, callId, `${callId}-owner`);
  const viewer = await joinCall(viewerClient, callId, `${callId}-viewer`);
  const ownerTransports = await openTransports(ownerClient);
  const viewerTransports = await openTransports(viewerClient);
  const viewerSpare = (await viewerClient.ok('createTransport', { direction: 'recv' })).id;
  const ownerVideo = await publish(ownerClient, ownerTransports.send, 'video', { ssrc: ssrcBase + 1 });
  const ownerAudio = await publish(ownerClient, ownerTransports.send, 'audio', { ssrc: ssrcBase + 2 });
  const viewerAudioPaused = await publish(viewerClient, viewerTransports.send, 'audio', {
    ssrc: ssrcBase + 3,
  });
  await viewerClient.ok('pauseProducer', { producerId: viewerAudioPaused });
  const video = await subscribe(viewer, viewerTransports.recv, ownerVideo, true);
  const audio = await subscribe(viewer, viewerTransports.recv, ownerAudio, false);
  return {
    callId,
    owner,
    viewer,
    ownerTransports,
    viewerTransports,
    viewerSpare,
    ownerVideo,
    ownerAudio,
    viewerAudioPaused,
    viewerVideoConsumer: video.id,
    viewerAudioConsumerPaused: audio.id,
  };
}
