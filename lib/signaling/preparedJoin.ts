/**
 * The quick join: transports made on the pre-join screen (prepareJoin), and a joinRoom answer
 * that carries a consumer for everyone's producers, so the joining client receives without a
 * getProducers → consume → resumeConsumer round trip per producer.
 */
import type { Joined } from '@/lib/meetings/Membership';
import { ErrorCode, ProtocolError, type ConsumerParams } from '@/lib/protocol';

/**
 * Consumes every producer of the room on the caller's receiving transport `transportId`, through
 * Room.consume (so the same checks and limits apply as to a consume request), then resumes them
 * all as resumeConsumer would (a video last-N holds back stays paused until released): the client
 * announces them at once (its receive filter pauses what it cannot show), and a resumed video
 * consumer asks its producer for a key frame, as does the transport once connected.
 * Returns undefined when that transport is not the caller's (the prepared peer was not kept).
 */
export async function consumeEveryone(
  { room, peer }: Pick<Joined, 'room' | 'peer'>,
  transportId: string,
): Promise<{ consumers: ConsumerParams[] } | undefined> {
  const transport = peer.transports.get(transportId);
  if (!transport || transport.appData.direction !== 'recv') return undefined;
  const consumers: ConsumerParams[] = [];
  // One at a time, so the per-peer consumer limit is checked against what already exists.
  for (const { producerId } of room.producerInfos(peer)) {
    try {
      consumers.push(await room.consume(peer, { transportId, producerId }));
    } catch (err) {
      // What cannot be received (a codec the device lacks, a producer that just closed) is left
      // out; past the consumer limit nothing more can be.
      if (!(err instanceof ProtocolError)) throw err;
      if (err.code === ErrorCode.LIMIT_REACHED) break;
    }
  }
  // Through the video policy, which records the wish: a video last-N holds back stays paused
  // now and is resumed when it is released (a pin, a new speaker).
  const resumed = await Promise.all(
    consumers.map((c) =>
      room.video.setConsumerPaused(peer, c.id, false).then(
        () => c,
        (err: unknown) => {
          if (err instanceof ProtocolError) return null; // closed meanwhile: its producer went
          throw err;
        },
      ),
    ),
  );
  return { consumers: resumed.filter((c): c is ConsumerParams => c !== null) };
}
