/**
 * Bringing the media of a live room session back in line with the server without leaving the
 * meeting: after a resume (apply the server's snapshot of what changed while the signaling was
 * away) and after a transport had to be replaced (produce / consume again on the new one).
 */
import type { ResumeSnapshot } from '@/lib/protocol';
import type { CallClientEvents, ProducerStateEvent } from './callTypes';
import type { PeerDirectory } from './PeerDirectory';
import type { Publisher } from './Publisher';
import type { Receiver } from './Receiver';
import type { Direction, RoomSession } from './RoomSession';

/** The call's parts a re-sync touches. */
export interface ResyncParts {
  peers: PeerDirectory;
  receiver: Receiver;
  publisher: Publisher;
  callId(): string | null;
  emit<E extends keyof CallClientEvents>(event: E, ...args: CallClientEvents[E]): void;
}

/**
 * Applies a resume snapshot: peers that left are dropped (with their tracks) and new ones added;
 * consumers of producers that closed are dropped, new producers consumed and paused states
 * updated; the meeting state (chat, hands, roles, flags, waiting room, active speaker) goes out as
 * one `resynced` event for the UI to merge. Resolves once the new consumers are set up.
 */
export async function applySnapshot(
  snapshot: ResumeSnapshot,
  session: RoomSession | null,
  t: ResyncParts,
): Promise<void> {
  if (!session || session.closed) return;
  const { peers, receiver } = t;
  const present = new Set(snapshot.peers.map((p) => p.peerId));
  for (const peer of peers.list) {
    if (present.has(peer.peerId)) continue;
    receiver.dropPeer(peer.peerId);
    peers.remove(peer.peerId);
  }
  for (const peer of snapshot.peers) {
    peers.add(peer);
    if (peers.setReconnecting(peer.peerId, peer.reconnecting ?? false)) {
      t.emit('peerConnection', { peerId: peer.peerId, reconnecting: peer.reconnecting ?? false });
    }
  }

  const live = new Map(snapshot.producers.map((p) => [p.producerId, p]));
  for (const producerId of receiver.producerIds) {
    if (!live.has(producerId)) receiver.producerGone(producerId);
  }
  const received = new Map(receiver.tracks.map((track) => [track.producerId, track]));
  const consumes: Array<Promise<void>> = [];
  for (const info of snapshot.producers) {
    if (info.peerId === session.peerId) continue;
    const track = received.get(info.producerId);
    if (!track) {
      peers.add({ peerId: info.peerId, userId: info.userId });
      consumes.push(receiver.consume(session, info));
      continue;
    }
    if (track.paused === info.paused) continue;
    receiver.producerPaused(info.producerId, info.paused);
    const event: ProducerStateEvent = {
      peerId: info.peerId,
      producerId: info.producerId,
      kind: track.kind,
      source: track.source,
    };
    t.emit(info.paused ? 'producerPaused' : 'producerResumed', event);
  }

  t.emit('resynced', {
    self: snapshot.self,
    meeting: snapshot.meeting,
    chat: snapshot.chat,
    lobby: snapshot.lobby,
    peers: snapshot.peers.map((p) => ({
      peerId: p.peerId,
      role: p.role ?? 'guest',
      handRaised: p.handRaised ?? false,
    })),
    activeSpeakerPeerId: snapshot.activeSpeakerPeerId,
  });
  t.emit('activeSpeaker', snapshot.activeSpeakerPeerId);
  await Promise.all(consumes);
}

/**
 * Replaces one transport that an ICE restart could not repair, staying in the meeting: the
 * producers are closed on the server and published again on a new sending transport, or every
 * producer is consumed again on a new receiving transport.
 */
export async function recreateTransport(
  direction: Direction,
  session: RoomSession | null,
  t: ResyncParts,
): Promise<void> {
  const { publisher, receiver } = t;
  const callId = t.callId();
  if (!session || session.closed || !callId) return;
  if (direction === 'send') {
    await publisher.releaseProducers();
    session.assertLive();
    await session.recreate('send');
    await publisher.start(session);
    return;
  }
  await session.recreate('recv');
  await receiver.consumeExisting(session, callId);
}
