/**
 * Consumers made on the prepared receiving transport while the person is still on the pre-join
 * screen (prepareReceive). The server keeps them paused, so nothing flows, but setting them up
 * makes the transport connect (ICE and DTLS) and the SDP work is done before the click. The
 * join's answer lists which are live: the Receiver `take`s those, `close` ends the rest.
 */
import type { Device, types as ms } from 'mediasoup-client';
import type { RequestName, RequestPayload, ResultMap } from '@/lib/protocol';
import { streamIdFor, toClientRtpParameters, toWireRtpCapabilities } from './wire';

type Request = <E extends RequestName>(event: E, payload: RequestPayload<E>) => Promise<ResultMap[E]>;

export class WarmedConsumers {
  readonly #consumers = new Map<string, ms.Consumer>();
  #closed = false;

  /**
   * Asks for a paused consumer of everyone on `transport` and sets each up here. Rejects if the
   * request fails (the join then goes without); a consumer that cannot be set up is left out.
   */
  async warm(request: Request, device: Device, transport: ms.Transport): Promise<void> {
    const { consumers } = await request('prepareReceive', {
      recvTransportId: transport.id,
      rtpCapabilities: toWireRtpCapabilities(device.recvRtpCapabilities),
    });
    await Promise.all(
      consumers.map(async (params) => {
        if (this.#closed || transport.closed) return;
        const consumer = await transport
          .consume({
            id: params.id,
            producerId: params.producerId,
            kind: params.kind,
            rtpParameters: toClientRtpParameters(params.rtpParameters),
            streamId: streamIdFor(params.peerId, params.source),
            appData: { peerId: params.peerId, source: params.source },
          })
          .catch(() => null); // the join consumes it again if it is still wanted
        if (!consumer) return;
        if (this.#closed) consumer.close();
        else this.#consumers.set(consumer.id, consumer);
      }),
    );
  }

  /** The consumer set up here for `consumerId`, handed over (once). */
  take(consumerId: string): ms.Consumer | undefined {
    const consumer = this.#consumers.get(consumerId);
    this.#consumers.delete(consumerId);
    return consumer && !consumer.closed ? consumer : undefined;
  }

  /** Closes every consumer not taken (the join did not list them); later ones too. Idempotent. */
  close(): void {
    this.#closed = true;
    for (const consumer of this.#consumers.values()) consumer.close();
    this.#consumers.clear();
  }
}
