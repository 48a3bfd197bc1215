/**
 * The quick join: transports made on the pre-join screen (prepareJoin), paused consumers on the
 * receiving one (prepareReceive: the transport connects before the click, nothing flows), and a
 * joinRoom answer that carries a live consumer for everyone's producers, so the joining client
 * receives without a getProducers → consume → resumeConsumer round trip per producer.
 */
import type { Joined } from '@/lib/meetings/Membership';
import type { StagedPeer } from '@/lib/meetings/StagedJoin';
import { ErrorCode, ProtocolError, type ConsumerParams, type RtpCapabilitiesWire } from '@/lib/protocol';
import type { Peer } from '@/lib/sfu/Peer';
import type { Room } from '@/lib/sfu/Room';

/**
 * Consumes, paused, every producer of the room the peer has no consumer of yet on `transportId`
 * (its receiving transport), through Room.consume, so the same checks and limits apply as to a
 * consume request. Returns the new consumers and the ones it already had there, in that order.
 */
async function consumeMissing(
  room: Room,
  peer: Peer,
  transportId: string,
  rtpCapabilities?: RtpCapabilitiesWire,
): Promise<ConsumerParams[]> {
  const had = new Map<string, string>();
  for (const c of peer.consumers.values()) if (!c.closed) had.set(c.producerId, c.id);
  const consumers: ConsumerParams[] = [];
  // One at a time, so the per-peer consumer limit is checked against what already exists.
  for (const { producerId } of room.producerInfos(peer)) {
    if (had.has(producerId)) continue;
    try {
      consumers.push(await room.consume(peer, { transportId, producerId, rtpCapabilities }));
    } catch (err) {
      // What cannot be received (a codec the device lacks, a producer that just closed) is left
      // out; past the consumer limit nothing more can be.
      if (!(err instanceof ProtocolError)) throw err;
      if (err.code === ErrorCode.LIMIT_REACHED) break;
    }
  }
  return consumers;
}

/**
 * prepareReceive: a paused consumer for every producer of the room on the staged peer's receiving
 * transport. The staged peer is in no list, so no other peer hears of these consumers, and a
 * paused consumer forwards nothing and asks no layer of any sender (see VideoPolicy). What
 * changes before the join (producers that come or go) is settled by `consumeEveryone`.
 */
export async function consumeStaged(
  { room, peer }: StagedPeer,
  transportId: string,
  rtpCapabilities: RtpCapabilitiesWire,
): Promise<{ consumers: ConsumerParams[] }> {
  return { consumers: await consumeMissing(room, peer, transportId, rtpCapabilities) };
}

/**
 * At the join: consumes every producer of the room on the caller's receiving transport
 * `transportId` that prepareReceive did not (all of them without it), then resumes them all as
 * resumeConsumer would (a video last-N holds back stays paused until released; a resumed video
 * consumer asks its producer for a key frame). The client announces them at once (its receive
 * filter pauses what it cannot show). Consumers whose producer closed meanwhile are left out.
 * Returns undefined when that transport is not the caller's (the prepared peer was not kept).
 */
export async function consumeEveryone(
  { room, peer }: Pick<Joined, 'room' | 'peer'>,
  transportId: string,
): Promise<{ consumers: ConsumerParams[] } | undefined> {
  const transport = peer.transports.get(transportId);
  if (!transport || transport.appData.direction !== 'recv') return undefined;
  const staged = [...peer.consumers.values()].filter((c) => !c.closed).map((c) => c.id);
  const created = await consumeMissing(room, peer, transportId);
  const consumers = [...staged.map((id) => room.describeConsumer(peer, id)), ...created];
  // Through the video policy, which records the wish: a video last-N holds back stays paused
  // now and is resumed when it is released (a pin, a new speaker).
  const resumed = await Promise.all(
    consumers.map((c) =>
      c === null
        ? null
        : room.video.setConsumerPaused(peer, c.id, false).then(
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
