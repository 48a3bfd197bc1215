/**
 * Routes the server's notifications to the parts of the client they concern: media to the
 * Receiver and Publisher, meeting events out as CallClient events, endings to the call itself.
 */
import type { CallClientEvents, CallEnd, ProducerStateEvent, RoomClosedReason } from './callTypes';
import type { PeerDirectory } from './PeerDirectory';
import type { Publisher } from './Publisher';
import type { Receiver } from './Receiver';
import type { RoomSession } from './RoomSession';
import type { SignalingConnection } from './SignalingConnection';

export interface NotificationTargets {
  session(): RoomSession | null;
  callId(): string | null;
  receiver: Receiver;
  publisher: Publisher;
  emit<E extends keyof CallClientEvents>(event: E, ...args: CallClientEvents[E]): void;
  peers: PeerDirectory;
  admitted(): void;
  finish(end: CallEnd): void;
  /** The server closed the room this client is in: drop the session (a rejoin is allowed). */
  roomClosed(reason: RoomClosedReason): void;
}

/** Subscribes every notification; returns the unsubscribers. */
export function bindNotifications(signaling: SignalingConnection, t: NotificationTargets): Array<() => void> {
  const ownPeerId = () => t.session()?.peerId ?? null;

  const pausedChange = (producerId: string, peerId: string, paused: boolean) => {
    const track = t.receiver.producerPaused(producerId, paused);
    if (peerId === ownPeerId()) return;
    const event: ProducerStateEvent = {
      peerId,
      producerId,
      kind: track?.kind ?? null,
      source: track?.source ?? null,
    };
    t.emit(paused ? 'producerPaused' : 'producerResumed', event);
  };

  const on = signaling.onNotification.bind(signaling);
  return [
    on('peerJoined', (peer) => t.peers.add(peer)),
    on('peerConnection', ({ peerId, state }) => {
      const reconnecting = state === 'reconnecting';
      if (t.peers.setReconnecting(peerId, reconnecting)) t.emit('peerConnection', { peerId, reconnecting });
    }),
    on('peerLeft', ({ peerId }) => {
      t.receiver.dropPeer(peerId);
      t.peers.remove(peerId);
    }),
    on('newProducer', (info) => {
      const session = t.session();
      if (!session || session.peerId === null || info.peerId === session.peerId) return;
      // Tolerate a producer announced before (or without) its peer's peerJoined.
      t.peers.add({ peerId: info.peerId, userId: info.userId });
      void t.receiver.consume(session, info);
    }),
    on('producerClosed', ({ producerId, peerId }) => {
      if (peerId === ownPeerId()) t.publisher.closedByServer(producerId);
      else t.receiver.producerGone(producerId);
    }),
    on('consumerScore', ({ consumerId, score, producerScore }) => {
      const track = t.receiver.setScore(consumerId, Math.min(score, producerScore));
      if (track?.score != null) t.emit('trackScore', { consumerId, score: track.score });
    }),
    on('consumerSuspended', ({ consumerId, suspended }) => {
      if (t.receiver.setSuspended(consumerId, suspended)) t.emit('trackSuspended', { consumerId, suspended });
    }),
    on('producerLayersWanted', ({ producerId, maxSpatialLayer }) =>
      t.publisher.setLayersWanted(producerId, maxSpatialLayer),
    ),
    on('consumerClosed', ({ consumerId, producerId }) => {
      t.receiver.drop(consumerId);
      t.receiver.producerGone(producerId);
    }),
    on('producerPaused', (e) => pausedChange(e.producerId, e.peerId, true)),
    on('producerResumed', (e) => pausedChange(e.producerId, e.peerId, false)),
    on('activeSpeaker', ({ peerId }) => t.emit('activeSpeaker', peerId)),
    on('audioLevels', ({ levels }) => t.emit('audioLevels', levels)),
    on('chatMessage', (m) => t.emit('chatMessage', m)),
    on('handRaised', (e) => t.emit('handRaised', e)),
    on('reaction', (e) => t.emit('reaction', e)),
    on('lobbyChanged', ({ waiting }) => t.emit('lobbyChanged', waiting)),
    on('roleChanged', (e) => t.emit('roleChanged', e)),
    on('meetingUpdated', (flags) => t.emit('meetingUpdated', flags)),
    on('recordingChanged', (e) => t.emit('recordingChanged', e)),
    on('forcedOff', ({ source, by }) => {
      t.publisher.forcedOff(source);
      t.emit('forcedOff', { source, by });
    }),
    on('waitingStatus', ({ hostPresent }) => t.emit('hostPresence', hostPresent)),
    on('admitted', () => t.admitted()),
    on('denied', ({ message }) => t.finish({ reason: 'denied', message })),
    on('removed', ({ message }) => t.finish({ reason: 'removed', message })),
    on('meetingEnded', () =>
      t.finish({ reason: 'meeting-ended', message: 'The host ended the meeting for everyone.' }),
    ),
    on('roomClosed', ({ callId, reason }) => {
      if (callId !== t.callId() || !t.session()) return;
      t.emit('roomClosed', { callId, reason });
      t.roomClosed(reason);
    }),
  ];
}
