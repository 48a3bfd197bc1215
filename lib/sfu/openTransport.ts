/** Opening a participant's WebRTC transport on one router of the meeting. */
import type { types } from 'mediasoup';
import type { Logger } from '@/lib/log';
import type { Direction } from './Peer';
import type { RoomRouter } from './RoomRouters';
import { watchTransportHealth } from './transportHealth';
import type { WorkerPool } from './WorkerPool';

export interface TransportPolicy {
  /** How long a transport that lost ICE consent is kept (see transportHealth). */
  graceMs: number;
  /** Cap on what a send transport may bring in (all camera layers plus a screen share). */
  maxIncomingBitrate: number;
  log: Logger;
}

/** A WebRTC transport on `rr`'s worker, watched for health; a send transport gets its cap. */
export async function openTransport(
  rr: RoomRouter,
  pool: WorkerPool,
  direction: Direction,
  policy: TransportPolicy,
): Promise<types.WebRtcTransport<{ direction: Direction }>> {
  const transport = await rr.router.createWebRtcTransport<{ direction: Direction }>({
    ...pool.transportOptions(rr.slot),
    appData: { direction },
  });
  watchTransportHealth(transport, { graceMs: policy.graceMs, log: policy.log });
  if (direction === 'send') {
    await transport.setMaxIncomingBitrate(policy.maxIncomingBitrate).catch((err: Error) => {
      policy.log.warn({ err: err.message }, 'setMaxIncomingBitrate failed');
    });
  }
  return transport;
}
