/** How peers and producers are described on the wire. */
import type { types } from 'mediasoup';
import type { ConsumerParams, PeerInfo, ProducerInfo } from '@/lib/protocol';
import type { Peer, ProducerAppData } from './Peer';

export function peerIdOf(producer: types.Producer): string | null {
  const peerId = producer.appData.peerId;
  return typeof peerId === 'string' ? peerId : null;
}

export function toPeerInfo(p: Peer): PeerInfo {
  const info: PeerInfo = { peerId: p.id, userId: p.userId, role: p.role, handRaised: p.handRaised };
  // Only while it is true, so connected peers are described exactly as before.
  if (p.reconnecting) info.reconnecting = true;
  return info;
}

export function toProducerInfo(peer: Peer, producer: types.Producer<ProducerAppData>): ProducerInfo {
  return {
    producerId: producer.id,
    peerId: peer.id,
    userId: peer.userId,
    kind: producer.kind,
    source: producer.appData.source,
    paused: producer.paused,
  };
}

/** A consumer of another peer's producer, as its viewer's client sets it up. */
export function toConsumerParams(
  consumer: types.Consumer,
  ownerId: string,
  source: ConsumerParams['source'],
): ConsumerParams {
  return {
    id: consumer.id,
    producerId: consumer.producerId,
    peerId: ownerId,
    kind: consumer.kind,
    rtpParameters: consumer.rtpParameters,
    source,
    producerPaused: consumer.producerPaused,
  };
}
